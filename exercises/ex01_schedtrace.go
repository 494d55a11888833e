package exercises

import (
	"bytes"
	"fmt"
	"math"
	"strings"

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
	// Per round: the wall time in seconds at GOMAXPROCS 4 and 1, and the
	// parallel capacity measured up to min(4, C) threads just before.
	Wall4    []float64 `json:"wall4_s"`
	Wall1    []float64 `json:"wall1_s"`
	Capacity []float64 `json:"capacity"`
	// Lines are the SCHED lines printed at each setting; Other counts lines
	// whose gomaxprocs was neither.
	Lines4, Lines1 []schedtrace.Sched
	Other          int
}

// relErrors returns, per round, the wall ratio P=1 over P=4 divided by the
// ratio expected from that round's capacity.
func (m measure01) relErrors() []float64 {
	var out []float64
	for i := range m.Wall4 {
		out = append(out, (m.Wall1[i]/m.Wall4[i])/math.Min(4, m.Capacity[i]))
	}
	return out
}

func run01(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	burnMs := Pick(env, 2, 100)
	interval := Pick(env, 100, 1000)
	rounds := Pick(env, 5, 2)
	args := []string{"-n", "200", "-ms", fmt.Sprint(burnMs), "-rounds", fmt.Sprint(rounds),
		"-pause", fmt.Sprintf("%dms", interval)}
	cmd := Cmd{Label: "bursts", Bin: bin, Args: args,
		Env: []string{"GOMAXPROCS=4", fmt.Sprintf("GODEBUG=schedtrace=%d", interval)}}
	m := measure01{Cores: env.Cores}
	out, err := env.Run(cmd, &m)
	if err != nil {
		return nil, err
	}
	if len(m.Wall4) != rounds || len(m.Wall1) != rounds || len(m.Capacity) != rounds {
		return nil, fmt.Errorf("bursts: %d rounds asked, program reported %d/%d/%d",
			rounds, len(m.Wall4), len(m.Wall1), len(m.Capacity))
	}
	tr, err := schedtrace.Parse(bytes.NewReader(out.Stderr))
	if err != nil {
		return nil, err
	}
	for _, s := range tr.Sched() {
		switch s.GOMAXPROCS {
		case 4:
			m.Lines4 = append(m.Lines4, s)
		case 1:
			m.Lines1 = append(m.Lines1, s)
		default:
			m.Other++
		}
	}
	return &Result{Checks: check01(m), Report: report01(m, burnMs, interval)}, nil
}

// check01 judges exercise 1.
func check01(m measure01) []Check {
	checks := []Check{Holds("every SCHED line says gomaxprocs=4 or 1, and both appear",
		m.Other == 0 && len(m.Lines4) > 0 && len(m.Lines1) > 0,
		fmt.Sprintf("%d at 4, %d at 1, %d other", len(m.Lines4), len(m.Lines1), m.Other),
		"none other, ≥ 1 each")}
	for _, run := range []struct {
		procs int
		lines []schedtrace.Sched
	}{{4, m.Lines4}, {1, m.Lines1}} {
		ok := len(run.lines) > 0
		for _, s := range run.lines {
			ok = ok && len(s.LocalRunQueues) == run.procs
		}
		checks = append(checks, Holds(fmt.Sprintf("GOMAXPROCS=%d: bracket has one entry per P", run.procs),
			ok, fmt.Sprintf("%d lines", len(run.lines)), "all match, at least one"))
	}
	q1, q4 := maxLocalQueue(m.Lines1), maxLocalQueue(m.Lines4)
	checks = append(checks, Holds("largest local queue at P=1 > largest single-P queue at P=4",
		q1 > q4, fmt.Sprintf("%d vs %d", q1, q4), "first larger"))
	// C is the capacity measured in each round: min(4, C) threads side by
	// side against one. On an idle machine it is the core count and on a
	// shared one less; min(1, C) is 1, the P=1 run being one thread. Each
	// round's ratio is divided by its own expectation and the median judged.
	checks = append(checks, Between("median over rounds of (wall(P=1)/wall(P=4)) / (min(4,C)/min(1,C))",
		Percentile(m.relErrors(), 50), 0.85, 1.15))
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
	fmt.Fprintf(&b, "## What ran\n\nIn each round, 200 goroutines each burned about %d ms of CPU "+
		"at GOMAXPROCS 4 and then 1, under `GODEBUG=schedtrace=%d`, on %d cores. The cores C "+
		"used for the expectation are measured, not assumed: just before each round's bursts the "+
		"same work ran on min(4, cores) locked threads against one. On an idle machine that "+
		"capacity is the core count; on a shared one, less.\n\n", burnMs, interval, m.Cores)
	b.WriteString("| round | capacity C | wall P=4 | wall P=1 | ratio | expected min(4,C) | ratio / expected |\n" +
		"|---|---|---|---|---|---|---|\n")
	rel := m.relErrors()
	for i := range m.Wall4 {
		fmt.Fprintf(&b, "| %d | %.2f | %.3fs | %.3fs | %.2f | %.2f | %.2f |\n", i+1, m.Capacity[i],
			m.Wall4[i], m.Wall1[i], m.Wall1[i]/m.Wall4[i], math.Min(4, m.Capacity[i]), rel[i])
	}
	b.WriteString("\n")
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
