// Command 22-gc-assist is the program of exercise 22: workers allocate
// small objects, keeping a few megabytes live, first flat out and then at a
// quarter of that rate (each worker allocates in batches
// paced to a quarter of the rate measured in the first phase). Every sample
// period it records the p99 of
// /sched/latencies:seconds and of /gc/pauses:seconds over the period, and
// the GC assist CPU and bytes allocated during it.
package main

import (
	"flag"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

// node is the small object the workers allocate.
type node struct {
	next *node
	val  [4]int64
}

// batch is the number of objects a worker allocates between pacing checks.
const batch = 2000

func main() {
	workers := flag.Int("workers", 4, "allocating workers")
	phase := flag.Duration("phase", 3*time.Second, "length of each phase")
	every := flag.Duration("every", 500*time.Millisecond, "sample period")
	live := flag.Int("live", 1<<16, "objects each worker keeps live")
	flag.Parse()

	// pace is zero in the first phase; in the second it is the time each
	// worker must spend per batch to allocate at a quarter of the first
	// phase's rate.
	var pace atomic.Int64
	var batches atomic.Int64
	stop := make(chan struct{})
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			keep := make([]*node, *live)
			var due time.Time
			for i := 0; ; i++ {
				select {
				case <-stop:
					return
				default:
				}
				for j := range batch {
					keep[(i*batch+j)%len(keep)] = &node{val: [4]int64{int64(j)}}
				}
				batches.Add(1)
				if p := time.Duration(pace.Load()); p > 0 {
					// Sleep until this worker's next batch is due.
					if due.IsZero() {
						due = time.Now()
					}
					due = due.Add(p)
					time.Sleep(time.Until(due))
				}
			}
		}()
	}

	var samples []map[string]any
	t0 := time.Now()
	for _, low := range []bool{false, true} {
		if low {
			// Batches per second per worker in the first phase, cut by 4.
			rate := float64(batches.Load()) / time.Since(t0).Seconds() / float64(*workers)
			pace.Store(int64(float64(time.Second) / (rate / 4)))
		}
		end := time.Now().Add(*phase)
		for time.Now().Before(end) {
			sched0 := prog.ReadHistogram("/sched/latencies:seconds")
			pause0 := prog.ReadHistogram("/gc/pauses:seconds")
			assist0 := prog.ReadFloat("/cpu/classes/gc/mark/assist:cpu-seconds")
			alloc0 := prog.ReadFloat("/gc/heap/allocs:bytes")
			time.Sleep(*every)
			s := map[string]any{
				"t_s":          time.Since(t0).Seconds(),
				"low":          low,
				"sched_p99_s":  prog.ReadHistogram("/sched/latencies:seconds").Since(sched0).Quantile(0.99),
				"pause_p99_s":  prog.ReadHistogram("/gc/pauses:seconds").Since(pause0).Quantile(0.99),
				"assist_cpu_s": prog.ReadFloat("/cpu/classes/gc/mark/assist:cpu-seconds") - assist0,
				"alloc_bytes":  prog.ReadFloat("/gc/heap/allocs:bytes") - alloc0,
			}
			samples = append(samples, s)
			fmt.Println(s)
		}
	}
	close(stop)
	wg.Wait()
	prog.Emit(map[string]any{"samples": samples, "every_s": every.Seconds()})
}
