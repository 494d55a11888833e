package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 12, Name: "gosched-cost", Title: "Cost of Gosched", Level: "middle",
		Needs: Needs{Cores: 1}, Run: run12,
	})
}

// measure12 is what the exercise 12 program printed; K = 0 is the plain loop.
type measure12 struct {
	Steps int `json:"steps"`
	Rows  []struct {
		K  int     `json:"k"`
		Ns float64 `json:"ns"`
	} `json:"rows"`
}

func run12(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure12
	args := []string{"-steps", "10000", "-reps", Pick(env, "300", "2000"), "-rounds", Pick(env, "7", "9")}
	cmd := Cmd{Label: "gosched-cost", Bin: bin, Args: args, Env: []string{"GOMAXPROCS=1"}}
	if _, err := env.Run(cmd, &m); err != nil {
		return nil, err
	}
	var xs, ys []float64
	for _, r := range m.Rows[1:] {
		xs = append(xs, float64(r.K))
		ys = append(ys, r.Ns/m.Rows[0].Ns)
	}
	plot, err := env.SavePlot(Plot{File: "cost-vs-k.png", Title: "Loop time with a yield every K steps",
		XLabel: "K", YLabel: "time / plain loop", LogX: true,
		Series: []Series{{Name: "measured", X: xs, Y: ys}}})
	if err != nil {
		return nil, err
	}
	return &Result{Checks: check12(m), Report: report12(m), Plots: []string{plot}}, nil
}

// check12 judges exercise 12. Row 0 is the plain loop; the others are in
// increasing K.
func check12(m measure12) []Check {
	if len(m.Rows) < 3 || m.Rows[0].K != 0 {
		return []Check{Holds("plain loop and at least two K values measured", false,
			fmt.Sprint(len(m.Rows)), "≥ 3 rows, first K=0")}
	}
	plain := m.Rows[0].Ns
	perStep := plain / float64(m.Steps)
	k1 := m.Rows[1]
	yields := float64(m.Steps / k1.K)
	perYield := (k1.Ns - plain) / yields
	claim := fmt.Sprintf("one yield / one plain step (from K=%d)", k1.K)
	checks := []Check{AtLeast(claim, perYield/perStep, 10)}
	for i := 2; i < len(m.Rows); i++ {
		prev, cur := m.Rows[i-1], m.Rows[i]
		checks = append(checks, AtMost(fmt.Sprintf("overhead at K=%d / overhead at K=%d", cur.K, prev.K),
			cur.Ns/prev.Ns, 1.10))
	}
	last := m.Rows[len(m.Rows)-1]
	checks = append(checks, AtMost(fmt.Sprintf("time at K=%d / plain loop", last.K), last.Ns/plain, 2))
	return checks
}

func report12(m measure12) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## What ran\n\nA %d-step summing loop at GOMAXPROCS=1, plain and with "+
		"runtime.Gosched every K steps; best of several rounds of many repetitions.\n\n", m.Steps)
	b.WriteString("| K | time per loop | / plain |\n|---|---|---|\n")
	for _, r := range m.Rows {
		k := fmt.Sprint(r.K)
		if r.K == 0 {
			k = "plain"
		}
		fmt.Fprintf(&b, "| %s | %.0f ns | %.2f |\n", k, r.Ns, r.Ns/m.Rows[0].Ns)
	}
	b.WriteString(`
A plain step is an add and a shift, a fraction of a nanosecond. A yield goes
through the scheduler: save the goroutine's state, put it on the global run
queue under the scheduler lock, run schedule() to pick the next goroutine (here
the same one, since nothing else is runnable) and switch back. That costs tens
to hundreds of steps, so yielding every step multiplies the loop's time, and
the overhead shrinks in proportion as K grows, until at K=1000 it is small.
`)
	return b.String()
}
