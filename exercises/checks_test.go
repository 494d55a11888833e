package exercises

import (
	"os"
	"testing"

	"github.com/google/go-cmp/cmp"

	"github.com/gopatched/gopatched/internal/schedtrace"
)

// verdicts lists the verdict of each check, the part a checker test pins.
func verdicts(checks []Check) []Status {
	out := make([]Status, len(checks))
	for i, c := range checks {
		out[i] = c.Status
	}
	return out
}

// checkerCase is one input to one checker and the verdicts expected.
type checkerCase struct {
	name   string
	checks func() []Check
	want   []Status
}

func runCheckerCases(t *testing.T, cases []checkerCase) {
	t.Helper()
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, verdicts(tc.checks())); diff != "" {
				t.Errorf("verdicts (-want +got):\n%s", diff)
			}
		})
	}
}

func sched(procs int, queues ...int) schedtrace.Sched {
	return schedtrace.Sched{GOMAXPROCS: procs, LocalRunQueues: queues}
}

func TestCheck01(t *testing.T) {
	good := measure01{Cores: 2, Capacity: []float64{2, 1.5, 2}, Wall4: []float64{1, 1, 1},
		Wall1:  []float64{2, 1.4, 1.9},
		Lines4: []schedtrace.Sched{sched(4, 0, 0, 0, 0), sched(4, 90, 40, 2, 3)},
		Lines1: []schedtrace.Sched{sched(1, 0), sched(1, 190)}}
	bad := good
	bad.Wall1 = []float64{1.2, 1.1, 1}
	other := good
	other.Other = 1
	bad.Lines1 = []schedtrace.Sched{sched(1, 0, 0), sched(1, 50)}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check01(good) }, []Status{Pass, Pass, Pass, Pass, Pass}},
		{"fail: wrong bracket, small queue, ratio off", func() []Check { return check01(bad) },
			[]Status{Pass, Pass, Fail, Fail, Fail}},
		{"fail: a line at another setting", func() []Check { return check01(other) },
			[]Status{Fail, Pass, Pass, Pass, Pass}},
	})
}

func TestCheck02(t *testing.T) {
	// mk builds three rounds with the same times at P = 1, 2, 4, 8.
	mk := func(ns ...int64) measure02 {
		m := measure02{Cores: 2, Capacity: []float64{1.9, 2, 1.95}}
		for i, p := range []int{1, 2, 4, 8} {
			m.Rows = append(m.Rows, struct {
				P  int     `json:"p"`
				Ns []int64 `json:"ns"`
			}{p, []int64{ns[i], ns[i], ns[i]}})
		}
		return m
	}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check02(mk(1000, 520, 515, 510), 2) }, []Status{Pass, Pass, Pass}},
		{"fail: no speedup at 2, then a jump past C", func() []Check { return check02(mk(1000, 900, 200, 500), 2) },
			[]Status{Fail, Fail, Fail}},
		{"skip on one core", func() []Check { return check02(mk(1000, 1000, 1000, 1000), 1) }, []Status{Skip}},
	})
}

func TestCheck03(t *testing.T) {
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check {
			return check03(measure03{Plain: "AAAAABBBBB", Yielding: "ABABABABAB", AtStart: 1, Live: 4, AtEnd: 1})
		}, []Status{Pass, Pass, Pass, Pass, Pass}},
		{"fail", func() []Check {
			return check03(measure03{Plain: "AABBBAAABB", Yielding: "AAAAABBBBB", AtStart: 1, Live: 3, AtEnd: 2})
		}, []Status{Fail, Fail, Pass, Fail, Fail}},
	})
}

func TestCheck04(t *testing.T) {
	f, err := os.Open("../internal/schedtrace/testdata/scheddetail.txt")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	tr, err := schedtrace.Parse(f)
	if err != nil {
		t.Fatal(err)
	}
	// A snapshot of waiting goroutines only, one of them on an M with no line.
	thin := &schedtrace.Trace{Snapshots: []schedtrace.Snapshot{{
		Ms: []schedtrace.M{{ID: 0}},
		Gs: []schedtrace.G{{ID: 1, Status: 4, WaitReason: "sleep", M: 7}}}}}
	runCheckerCases(t, []checkerCase{
		{"pass on captured output", func() []Check { return check04(tr, richest(tr)) },
			[]Status{Pass, Pass, Pass, Pass, Pass, Pass}},
		{"fail", func() []Check { return check04(thin, richest(thin)) },
			[]Status{Fail, Fail, Pass, Fail, Fail, Fail}},
	})
}

func TestCheck05(t *testing.T) {
	good := &TraceStats{Created: 10, Started: 20, Stopped: 2, Span: 1000, IdleRunnable: 50,
		Blocked: map[string]int{"network": 3, "chan receive": 4}}
	bad := &TraceStats{Created: 10, Started: 20, Span: 1000, IdleRunnable: 300,
		Blocked: map[string]int{"sleep": 3}}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check05(good, 0) }, []Status{Pass, Pass, Pass, Pass, Pass, Pass, Pass}},
		{"fail", func() []Check { return check05(bad, 1) }, []Status{Fail, Pass, Pass, Fail, Fail, Fail, Fail}},
	})
}

func TestCheck06(t *testing.T) {
	good := []task06{{Wall: 10, DB: 5, CPU: 4}, {Wall: 12, DB: 5, CPU: 6}}
	bad := []task06{{Wall: 10, DB: 5, CPU: 5}, {Wall: 12, DB: 5}}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check06(good, 2) }, []Status{Pass, Pass}},
		{"fail", func() []Check { return check06(bad, 2) }, []Status{Fail, Fail}},
	})
}

func TestCheck07(t *testing.T) {
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check07(measure07{Free: []int{5, 6, 7}, Locked: []int{9}}) },
			[]Status{Pass, Pass}},
		{"fail", func() []Check { return check07(measure07{Free: []int{5}, Locked: []int{9, 10}}) },
			[]Status{Fail, Pass}},
	})
}

func TestCheck09(t *testing.T) {
	good := measure09{Alone: []float64{1e5, 2e5}, Loaded: []float64{1e6, 5e6}, FastWaits: []float64{10, 2e6}}
	bad := measure09{Alone: []float64{1e5, 2e5}, Loaded: []float64{1e5, 3e5}, FastWaits: []float64{10, 2e5}}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check09(good) }, []Status{Pass, Pass}},
		{"fail", func() []Check { return check09(bad) }, []Status{Fail, Fail}},
	})
}

func TestCheck10(t *testing.T) {
	m := measure10{IntervalsNs: []float64{100e6, 105e6, 112e6}, PeriodNs: 100e6, OffWait: 1500e6}
	starved := m
	starved.OffTicks = 9
	starved.IntervalsNs = []float64{100e6, 150e6}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check10(m, true) }, []Status{Pass, Pass, Pass}},
		{"fail", func() []Check { return check10(starved, false) }, []Status{Fail, Fail, Fail}},
	})
}

func TestCheck11(t *testing.T) {
	var good, bad measure11
	good.Rows = append(good.Rows, struct {
		CPU         int     `json:"cpu"`
		SpawnNs     float64 `json:"spawn_ns"`
		SpawnBytes  int64   `json:"spawn_bytes"`
		SpawnAllocs int64   `json:"spawn_allocs"`
		ChanNs      float64 `json:"chan_ns"`
		ChanBytes   int64   `json:"chan_bytes"`
	}{CPU: 1, SpawnNs: 300, ChanNs: 200})
	bad.Rows = append(bad.Rows, good.Rows[0])
	bad.Rows[0].SpawnBytes, bad.Rows[0].SpawnNs = 16, 5000
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check11(good) }, []Status{Pass, Pass}},
		{"fail", func() []Check { return check11(bad) }, []Status{Fail, Fail}},
	})
}

func TestCheck12(t *testing.T) {
	mk := func(ns ...float64) measure12 {
		m := measure12{Steps: 10000}
		for i, k := range []int{0, 1, 10, 100, 1000} {
			m.Rows = append(m.Rows, struct {
				K  int     `json:"k"`
				Ns float64 `json:"ns"`
			}{k, ns[i]})
		}
		return m
	}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check12(mk(8000, 1e6, 100e3, 18e3, 9e3)) },
			[]Status{Pass, Pass, Pass, Pass, Pass}},
		{"fail", func() []Check { return check12(mk(8000, 12e3, 20e3, 21e3, 25e3)) },
			[]Status{Fail, Fail, Pass, Fail, Fail}},
	})
}

func TestCheck14(t *testing.T) {
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check14(measure14{Built: true, Sum: 80, Want: 80}) }, []Status{Pass, Pass}},
		{"fail: wrong sum", func() []Check { return check14(measure14{Built: true, Sum: 79, Want: 80}) },
			[]Status{Pass, Fail}},
		{"fail: did not build", func() []Check { return check14(measure14{}) }, []Status{Fail}},
	})
}

func TestCheck15(t *testing.T) {
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check {
			return check15(measure15{HandNs: 100, GroupNs: 120, Tasks: 1000, HandRan: 1000, GroupRan: 130})
		}, []Status{Pass, Pass, Pass}},
		{"fail", func() []Check {
			return check15(measure15{HandNs: 100, GroupNs: 200, Tasks: 1000, HandRan: 300, GroupRan: 1000})
		}, []Status{Fail, Fail, Fail}},
	})
}

func TestCheck18(t *testing.T) {
	free := variant18{Waits: []float64{1e4, 2e4, 5e6}}
	locked := variant18{Waits: []float64{1e5, 2e5, 9e6}}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check18(measure18{Free: free, Locked: locked}) }, []Status{Pass}},
		{"fail", func() []Check { return check18(measure18{Free: locked, Locked: free}) }, []Status{Fail}},
	})
}

func TestCheck19(t *testing.T) {
	mk := func(ns ...float64) measure19 {
		m := measure19{Sites: []LockSite{{Function: "runtime.gfput", Contention: 10, Count: 1}}}
		for i, p := range []int{2, 4, 8, 16, 32} {
			m.Rows = append(m.Rows, struct {
				CPU int     `json:"cpu"`
				Ns  float64 `json:"ns"`
			}{p, ns[i]})
		}
		return m
	}
	noSites := mk(100, 80, 60, 40, 20)
	noSites.Sites = []LockSite{{Function: "main.work"}}
	runCheckerCases(t, []checkerCase{
		{"pass on 4 cores", func() []Check { return check19(mk(200, 100, 105, 110, 120), 4) }, []Status{Pass, Pass}},
		{"skip of the many-P claim on 2 cores", func() []Check { return check19(mk(200, 100, 105, 110, 120), 2) },
			[]Status{Pass, Skip}},
		{"fail: keeps improving, no runtime sites", func() []Check { return check19(noSites, 4) },
			[]Status{Fail, Fail}},
	})
}

func TestCheck21(t *testing.T) {
	good := []row21{{P: 2, WallNs: 100, Voluntary: 10}, {P: 4, WallNs: 101, Voluntary: 20},
		{P: 128, WallNs: 103, Voluntary: 10, Involuntary: 50}}
	bad := []row21{{P: 2, WallNs: 100, Voluntary: 10}, {P: 4, WallNs: 90}, {P: 128, WallNs: 80, Voluntary: 5}}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check { return check21(good, 2) }, []Status{Pass, Pass}},
		{"fail", func() []Check { return check21(bad, 2) }, []Status{Fail, Fail}},
		{"skip on one core", func() []Check { return check21(good, 1) }, []Status{Skip}},
	})
}

func TestCheck22(t *testing.T) {
	mk := func(low sample22) measure22 {
		return measure22{Every: 0.5, Samples: []sample22{
			{SchedP99: 0.02, AssistCPU: 0.1, Alloc: 400e6}, low}}
	}
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check {
			return check22(mk(sample22{Low: true, SchedP99: 0.001, AssistCPU: 0.02, Alloc: 100e6}))
		}, []Status{Pass, Pass, Pass}},
		{"fail", func() []Check {
			return check22(mk(sample22{Low: true, SchedP99: 0.03, AssistCPU: 0.2, Alloc: 390e6}))
		}, []Status{Fail, Fail, Fail}},
	})
}

func TestCheck23(t *testing.T) {
	runCheckerCases(t, []checkerCase{
		{"pass", func() []Check {
			return check23(measure23{LowOffered: 50, RoundRobin: []int64{900, 50, 50}, Strict: []int64{1000, 1, 0}})
		}, []Status{Pass, Pass}},
		{"fail", func() []Check {
			return check23(measure23{LowOffered: 50, RoundRobin: []int64{900, 20, 50}, Strict: []int64{1000, 50, 50}})
		}, []Status{Fail, Fail}},
	})
}
