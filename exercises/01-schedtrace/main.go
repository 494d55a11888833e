// Command 01-schedtrace is the program of exercise 1: many goroutines each
// burn a fixed amount of CPU while GODEBUG=schedtrace prints the scheduler's
// summary line. It reports the wall time from the first spawn to the last
// goroutine's end.
//
// With -calibrate it instead prints how many work units one millisecond of
// CPU holds, so the runner can give every run the same amount of work; with
// -capacity K it prints the machine's measured parallel capacity up to K.
package main

import (
	"flag"
	"fmt"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	n := flag.Int("n", 200, "goroutines")
	units := flag.Int("units", 0, "work units each goroutine burns")
	calibrate := flag.Bool("calibrate", false, "print the work units in one millisecond and exit")
	capacity := flag.Int("capacity", 0, "print the parallel capacity up to this many threads and exit")
	flag.Parse()

	switch {
	case *calibrate:
		prog.Emit(map[string]any{"units_per_ms": prog.UnitsPerMs()})
		return
	case *capacity > 0:
		prog.Emit(map[string]any{"capacity": prog.Capacity(*capacity, *units)})
		return
	}

	var wg sync.WaitGroup
	start := time.Now()
	for range *n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prog.Burn(*units)
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	fmt.Printf("%d goroutines done in %v\n", *n, wall)
	prog.Emit(map[string]any{"wall_ns": wall.Nanoseconds()})
}
