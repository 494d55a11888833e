// Command 11-spawn-cost is the program of exercise 11: it benchmarks
// starting an empty goroutine against one round trip through a 16-worker
// channel dispatch, at several GOMAXPROCS values, with testing.Benchmark.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

var wg sync.WaitGroup

// done is the empty goroutine's body: a plain function, so the go
// statement needs no closure and allocates nothing itself.
func done() { wg.Done() }

// batch bounds the goroutines alive at once. Without it, at GOMAXPROCS=1
// the spawner would queue all b.N goroutines before any ran, and each would
// need a fresh g; with it, dead goroutines are reused, the steady state the
// benchmark is about.
const batch = 64

func benchSpawn(b *testing.B) {
	b.ReportAllocs()
	for i := range b.N {
		wg.Add(1)
		go done()
		if i%batch == batch-1 {
			wg.Wait()
		}
	}
	wg.Wait()
}

func benchDispatch(b *testing.B) {
	b.ReportAllocs()
	jobs, replies := make(chan int), make(chan int)
	var workers sync.WaitGroup
	for range 16 {
		workers.Add(1)
		go func() {
			defer workers.Done()
			for j := range jobs {
				replies <- j
			}
		}()
	}
	b.ResetTimer()
	for i := range b.N {
		jobs <- i
		<-replies
	}
	b.StopTimer()
	close(jobs)
	workers.Wait()
}

func main() {
	testing.Init()
	cpus := flag.String("cpu", "1,4,16", "GOMAXPROCS values")
	benchtime := flag.String("benchtime", "1s", "time per benchmark")
	flag.Parse()
	if err := flag.Set("test.benchtime", *benchtime); err != nil {
		panic(err)
	}
	var rows []map[string]any
	for _, f := range strings.Split(*cpus, ",") {
		p, err := strconv.Atoi(f)
		if err != nil {
			panic(err)
		}
		runtime.GOMAXPROCS(p)
		// Warm the per-P free lists so the measured spawns reuse goroutines.
		testing.Benchmark(benchSpawn)
		s := testing.Benchmark(benchSpawn)
		d := testing.Benchmark(benchDispatch)
		fmt.Printf("cpu=%d spawn: %s %s\n      dispatch: %s %s\n", p, s, s.MemString(), d, d.MemString())
		rows = append(rows, map[string]any{"cpu": p,
			"spawn_ns": float64(s.T.Nanoseconds()) / float64(s.N), "spawn_bytes": s.AllocedBytesPerOp(),
			"spawn_allocs": s.AllocsPerOp(),
			"chan_ns":      float64(d.T.Nanoseconds()) / float64(d.N), "chan_bytes": d.AllocedBytesPerOp()})
	}
	prog.Emit(map[string]any{"rows": rows})
}
