package sourceguides

import (
	"testing"

	"github.com/google/go-cmp/cmp"
)

// TestDiffInstalledAgainstPinned checks hand-verified facts of proc.go
// between go1.26.8 and go1.27.3 (line numbers checked with grep -n in both
// trees).
func TestDiffInstalledAgainstPinned(t *testing.T) {
	from, to := installed(t), pinned(t)
	if from.Release != "go1.26.8" {
		t.Skipf("expectations were written for go1.26.8 -> %s; the installed Go is %s",
			PinnedRelease, from.Release)
	}
	r, err := Diff(from, to, "runtime/proc.go", shippedGuides(t)...)
	if err != nil {
		t.Fatal(err)
	}
	if got, want := r.Summary(), "runtime/proc.go go1.26.8 -> go1.27.3: "+
		"0 added, 0 removed, 7 changed, 0 moved, 234 unchanged"; got != want {
		t.Errorf("summary:\n got %s\nwant %s", got, want)
	}
	var changed []string
	for _, c := range r.Changed {
		changed = append(changed, c.Name)
	}
	want := []string{"main", "cpuinit", "schedinit", "mPark", "newm1", "reentersyscall", "newproc1"}
	if d := cmp.Diff(want, changed); d != "" {
		t.Errorf("changed functions (-want +got):\n%s", d)
	}

	mpark, err := r.Only("mPark")
	if err != nil {
		t.Fatal(err)
	}
	wantHunks := []Hunk{{
		FromLine: 1965, FromCount: 5, ToLine: 1978, ToCount: 10,
		Lines: []DiffLine{
			{' ', "func mPark() {"},
			{' ', "\tgp := getg()"},
			{'+', "\t// This M might stay parked through an entire GC cycle."},
			{'+', "\t// Erase any leftovers on the signal stack."},
			{'+', "\tif goexperiment.RuntimeSecret {"},
			{'+', "\t\teraseSecretsSignalStk()"},
			{'+', "\t}"},
			{' ', "\tnotesleep(&gp.m.park)"},
			{' ', "\tnoteclear(&gp.m.park)"},
			{' ', "}"},
		},
	}}
	if d := cmp.Diff(wantHunks, mpark.Changed[0].Hunks); d != "" {
		t.Errorf("mPark hunks (-want +got):\n%s", d)
	}

	for _, tt := range []struct {
		name string
		want FuncMove
	}{
		{"findRunnable", FuncMove{"findRunnable", "runtime/proc.go", "runtime/proc.go", 3389, 3404}},
		{"runqgrab", FuncMove{"runqgrab", "runtime/proc.go", "runtime/proc.go", 7662, 7713}},
	} {
		one, err := r.Only(tt.name)
		if err != nil {
			t.Fatal(err)
		}
		if d := cmp.Diff([]FuncMove{tt.want}, one.Same); d != "" || len(one.Changed) != 0 {
			t.Errorf("%s should be unchanged (-want +got):\n%s", tt.name, d)
		}
	}

	var steps []string
	for _, s := range r.Steps {
		steps = append(steps, s.String())
	}
	wantSteps := []string{
		"newproc step 2 of 9 (Reuse a dead g from this P's cache) in newproc1: function changed",
		"newproc step 3 of 9 (Only an empty cache allocates) in newproc1: function changed",
		"newproc step 4 of 9 (The fake return address: goexit) in newproc1: function changed",
	}
	if d := cmp.Diff(wantSteps, steps); d != "" {
		t.Errorf("guide steps in changed code (-want +got):\n%s", d)
	}
}

func TestDiffBadInput(t *testing.T) {
	src := pinned(t)
	r, err := Diff(src, src, "runtime/proc.go")
	if err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"unknown function", func() error { _, err := r.Only("runqgrb"); return err },
			`no function runqgrb in runtime/proc.go of go1.27.3 or go1.27.3 (did you mean "runqgrab" or "runqget"?)`},
		{"unknown file", func() error { _, err := Diff(src, src, "runtime/prc.go"); return err },
			`no file runtime/prc.go in go1.27.3 or go1.27.3 (did you mean "runtime/proc.go" or "runtime/mgc.go"?)`},
	}
	for _, tt := range tests {
		err := tt.err()
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got error %v, want %q", tt.name, err, tt.want)
		}
	}
	if got := r.Summary(); got != "runtime/proc.go go1.27.3 -> go1.27.3: 0 added, 0 removed, 0 changed, 0 moved, 241 unchanged" {
		t.Errorf("a release against itself: %s", got)
	}
}
