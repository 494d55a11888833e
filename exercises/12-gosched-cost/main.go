// Command 12-gosched-cost is the program of exercise 12: a summing loop of a
// fixed number of steps, run plain and yielding with runtime.Gosched every
// K steps, each variant timed as the best of many repetitions.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"strconv"
	"strings"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

var sink int

// loop sums steps values, yielding every k steps; k = 0 never yields. It is
// kept out of line so both variants pay the same call.
//
//go:noinline
func loop(steps, k int) int {
	s := 0
	left := k // steps until the next yield; a countdown, since a modulo would cost more than a step
	for i := range steps {
		s += i ^ (s >> 3)
		left--
		if left == 0 {
			runtime.Gosched()
			left = k
		}
	}
	return s
}

func main() {
	steps := flag.Int("steps", 10000, "loop steps")
	ks := flag.String("k", "1,10,100,1000", "yield every K steps")
	reps := flag.Int("reps", 2000, "repetitions per round; the best round time counts")
	rounds := flag.Int("rounds", 5, "rounds over all variants")
	flag.Parse()

	variants := []int{0}
	for _, f := range strings.Split(*ks, ",") {
		k, err := strconv.Atoi(f)
		if err != nil {
			panic(err)
		}
		variants = append(variants, k)
	}
	best := make([]time.Duration, len(variants))
	for range *rounds {
		for i, k := range variants {
			start := time.Now()
			for range *reps {
				sink += loop(*steps, k)
			}
			d := time.Since(start) / time.Duration(*reps)
			if best[i] == 0 || d < best[i] {
				best[i] = d
			}
		}
	}
	var rows []map[string]any
	for i, k := range variants {
		fmt.Printf("K=%d: %v per loop\n", k, best[i])
		rows = append(rows, map[string]any{"k": k, "ns": float64(best[i].Nanoseconds())})
	}
	prog.Emit(map[string]any{"steps": *steps, "rows": rows})
}
