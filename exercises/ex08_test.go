package exercises

import (
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestReadBurstTrace(t *testing.T) {
	cases := []struct {
		file  string
		procs int
		want  BurstTrace
		steps int
	}{
		{"ex08-burst.trace", 4, BurstTrace{Procs: 4, Goroutines: 16, SpawnP: 3, Steals: 8,
			BurstSteals: []BurstSteal{
				{At: 2829.76, Thief: 2, Victim: 3, Moved: 6},
				{At: 6742.784, Thief: 1, Victim: 2, Moved: 2},
				{At: 18762.24, Thief: 0, Victim: 2, Moved: 1},
				{At: 20765.12, Thief: 0, Victim: 3, Moved: 3},
				{At: 22696.192, Thief: 1, Victim: 0, Moved: 1},
				{At: 24699.264, Thief: 1, Victim: 0, Moved: 1},
				{At: 30743.424, Thief: 0, Victim: 3, Moved: 2},
				{At: 34710.08, Thief: 2, Victim: 3, Moved: 1},
			},
			FirstRunElsewhere: 12, Imbalance: 16, Peak: 16, PeakP: 3, Levelled: 30743.424},
			16 + 16 + 8},
		{"ex08-yield.trace", 4, BurstTrace{Procs: 4, Goroutines: 16, SpawnP: 2,
			Imbalance: 1, Peak: 1, PeakP: 2, Levelled: 0.768}, 16 + 16},
		{"ex08-p1.trace", 1, BurstTrace{Procs: 1, Goroutines: 16, SpawnP: 0,
			Imbalance: 0, Peak: 16, PeakP: 0, Levelled: 48.192}, 16 + 16},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			got, err := ReadBurstTrace("testdata/"+tc.file, tc.procs)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tc.want, *got, cmpopts.IgnoreFields(BurstTrace{}, "Timeline"),
				cmpopts.EquateEmpty()); diff != "" {
				t.Errorf("burst (-want +got):\n%s", diff)
			}
			if len(got.Timeline) != tc.steps {
				t.Errorf("timeline has %d steps, want %d (a creation, a first run "+
					"and a steal each)", len(got.Timeline), tc.steps)
			}
			if last := got.Timeline[len(got.Timeline)-1].Queues; cmp.Diff(make([]int, tc.procs), last) != "" {
				t.Errorf("queues at the end: %v, want all empty", last)
			}
		})
	}
}

func TestReadBurstTraceErrors(t *testing.T) {
	cases := []struct {
		file  string
		procs int
		want  string
	}{
		{"ex08-burst.trace", 2, "trace testdata/ex08-burst.trace: burst goroutine 22 " +
			"created on P 3, outside the 2 Ps the run was given"},
		{"missing.trace", 4, "opening trace: open testdata/missing.trace: no such file or directory"},
		{"README-ex08.md", 4, "reading trace testdata/README-ex08.md: "},
	}
	for _, tc := range cases {
		t.Run(tc.file, func(t *testing.T) {
			_, err := ReadBurstTrace("testdata/"+tc.file, tc.procs)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); len(got) < len(tc.want) || got[:len(tc.want)] != tc.want {
				t.Errorf("error %q, want it to start with %q", got, tc.want)
			}
		})
	}
}

func TestCheck08(t *testing.T) {
	burst := &BurstTrace{Procs: 4, Goroutines: 16, SpawnP: 0, Steals: 3, Imbalance: 15,
		BurstSteals: []BurstSteal{{Thief: 1, Victim: 0, Moved: 6}, {Thief: 2, Victim: 0, Moved: 4},
			{Thief: 3, Victim: 1, Moved: 2}}}
	yield := &BurstTrace{Procs: 4, Goroutines: 16, SpawnP: 1, Imbalance: 1}
	p1 := &BurstTrace{Procs: 1, Goroutines: 16, Imbalance: 0, Peak: 16}

	// A tight burst whose first steal took from another P than the
	// spawner, and most of whose first goroutines moved between thieves.
	wrong := &BurstTrace{Procs: 4, Goroutines: 16, SpawnP: 0, Steals: 2, Imbalance: 4,
		BurstSteals: []BurstSteal{{Thief: 1, Victim: 2, Moved: 1}, {Thief: 3, Victim: 2, Moved: 3}}}
	stealingP1 := &BurstTrace{Procs: 1, Goroutines: 16, Steals: 2}
	short := &BurstTrace{Procs: 4, Goroutines: 9}

	goroutines := "every trace shows the 16 burst goroutines"
	cases := []struct {
		name string
		m    measure08
		want []Check
	}{
		{"pass", measure08{Burst: []*BurstTrace{burst, burst}, Yield: []*BurstTrace{yield, yield}, P1: p1},
			[]Check{
				{Claim: goroutines, Status: Pass, Measured: "16, 16, 16, 16, 16", Expected: "16 in each"},
				{Claim: "steals of burst goroutines at GOMAXPROCS=4 (fewest in a run)", Status: Pass,
					Measured: "3", Expected: "≥ 1"},
				{Claim: "the first steal of each tight burst takes from the spawning P", Status: Pass,
					Measured: "P0 (spawner P0), P0 (spawner P0)", Expected: "the spawning P in every run"},
				{Claim: "share of the goroutines the first 3 steals moved that came from the " +
					"spawning P (lowest run)", Status: Pass, Measured: "0.833", Expected: "≥ 0.5"},
				{Claim: "steal records at GOMAXPROCS=1", Status: Pass, Measured: "0", Expected: "0"},
				{Claim: "median imbalance: yielding between spawns < tight burst", Status: Pass,
					Measured: "1 vs 15", Expected: "first smaller"},
			}},
		{"fail: wrong victim, steals at P=1, yield no better",
			measure08{Burst: []*BurstTrace{burst, wrong, wrong}, Yield: []*BurstTrace{yield, wrong, burst},
				P1: stealingP1},
			[]Check{
				{Claim: goroutines, Status: Pass, Measured: "16, 16, 16, 16, 16, 16, 16", Expected: "16 in each"},
				{Claim: "steals of burst goroutines at GOMAXPROCS=4 (fewest in a run)", Status: Pass,
					Measured: "2", Expected: "≥ 1"},
				{Claim: "the first steal of each tight burst takes from the spawning P", Status: Fail,
					Measured: "P0 (spawner P0), P2 (spawner P0), P2 (spawner P0)",
					Expected: "the spawning P in every run"},
				{Claim: "share of the goroutines the first 3 steals moved that came from the " +
					"spawning P (lowest run)", Status: Fail, Measured: "0", Expected: "≥ 0.5"},
				{Claim: "steal records at GOMAXPROCS=1", Status: Fail, Measured: "2", Expected: "0"},
				{Claim: "median imbalance: yielding between spawns < tight burst", Status: Fail,
					Measured: "4 vs 4", Expected: "first smaller"},
			}},
		{"fail: a trace without its burst", measure08{Burst: []*BurstTrace{burst},
			Yield: []*BurstTrace{short}, P1: p1},
			[]Check{{Claim: goroutines, Status: Fail, Measured: "16, 9, 16", Expected: "16 in each"}}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, check08(tc.m)); diff != "" {
				t.Errorf("checks (-want +got):\n%s", diff)
			}
		})
	}
}
