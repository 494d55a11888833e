package main

import (
	"fmt"
	"io"
	"math"
	"os"
	"regexp"
	"sort"

	"golang.org/x/perf/benchfmt"
	"gonum.org/v1/gonum/stat/distuv"
)

// samples holds one file's sec/op values per benchmark, in round order.
type samples map[string][]float64

// readSamples reads the time-per-operation results of one benchmark file.
func readSamples(path string) (samples, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening benchmark results: %w", err)
	}
	defer f.Close()
	return parseSamples(f, path)
}

// parseSamples reads benchmark results from r; name is for messages.
func parseSamples(r io.Reader, name string) (samples, error) {
	s := samples{}
	br := benchfmt.NewReader(r, name)
	for br.Scan() {
		switch rec := br.Result().(type) {
		case *benchfmt.SyntaxError:
			return nil, fmt.Errorf("reading benchmark results: %w", rec)
		case *benchfmt.Result:
			for _, v := range rec.Values {
				if v.Unit == "sec/op" {
					key := string(rec.Name.Full())
					s[key] = append(s[key], v.Value)
				}
			}
		}
	}
	if err := br.Err(); err != nil {
		return nil, fmt.Errorf("reading %s: %w", name, err)
	}
	if len(s) == 0 {
		return nil, fmt.Errorf("%s holds no sec/op benchmark results", name)
	}
	return s, nil
}

// delta is a relative change from A to B with its 95% interval, all as
// fractions (0.01 is +1%).
type delta struct {
	Name         string
	A, B         float64 // geometric means of the rounds' sec/op
	Est, Lo, Hi  float64
	Rounds       int
	Significant  bool // the interval excludes zero
	WithinGoal   bool // the interval lies within ±goal
	goalFraction float64
}

// pairedDelta turns per-round log ratios into a delta with its interval.
func pairedDelta(name string, logRatios []float64, goal float64) delta {
	n := len(logRatios)
	var mean float64
	for _, x := range logRatios {
		mean += x
	}
	mean /= float64(n)
	var ss float64
	for _, x := range logRatios {
		ss += (x - mean) * (x - mean)
	}
	se := math.Sqrt(ss / float64(n-1) / float64(n))
	t := distuv.StudentsT{Mu: 0, Sigma: 1, Nu: float64(n - 1)}.Quantile(0.975)
	d := delta{
		Name:   name,
		Est:    math.Expm1(mean),
		Lo:     math.Expm1(mean - t*se),
		Hi:     math.Expm1(mean + t*se),
		Rounds: n,
	}
	d.Significant = d.Lo > 0 || d.Hi < 0
	d.WithinGoal = d.Lo >= -goal && d.Hi <= goal
	d.goalFraction = goal
	return d
}

// compare pairs the rounds of every benchmark present in both sets whose
// name matches filter, and returns one delta per benchmark and the geomean.
func compare(a, b samples, filter *regexp.Regexp, goal float64) ([]delta, delta, error) {
	var names []string
	for name := range a {
		if filter.MatchString(name) && len(b[name]) >= 2 && len(a[name]) >= 2 {
			names = append(names, name)
		}
	}
	if len(names) == 0 {
		return nil, delta{}, fmt.Errorf("no benchmark matching %q has two rounds in both sets", filter)
	}
	sort.Strings(names)

	rounds := math.MaxInt
	for _, name := range names {
		rounds = min(rounds, len(a[name]), len(b[name]))
	}
	perRound := make([]float64, rounds)
	var deltas []delta
	for _, name := range names {
		n := min(len(a[name]), len(b[name]))
		logs := make([]float64, n)
		var la, lb float64
		for i := range n {
			logs[i] = math.Log(b[name][i] / a[name][i])
			la += math.Log(a[name][i])
			lb += math.Log(b[name][i])
			if i < rounds {
				perRound[i] += logs[i] / float64(len(names))
			}
		}
		d := pairedDelta(name, logs, goal)
		d.A, d.B = math.Exp(la/float64(n)), math.Exp(lb/float64(n))
		deltas = append(deltas, d)
	}
	geo := pairedDelta("geomean", perRound, goal)
	return deltas, geo, nil
}

// write prints the deltas as a Markdown table.
func write(w io.Writer, deltas []delta, geo delta, aName, bName string, goal bool) {
	fmt.Fprintf(w, "| benchmark | %s | %s | delta | 95%% CI | rounds |\n", aName, bName)
	fmt.Fprintln(w, "|---|---:|---:|---:|---|---:|")
	for _, d := range deltas {
		mark := ""
		if d.Significant {
			mark = " *"
		}
		fmt.Fprintf(w, "| %s | %s | %s | %+.2f%%%s | [%+.2f%%, %+.2f%%] | %d |\n",
			d.Name, duration(d.A), duration(d.B), 100*d.Est, mark, 100*d.Lo, 100*d.Hi, d.Rounds)
	}
	fmt.Fprintf(w, "| **geomean** | | | %+.2f%% | [%+.2f%%, %+.2f%%] | %d |\n",
		100*geo.Est, 100*geo.Lo, 100*geo.Hi, geo.Rounds)
	fmt.Fprintln(w, "\n`*`: the interval excludes zero.")
	if goal {
		verdict := "met"
		if !geo.WithinGoal {
			verdict = "missed"
		}
		fmt.Fprintf(w, "Goal (geomean interval within ±%.1f%%): %s.\n", 100*geo.goalFraction, verdict)
	}
}

// duration formats seconds per operation for the table.
func duration(sec float64) string {
	switch {
	case sec >= 1e-3:
		return fmt.Sprintf("%.3g ms", sec*1e3)
	case sec >= 1e-6:
		return fmt.Sprintf("%.3g µs", sec*1e6)
	}
	return fmt.Sprintf("%.3g ns", sec*1e9)
}
