// Command 21-many-procs is the program of exercise 21: many CPU-bound jobs
// run at one GOMAXPROCS value; it reports the wall time and the context
// switches of the whole process (every thread) from getrusage(RUSAGE_SELF).
// /proc/self/status would count only the main thread's.
package main

import (
	"flag"
	"fmt"
	"sync"
	"syscall"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	jobs := flag.Int("jobs", 200, "jobs")
	units := flag.Int("units", 0, "work units per job")
	calibrate := flag.Bool("calibrate", false, "print the work units in one millisecond and exit")
	flag.Parse()
	if *calibrate {
		prog.Emit(map[string]any{"units_per_ms": prog.UnitsPerMs()})
		return
	}

	before := rusage()
	var wg sync.WaitGroup
	start := time.Now()
	for range *jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			prog.Burn(*units)
		}()
	}
	wg.Wait()
	wall := time.Since(start)
	after := rusage()
	vol, invol := after.Nvcsw-before.Nvcsw, after.Nivcsw-before.Nivcsw
	fmt.Printf("%d jobs in %v; context switches: %d voluntary, %d involuntary\n",
		*jobs, wall, vol, invol)
	prog.Emit(map[string]any{"wall_ns": wall.Nanoseconds(), "voluntary": vol, "involuntary": invol})
}

func rusage() syscall.Rusage {
	var ru syscall.Rusage
	if err := syscall.Getrusage(syscall.RUSAGE_SELF, &ru); err != nil {
		panic(err)
	}
	return ru
}
