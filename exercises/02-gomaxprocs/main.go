// Command 02-gomaxprocs is the program of exercise 2: it sums 1..N split
// across P workers, each with its own accumulator, for each GOMAXPROCS P in
// a list, keeping the best of several runs, and measures the machine's real
// parallel capacity in every round (the same work on two locked threads
// against one). It prints every round's times.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

// padded keeps each worker's accumulator on its own cache line.
type padded struct {
	sum uint64
	_   [56]byte
}

func main() {
	n := flag.Uint64("n", 1e9, "sum 1..n")
	procs := flag.String("p", "1,2,4,8", "GOMAXPROCS values")
	runs := flag.Int("runs", 3, "runs per value; the best counts")
	flag.Parse()

	var ps []int
	for _, f := range strings.Split(*procs, ",") {
		p, err := strconv.Atoi(f)
		if err != nil {
			panic(err)
		}
		ps = append(ps, p)
	}
	times := map[int][]int64{}
	var capacities []float64
	// Rounds go over every P in turn, so a disturbance from elsewhere spreads
	// over all values rather than spoiling one.
	for range *runs {
		for _, p := range ps {
			runtime.GOMAXPROCS(p)
			times[p] = append(times[p], sum(*n, p).Nanoseconds())
		}
		// The same work as one worker of the P=2 run: the first half of the sum.
		capacities = append(capacities, prog.CapacityOf(2, func() { sumRange(1, *n/2) }))
	}
	out := map[string]any{"capacity": capacities, "cores": runtime.NumCPU()}
	var rows []map[string]any
	for _, p := range ps {
		fmt.Printf("P=%d times %v ns\n", p, times[p])
		rows = append(rows, map[string]any{"p": p, "ns": times[p]})
	}
	out["rows"] = rows
	prog.Emit(out)
}

// sum adds 1..n across workers goroutines and returns the time taken.
func sum(n uint64, workers int) time.Duration {
	acc := make([]padded, workers)
	var wg sync.WaitGroup
	start := time.Now()
	chunk := n / uint64(workers)
	for w := range workers {
		lo := uint64(w)*chunk + 1
		hi := lo + chunk - 1
		if w == workers-1 {
			hi = n
		}
		wg.Add(1)
		go func() {
			defer wg.Done()
			acc[w].sum = sumRange(lo, hi)
		}()
	}
	wg.Wait()
	d := time.Since(start)
	var total uint64
	for _, a := range acc {
		total += a.sum
	}
	if total != n*(n+1)/2 {
		panic(fmt.Sprintf("sum 1..%d = %d, want %d", n, total, n*(n+1)/2))
	}
	return d
}

// sumRange adds lo..hi in one accumulator.
func sumRange(lo, hi uint64) uint64 {
	var s uint64
	for i := lo; i <= hi; i++ {
		s += i
	}
	return s
}
