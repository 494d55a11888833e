package stealtracer

import (
	"bytes"
	"errors"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/gopatched/gopatched/internal/patchedgo"
	"golang.org/x/exp/trace"
)

// recordExercise8 builds exercise 8's program with the patched toolchain
// and runs it with the trace on, at the given GOMAXPROCS and GODEBUG.
func recordExercise8(t *testing.T, procs, godebug string) []byte {
	t.Helper()
	gocmd := patchedgo.Command(t)
	dir := t.TempDir()
	bin := filepath.Join(dir, "ex08")
	build := exec.Command(gocmd, "build", "-o", bin, "../exercises/08-work-stealing")
	build.Env = append(os.Environ(), "GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building exercise 8 with %s: %v\n%s", gocmd, err, out)
	}
	out := filepath.Join(dir, "trace.out")
	run := exec.Command(bin, "-trace", out, "-bursts", "30", "-work", "1ms")
	run.Env = append(os.Environ(), "GOMAXPROCS="+procs, "GODEBUG="+godebug)
	if msg, err := run.CombinedOutput(); err != nil {
		t.Fatalf("running exercise 8: %v\n%s", err, msg)
	}
	data, err := os.ReadFile(out)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// TestExercise8Steals checks every steal of a real run at GOMAXPROCS=4:
// two different Ps below GOMAXPROCS, at least one goroutine, and each
// moved goroutine's next start explained by the truth check.
func TestExercise8Steals(t *testing.T) {
	data := recordExercise8(t, "4", "")
	items, stats, err := readAll(data)
	if err != nil {
		t.Fatal(err)
	}
	got := steals(items)
	if len(got) == 0 {
		t.Fatal("no steals recorded at GOMAXPROCS=4")
	}
	for _, s := range got {
		if s.Thief == s.Victim || s.Thief < 0 || s.Thief >= 4 || s.Victim < 0 || s.Victim >= 4 {
			t.Errorf("steal with thief P%d, victim P%d at GOMAXPROCS=4", s.Thief, s.Victim)
		}
		if len(s.Moved) < 1 {
			t.Errorf("steal moving %d goroutines", len(s.Moved))
		}
	}
	if stats.Steals != len(got) {
		t.Errorf("stats count %d steals, the reader delivered %d", stats.Steals, len(got))
	}
	res, err := Check(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Problems) > 0 {
		t.Errorf("%d unexplained moved goroutines, first: %+v", len(res.Problems), res.Problems[0])
	}
	t.Logf("%d steals, %d goroutines moved, %d bytes of steal batches in %d",
		len(got), res.Moved, stats.StealBytes, stats.Bytes)
}

// TestExercise8OneP: with a single P there is nobody to steal.
func TestExercise8OneP(t *testing.T) {
	_, stats, err := readAll(recordExercise8(t, "1", ""))
	if err != nil {
		t.Fatal(err)
	}
	if stats.StealBatches != 0 || stats.Steals != 0 {
		t.Errorf("GOMAXPROCS=1: %d steal batches, %d steals; want none", stats.StealBatches, stats.Steals)
	}
}

// readStock reads data with the stock parser to the end and counts its
// events and Sync events.
func readStock(t *testing.T, data []byte) (events, syncs int) {
	t.Helper()
	r, err := trace.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatalf("stock parser: %v", err)
	}
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			return events, syncs
		}
		if err != nil {
			t.Fatalf("stock parser after %d events: %v", events, err)
		}
		events++
		if ev.Kind() == trace.EventSync {
			syncs++
		}
	}
}

// TestExercise8StealOff: with tracesteal=0 the trace has no steal batches
// and the stock parser reads every event of it; the reader delivers the
// same events.
func TestExercise8StealOff(t *testing.T) {
	data := recordExercise8(t, "4", "tracesteal=0")
	items, stats, err := readAll(data)
	if err != nil {
		t.Fatal(err)
	}
	if stats.StealBatches != 0 {
		t.Errorf("tracesteal=0: %d steal batches, want 0", stats.StealBatches)
	}
	events, _ := readStock(t, data)
	if events == 0 || events != len(eventStrings(items)) {
		t.Errorf("stock parser read %d events, the reader %d", events, len(eventStrings(items)))
	}
}

// TestExercise8Stripped: the stripped trace reads with the stock parser,
// Sync events included, and holds exactly the events of the original.
func TestExercise8Stripped(t *testing.T) {
	data := recordExercise8(t, "4", "")
	items, _, err := readAll(data)
	if err != nil {
		t.Fatal(err)
	}
	var stripped bytes.Buffer
	if _, err := Strip(&stripped, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	events, syncs := readStock(t, stripped.Bytes())
	if syncs == 0 {
		t.Error("the stock parser saw no Sync event in the stripped trace")
	}
	if want := len(eventStrings(items)); events != want {
		t.Errorf("stripped trace: stock parser read %d events, the original has %d", events, want)
	}
}

// TestExercise8Damaged cuts and corrupts a real steal trace: each must give
// an error naming a batch and its offset, never a panic.
func TestExercise8Damaged(t *testing.T) {
	data := recordExercise8(t, "4", "")
	version := bytes.Index(data, []byte{evExperimentalBatch, expWorkSteal})
	if version < 0 {
		t.Fatal("no steal batch header in the trace")
	}
	cases := map[string][]byte{
		"cut in half":        data[:len(data)/2],
		"cut before the end": data[:len(data)-3],
		"unknown experiment": replaceAt(data, version+1, 9),
	}
	for name, damaged := range cases {
		t.Run(name, func(t *testing.T) {
			_, _, err := readAll(damaged)
			var be *BatchError
			if err == nil || !errors.As(err, &be) {
				t.Fatalf("got error %v, want a *BatchError", err)
			}
			if !strings.Contains(err.Error(), "offset") {
				t.Errorf("error %q does not give the offset", err)
			}
		})
	}
}

func replaceAt(data []byte, i int, b byte) []byte {
	out := bytes.Clone(data)
	out[i] = b
	return out
}
