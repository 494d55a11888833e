package stealtracer

import (
	"bytes"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/exp/trace"
)

// The tests in this file read testdata/gopatched-stealheavy.trace, a real
// trace with steal records written by the patched runtime.

func TestReaderPatchedTestdata(t *testing.T) {
	data := readTestdata(t, "gopatched-stealheavy.trace")
	items, stats, err := readAll(data)
	if err != nil {
		t.Fatal(err)
	}
	wantStats := Stats{Version: 26, Bytes: 45977, Batches: 15, Generations: 1,
		StealBatches: 5, StealBytes: 5193, Steals: 215, Moved: 1503}
	if diff := cmp.Diff(wantStats, stats); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}

	// The first steal: P3 takes half of P1's 45 queued goroutines.
	got := steals(items)[0]
	want := Steal{Time: 1108940041088, Ticks: 17327188142, Thief: 3, Victim: 1,
		VictimQueueLen: 45, M: 24633, Generation: 1}
	for g := trace.GoID(40); g <= 62; g++ {
		want.Moved = append(want.Moved, g)
	}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("first steal (-want +got):\n%s", diff)
	}

	// The events are the stock parser's events of the stripped trace.
	var stripped bytes.Buffer
	if _, err := Strip(&stripped, bytes.NewReader(data)); err != nil {
		t.Fatal(err)
	}
	if diff := cmp.Diff(stockEvents(t, stripped.Bytes()), eventStrings(items)); diff != "" {
		t.Errorf("events differ from the stock parser's (-stock +ours):\n%s", diff)
	}
	checkPlacement(t, items)
}

func TestCheckPatchedTestdata(t *testing.T) {
	got, err := Check(bytes.NewReader(readTestdata(t, "gopatched-stealheavy.trace")))
	if err != nil {
		t.Fatal(err)
	}
	want := CheckResult{Steals: 215, Moved: 1503, StartedOnThief: 1448, StolenAgain: 55}
	if diff := cmp.Diff(want, got); diff != "" {
		t.Errorf("Check (-want +got):\n%s", diff)
	}
}
