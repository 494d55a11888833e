package stealtracer

import (
	"bytes"
	"github.com/gopatched/gopatched/internal/patchedgo"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"testing"

	"golang.org/x/exp/trace"
)

// recordStealHeavy builds testdata/stealheavy with the patched toolchain,
// runs it with the given GODEBUG and returns the trace it wrote.
func recordStealHeavy(t *testing.T, godebug string) []byte {
	t.Helper()
	gocmd := patchedgo.Command(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "stealheavy")
	build := exec.Command(gocmd, "build", "-o", bin, "./testdata/stealheavy")
	build.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building stealheavy with %s: %v\n%s", gocmd, err, out)
	}
	out := filepath.Join(dir, "trace.out")
	run := exec.Command(bin, "-trace", out, "-procs", "4", "-bursts", "200")
	run.Env = append(os.Environ(), "GODEBUG="+godebug)
	if msg, err := run.CombinedOutput(); err != nil {
		t.Fatalf("running stealheavy: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestPatchedTruth checks real steal records of the patched runtime against
// the scheduling events: every moved goroutine must be explained.
func TestPatchedTruth(t *testing.T) {
	data := recordStealHeavy(t, "")
	res, err := Check(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%d bytes, %d steals, %d goroutines moved: %d started on the thief, "+
		"%d stolen again, %d never started, %d problems", len(data), res.Steals, res.Moved,
		res.StartedOnThief, res.StolenAgain, res.NotStarted, len(res.Problems))
	if res.Steals < 100 || res.Moved < 300 {
		t.Errorf("checked %d steals and %d moved goroutines, want at least 100 and 300",
			res.Steals, res.Moved)
	}
	for i, p := range res.Problems {
		if i == 10 {
			t.Errorf("... and %d more", len(res.Problems)-10)
			break
		}
		t.Errorf("goroutine %d in steal %+v: %s", p.Goroutine, p.Steal, p.Reason)
	}

	// The stripped trace reads with the stock parser.
	var stripped bytes.Buffer
	stats, err := Strip(&stripped, bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if got, want := int64(stripped.Len()), stats.Bytes-stats.StealBytes; got != want {
		t.Errorf("stripped trace has %d bytes, want %d", got, want)
	}
	r, err := trace.NewReader(&stripped)
	if err != nil {
		t.Fatal(err)
	}
	for {
		if _, err := r.ReadEvent(); err == io.EOF {
			break
		} else if err != nil {
			t.Fatalf("stock parser on the stripped trace: %v", err)
		}
	}
}

// TestPatchedTraceStealOff checks that GODEBUG=tracesteal=0 leaves the
// trace free of steal batches.
func TestPatchedTraceStealOff(t *testing.T) {
	data := recordStealHeavy(t, "tracesteal=0")
	_, stats, err := readAll(data)
	if err != nil {
		t.Fatal(err)
	}
	if stats.StealBatches != 0 {
		t.Errorf("tracesteal=0 trace has %d steal batches, want 0", stats.StealBatches)
	}
}
