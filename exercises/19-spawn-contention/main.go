// Command 19-spawn-contention is the program of exercise 19: one producer
// starts goroutines as fast as it can, benchmarked with testing.Benchmark
// at several GOMAXPROCS values, with the mutex profile on so the runtime's
// own lock contention is recorded. It writes the profile as mutex.pprof and
// in text form as mutex.txt.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/pprof"
	"strconv"
	"strings"
	"sync"
	"sync/atomic"
	"testing"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

var (
	wg      sync.WaitGroup
	counter atomic.Int64
)

// child is the spawned goroutine: a tiny piece of shared work.
func child() {
	counter.Add(1)
	wg.Done()
}

func benchSpawn(b *testing.B) {
	for range b.N {
		wg.Add(1)
		go child()
	}
	wg.Wait()
}

func main() {
	testing.Init()
	cpus := flag.String("cpu", "2,4,8,16,32", "GOMAXPROCS values")
	benchtime := flag.String("benchtime", "1s", "time per benchmark")
	flag.Parse()
	if err := flag.Set("test.benchtime", *benchtime); err != nil {
		panic(err)
	}
	runtime.SetMutexProfileFraction(1)
	var rows []map[string]any
	for _, f := range strings.Split(*cpus, ",") {
		p, err := strconv.Atoi(f)
		if err != nil {
			panic(err)
		}
		runtime.GOMAXPROCS(p)
		r := testing.Benchmark(benchSpawn)
		ns := float64(r.T.Nanoseconds()) / float64(r.N)
		fmt.Printf("cpu=%d %s\n", p, r)
		rows = append(rows, map[string]any{"cpu": p, "ns": ns})
	}
	for _, out := range []struct {
		name  string
		debug int
	}{{"mutex.pprof", 0}, {"mutex.txt", 1}} {
		f, err := os.Create(out.name)
		if err != nil {
			panic(err)
		}
		if err := pprof.Lookup("mutex").WriteTo(f, out.debug); err != nil {
			panic(err)
		}
		if err := f.Close(); err != nil {
			panic(err)
		}
	}
	prog.Emit(map[string]any{"rows": rows})
}
