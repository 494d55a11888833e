package exercises

import (
	"sync"
	"testing"

	"github.com/google/go-cmp/cmp"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

// pinnedOnce loads the pinned release once for the tests that need it.
var pinnedOnce = sync.OnceValues(loadPinned)

func pinned(t *testing.T) *sourceguides.Source {
	t.Helper()
	src, err := pinnedOnce()
	if err != nil {
		t.Fatalf("loading the pinned release (fetched by \"make toolchain\"): %v", err)
	}
	return src
}

// step is a resolved step in the given function at the given line, with
// cost and lock stated.
func step(fn, code string, line int) GuideStep {
	return GuideStep{Title: code, Func: fn, Code: code, Cost: "c", Lock: "l",
		File: "runtime/proc.go", Line: line}
}

func TestCheck13(t *testing.T) {
	fr := findRunnable
	good := GuideRun{Guide: "findrunnable", Release: "go1.27.3", Steps: []GuideStep{
		step(fr, "pp.schedtick%61 == 0", 10),
		step(fr, "runqget(pp)", 20),
		step(fr, "// global runq", 30),
		step(fr, "netpoll(0)", 40),
		step("runtime.stealWork", "const stealTries = 4", 5),
		step(fr, "gcController.addIdleMarkWorker()", 50),
		step(fr, "now = pidleput(pp, now)", 60),
		step(fr, "netpoll(delay)", 70),
	}}
	bad := GuideRun{Guide: "findrunnable", Release: "go1.27.3", Steps: []GuideStep{
		step(fr, "runqget(pp)", 20),
		step(fr, "pp.schedtick%61 == 0", 10),
		{Title: "gone", Func: fr, Code: "netpoll(0)", Stale: "fragment not found"},
		step(fr, "netpoll(delay)", 70),
	}}
	bad.Steps[3].Lock = ""
	topics := "the spec's topics each have a resolved step"
	cases := []struct {
		name string
		run  GuideRun
		want []Check
	}{
		{"pass", good, []Check{
			{Claim: `every anchor of guide "findrunnable" resolves in go1.27.3`, Status: Pass,
				Measured: "0 stale of 8", Expected: "0 stale"},
			{Claim: "steps in the guide", Status: Pass, Measured: "8", Expected: "≥ 7"},
			{Claim: topics, Status: Pass, Measured: "8 of 8", Expected: "8 of 8"},
			{Claim: "every step states its cost and its lock", Status: Pass,
				Measured: "8 of 8 steps", Expected: "all steps"},
			{Claim: "the steps in findRunnable follow the source order", Status: Pass,
				Measured: "lines 10, 20, 30, 40, 50, 60, 70", Expected: "increasing, at least two steps"},
		}},
		{"fail: stale, short, topics missing, no lock, out of order", bad, []Check{
			{Claim: `every anchor of guide "findrunnable" resolves in go1.27.3`, Status: Fail,
				Measured: "1 stale of 4: step 3 (gone): fragment not found", Expected: "0 stale"},
			{Claim: "steps in the guide", Status: Fail, Measured: "4", Expected: "≥ 7"},
			{Claim: topics, Status: Fail, Measured: "3 of 8; missing: the global run queue, " +
				"the non-blocking network poll, stealing from other Ps, timers included, " +
				"idle GC mark work, parking: give up the P and sleep", Expected: "8 of 8"},
			{Claim: "every step states its cost and its lock", Status: Fail,
				Measured: "2 of 4 steps; without: step 3, 4", Expected: "all steps"},
			{Claim: "the steps in findRunnable follow the source order", Status: Fail,
				Measured: "lines 20, 10, 70", Expected: "increasing, at least two steps"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, check13(tc.run)); diff != "" {
				t.Errorf("checks (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheck16(t *testing.T) {
	good := GuideRun{Guide: "preemption", Release: "go1.27.3", Steps: []GuideStep{
		step("runtime.retake", "pd.schedwhen", 1),
		step("runtime.preemptone", "preemptM(mp)", 2),
		step("runtime.sighandler", "doSigPreempt(gp, c)", 3),
		step("runtime.isAsyncSafePoint", "UnsafePointUnsafe", 4),
		step("runtime.asyncPreempt", "PUSHFQ", 5),
	}}
	bad := GuideRun{Guide: "preemption", Release: "go1.27.3", Steps: []GuideStep{
		step("runtime.retake", "pd.schedwhen", 1),
		{Title: "t", Func: "runtime.preemptone", Code: "preemptM(mp)", Stale: "no function preemptone"},
		step("runtime.asyncPreempt", "CALL ·asyncPreempt2(SB)", 5),
	}}
	cases := []struct {
		name string
		run  GuideRun
		want []Check
	}{
		{"pass", good, []Check{
			{Claim: `every anchor of guide "preemption" resolves in go1.27.3`, Status: Pass,
				Measured: "0 stale of 5", Expected: "0 stale"},
			{Claim: "steps in the guide", Status: Pass, Measured: "5", Expected: "≥ 5"},
			{Claim: "the spec's topics each have a resolved step", Status: Pass,
				Measured: "5 of 5", Expected: "5 of 5"},
		}},
		{"fail: a stale step, the signal path and the register save missing", bad, []Check{
			{Claim: `every anchor of guide "preemption" resolves in go1.27.3`, Status: Fail,
				Measured: "1 stale of 3: step 2 (t): no function preemptone", Expected: "0 stale"},
			{Claim: "steps in the guide", Status: Fail, Measured: "3", Expected: "≥ 5"},
			{Claim: "the spec's topics each have a resolved step", Status: Fail,
				Measured: "1 of 5; missing: preemptone, the SIGURG path in the signal handler, " +
					"asyncPreempt's register save, unsafe-point checks", Expected: "5 of 5"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, check16(tc.run)); diff != "" {
				t.Errorf("checks (-want +got):\n%s", diff)
			}
		})
	}
}

// TestShippedGuidesOnPinned judges the shipped guides against the real
// pinned release: exercises 13 and 16 pass, and a guide with a fragment
// that is not in the release fails with the reason the resolver gives.
func TestShippedGuidesOnPinned(t *testing.T) {
	src := pinned(t)
	for _, tc := range []struct {
		guide string
		check func(GuideRun) []Check
	}{{"findrunnable", check13}, {"preemption", check16}} {
		g, err := sourceguides.Lookup(tc.guide)
		if err != nil {
			t.Fatal(err)
		}
		checks := tc.check(ResolveGuide(src, g))
		if v := Verdict(checks); v != Pass {
			t.Errorf("guide %s on the pinned release: %s, want pass; checks: %+v", tc.guide, v, checks)
		}
	}

	broken, err := sourceguides.Parse("broken.txt", []byte("title: broken\n"+
		"step: not there\nfunc: runtime.retake\ncode: no such code\ntext: x\n"))
	if err != nil {
		t.Fatal(err)
	}
	got := guideChecks(ResolveGuide(src, broken), 1, nil)[0]
	want := Check{Claim: `every anchor of guide "broken" resolves in go1.27.3`, Status: Fail,
		Measured: `1 stale of 1: step 1 (not there): fragment "no such code" not found ` +
			`in runtime.retake`, Expected: "0 stale"}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("broken guide (-want +got):\n%s", diff)
	}
}
