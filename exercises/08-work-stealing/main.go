// Command 08-work-stealing is exercise 8's program: one goroutine spawns a
// tight burst of CPU-bound goroutines, and the idle Ps steal them from the
// spawning P's run queue.
//
// Run it under the patched toolchain with the execution trace on, and
// stealview shows each steal: thief P, victim P, goroutines moved.
//
//	GOMAXPROCS=4 ../../bin/go run . -trace trace.out
//
// With -bursts above 1 it repeats the burst after the previous one
// finished, which gives the steal-record truth check enough steals. Every
// burst stays far below 128 goroutines, so no run queue overflows into the
// global queue (which the trace does not show as a steal).
//
// Each burst's spawning loop is a trace region called "burst", so a reader
// of the trace knows which goroutines belong to a burst: those created
// inside the region by the goroutine that opened it.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"sync"
	"time"
)

func main() {
	tracePath := flag.String("trace", "", "write the execution trace to this `file`")
	goroutines := flag.Int("goroutines", 16, "goroutines spawned per burst (at most 100)")
	work := flag.Duration("work", 50*time.Millisecond, "CPU time each goroutine burns")
	bursts := flag.Int("bursts", 1, "number of bursts, one after the other")
	yield := flag.Bool("yield", false, "call runtime.Gosched between spawns (the levelled variant)")
	flag.Parse()
	if err := run(*tracePath, *goroutines, *work, *bursts, *yield); err != nil {
		fmt.Fprintln(os.Stderr, "08-work-stealing:", err)
		os.Exit(1)
	}
}

func run(tracePath string, goroutines int, work time.Duration, bursts int, yield bool) error {
	if goroutines < 1 || goroutines > 100 {
		return fmt.Errorf("-goroutines %d: want 1 to 100, so that no run queue overflows", goroutines)
	}
	if bursts < 1 {
		return fmt.Errorf("-bursts %d: want at least 1", bursts)
	}
	if tracePath != "" {
		f, err := os.Create(tracePath)
		if err != nil {
			return fmt.Errorf("creating trace file: %w", err)
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			return fmt.Errorf("starting trace: %w", err)
		}
		defer trace.Stop()
	}

	start := time.Now()
	var sink uint64
	var mu sync.Mutex
	for range bursts {
		var wg sync.WaitGroup
		region := trace.StartRegion(context.Background(), "burst")
		for range goroutines {
			wg.Add(1)
			go func() {
				defer wg.Done()
				v := burn(work)
				mu.Lock()
				sink += v
				mu.Unlock()
			}()
			if yield {
				runtime.Gosched()
			}
		}
		region.End()
		wg.Wait()
	}
	fmt.Printf("gomaxprocs=%d bursts=%d goroutines=%d work=%v yield=%v elapsed=%v checksum=%d\n",
		runtime.GOMAXPROCS(0), bursts, goroutines, work, yield, time.Since(start).Round(time.Millisecond), sink%1000)
	return nil
}

// burn keeps a CPU busy for about d and returns a value that depends on
// the work done, so the compiler cannot drop the loop.
func burn(d time.Duration) uint64 {
	deadline := time.Now().Add(d)
	var x uint64 = 1
	for time.Now().Before(deadline) {
		for i := 0; i < 1000; i++ {
			x = x*6364136223846793005 + 1442695040888963407
		}
	}
	return x
}
