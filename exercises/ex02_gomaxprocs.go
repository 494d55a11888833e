package exercises

import (
	"fmt"
	"math"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 2, Name: "gomaxprocs", Title: "GOMAXPROCS scan", Level: "junior",
		Needs: Needs{Cores: 2}, SkipBelowCores: 2, Run: run02,
	})
}

// measure02 is what the exercise 2 program printed: per round, the time at
// each P and the capacity measured right after.
type measure02 struct {
	Cores    int       `json:"cores"`
	Capacity []float64 `json:"capacity"`
	Rows     []struct {
		P  int     `json:"p"`
		Ns []int64 `json:"ns"`
	} `json:"rows"`
}

// speedups returns P and the speedup of the best times over the first row's.
func (m measure02) speedups() (ps []int, sp []float64) {
	for _, r := range m.Rows {
		ps = append(ps, r.P)
		sp = append(sp, bestNs(m.Rows[0].Ns)/bestNs(r.Ns))
	}
	return ps, sp
}

// roundSpeedups returns the speedups over P=1 measured within round i.
func (m measure02) roundSpeedups(i int) []float64 {
	var sp []float64
	for _, r := range m.Rows {
		sp = append(sp, float64(m.Rows[0].Ns[i])/float64(r.Ns[i]))
	}
	return sp
}

// bestNs is the smallest of the times.
func bestNs(ns []int64) float64 {
	b := ns[0]
	for _, n := range ns[1:] {
		b = min(b, n)
	}
	return float64(b)
}

func run02(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure02
	n := Pick(env, "200000000", "1000000000")
	runs := Pick(env, "5", "3")
	if _, err := env.Run(Cmd{Label: "scan", Bin: bin, Args: []string{"-n", n, "-runs", runs}}, &m); err != nil {
		return nil, err
	}
	ps, sp := m.speedups()
	xs := make([]float64, len(ps))
	ideal := make([]float64, len(ps))
	for i, p := range ps {
		xs[i] = float64(p)
		ideal[i] = math.Min(float64(p), float64(m.Cores))
	}
	plot, err := env.SavePlot(Plot{File: "speedup.png", Title: "Speedup over P=1",
		XLabel: "GOMAXPROCS", YLabel: "speedup", LogX: true,
		Series: []Series{{Name: "measured", X: xs, Y: sp}, {Name: "min(P, C)", X: xs, Y: ideal}}})
	if err != nil {
		return nil, err
	}
	return &Result{Checks: check02(m, env.Cores), Report: report02(m, n, runs), Plots: []string{plot}}, nil
}

// check02 judges exercise 2; on one core there is nothing to compare. Each
// claim is computed within each round, where the times and the capacity were
// measured moments apart, and the median over the rounds is judged.
func check02(m measure02, cores int) []Check {
	if cores < 2 {
		reason := fmt.Sprintf("needs 2 cores, saw %d", cores)
		return []Check{SkipCheck("speedup against P and capacity", reason)}
	}
	ps, _ := m.speedups()
	var overP, atTwo, flat []float64
	for i, capacity := range m.Capacity {
		sp := m.roundSpeedups(i)
		worst, atC, past := 0.0, 0.0, 0.0
		for j, p := range ps {
			worst = math.Max(worst, sp[j]/float64(p))
			if p == 2 {
				atTwo = append(atTwo, sp[j]/capacity)
			}
			if p <= cores {
				atC = math.Max(atC, sp[j])
			} else {
				past = math.Max(past, sp[j])
			}
		}
		overP = append(overP, worst)
		if past > 0 {
			flat = append(flat, past/atC)
		}
	}
	checks := []Check{AtMost("median over rounds of max over P of speedup / P",
		Percentile(overP, 50), 1.05)}
	if len(atTwo) > 0 {
		checks = append(checks, AtLeast("median over rounds of speedup at P=2 / measured capacity",
			Percentile(atTwo, 50), 0.85))
	}
	if len(flat) > 0 {
		checks = append(checks, AtMost("median over rounds of best speedup with P > C / best with P ≤ C",
			Percentile(flat, 50), 1.10))
	}
	return checks
}

func report02(m measure02, n, runs string) string {
	var b strings.Builder
	ps, sp := m.speedups()
	fmt.Fprintf(&b, "## What ran\n\nThe sum 1..%s, split across P workers with padded accumulators, "+
		"for each GOMAXPROCS P, over %s rounds that each visit every P. C = %d cores; measured "+
		"parallel capacity (the work of one P=2 worker on two locked threads against one, per round): %.2f. The table shows "+
		"the best time of each P; the checks judge each round on its own and take the median.\n\n",
		n, runs, m.Cores, m.Capacity)
	b.WriteString("| P | best time | speedup over P=1 |\n|---|---|---|\n")
	for i, r := range m.Rows {
		fmt.Fprintf(&b, "| %d | %.1f ms | %.2f |\n", ps[i], bestNs(r.Ns)/1e6, sp[i])
	}
	b.WriteString(`
The speedup climbs with P only while there are cores to run the extra Ps; past
C the extra Ps share the same cores and the curve flattens, with a little
runtime overhead on top. Even below C the speedup falls short of P, for reasons
the measured capacity captures only in part: other processes on the machine take
cores away; two SMT siblings share one core's execution units (this loop keeps
the adders busy, so siblings gain little: the capacity, measured on the same
loop, shows how much); cores share the
last-level cache and memory bandwidth (not much here, since each worker's loop
lives in registers); the runtime adds its own work (starting threads, waking
idle Ps, the final WaitGroup); and the split is only as fast as the slowest
worker.
`)
	return b.String()
}
