// Package prog holds the few helpers the exercise programs share: a CPU
// burner with a fixed amount of work, its calibration, the measurement of
// the machine's real parallel capacity, and the RESULT line the runner
// reads.
package prog

import (
	"encoding/json"
	"fmt"
	"os"
	"runtime"
	"sync"
	"time"
)

var sink uint64

// Burn does units steps of a xorshift generator: pure CPU work, no memory
// traffic, that the compiler cannot remove. One unit is about a nanosecond.
func Burn(units int) {
	x := uint64(88172645463325252)
	for range units {
		x ^= x << 13
		x ^= x >> 7
		x ^= x << 17
	}
	sink += x
}

// UnitsPerMs measures how many Burn units one millisecond holds on this
// machine, as the best of five probes.
func UnitsPerMs() float64 {
	const probe = 1 << 22
	best := time.Hour
	for range 5 {
		start := time.Now()
		Burn(probe)
		best = min(best, time.Since(start))
	}
	return float64(probe) / (float64(best) / 1e6)
}

// Capacity measures how many CPU-bound threads the machine really runs at
// once, up to k: the same work on one locked thread, then on k locked
// threads side by side, as k x t(1) / t(k), each time the best of three and
// the result capped at k. It is the ceiling against which
// any speedup measured in the same run is judged; on a machine shared with
// other work it is below the core count. GOMAXPROCS is raised to k for the
// measurement and restored.
func Capacity(k, units int) float64 {
	return CapacityOf(k, func() { Burn(units) })
}

// CapacityOf is Capacity for any piece of work. The work matters: two SMT
// siblings of one core run a latency-bound loop like Burn almost twice as
// fast as one, but a loop that keeps the core's adders busy barely faster,
// so a speedup should be judged against the capacity for the same work.
func CapacityOf(k int, work func()) float64 {
	old := runtime.GOMAXPROCS(max(k, runtime.GOMAXPROCS(0)))
	defer runtime.GOMAXPROCS(old)
	run := func(threads int) time.Duration {
		var wg sync.WaitGroup
		start := time.Now()
		for range threads {
			wg.Add(1)
			go func() {
				defer wg.Done()
				runtime.LockOSThread()
				defer runtime.UnlockOSThread()
				work()
			}()
		}
		wg.Wait()
		return time.Since(start)
	}
	best := func(threads int) time.Duration {
		d := run(threads)
		for range 2 {
			d = min(d, run(threads))
		}
		return d
	}
	one, many := best(1), best(k)
	return min(float64(k), float64(k)*float64(one)/float64(many))
}

// Emit prints v as the program's RESULT line.
func Emit(v any) {
	b, err := json.Marshal(v)
	if err != nil {
		fmt.Fprintln(os.Stderr, "encoding the result:", err)
		os.Exit(1)
	}
	fmt.Printf("RESULT %s\n", b)
}
