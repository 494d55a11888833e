package main

import (
	"encoding/json"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopatched/gopatched/internal/patchedgo"
	"github.com/gopatched/gopatched/steal-tracer/summary"
)

// TestPatchedToolchain records a fresh steal-heavy trace with the patched
// toolchain, summarizes it as JSON, strips it and checks the stripped copy
// has no steals left.
func TestPatchedToolchain(t *testing.T) {
	gocmd := patchedgo.Command(t)
	dir := t.TempDir()
	prog := filepath.Join(dir, "stealheavy")
	build := exec.Command(gocmd, "build", "-o", prog, "../../steal-tracer/testdata/stealheavy")
	build.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building stealheavy: %v\n%s", err, out)
	}
	record := exec.Command(prog, "-trace", filepath.Join(dir, "t.trace"))
	if out, err := record.CombinedOutput(); err != nil {
		t.Fatalf("running stealheavy: %v\n%s", err, out)
	}

	stdout, stderr, code := stealview(t, dir, "-json", "t.trace")
	if code != 0 || stderr != "" {
		t.Fatalf("stealview -json: exit %d, stderr %q", code, stderr)
	}
	var s summary.Summary
	if err := json.Unmarshal([]byte(stdout), &s); err != nil {
		t.Fatal(err)
	}
	if s.Steals < 100 || s.Steals != s.Stats.Steals || s.GOMAXPROCS != 4 {
		t.Errorf("summary: %d steals (stats %d), GOMAXPROCS %d; want >= 100, equal, 4",
			s.Steals, s.Stats.Steals, s.GOMAXPROCS)
	}

	if _, stderr, code := stealview(t, dir, "strip", "t.trace", "s.trace"); code != 0 {
		t.Fatalf("stealview strip: exit %d, stderr %q", code, stderr)
	}
	stdout, _, code = stealview(t, dir, "s.trace")
	if code != 0 || !strings.Contains(stdout, summary.NoStealsHint) {
		t.Errorf("stripped trace: exit %d, output %q; want 0 and the no-steals note", code, stdout)
	}
}
