package exercises

import (
	"bytes"
	"fmt"
	"math"
	"strings"
	"time"

	"github.com/gopatched/gopatched/internal/schedtrace"
)

func init() {
	Register(&Exercise{
		Number: 1, Name: "schedtrace", Title: "Reading a schedtrace line", Level: "junior",
		Needs: Needs{Cores: 1}, Run: run01,
	})
}

// measure01 is what exercise 1 measured.
type measure01 struct {
	Cores int
	// Capacity is the parallel capacity measured up to min(4, C) threads.
	Capacity float64
	// Wall is the best wall time in seconds at GOMAXPROCS 4 and 1.
	Wall4, Wall1 float64
	// Lines are the SCHED lines of the last run at each setting.
	Lines4, Lines1 []schedtrace.Sched
}

func run01(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var cal struct {
		UnitsPerMs float64 `json:"units_per_ms"`
	}
	calibrate := Cmd{Label: "calibrate", Bin: bin, Args: []string{"-calibrate"}}
	if _, err := env.Run(calibrate, &cal); err != nil {
		return nil, err
	}
	burnMs := Pick(env, 5, 100)
	interval := Pick(env, 100, 1000)
	units := int(cal.UnitsPerMs * float64(burnMs))
	args := []string{"-n", "200", "-units", fmt.Sprint(units)}
	godebug := fmt.Sprintf("GODEBUG=schedtrace=%d", interval)

	// Alternate the two settings so a burst of load from elsewhere hurts
	// both alike, and keep the best wall time of each.
	m := measure01{Cores: env.Cores, Wall4: math.Inf(1), Wall1: math.Inf(1)}
	var capacities []float64
	for i := range 2 {
		var c struct {
			Capacity float64 `json:"capacity"`
		}
		capArgs := []string{"-capacity", fmt.Sprint(min(4, env.Cores)), "-units", fmt.Sprint(units * 10)}
		capCmd := Cmd{Label: fmt.Sprintf("capacity-run%d", i+1), Bin: bin, Args: capArgs}
		if _, err := env.Run(capCmd, &c); err != nil {
			return nil, err
		}
		capacities = append(capacities, c.Capacity)
		for _, procs := range []int{4, 1} {
			var r struct {
				WallNs int64 `json:"wall_ns"`
			}
			out, err := env.Run(Cmd{Label: fmt.Sprintf("p%d-run%d", procs, i+1), Bin: bin, Args: args,
				Env: []string{fmt.Sprintf("GOMAXPROCS=%d", procs), godebug}}, &r)
			if err != nil {
				return nil, err
			}
			tr, err := schedtrace.Parse(bytes.NewReader(out.Stderr))
			if err != nil {
				return nil, err
			}
			lines := tr.Sched()
			wall := time.Duration(r.WallNs).Seconds()
			if procs == 4 {
				m.Wall4, m.Lines4 = math.Min(m.Wall4, wall), lines
			} else {
				m.Wall1, m.Lines1 = math.Min(m.Wall1, wall), lines
			}
		}
	}
	m.Capacity = Percentile(capacities, 50)
	return &Result{Checks: check01(m), Report: report01(m, burnMs, interval)}, nil
}

// check01 judges exercise 1.
func check01(m measure01) []Check {
	var checks []Check
	for _, run := range []struct {
		procs int
		lines []schedtrace.Sched
	}{{4, m.Lines4}, {1, m.Lines1}} {
		okProcs, okBracket := len(run.lines) > 0, len(run.lines) > 0
		for _, s := range run.lines {
			okProcs = okProcs && s.GOMAXPROCS == run.procs
			okBracket = okBracket && len(s.LocalRunQueues) == run.procs
		}
		checks = append(checks,
			Holds(fmt.Sprintf("GOMAXPROCS=%d: every SCHED line says gomaxprocs=%d", run.procs, run.procs),
				okProcs, fmt.Sprintf("%d lines", len(run.lines)), "all match, at least one"),
			Holds(fmt.Sprintf("GOMAXPROCS=%d: bracket has one entry per P", run.procs),
				okBracket, fmt.Sprintf("%d lines", len(run.lines)), "all match, at least one"))
	}
	q1, q4 := maxLocalQueue(m.Lines1), maxLocalQueue(m.Lines4)
	checks = append(checks, Holds("largest local queue at P=1 > largest single-P queue at P=4",
		q1 > q4, fmt.Sprintf("%d vs %d", q1, q4), "first larger"))
	// C is the measured capacity: min(4, C) threads side by side against one.
	// On an idle machine it is the core count and on a shared one less, and
	// min(1, C) is then 1, the P=1 run being one thread by definition.
	want := math.Min(4, m.Capacity)
	claim := fmt.Sprintf("wall(P=1)/wall(P=4) ≈ min(4,C)/min(1,C) = %.2f, ±15%%", want)
	checks = append(checks, Between(claim,
		m.Wall1/m.Wall4, want*0.85, want*1.15))
	return checks
}

// maxLocalQueue is the longest local run queue of any P in any line.
func maxLocalQueue(lines []schedtrace.Sched) int {
	most := 0
	for _, s := range lines {
		for _, q := range s.LocalRunQueues {
			most = max(most, q)
		}
	}
	return most
}

func report01(m measure01, burnMs, interval int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## What ran\n\n200 goroutines each burned about %d ms of CPU, under "+
		"`GODEBUG=schedtrace=%d`, at GOMAXPROCS 4 and then 1, twice each; best wall times "+
		"%.3fs (P=4) and %.3fs (P=1) on %d cores.\n\n", burnMs, interval, m.Wall4, m.Wall1, m.Cores)
	fmt.Fprintf(&b, "The cores C used for the expectation are measured, not assumed: the same "+
		"work on min(4, cores) locked threads against one gave a capacity of %.2f "+
		"(median of the rounds). On an idle machine that is the core count; on a shared one, "+
		"less.\n\n", m.Capacity)
	b.WriteString("## One line, field by field\n\n")
	line := busiest(m.Lines4)
	if line == nil {
		b.WriteString("No SCHED line was printed.\n")
		return b.String()
	}
	fmt.Fprintf(&b, "From the P=4 run, %d ms after start:\n\n", line.TimeMs)
	rows := [][2]string{
		{fmt.Sprintf("gomaxprocs=%d", line.GOMAXPROCS), "number of Ps, the slots that run Go code"},
		{fmt.Sprintf("idleprocs=%d", line.IdleProcs), "Ps with nothing to run at this instant"},
		{fmt.Sprintf("threads=%d", line.Threads), "OS threads (Ms) the runtime holds, busy or not"},
		{fmt.Sprintf("spinningthreads=%d", line.SpinningThreads), "Ms awake and hunting for work to steal"},
		{fmt.Sprintf("needspinning=%d", line.NeedSpinning), "1 when the runtime wants one more spinning M"},
		{fmt.Sprintf("idlethreads=%d", line.IdleThreads), "Ms parked, waiting to be woken"},
		{fmt.Sprintf("runqueue=%d", line.RunQueue), "goroutines in the global run queue, shared by all Ps"},
		{fmt.Sprintf("%v", line.LocalRunQueues), "each P's own run queue, in P order; work the P can take without a lock"},
		{fmt.Sprintf("schedticks=%v", line.SchedTicks), "how many times each P has scheduled a goroutine"},
	}
	b.WriteString("| field | meaning |\n|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| `%s` | %s |\n", r[0], r[1])
	}
	b.WriteString("\nAt P=1 every goroutine waits in the one local queue, so it grows to " +
		"nearly all 200; at P=4 the spawning P's queue is split by stealing, so no single " +
		"queue holds as much. With fewer cores than Ps, extra Ps only share the same cores: " +
		"the expected speedup is min(P, C), not P.\n\n")
	b.WriteString("## All SCHED lines\n\n| P | ms | idle | threads | spinning | global | local |\n|---|---|---|---|---|---|---|\n")
	for _, run := range []struct {
		p     int
		lines []schedtrace.Sched
	}{{4, m.Lines4}, {1, m.Lines1}} {
		for _, s := range run.lines {
			fmt.Fprintf(&b, "| %d | %d | %d | %d | %d | %d | %v |\n", run.p, s.TimeMs, s.IdleProcs,
				s.Threads, s.SpinningThreads, s.RunQueue, s.LocalRunQueues)
		}
	}
	return b.String()
}

// busiest returns the line with the most goroutines queued, or nil.
func busiest(lines []schedtrace.Sched) *schedtrace.Sched {
	var best *schedtrace.Sched
	total := -1
	for i, s := range lines {
		n := s.RunQueue
		for _, q := range s.LocalRunQueues {
			n += q
		}
		if n > total {
			best, total = &lines[i], n
		}
	}
	return best
}
