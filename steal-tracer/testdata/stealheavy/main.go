// Command stealheavy is a small program that makes the Go scheduler steal
// work often, for testing the steal tracer.
//
// Usage:
//
//	stealheavy -trace out.trace [-procs 4] [-bursts 200] [-width 64] [-work 20000] [-pause 0]
//
// One goroutine spawns bursts of short CPU-bound goroutines and waits for
// each burst to finish. New goroutines land on the spawner's run queue, so
// the other Ps, idle between bursts, steal from it. A burst is kept under
// 128 goroutines so that no run queue overflows into the global queue, and
// GOMAXPROCS is set once, before tracing starts, and never changed while the
// trace runs. A pause between bursts stretches the run over several trace
// generations (the runtime starts a new one about every second).
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"sync"
	"time"
)

func main() {
	out := flag.String("trace", "", "write the execution trace to this `file` (required)")
	procs := flag.Int("procs", 4, "GOMAXPROCS for the whole run")
	bursts := flag.Int("bursts", 200, "number of bursts")
	width := flag.Int("width", 64, "goroutines per burst (at most 127)")
	work := flag.Int("work", 20000, "loop iterations of CPU work per goroutine")
	pause := flag.Duration("pause", 0, "sleep between bursts")
	flag.Parse()
	if *out == "" || *width < 1 || *width > 127 || *procs < 2 {
		fmt.Fprintln(os.Stderr, "usage: stealheavy -trace FILE [-procs N>=2] [-bursts N] "+
			"[-width 1..127] [-work N] [-pause D]")
		os.Exit(2)
	}
	if err := run(*out, *procs, *bursts, *width, *work, *pause); err != nil {
		fmt.Fprintf(os.Stderr, "stealheavy: %v\n", err)
		os.Exit(1)
	}
}

func run(out string, procs, bursts, width, work int, pause time.Duration) error {
	runtime.GOMAXPROCS(procs)
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	if err := trace.Start(f); err != nil {
		f.Close()
		return fmt.Errorf("starting trace: %w", err)
	}
	sink := spawnBursts(bursts, width, work, pause)
	trace.Stop()
	if err := f.Close(); err != nil {
		return err
	}
	if sink == 42 {
		fmt.Println("unlikely")
	}
	return nil
}

// spawnBursts runs the bursts from a single goroutine and returns a value
// derived from the work so the compiler keeps it.
func spawnBursts(bursts, width, work int, pause time.Duration) uint64 {
	var (
		wg  sync.WaitGroup
		mu  sync.Mutex
		sum uint64
	)
	for range bursts {
		wg.Add(width)
		for i := range width {
			go func() {
				defer wg.Done()
				v := spin(uint64(i), work)
				mu.Lock()
				sum += v
				mu.Unlock()
			}()
		}
		wg.Wait()
		time.Sleep(pause)
	}
	return sum
}

// spin burns CPU for n iterations of a cheap hash.
func spin(seed uint64, n int) uint64 {
	x := seed | 1
	for range n {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	return x
}
