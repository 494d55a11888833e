package exercises

import (
	"bytes"
	"fmt"
	"os"
	"slices"
	"strings"

	"github.com/gopatched/gopatched/internal/schedtrace"
	"github.com/gopatched/gopatched/steal-tracer/summary"
)

func init() {
	Register(&Exercise{
		Number: 8, Name: "work-stealing", Title: "Work stealing", Level: "middle",
		Needs: Needs{Cores: 1, Patched: true}, Run: run08,
	})
}

// Exercise 8's sizes: a burst of burst08 goroutines at procs08 Ps.
const (
	burst08 = 16
	procs08 = 4
)

// measure08 is what exercise 8 measured.
type measure08 struct {
	// Burst and Yield are the tight-burst and yielding runs at procs08 Ps,
	// run alternately; P1 is the tight burst at one P.
	Burst, Yield []*BurstTrace
	P1           *BurstTrace
	// Sched holds the SCHED lines of the first tight-burst run.
	Sched []schedtrace.Sched
}

func run08(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	work := Pick(env, "5ms", "50ms")
	rounds := Pick(env, 3, 5)
	run := func(label string, procs int, yield bool) (*BurstTrace, []byte, error) {
		file := label + ".trace"
		args := []string{"-trace", file, "-goroutines", fmt.Sprint(burst08), "-work", work,
			fmt.Sprintf("-yield=%v", yield)}
		out, err := env.Exec(Cmd{Label: label, Bin: bin, Args: args,
			Env: []string{fmt.Sprintf("GOMAXPROCS=%d", procs), "GODEBUG=schedtrace=200"}})
		if err != nil {
			return nil, nil, err
		}
		bt, err := ReadBurstTrace(env.Path(file), procs)
		return bt, out.Stderr, err
	}

	// Alternate the two variants, so that load from elsewhere hits both.
	var m measure08
	for i := range rounds {
		bt, stderr, err := run(fmt.Sprintf("burst-run%d", i+1), procs08, false)
		if err != nil {
			return nil, err
		}
		m.Burst = append(m.Burst, bt)
		if i == 0 {
			tr, err := schedtrace.Parse(bytes.NewReader(stderr))
			if err != nil {
				return nil, err
			}
			m.Sched = tr.Sched()
		}
		if bt, _, err = run(fmt.Sprintf("yield-run%d", i+1), procs08, true); err != nil {
			return nil, err
		}
		m.Yield = append(m.Yield, bt)
	}
	if m.P1, _, err = run("p1", 1, false); err != nil {
		return nil, err
	}

	res := &Result{Checks: check08(m), Report: report08(m, work)}
	if err := plots08(env, m, res); err != nil {
		return nil, err
	}
	return res, nil
}

// plots08 draws the first tight burst's queues and the steal matrices of
// the first tight and yielding runs.
func plots08(env *Env, m measure08, res *Result) error {
	name, err := env.SaveQueueTimeline("queues-burst.png",
		"Burst goroutines waiting per P (tight burst, run 1)", m.Burst[0])
	if err != nil {
		return err
	}
	res.Plots = append(res.Plots, name)
	for _, t := range []struct{ trace, file, title string }{
		{"burst-run1.trace", "steals-burst.png", "Steals, tight burst run 1: thief × victim"},
		{"yield-run1.trace", "steals-yield.png", "Steals, yielding run 1: thief × victim"},
	} {
		f, err := os.Open(env.Path(t.trace))
		if err != nil {
			return fmt.Errorf("opening trace: %w", err)
		}
		s, err := summary.Compute(f, summary.Options{})
		f.Close()
		if err != nil {
			return fmt.Errorf("summarizing %s: %w", t.trace, err)
		}
		if len(s.Matrix) == 0 {
			continue
		}
		name, err := env.SaveStealMatrix(t.file, t.title, s)
		if err != nil {
			return err
		}
		res.Plots = append(res.Plots, name)
	}
	return nil
}

// firstStealShare is the share of the burst goroutines moved by the first
// n steals of a burst that came from the spawning P; 0 without steals.
func firstStealShare(bt *BurstTrace, n int) float64 {
	from, moved := 0, 0
	for _, s := range bt.BurstSteals[:min(n, len(bt.BurstSteals))] {
		moved += s.Moved
		if s.Victim == bt.SpawnP {
			from += s.Moved
		}
	}
	if moved == 0 {
		return 0
	}
	return float64(from) / float64(moved)
}

// medianImbalance is the median of the runs' imbalances (the lower middle
// one for an even count).
func medianImbalance(runs []*BurstTrace) int {
	if len(runs) == 0 {
		return 0
	}
	var xs []int
	for _, r := range runs {
		xs = append(xs, r.Imbalance)
	}
	slices.Sort(xs)
	return xs[(len(xs)-1)/2]
}

// check08 judges exercise 8.
func check08(m measure08) []Check {
	all := append(append(slices.Clone(m.Burst), m.Yield...), m.P1)
	var counts []string
	found := true
	for _, bt := range all {
		if bt == nil {
			found = false
			continue
		}
		found = found && bt.Goroutines == burst08
		counts = append(counts, fmt.Sprint(bt.Goroutines))
	}
	checks := []Check{Holds(fmt.Sprintf("every trace shows the %d burst goroutines", burst08),
		found && len(m.Burst) > 0 && len(m.Yield) > 0,
		strings.Join(counts, ", "), fmt.Sprintf("%d in each", burst08))}
	if !found || len(m.Burst) == 0 || len(m.Yield) == 0 {
		return checks
	}

	fewest, fromSpawn, share := -1, 0, 1.0
	var victims []string
	for _, bt := range m.Burst {
		n := len(bt.BurstSteals)
		if fewest < 0 || n < fewest {
			fewest = n
		}
		if n == 0 {
			victims = append(victims, "none")
			share = 0
			continue
		}
		first := bt.BurstSteals[0]
		victims = append(victims, fmt.Sprintf("P%d (spawner P%d)", first.Victim, bt.SpawnP))
		if first.Victim == bt.SpawnP {
			fromSpawn++
		}
		share = min(share, firstStealShare(bt, procs08-1))
	}
	burstMed, yieldMed := medianImbalance(m.Burst), medianImbalance(m.Yield)
	return append(checks,
		AtLeast(fmt.Sprintf("steals of burst goroutines at GOMAXPROCS=%d (fewest in a run)", procs08),
			float64(fewest), 1),
		Holds("the first steal of each tight burst takes from the spawning P",
			fromSpawn == len(m.Burst), strings.Join(victims, ", "), "the spawning P in every run"),
		AtLeast(fmt.Sprintf("share of the goroutines the first %d steals moved that came from "+
			"the spawning P (lowest run)", procs08-1), share, 0.5),
		Equal("steal records at GOMAXPROCS=1", m.P1.Steals, 0),
		Holds("median imbalance: yielding between spawns < tight burst", yieldMed < burstMed,
			fmt.Sprintf("%d vs %d", yieldMed, burstMed), "first smaller"),
	)
}

// imbalanceDefinition states, for the report, what imbalance means here.
const imbalanceDefinition = `**Imbalance** is read from the execution trace, not from
schedtrace: stealing levels the queues far faster than any schedtrace
interval. Each burst goroutine (one created inside the
program's "burst" trace region) waits on the P it was created on, moves to
the thief's P when a steal record names it, and stops waiting at its first
start. The imbalance of a run is the largest difference, at any instant,
between the P with the most and the P with the fewest waiting burst
goroutines. It counts goroutines, so it does not depend on timing noise;
a run where one P holds the whole burst at once scores 15 or 16, a run
where every spawn is run before the next scores 1.`

func report08(m measure08, work string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## What ran\n\nOne goroutine spawned %d goroutines that each burn %s "+
		"of CPU, at GOMAXPROCS=%d, under `GODEBUG=schedtrace=200` with the execution trace on, "+
		"%d times as a tight burst and %d times yielding (`runtime.Gosched`) after each spawn, "+
		"alternately; then once as a tight burst at GOMAXPROCS=1. The traces are "+
		"`burst-runN.trace`, `yield-runN.trace` and `p1.trace`: open them with the patched "+
		"`go tool trace`, or `stealview`.\n\n", burst08, work, procs08, len(m.Burst),
		len(m.Yield))
	b.WriteString(imbalanceDefinition + "\n\n")

	b.WriteString("## Runs\n\n| run | spawning P | steal records | steals of burst Gs | " +
		"imbalance | peak queue | first run on another P | levelled after |\n" +
		"|---|---|---|---|---|---|---|---|\n")
	row := func(name string, bt *BurstTrace) {
		lev := "never"
		switch {
		case bt.Procs == 1:
			lev = "n/a"
		case bt.Levelled >= 0:
			lev = fmt.Sprintf("%.1f µs", bt.Levelled)
		}
		fmt.Fprintf(&b, "| %s | P%d | %d | %d | %d | %d on P%d | %d of %d | %s |\n", name,
			bt.SpawnP, bt.Steals, len(bt.BurstSteals), bt.Imbalance, bt.Peak, bt.PeakP,
			bt.FirstRunElsewhere, bt.Goroutines, lev)
	}
	for i, bt := range m.Burst {
		row(fmt.Sprintf("tight burst %d", i+1), bt)
	}
	for i, bt := range m.Yield {
		row(fmt.Sprintf("yielding %d", i+1), bt)
	}
	row("GOMAXPROCS=1", m.P1)
	fmt.Fprintf(&b, "\nMedian imbalance: tight %d, yielding %d. \"Levelled after\" is the "+
		"first instant, after the spawning P's queue peaked, at which that P held no more "+
		"than its fair share (the mean over the Ps, plus one) of the waiting burst "+
		"goroutines: the steals have spread the burst.\n\n",
		medianImbalance(m.Burst), medianImbalance(m.Yield))

	first := m.Burst[0]
	b.WriteString("## The steals of tight burst 1\n\n| µs | thief | victim | burst Gs moved |\n" +
		"|---|---|---|---|\n")
	for _, s := range first.BurstSteals {
		fmt.Fprintf(&b, "| %.1f | P%d | P%d | %d |\n", s.At, s.Thief, s.Victim, s.Moved)
	}
	b.WriteString("\nThe spawning P puts each new goroutine in its own queue; an idle P " +
		"woken for the new work finds its own queue empty, becomes a spinning M and takes " +
		"half of the spawning P's queue in one grab. With a yield after each spawn the " +
		"spawner goes to the global queue and its P runs the new goroutine at once, so " +
		"there is little left to steal.\n\n")

	fmt.Fprintf(&b, "## The queues of tight burst 1, change by change\n\n| µs | %s | change |\n|%s---|\n",
		procHeader(first.Procs), strings.Repeat("---|", first.Procs+1))
	for _, s := range first.Timeline {
		fmt.Fprintf(&b, "| %.1f | %s | %s |\n", s.At, joinInts(s.Queues, " | "), s.What)
	}

	b.WriteString("\n## schedtrace of tight burst 1\n\n")
	if len(m.Sched) == 0 {
		b.WriteString("No SCHED line was printed while the burst ran.\n")
	} else {
		b.WriteString("| ms | idle Ps | threads | spinning | global queue | local queues |\n" +
			"|---|---|---|---|---|---|\n")
		for _, s := range m.Sched {
			fmt.Fprintf(&b, "| %d | %d | %d | %d | %d | %v |\n", s.TimeMs, s.IdleProcs,
				s.Threads, s.SpinningThreads, s.RunQueue, s.LocalRunQueues)
		}
	}
	b.WriteString("\nA SCHED line every 200 ms sees the queues long after the steals: the " +
		"spawning P's queue is large only until the thieves arrive, which takes microseconds " +
		"when idle threads have cores to wake on, and milliseconds when, as with more Ps " +
		"than free cores, a thief's thread waits for a core (see \"levelled after\" above). " +
		"That is why the imbalance comes from the trace.\n")
	return b.String()
}

// procHeader is "P0 | P1 | ..." for n Ps.
func procHeader(n int) string {
	var s []string
	for p := range n {
		s = append(s, fmt.Sprintf("P%d", p))
	}
	return strings.Join(s, " | ")
}

// joinInts renders xs separated by sep.
func joinInts(xs []int, sep string) string {
	s := make([]string, len(xs))
	for i, x := range xs {
		s[i] = fmt.Sprint(x)
	}
	return strings.Join(s, sep)
}
