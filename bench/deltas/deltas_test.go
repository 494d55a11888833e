package main

import (
	"math"
	"regexp"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

// Three interleaved rounds: Spawn is exactly 10% slower in B every round,
// so its interval has zero width; Ping is 1% faster, 1% slower and equal,
// whose mean log ratio is close to zero with a wide interval.
const (
	setA = `BenchmarkSpawn-2 100 100 ns/op
BenchmarkPing-2 100 200 ns/op
BenchmarkSpawn-2 100 200 ns/op
BenchmarkPing-2 100 200 ns/op
BenchmarkSpawn-2 100 400 ns/op
BenchmarkPing-2 100 200 ns/op
`
	setB = `BenchmarkSpawn-2 100 110 ns/op
BenchmarkPing-2 100 198 ns/op
BenchmarkSpawn-2 100 220 ns/op
BenchmarkPing-2 100 202 ns/op
BenchmarkSpawn-2 100 440 ns/op
BenchmarkPing-2 100 200 ns/op
BenchmarkOnlyInB-2 100 1 ns/op
`
)

func TestCompare(t *testing.T) {
	a, err := parseSamples(strings.NewReader(setA), "a")
	if err != nil {
		t.Fatal(err)
	}
	b, err := parseSamples(strings.NewReader(setB), "b")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		filter    string
		wantNames []string
		wantEst   []float64
		wantGeo   float64
	}{
		{"", []string{"Ping-2", "Spawn-2"}, []float64{-0.0000333, 0.10}, 0.04879},
		{"Spawn", []string{"Spawn-2"}, []float64{0.10}, 0.10},
	}
	for _, tt := range tests {
		deltas, geo, err := compare(a, b, regexp.MustCompile(tt.filter), 0.01)
		if err != nil {
			t.Fatalf("filter %q: %v", tt.filter, err)
		}
		var names []string
		var est []float64
		for _, d := range deltas {
			names = append(names, d.Name)
			est = append(est, d.Est)
		}
		approx := cmpopts.EquateApprox(0, 1e-5)
		if diff := cmp.Diff(tt.wantNames, names); diff != "" {
			t.Errorf("filter %q: benchmarks (-want +got):\n%s", tt.filter, diff)
		}
		if diff := cmp.Diff(tt.wantEst, est, approx); diff != "" {
			t.Errorf("filter %q: deltas (-want +got):\n%s", tt.filter, diff)
		}
		if diff := cmp.Diff(tt.wantGeo, geo.Est, approx); diff != "" {
			t.Errorf("filter %q: geomean (-want +got):\n%s", tt.filter, diff)
		}
	}
}

func TestPairedDeltaInterval(t *testing.T) {
	// Log ratios 0, 0.02, 0.04: mean 0.02, standard error 0.02/sqrt(3),
	// t(0.975, 2 df) = 4.302653.
	d := pairedDelta("x", []float64{0, 0.02, 0.04}, 0.01)
	half := 4.302653 * 0.02 / math.Sqrt(3)
	want := delta{Name: "x", Est: math.Expm1(0.02), Lo: math.Expm1(0.02 - half),
		Hi: math.Expm1(0.02 + half), Rounds: 3, goalFraction: 0.01}
	opts := []cmp.Option{cmp.AllowUnexported(delta{}), cmpopts.EquateApprox(0, 1e-6)}
	if diff := cmp.Diff(want, d, opts...); diff != "" {
		t.Errorf("pairedDelta (-want +got):\n%s", diff)
	}
}

func TestNoCommonBenchmark(t *testing.T) {
	a, _ := parseSamples(strings.NewReader(setA), "a")
	b, _ := parseSamples(strings.NewReader(setB), "b")
	_, _, err := compare(a, b, regexp.MustCompile("OnlyInB"), 0.01)
	if err == nil || !strings.Contains(err.Error(), "no benchmark matching") {
		t.Errorf("compare with no common benchmark: got %v, want a 'no benchmark matching' error", err)
	}
}
