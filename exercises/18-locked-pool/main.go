// Command 18-locked-pool is the program of exercise 18: a pool of workers
// takes CPU jobs of about a millisecond from a channel, and the program
// measures each job's wait from arrival to start, and the runtime's
// /sched/latencies:seconds, with the workers free and with every worker
// locked to its thread by runtime.LockOSThread. The two variants alternate
// over several rounds and their samples are pooled.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

type job struct{ arrived time.Time }

func main() {
	workers := flag.Int("workers", 16, "workers")
	jobs := flag.Int("jobs", 400, "jobs per round and variant")
	units := flag.Int("units", 1000000, "work units per job")
	gap := flag.Duration("gap", 2*time.Millisecond, "time between bursts of arrivals")
	burst := flag.Int("burst", 2, "jobs per burst")
	rounds := flag.Int("rounds", 2, "rounds")
	flag.Parse()

	waits := map[bool][]int64{}
	sched := map[bool]prog.Histogram{}
	for range *rounds {
		for _, locked := range []bool{false, true} {
			before := prog.ReadHistogram("/sched/latencies:seconds")
			waits[locked] = append(waits[locked], pool(*workers, *jobs, *units, *gap, *burst, locked)...)
			d := prog.ReadHistogram("/sched/latencies:seconds").Since(before)
			if prev, ok := sched[locked]; ok {
				for i := range d.Counts {
					d.Counts[i] += prev.Counts[i]
				}
			}
			sched[locked] = d
		}
	}
	out := map[string]any{}
	for _, locked := range []bool{false, true} {
		name := map[bool]string{false: "free", true: "locked"}[locked]
		out[name] = map[string]any{"waits_ns": waits[locked],
			"sched_p99_ns": sched[locked].Quantile(0.99) * 1e9}
		fmt.Printf("%s: %d jobs\n", name, len(waits[locked]))
	}
	prog.Emit(out)
}

// pool runs one round and returns each job's arrival-to-start wait in ns.
func pool(workers, n, units int, gap time.Duration, burst int, locked bool) []int64 {
	ch := make(chan job, n)
	var mu sync.Mutex
	var waits []int64
	var wg sync.WaitGroup
	for range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if locked {
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
			}
			for j := range ch {
				w := time.Since(j.arrived).Nanoseconds()
				prog.Burn(units)
				mu.Lock()
				waits = append(waits, w)
				mu.Unlock()
			}
		}()
	}
	for sent := 0; sent < n; {
		for range burst {
			ch <- job{arrived: time.Now()}
			sent++
		}
		time.Sleep(gap)
	}
	close(ch)
	wg.Wait()
	return waits
}
