package exercises

import (
	"os"
	"path/filepath"
	"testing"
)

// TestExercisesQuick runs every registered exercise in quick mode, one at a
// time, with the go command in $GOPATCHED_GO (default: the patched ./bin/go
// of the repository), and fails on any exercise that does not pass or skip
// with an allowed reason. Artefacts go to $GOPATCHED_OUT when set, else to a
// temporary folder. Without the go command it skips, or fails when
// $GOPATCHED_REQUIRE_TOOLCHAIN is 1.
//
// The exercises time things: run this test on its own (go test -run
// TestExercisesQuick ./exercises), not beside other heavy work.
func TestExercisesQuick(t *testing.T) {
	root, err := FindRoot()
	if err != nil {
		t.Fatal(err)
	}
	goCmd := os.Getenv("GOPATCHED_GO")
	if goCmd == "" {
		goCmd = filepath.Join(root, "bin", "go")
	}
	if _, err := os.Stat(goCmd); err != nil {
		if os.Getenv("GOPATCHED_REQUIRE_TOOLCHAIN") == "1" {
			t.Fatalf("no go command at %s, and GOPATCHED_REQUIRE_TOOLCHAIN=1: build the patched "+
				"toolchain with \"make toolchain\"", goCmd)
		}
		t.Skipf("no go command at %s: build the patched toolchain with \"make toolchain\", "+
			"or set GOPATCHED_GO to another go command", goCmd)
	}
	out := os.Getenv("GOPATCHED_OUT")
	if out == "" {
		out = t.TempDir()
	}
	cfg := Config{Go: goCmd, Root: root, Out: out}
	for _, ex := range All() {
		t.Run(ex.Dir(), func(t *testing.T) {
			outcomes, err := Run(cfg, []*Exercise{ex})
			if err != nil {
				t.Fatal(err)
			}
			o := outcomes[0]
			t.Logf("%s in %.1fs: %s", o.Status, o.Elapsed.Seconds(), detail(o))
			if o.Status == Fail {
				t.Errorf("exercise %d failed: %s (report: %s)", ex.Number, detail(o),
					filepath.Join(o.Dir, "report.md"))
			}
		})
	}
}
