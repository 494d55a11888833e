package exercises

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

// segs20 builds one round per row of times in ms (steal1, steal0, notrace);
// the traced runs hold steals1 and steals0 steal records.
func segs20(steals1, steals0 int, rows ...[3]int64) []segment20 {
	var out []segment20
	for i, r := range rows {
		out = append(out,
			segment20{Round: i + 1, Setting: steal1, WallNs: r[0] * 1e6,
				Stats: stealtracer.Stats{Steals: steals1, StealBatches: min(steals1, 1)}},
			segment20{Round: i + 1, Setting: steal0, WallNs: r[1] * 1e6,
				Stats: stealtracer.Stats{Steals: steals0, StealBatches: min(steals0, 1)}},
			segment20{Round: i + 1, Setting: noTrace, WallNs: r[2] * 1e6})
	}
	return out
}

func TestCheck20(t *testing.T) {
	good := measure20{Segments: segs20(700, 0, [3]int64{100, 100, 90}, [3]int64{105, 100, 95},
		[3]int64{200, 100, 90}), Truth: stealtracer.CheckResult{Steals: 700}}
	bad := measure20{Segments: segs20(0, 3, [3]int64{120, 100, 90}, [3]int64{116, 100, 95}),
		P1:    stealtracer.Stats{Steals: 2},
		Truth: stealtracer.CheckResult{Steals: 5, Problems: []stealtracer.Problem{{Reason: "x"}}}}
	cases := []struct {
		name string
		m    measure20
		want []Check
	}{
		{"pass", good, []Check{
			{Claim: "steal records in a steal-heavy trace at GOMAXPROCS=4 (fewest)", Status: Pass,
				Measured: "700", Expected: "≥ 1"},
			{Claim: "steal records the trace events explain (truth check of round 1)", Status: Pass,
				Measured: "0 problems in 700 steals", Expected: "0 problems, at least 1 steal"},
			{Claim: "steal records at GOMAXPROCS=1", Status: Pass, Measured: "0", Expected: "0"},
			{Claim: "no steal batches with GODEBUG=tracesteal=0", Status: Pass,
				Measured: "0 batches, 0 records in 3 traces", Expected: "0 in every trace"},
			{Claim: "time with steal records / without, trace on in both (median of rounds)",
				Status: Pass, Measured: "1.05", Expected: "≤ 1.1"},
		}},
		{"fail", bad, []Check{
			{Claim: "steal records in a steal-heavy trace at GOMAXPROCS=4 (fewest)", Status: Fail,
				Measured: "0", Expected: "≥ 1"},
			{Claim: "steal records the trace events explain (truth check of round 1)", Status: Fail,
				Measured: "1 problems in 5 steals", Expected: "0 problems, at least 1 steal"},
			{Claim: "steal records at GOMAXPROCS=1", Status: Fail, Measured: "2", Expected: "0"},
			{Claim: "no steal batches with GODEBUG=tracesteal=0", Status: Fail,
				Measured: "2 batches, 6 records in 2 traces", Expected: "0 in every trace"},
			{Claim: "time with steal records / without, trace on in both (median of rounds)",
				Status: Fail, Measured: "1.18", Expected: "≤ 1.1"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, check20(tc.m)); diff != "" {
				t.Errorf("checks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestMedianOf(t *testing.T) {
	cases := []struct {
		xs   []float64
		want float64
	}{
		{[]float64{3}, 3},
		{[]float64{5, 1, 3}, 3},
		{[]float64{4, 1, 3, 2}, 2.5},
	}
	for _, tc := range cases {
		if got := medianOf(tc.xs); got != tc.want {
			t.Errorf("medianOf(%v) = %v, want %v", tc.xs, got, tc.want)
		}
	}
	if got := medianOf(nil); !math.IsNaN(got) {
		t.Errorf("medianOf(nil) = %v, want NaN", got)
	}
}
