package summary

import (
	"os"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

func compute(t *testing.T, name string, opt Options) *Summary {
	t.Helper()
	f, err := os.Open("../testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	s, err := Compute(f, opt)
	if err != nil {
		t.Fatal(err)
	}
	return s
}

func TestCompute(t *testing.T) {
	// The five steals of go126-3gen-steals.trace, in nanoseconds from the
	// first event (535305767488): 3032512 (P1 from P0, 3 moved), 54232512
	// (P3 from P1), 374232512 (P2 from P0, runnext), 1078232512 (P0 from P2)
	// and 1654232512 (P1 from P3, 2 moved).
	stats := stealtracer.Stats{Version: 26, Bytes: 16438, Batches: 32, Generations: 3,
		StealBatches: 4, StealBytes: 142, Steals: 5, Moved: 8}
	procs := func(c ...int) []ProcCount {
		var out []ProcCount
		for p := 0; p < len(c); p += 2 {
			out = append(out, ProcCount{P: p / 2, Steals: c[p], Moved: c[p+1]})
		}
		return out
	}
	tests := []struct {
		name string
		file string
		opt  Options
		want *Summary
	}{{
		name: "steals, 400ms window, 4 bins",
		file: "go126-3gen-steals.trace",
		opt:  Options{Window: 400 * time.Millisecond, Bins: 4},
		want: &Summary{
			Stats: stats, Duration: 2492571009, GOMAXPROCS: 4, Steals: 5, Moved: 8, RunNext: 1,
			Thieves: procs(1, 1, 2, 5, 1, 1, 1, 1),
			Victims: procs(2, 4, 1, 1, 1, 1, 1, 2),
			Matrix:  [][]int{{0, 0, 1, 0}, {1, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}},
			Busiest: Interval{Start: 3032512, End: 403032512, Steals: 3},
			Window:  400e6,
			Gained:  [][]int{{0, 1, 0, 0}, {3, 0, 2, 0}, {1, 0, 0, 0}, {1, 0, 0, 0}},
			// 2492571009 / 4
			BinWidth: 623142752.25,
		},
	}, {
		name: "steals, defaults",
		file: "go126-3gen-steals.trace",
		want: &Summary{
			Stats: stats, Duration: 2492571009, GOMAXPROCS: 4, Steals: 5, Moved: 8, RunNext: 1,
			Thieves: procs(1, 1, 2, 5, 1, 1, 1, 1),
			Victims: procs(2, 4, 1, 1, 1, 1, 1, 2),
			Matrix:  [][]int{{0, 0, 1, 0}, {1, 0, 0, 1}, {1, 0, 0, 0}, {0, 1, 0, 0}},
			Busiest: Interval{Start: 3032512, End: 4032512, Steals: 1},
			Window:  1e6,
			Gained: gained(4, 100, map[[2]int]int{
				{1, 0}: 3, {3, 2}: 1, {2, 15}: 1, {0, 43}: 1, {1, 66}: 2}),
			// 2492571009 / 100
			BinWidth: 24925710.09,
		},
	}, {
		name: "no steals",
		file: "go126-3gen.trace",
		want: &Summary{
			Stats: stealtracer.Stats{Version: 26, Bytes: 16296, Batches: 28, Generations: 3},
			// The last event is 2492571009ns after the first, as with steals.
			Duration: 2492571009, GOMAXPROCS: 4,
			Thieves: procs(0, 0, 0, 0, 0, 0, 0, 0),
			Victims: procs(0, 0, 0, 0, 0, 0, 0, 0),
			Matrix:  [][]int{{0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}, {0, 0, 0, 0}},
			Window:  1e6, Gained: gained(4, 100, nil), BinWidth: 24925710.09,
		},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := compute(t, tt.file, tt.opt)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Compute (-want +got):\n%s", diff)
			}
		})
	}
}

// gained builds a procs × bins grid with the given non-zero cells.
func gained(procs, bins int, cells map[[2]int]int) [][]int {
	g := make([][]int, procs)
	for p := range g {
		g[p] = make([]int, bins)
	}
	for pb, n := range cells {
		g[pb[0]][pb[1]] = n
	}
	return g
}
