package stealtracer

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/exp/trace"
)

// goStart is a real goroutine start found in a testdata trace.
type goStart struct {
	g    trace.GoID
	proc trace.ProcID
	time trace.Time
}

// pickStarts returns up to n starts of distinct goroutines in a one-
// generation testdata trace, each well after the goroutine's previous start,
// so that a steal can be placed just before it.
func pickStarts(t *testing.T, data []byte, n int) []goStart {
	t.Helper()
	r, err := trace.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	last := map[trace.GoID]trace.Time{}
	seen := map[trace.GoID]bool{}
	var out []goStart
	for len(out) < n {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatal(err)
		}
		if ev.Kind() != trace.EventStateTransition {
			continue
		}
		st := ev.StateTransition()
		if st.Resource.Kind != trace.ResourceGoroutine {
			continue
		}
		from, to := st.Goroutine()
		g := st.Resource.Goroutine()
		if to != trace.GoRunning {
			continue
		}
		prev, ran := last[g]
		last[g] = ev.Time()
		if from != trace.GoRunnable || seen[g] || (ran && prev >= ev.Time()-1000) {
			continue
		}
		seen[g] = true
		out = append(out, goStart{g: g, proc: ev.Proc(), time: ev.Time()})
	}
	if len(out) < n {
		t.Fatalf("found %d suitable goroutine starts, want %d", len(out), n)
	}
	return out
}

// ticksBefore returns the tick count k ticks before time tm in a trace
// whose clock runs at 64ns a tick (the testdata traces).
func ticksBefore(tm trace.Time, k uint64) uint64 { return uint64(tm)/64 - k }

func TestCheck(t *testing.T) {
	orig := readTestdata(t, "go126-stealheavy.trace")
	starts := pickStarts(t, orig, 30)
	other := func(p trace.ProcID, k int) uint64 { return uint64((int(p) + k) % 4) }

	// honest returns a record that steals s.g onto the P that starts it.
	honest := func(s goStart) rec {
		return rec{ticks: ticksBefore(s.time, 2), thief: uint64(s.proc),
			victim: other(s.proc, 1), qlen: 1, moved: []uint64{uint64(s.g)}}
	}
	s0 := starts[0]
	tests := []struct {
		name  string
		first []rec // records replacing the honest one for starts[0]
		want  CheckResult
	}{{
		name:  "every goroutine starts on its thief",
		first: []rec{honest(s0)},
		want:  CheckResult{Steals: 30, Moved: 30, StartedOnThief: 30},
	}, {
		name: "wrong thief",
		first: []rec{{ticks: ticksBefore(s0.time, 2), thief: other(s0.proc, 1),
			victim: other(s0.proc, 2), qlen: 1, moved: []uint64{uint64(s0.g)}}},
		want: CheckResult{Steals: 30, Moved: 30, StartedOnThief: 29, Problems: []Problem{{
			Steal: Steal{Time: trace.Time(ticksBefore(s0.time, 2) * 64),
				Ticks: ticksBefore(s0.time, 2), Thief: trace.ProcID(other(s0.proc, 1)),
				Victim: trace.ProcID(other(s0.proc, 2)), VictimQueueLen: 1,
				Moved: []trace.GoID{s0.g}, M: 99, Generation: 1},
			Goroutine: s0.g,
			Reason: fmt.Sprintf("next started on P%d at %d, not on the thief P%d",
				s0.proc, s0.time, other(s0.proc, 1)),
		}}},
	}, {
		name: "stolen again from the thief, then started",
		first: []rec{
			{ticks: ticksBefore(s0.time, 4), thief: other(s0.proc, 2),
				victim: other(s0.proc, 1), qlen: 1, moved: []uint64{uint64(s0.g)}},
			{ticks: ticksBefore(s0.time, 2), thief: uint64(s0.proc),
				victim: other(s0.proc, 2), qlen: 1, moved: []uint64{uint64(s0.g)}},
		},
		want: CheckResult{Steals: 31, Moved: 31, StartedOnThief: 30, StolenAgain: 1},
	}, {
		name: "stolen again from a P it was not on",
		first: []rec{
			{ticks: ticksBefore(s0.time, 4), thief: other(s0.proc, 2),
				victim: other(s0.proc, 1), qlen: 1, moved: []uint64{uint64(s0.g)}},
			{ticks: ticksBefore(s0.time, 2), thief: uint64(s0.proc),
				victim: other(s0.proc, 3), qlen: 1, moved: []uint64{uint64(s0.g)}},
		},
		want: CheckResult{Steals: 31, Moved: 31, StartedOnThief: 29, Problems: []Problem{{
			Steal: Steal{Time: trace.Time(ticksBefore(s0.time, 2) * 64),
				Ticks: ticksBefore(s0.time, 2), Thief: s0.proc,
				Victim: trace.ProcID(other(s0.proc, 3)), VictimQueueLen: 1,
				Moved: []trace.GoID{s0.g}, M: 99, Generation: 1},
			Goroutine: s0.g,
			Reason: fmt.Sprintf("stolen from P%d, but the steal at %d put it on P%d",
				other(s0.proc, 3), ticksBefore(s0.time, 4)*64, other(s0.proc, 2)),
		}}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			recs := tt.first
			for _, s := range starts[1:] {
				recs = append(recs, honest(s))
			}
			batch := stealBatch(1, 99, recs[0].ticks, 1, recs...)
			data := inject(t, orig, beforeEndOfGeneration(map[uint64][]byte{1: batch}))
			got, err := Check(bytes.NewReader(data))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Check (-want +got):\n%s", diff)
			}
		})
	}
}

func TestCheckWithoutSteals(t *testing.T) {
	_, err := Check(bytes.NewReader(readTestdata(t, "go126-3gen.trace")))
	if err != errNoSteals {
		t.Errorf("Check of a stock trace: error %v, want %v", err, errNoSteals)
	}
}
