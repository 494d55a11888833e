// Command 14-procpin is the program of exercise 14: per-P counters, each on
// its own cache line, incremented between runtime.procPin and
// runtime.procUnpin, which it reaches through go:linkname.
//
// go:linkname into the runtime is unsupported API: it may break with any
// release. It builds without -checklinkname=0 only because the runtime
// itself marks procPin and procUnpin as symbols that outside packages may
// pull (they are widely used that way), so the linker lets the reference
// through.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"sync"
	_ "unsafe" // for go:linkname

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

//go:linkname procPin runtime.procPin
func procPin() int

//go:linkname procUnpin runtime.procUnpin
func procUnpin()

// counter is one P's slot, padded to a cache line so Ps do not share one.
type counter struct {
	n uint64
	_ [56]byte
}

func main() {
	workers := flag.Int("g", 8, "goroutines")
	each := flag.Int("n", 1000000, "increments per goroutine")
	flag.Parse()

	counters := make([]counter, runtime.GOMAXPROCS(0))
	var wg sync.WaitGroup
	for range *workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range *each {
				// While pinned the goroutine cannot be preempted or moved,
				// so no other goroutine touches this P's slot meanwhile.
				p := procPin()
				counters[p].n++
				procUnpin()
			}
		}()
	}
	wg.Wait()
	var sum uint64
	var per []uint64
	for _, c := range counters {
		sum += c.n
		per = append(per, c.n)
	}
	fmt.Printf("sum %d over %d Ps: %v\n", sum, len(counters), per)
	prog.Emit(map[string]any{"sum": sum, "want": uint64(*workers) * uint64(*each), "per_p": per})
}
