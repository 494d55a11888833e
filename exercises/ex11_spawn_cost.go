package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 11, Name: "spawn-cost", Title: "Cost of go f()", Level: "middle",
		Needs: Needs{Cores: 1}, Run: run11,
	})
}

// measure11 is what the exercise 11 program printed, one row per -cpu value.
type measure11 struct {
	Rows []struct {
		CPU         int     `json:"cpu"`
		SpawnNs     float64 `json:"spawn_ns"`
		SpawnBytes  int64   `json:"spawn_bytes"`
		SpawnAllocs int64   `json:"spawn_allocs"`
		ChanNs      float64 `json:"chan_ns"`
		ChanBytes   int64   `json:"chan_bytes"`
	} `json:"rows"`
}

func run11(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure11
	args := []string{"-cpu", "1,4,16", "-benchtime", Pick(env, "150ms", "1s")}
	if _, err := env.Run(Cmd{Label: "bench", Bin: bin, Args: args}, &m); err != nil {
		return nil, err
	}
	return &Result{Checks: check11(m), Report: report11(m)}, nil
}

// check11 judges exercise 11 at every -cpu value.
func check11(m measure11) []Check {
	if len(m.Rows) == 0 {
		return []Check{Holds("benchmarks ran", false, "0 rows", "≥ 1")}
	}
	var checks []Check
	for _, r := range m.Rows {
		checks = append(checks,
			Equal(fmt.Sprintf("cpu=%d: spawn B/op", r.CPU), r.SpawnBytes, 0),
			Between(fmt.Sprintf("cpu=%d: spawn / channel round trip", r.CPU), r.SpawnNs/r.ChanNs, 0.1, 10))
	}
	return checks
}

func report11(m measure11) string {
	var b strings.Builder
	b.WriteString("## What ran\n\n`go done()` with an empty body, against one send and reply through " +
		"a 16-worker channel dispatch, with testing.Benchmark at each GOMAXPROCS:\n\n")
	b.WriteString("| cpu | spawn ns/op | spawn B/op | allocs/op | round trip ns/op | ratio |\n|---|---|---|---|---|---|\n")
	for _, r := range m.Rows {
		fmt.Fprintf(&b, "| %d | %.0f | %d | %d | %.0f | %.2f |\n", r.CPU, r.SpawnNs, r.SpawnBytes,
			r.SpawnAllocs, r.ChanNs, r.SpawnNs/r.ChanNs)
	}
	b.WriteString(`
Starting a goroutine costs about as much as one channel round trip, and in
steady state allocates nothing. The reason is the free-G cache: when a
goroutine exits, its g struct, with its stack if it is the starting size, goes
onto its P's free list (gfreecnt in a scheddetail P line counts them), and the
next go statement on that P takes one from there instead of allocating. When a
P's list reaches 64 it moves goroutines to a global list, under its lock, until
32 remain; a P whose list is empty refills up to 32 from the global list. So
only the spawns made before enough goroutines have died allocate; the warm-up
run absorbs them, and the program spawns in batches of 64 so that dead
goroutines are there to reuse even at GOMAXPROCS=1. The measured run reports
0 B/op.
The function is a plain top-level one: a closure capturing variables would be
allocated at each go statement.
`)
	return b.String()
}
