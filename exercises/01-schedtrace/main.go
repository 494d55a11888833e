// Command 01-schedtrace is the program of exercise 1: many goroutines each
// burn a fixed amount of CPU while GODEBUG=schedtrace prints the scheduler's
// summary line, at GOMAXPROCS 4 and then 1, over several rounds.
//
// Each round measures, back to back, the machine's parallel capacity (the
// same work on min(4, cores) locked threads against one), then the burst at
// GOMAXPROCS=4, then at GOMAXPROCS=1. Keeping the three within a fraction of
// a second of each other means a change in outside load hits all three
// alike. The SCHED lines tell which setting they belong to by their
// gomaxprocs field.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	n := flag.Int("n", 200, "goroutines")
	burnMs := flag.Float64("ms", 100, "milliseconds of CPU each goroutine burns")
	rounds := flag.Int("rounds", 1, "rounds")
	pause := flag.Duration("pause", 0, "idle time after each burst, so schedtrace can print")
	flag.Parse()

	units := int(prog.UnitsPerMs() * *burnMs)
	k := min(4, runtime.NumCPU())
	var wall4, wall1, capacity []float64
	for r := range *rounds {
		// The capacity is measured at the first setting, so every SCHED line
		// shows one of the two settings.
		runtime.GOMAXPROCS(4)
		capacity = append(capacity, prog.Capacity(k, units*10))
		for _, procs := range []int{4, 1} {
			runtime.GOMAXPROCS(procs)
			d := burst(*n, units)
			fmt.Printf("round %d: GOMAXPROCS=%d took %v\n", r+1, procs, d)
			if procs == 4 {
				wall4 = append(wall4, d.Seconds())
			} else {
				wall1 = append(wall1, d.Seconds())
			}
			time.Sleep(*pause)
		}
	}
	prog.Emit(map[string]any{"wall4_s": wall4, "wall1_s": wall1, "capacity": capacity})
}

// burst runs n goroutines of units work each and returns the wall time from
// the first spawn to the last end.
func burst(n, units int) time.Duration {
	var wg sync.WaitGroup
	start := time.Now()
	for range n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prog.Burn(units)
		}()
	}
	wg.Wait()
	return time.Since(start)
}
