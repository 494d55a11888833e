// Command sentinel is the program the toolchain sentinel builds with the
// toolchain under test: it prints runtime.Version() and writes an
// execution trace of repeated bursts of CPU-bound goroutines, which makes
// idle Ps steal work. A patched runtime records those steals.
package main

import (
	"fmt"
	"os"
	"runtime"
	"runtime/trace"
	"sync"
	"time"
)

func main() {
	if len(os.Args) != 2 {
		fmt.Fprintln(os.Stderr, "usage: sentinel TRACEFILE")
		os.Exit(2)
	}
	f, err := os.Create(os.Args[1])
	if err != nil {
		fmt.Fprintln(os.Stderr, "sentinel:", err)
		os.Exit(1)
	}
	if err := trace.Start(f); err != nil {
		fmt.Fprintln(os.Stderr, "sentinel: starting trace:", err)
		os.Exit(1)
	}
	for range 20 {
		var wg sync.WaitGroup
		for range 16 {
			wg.Go(func() { spin(time.Millisecond) })
		}
		wg.Wait()
	}
	trace.Stop()
	if err := f.Close(); err != nil {
		fmt.Fprintln(os.Stderr, "sentinel: closing trace:", err)
		os.Exit(1)
	}
	fmt.Println(runtime.Version())
}

// spin keeps the CPU busy for about d.
func spin(d time.Duration) {
	for end := time.Now().Add(d); time.Now().Before(end); {
	}
}
