package sourceguides

import (
	"go/parser"
	"go/token"
	"strconv"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestShippedGuides(t *testing.T) {
	want := map[string]int{
		"findrunnable": 11, "gcassist": 7, "lockosthread": 8, "newproc": 9,
		"preemption": 12, "runq": 9, "schedule": 9, "spinning": 9,
	}
	got := map[string]int{}
	for _, g := range shippedGuides(t) {
		got[g.Name] = len(g.Steps)
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("shipped guides and step counts (-want +got):\n%s", d)
	}
	if n := got["findrunnable"]; n < 7 {
		t.Errorf("findrunnable has %d steps; exercise 13 needs at least seven", n)
	}
}

func TestAllGuidesResolveInPinnedRelease(t *testing.T) {
	src := pinned(t)
	if src.Release != PinnedRelease {
		t.Fatalf("pinned tree says %s, want %s", src.Release, PinnedRelease)
	}
	for _, s := range Check(src, shippedGuides(t)...) {
		t.Errorf("stale in %s: %s", src.Release, s)
	}
}

func TestGuidesOnInstalledGo(t *testing.T) {
	src := installed(t)
	stale := Check(src, shippedGuides(t)...)
	for _, s := range stale {
		t.Logf("stale in %s: %s", src.Release, s)
	}
	if src.Release != "go1.26.8" {
		t.Skipf("expectations were written for go1.26.8; this is %s (%d stale anchors)",
			src.Release, len(stale))
	}
	// Every anchor of every shipped guide also resolves in go1.26.8.
	if len(stale) != 0 {
		t.Errorf("%d stale anchors in go1.26.8, want 0", len(stale))
	}
}

func TestResolvePlaces(t *testing.T) {
	src := pinned(t)
	tests := []struct {
		guide string
		step  int // 1-based
		want  string
	}{
		{"findrunnable", 2, "runtime/proc.go:3458 findRunnable"},
		{"findrunnable", 3, "runtime/proc.go:3484 findRunnable"},
		{"findrunnable", 7, "runtime/proc.go:3848 stealWork"},
		{"runq", 7, "runtime/proc.go:7746 runqgrab"},
		{"preemption", 6, "runtime/signal_unix.go:693 sighandler"},
		{"preemption", 10, "runtime/preempt_amd64.s:12 asyncPreempt"},
		{"gcassist", 5, "runtime/mgcmark.go:639 gcAssistAlloc"},
	}
	for _, tt := range tests {
		g, err := Lookup(tt.guide)
		if err != nil {
			t.Fatal(err)
		}
		pl := Resolve(src, g)[tt.step-1]
		got := pl.Stale
		if pl.Func != nil {
			got = pl.Func.File.Path + ":" + strconv.Itoa(pl.Line) + " " + pl.Func.Name
		}
		if got != tt.want {
			t.Errorf("%s step %d: got %q, want %q", tt.guide, tt.step, got, tt.want)
		}
	}
}

func TestStaleAnchors(t *testing.T) {
	src := pinned(t)
	g, err := Parse("bad.txt", []byte(`title: anchors that do not resolve
step: no such function
func: runtime.findRunable
code: x
text: t
step: fragment missing
func: runtime.runqget
code: this is not in runqget
text: t
step: fragment twice
func: runtime.findRunnable
code: goto top
text: t
step: resolves
func: runtime.runqget
code: pp.runnext.cas(next, 0)
text: t
`))
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, s := range Check(src, g) {
		got = append(got, s.String())
	}
	want := []string{
		`bad.txt:2: guide bad step 1 of 4 (no such function): no function findRunable in runtime (did you mean "findRunnable"?)`,
		`bad.txt:6: guide bad step 2 of 4 (fragment missing): fragment "this is not in runqget" not found in runtime.runqget`,
		`bad.txt:10: guide bad step 3 of 4 (fragment twice): fragment "goto top" occurs 9 times in runtime.findRunnable; make it longer`,
	}
	if d := cmp.Diff(want, got); d != "" {
		t.Errorf("stale anchors (-want +got):\n%s", d)
	}
}

// TestRunqAnchorsSurviveThePatch applies, to the pinned runqgrab and
// runqsteal, the kind of change the gopatched patch makes (runqgrab also
// returns whether it took runnext and the victim's queue length; runqsteal
// writes a steal record before publishing), and checks that the runq
// guide still resolves.
func TestRunqAnchorsSurviveThePatch(t *testing.T) {
	stock := pinned(t).File("runtime/proc.go")
	patched := strings.NewReplacer(
		"stealRunNextG bool) uint32 {", "stealRunNextG bool) (uint32, bool, uint32) {",
		"\t\t\t\t\treturn 1\n", "\t\t\t\t\treturn 1, true, 0\n",
		"\t\t\treturn 0\n", "\t\t\treturn 0, false, 0\n",
		"\t\t\treturn n\n", "\t\t\treturn n, false, t - h\n",
		"n := runqgrab(p2, &pp.runq, t, stealRunNextG)",
		"n, tookNext, qlen := runqgrab(p2, &pp.runq, t, stealRunNextG)",
		"\tatomic.StoreRel(&pp.runqtail, t+n) // store-release",
		"\ttraceRunqSteal(pp, p2, n+1, tookNext, qlen)\n\tatomic.StoreRel(&pp.runqtail, t+n) // store-release",
	).Replace(string(stock.Src))
	if patched == string(stock.Src) {
		t.Fatal("the simulated patch changed nothing")
	}
	src := sourceFromText(t, "runtime/proc.go", patched)
	for _, name := range []string{"runqgrab", "runqsteal"} {
		if a, b := src.Funcs(name)[0].Text(), pinned(t).Funcs(name)[0].Text(); a == b {
			t.Errorf("simulated patch left %s unchanged", name)
		}
	}
	g, err := Lookup("runq")
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range Check(src, g) {
		t.Errorf("stale after the patch: %s", s)
	}
	patchedSteps := 0
	for _, s := range g.Steps {
		if s.Patched != "" {
			patchedSteps++
		}
	}
	if patchedSteps != 4 {
		t.Errorf("%d runq steps marked %q, want 4", patchedSteps, PatchNote)
	}
}

// sourceFromText builds a Source holding one Go file, parsed from text.
func sourceFromText(t *testing.T, path, text string) *Source {
	t.Helper()
	fset := token.NewFileSet()
	syn, err := parser.ParseFile(fset, path, text, parser.ParseComments)
	if err != nil {
		t.Fatal(err)
	}
	src := &Source{GOROOT: "/simulated", Release: "simulated", fset: fset, files: map[string]*File{}}
	f := &File{Path: path, Src: []byte(text), lineStarts: lineStarts([]byte(text))}
	f.Funcs = goFuncs(f, fset, fset.File(syn.Pos()), syn)
	src.files[path] = f
	return src
}
