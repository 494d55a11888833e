package exercises

import (
	"bufio"
	"fmt"
	"io"
	"math"
	"os"
	"path/filepath"
	"slices"
	"strings"
	"time"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

func init() {
	Register(&Exercise{
		Number: 20, Name: "steal-event", Title: "The work-steal event", Level: "staff",
		Needs: Needs{Cores: 1, Patched: true}, Run: run20,
	})
}

// Exercise 20's settings.
const (
	procs20 = 4
	// overheadBound20 is the largest accepted median, over rounds, of the
	// time with steal records over the time without, both with the trace
	// on and run back to back. The record is a few varints per steal into
	// the thief M's own buffer; on a shared two-core machine two runs of
	// the same work differ by a few percent, so the bound leaves room for
	// that noise and not much more.
	overheadBound20 = 1.10
)

// The three settings of exercise 20's program, as it names them.
const (
	steal1  = "steal1"
	steal0  = "steal0"
	noTrace = "notrace"
)

// settingNames says what each setting is, for the report.
var settingNames = map[string]string{
	steal1:  "trace on, steal records on (tracesteal=1)",
	steal0:  "trace on, steal records off (tracesteal=0)",
	noTrace: "no trace",
}

// segment20 is one run of the workload in one setting, with what its trace
// holds.
type segment20 struct {
	Round   int    `json:"round"`
	Setting string `json:"setting"`
	Trace   string `json:"trace"`
	WallNs  int64  `json:"wall_ns"`
	Stats   stealtracer.Stats
}

// measure20 is what exercise 20 measured.
type measure20 struct {
	Bursts int
	// Segments are the steal-heavy runs at procs20 Ps in the order they ran.
	Segments []segment20
	// P1 is the scan of the trace with steal records on at GOMAXPROCS=1.
	P1 stealtracer.Stats
	// Truth is the steal-record check of the first tracesteal=1 trace.
	Truth stealtracer.CheckResult
	// BenchDoc is set when the repository has docs/benchmarks.md.
	BenchDoc bool
}

func run20(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	m := measure20{Bursts: Pick(env, 500, 2000)}
	rounds := Pick(env, 10, 20)
	run := func(e *Env, label string, procs, rounds int) ([]segment20, error) {
		var r struct {
			Segments []segment20 `json:"segments"`
		}
		args := []string{"-rounds", fmt.Sprint(rounds), "-bursts", fmt.Sprint(m.Bursts)}
		_, err := e.Run(Cmd{Label: label, Bin: bin, Args: args,
			Env: []string{fmt.Sprintf("GOMAXPROCS=%d", procs)}}, &r)
		if err != nil {
			return nil, err
		}
		for i, s := range r.Segments {
			if s.Trace == "" {
				continue
			}
			if r.Segments[i].Stats, err = scanTrace(e.Path(s.Trace)); err != nil {
				return nil, err
			}
		}
		return r.Segments, nil
	}
	if m.Segments, err = run(env, "heavy", procs20, rounds); err != nil {
		return nil, err
	}

	// The P=1 run works in a folder of its own, so that its traces do not
	// overwrite the steal-heavy run's.
	p1Env := *env
	p1Env.Dir = env.Path("p1")
	if err := os.MkdirAll(p1Env.Dir, 0o755); err != nil {
		return nil, fmt.Errorf("making the P=1 folder: %w", err)
	}
	p1, err := run(&p1Env, "p1", 1, 1)
	if err != nil {
		return nil, err
	}
	for _, s := range p1 {
		if s.Setting == steal1 {
			m.P1 = s.Stats
		}
	}
	if m.Truth, err = checkTrace(env.Path(steal1 + "-01.trace")); err != nil {
		return nil, err
	}
	_, err = os.Stat(filepath.Join(env.Root, "docs", "benchmarks.md"))
	m.BenchDoc = err == nil
	return &Result{Checks: check20(m), Report: report20(m)}, nil
}

// scanTrace reads a trace's batches (not its events) and returns what it
// holds: size, steal batches, steal records.
func scanTrace(path string) (stealtracer.Stats, error) {
	f, err := os.Open(path)
	if err != nil {
		return stealtracer.Stats{}, fmt.Errorf("opening trace: %w", err)
	}
	defer f.Close()
	st, err := stealtracer.Strip(io.Discard, bufio.NewReader(f))
	if err != nil {
		return st, fmt.Errorf("scanning trace %s: %w", path, err)
	}
	return st, nil
}

// checkTrace runs the steal-record truth check on a trace.
func checkTrace(path string) (stealtracer.CheckResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return stealtracer.CheckResult{}, fmt.Errorf("opening trace: %w", err)
	}
	defer f.Close()
	res, err := stealtracer.Check(bufio.NewReader(f))
	if err != nil {
		return res, fmt.Errorf("checking the steal records of %s: %w", path, err)
	}
	return res, nil
}

// of returns the segments of one setting, in order.
func (m measure20) of(setting string) []segment20 {
	var out []segment20
	for _, s := range m.Segments {
		if s.Setting == setting {
			out = append(out, s)
		}
	}
	return out
}

// walls returns the times, in seconds, of one setting's segments.
func (m measure20) walls(setting string) []float64 {
	var out []float64
	for _, s := range m.of(setting) {
		out = append(out, time.Duration(s.WallNs).Seconds())
	}
	return out
}

// pairedRatios returns, round by round, the time in setting a over the
// time in setting b of the same round.
func (m measure20) pairedRatios(a, b string) []float64 {
	byRound := map[int]map[string]int64{}
	for _, s := range m.Segments {
		if byRound[s.Round] == nil {
			byRound[s.Round] = map[string]int64{}
		}
		byRound[s.Round][s.Setting] = s.WallNs
	}
	var out []float64
	for r := 1; r <= len(byRound); r++ {
		ta, tb := byRound[r][a], byRound[r][b]
		if ta > 0 && tb > 0 {
			out = append(out, float64(ta)/float64(tb))
		}
	}
	return out
}

// check20 judges exercise 20.
func check20(m measure20) []Check {
	on, off := m.of(steal1), m.of(steal0)
	fewest, batches0, records0 := -1, 0, 0
	for _, s := range on {
		if fewest < 0 || s.Stats.Steals < fewest {
			fewest = s.Stats.Steals
		}
	}
	for _, s := range off {
		batches0 += s.Stats.StealBatches
		records0 += s.Stats.Steals
	}
	ratio := medianOf(m.pairedRatios(steal1, steal0))
	if math.IsNaN(ratio) {
		ratio = math.Inf(1)
	}
	return []Check{
		AtLeast(fmt.Sprintf("steal records in a steal-heavy trace at GOMAXPROCS=%d (fewest)",
			procs20), float64(fewest), 1),
		Holds("steal records the trace events explain (truth check of round 1)",
			m.Truth.Steals > 0 && len(m.Truth.Problems) == 0,
			fmt.Sprintf("%d problems in %d steals", len(m.Truth.Problems), m.Truth.Steals),
			"0 problems, at least 1 steal"),
		Equal("steal records at GOMAXPROCS=1", m.P1.Steals, 0),
		Holds("no steal batches with GODEBUG=tracesteal=0", len(off) > 0 && batches0 == 0,
			fmt.Sprintf("%d batches, %d records in %d traces", batches0, records0, len(off)),
			"0 in every trace"),
		AtMost("time with steal records / without, trace on in both (median of rounds)",
			ratio, overheadBound20),
	}
}

// medianOf returns the middle of xs (the mean of the two middle ones for an
// even count), or NaN for none.
func medianOf(xs []float64) float64 {
	if len(xs) == 0 {
		return math.NaN()
	}
	s := slices.Sorted(slices.Values(xs))
	return (s[(len(s)-1)/2] + s[len(s)/2]) / 2
}

// sizes returns the trace sizes, in bytes, of one setting's segments.
func (m measure20) sizes(setting string) []float64 {
	var out []float64
	for _, s := range m.of(setting) {
		out = append(out, float64(s.Stats.Bytes))
	}
	return out
}

func report20(m measure20) string {
	var b strings.Builder
	rounds := len(m.of(steal1))
	fmt.Fprintf(&b, "## What ran\n\nA steal-heavy program: one goroutine spawns %d bursts of "+
		"16 goroutines of about 2 µs of CPU each, waiting for each burst before the next, at "+
		"GOMAXPROCS=%d. In one process, %d rounds of three back-to-back runs of that work: "+
		"trace on with steal records (the patched toolchain's default), trace on without "+
		"them, and no trace, in an order that rotates each round; the program sets "+
		"`GODEBUG=tracesteal=1` or `0` before each `trace.Start`, which is when the runtime "+
		"reads it. Then the same at GOMAXPROCS=1 for one round (folder `p1/`). Traces: "+
		"`steal1-NN.trace`, `steal0-NN.trace`.\n\n", m.Bursts, procs20, rounds)

	b.WriteString("| setting | best | median | trace size, median |\n|---|---|---|---|\n")
	for _, s := range []string{steal1, steal0, noTrace} {
		size := "—"
		if s != noTrace {
			size = fmt.Sprintf("%.0f kB", medianOf(m.sizes(s))/1e3)
		}
		fmt.Fprintf(&b, "| %s | %.1f ms | %.1f ms | %s |\n", settingNames[s],
			Min(m.walls(s))*1e3, medianOf(m.walls(s))*1e3, size)
	}

	steals, moved, stealBytes := 0, 0, int64(0)
	for _, s := range m.of(steal1) {
		steals += s.Stats.Steals
		moved += s.Stats.Moved
		stealBytes += s.Stats.StealBytes
	}
	paired := m.pairedRatios(steal1, steal0)
	b.WriteString("\n| figure | value |\n|---|---|\n")
	fmt.Fprintf(&b, "| time, steal records on / off, median of the %d rounds (judged) | %.3f |\n",
		len(paired), medianOf(paired))
	fmt.Fprintf(&b, "| time, steal records on / off, best of each | %.3f |\n",
		Min(m.walls(steal1))/Min(m.walls(steal0)))
	fmt.Fprintf(&b, "| time, trace without steal records / no trace, median of rounds | %.3f |\n",
		medianOf(m.pairedRatios(steal0, noTrace)))
	fmt.Fprintf(&b, "| trace size, steal records on / off (medians) | %.3f |\n",
		medianOf(m.sizes(steal1))/medianOf(m.sizes(steal0)))
	if steals > 0 {
		fmt.Fprintf(&b, "| steals per traced run (mean) | %d |\n", steals/rounds)
		fmt.Fprintf(&b, "| goroutines moved per steal | %.2f |\n", float64(moved)/float64(steals))
		fmt.Fprintf(&b, "| steal-batch bytes per steal, batch headers included | %.2f |\n",
			float64(stealBytes)/float64(steals))
	}
	fmt.Fprintf(&b, "| steal records at GOMAXPROCS=1 | %d |\n", m.P1.Steals)
	fmt.Fprintf(&b, "| truth check of round 1: moved goroutines that next ran on the thief | "+
		"%d of %d (%d stolen again first, %d never ran again) |\n", m.Truth.StartedOnThief,
		m.Truth.Moved, m.Truth.StolenAgain, m.Truth.NotStarted)

	var ratios []string
	for _, r := range paired {
		ratios = append(ratios, fmt.Sprintf("%.3f", r))
	}
	fmt.Fprintf(&b, "\nRound by round, on / off: %s.\n", strings.Join(ratios, ", "))
	fmt.Fprintf(&b, `
The overhead is judged as the median, over rounds, of the ratio of the two
back-to-back runs with and without the records, both with the trace on: at
most %.2f. Pairing runs of the same round cancels the slow changes of load
on a shared machine; the median drops the rounds a burst of other work hit.
With one P there is nobody to steal from, so the same program writes no
record. A record is a few varints (time, thief, victim, queue length, count,
flags, and the ids of the moved goroutines) appended to the thief M's own
buffer, without a lock; the trace-size ratio shows what that adds to a trace
that is mostly steals.
`, overheadBound20)
	if m.BenchDoc {
		b.WriteString("\nThe toolkit's longer benchmark comparison is in `docs/benchmarks.md`.\n")
	} else {
		b.WriteString("\nFor a longer comparison with confidence intervals, run " +
			"`bench/run.sh` (the repository has no docs/benchmarks.md yet).\n")
	}
	return b.String()
}
