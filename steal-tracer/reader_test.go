package stealtracer

import (
	"bytes"
	"errors"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
	"golang.org/x/exp/trace"
)

// readAll reads a trace with a Reader and returns the items delivered, the
// final statistics and the error that ended the stream (nil for io.EOF).
func readAll(data []byte) ([]Item, Stats, error) {
	r, err := NewReader(bytes.NewReader(data))
	if err != nil {
		return nil, Stats{}, err
	}
	var items []Item
	for {
		it, err := r.Next()
		if err == io.EOF {
			return items, r.Stats(), nil
		}
		if err != nil {
			return items, r.Stats(), err
		}
		items = append(items, it)
	}
}

// eventStrings renders the events among items, for comparison.
func eventStrings(items []Item) []string {
	var out []string
	for _, it := range items {
		if it.Event != nil {
			out = append(out, it.Event.String())
		}
	}
	return out
}

// steals returns the steals among items.
func steals(items []Item) []Steal {
	var out []Steal
	for _, it := range items {
		if it.Steal != nil {
			out = append(out, *it.Steal)
		}
	}
	return out
}

// stockEvents reads a steal-free trace with the stock parser alone.
func stockEvents(t *testing.T, data []byte) []string {
	t.Helper()
	r, err := trace.NewReader(bytes.NewReader(data))
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for {
		ev, err := r.ReadEvent()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		out = append(out, ev.String())
	}
}

func TestReaderWithoutSteals(t *testing.T) {
	tests := []struct {
		file      string
		wantStats Stats
	}{
		{"go126-stealheavy.trace", Stats{Version: 26, Bytes: 40543, Batches: 10, Generations: 1}},
		{"go126-3gen.trace", Stats{Version: 26, Bytes: 16296, Batches: 28, Generations: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			data := readTestdata(t, tt.file)
			items, stats, err := readAll(data)
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.wantStats, stats); diff != "" {
				t.Errorf("stats (-want +got):\n%s", diff)
			}
			if diff := cmp.Diff(stockEvents(t, data), eventStrings(items)); diff != "" {
				t.Errorf("events differ from the stock parser's (-stock +ours):\n%s", diff)
			}
		})
	}
}

// injected3gen is go126-3gen.trace with steal batches: two batches in
// generation 1 (records out of order across batches), one at the very
// start of generation 2, before its sync batch, and one before the end of
// generation 2. Generation 3 has none.
func injected3gen(t testing.TB) []byte {
	gen1a := stealBatch(1, 13368, 8364190000, 1,
		rec{ticks: 8364200000, thief: 1, victim: 0, qlen: 5, moved: []uint64{20, 21, 22}},
		rec{ticks: 8370000000, thief: 2, victim: 0, flags: flagRunNext, moved: []uint64{23}})
	gen1b := stealBatch(1, 13367, 8364990000, 1,
		rec{ticks: 8365000000, thief: 3, victim: 1, qlen: 1, moved: []uint64{30}})
	gen2start := stealBatch(2, 13374, 8380990000, 1,
		rec{ticks: 8381000000, thief: 0, victim: 2, qlen: 2, moved: []uint64{40}})
	gen2end := stealBatch(2, 13365, 8389990000, 1,
		rec{ticks: 8390000000, thief: 1, victim: 3, qlen: 3, moved: []uint64{50, 51}})
	atEnd := beforeEndOfGeneration(map[uint64][]byte{1: cat(gen1a, gen1b), 2: gen2end})
	return inject(t, readTestdata(t, "go126-3gen.trace"), func(b *batch) []byte {
		if b != nil && b.kind == KindSync && b.gen == 2 {
			return gen2start
		}
		return atEnd(b)
	})
}

func TestReaderWithSteals(t *testing.T) {
	data := injected3gen(t)
	items, stats, err := readAll(data)
	if err != nil {
		t.Fatal(err)
	}

	// The steals come out in time order with the parser's clock.
	want := []Steal{
		{Time: 535308800000, Ticks: 8364200000, Thief: 1, Victim: 0, VictimQueueLen: 5,
			Moved: []trace.GoID{20, 21, 22}, M: 13368, Generation: 1},
		{Time: 535360000000, Ticks: 8365000000, Thief: 3, Victim: 1, VictimQueueLen: 1,
			Moved: []trace.GoID{30}, M: 13367, Generation: 1},
		{Time: 535680000000, Ticks: 8370000000, Thief: 2, Victim: 0, RunNext: true,
			Moved: []trace.GoID{23}, M: 13368, Generation: 1},
		{Time: 536384000000, Ticks: 8381000000, Thief: 0, Victim: 2, VictimQueueLen: 2,
			Moved: []trace.GoID{40}, M: 13374, Generation: 2},
		{Time: 536960000000, Ticks: 8390000000, Thief: 1, Victim: 3, VictimQueueLen: 3,
			Moved: []trace.GoID{50, 51}, M: 13365, Generation: 2},
	}
	if diff := cmp.Diff(want, steals(items)); diff != "" {
		t.Errorf("steals (-want +got):\n%s", diff)
	}

	// The events are exactly the stock parser's events of the trace without
	// steals, in the same order.
	stock := stockEvents(t, readTestdata(t, "go126-3gen.trace"))
	if diff := cmp.Diff(stock, eventStrings(items)); diff != "" {
		t.Errorf("events differ from the stock parser's (-stock +ours):\n%s", diff)
	}

	// Each steal sits inside its generation, after the events before it and
	// before the events after it.
	checkPlacement(t, items)

	wantStats := Stats{Version: 26, Bytes: 16296 + int64(len(data)-16296), Batches: 32,
		Generations: 3, StealBatches: 4, StealBytes: int64(len(data) - 16296),
		Steals: 5, Moved: 8}
	if diff := cmp.Diff(wantStats, stats); diff != "" {
		t.Errorf("stats (-want +got):\n%s", diff)
	}
}

// checkPlacement checks that every steal is delivered after the Sync event
// of its generation and in time order with the events around it.
func checkPlacement(t *testing.T, items []Item) {
	t.Helper()
	syncs := 0
	var prev *trace.Event
	for i, it := range items {
		if it.Event != nil {
			if it.Event.Kind() == trace.EventSync {
				syncs++
				prev = nil
			} else {
				prev = it.Event
			}
			continue
		}
		s := it.Steal
		if uint64(syncs) != s.Generation {
			t.Errorf("steal at %d of generation %d delivered after sync %d", s.Time,
				s.Generation, syncs)
		}
		if prev != nil && prev.Time() >= s.Time {
			t.Errorf("steal at %d delivered after an event at %d", s.Time, prev.Time())
		}
		for _, next := range items[i+1:] {
			if next.Event != nil {
				if next.Event.Kind() != trace.EventSync && next.Event.Time() < s.Time {
					t.Errorf("steal at %d delivered before an event at %d", s.Time,
						next.Event.Time())
				}
				break
			}
		}
	}
}

func TestStrip(t *testing.T) {
	orig := readTestdata(t, "go126-3gen.trace")
	tests := []struct {
		name      string
		in        []byte
		wantStats Stats
	}{
		{"with steals", injected3gen(t), Stats{Version: 26, Bytes: 16438, Batches: 32,
			Generations: 3, StealBatches: 4, StealBytes: 142, Steals: 5, Moved: 8}},
		{"without steals", orig, Stats{Version: 26, Bytes: 16296, Batches: 28,
			Generations: 3}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out bytes.Buffer
			stats, err := Strip(&out, bytes.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if !bytes.Equal(out.Bytes(), orig) {
				t.Errorf("stripped trace (%d bytes) is not the original (%d bytes)",
					out.Len(), len(orig))
			}
			if diff := cmp.Diff(tt.wantStats, stats); diff != "" {
				t.Errorf("stats (-want +got):\n%s", diff)
			}
		})
	}
}

func TestReaderErrors(t *testing.T) {
	steal := injected3gen(t)
	badVersion := inject(t, readTestdata(t, "go126-3gen.trace"),
		beforeEndOfGeneration(map[uint64][]byte{2: stealBatch(2, 1, 8390000000, 2)}))
	unknownExp := inject(t, readTestdata(t, "go126-3gen.trace"),
		beforeEndOfGeneration(map[uint64][]byte{1: {evExperimentalBatch, 3, 1, 1, 1, 0}}))
	tests := []struct {
		name string
		in   []byte
		want string
	}{{
		name: "empty file",
		in:   nil,
		want: "empty file: not a Go execution trace",
	}, {
		name: "not a trace",
		in:   []byte("hello, this is a text file\n"),
		want: `bad trace header "hello, this is a": not a Go execution trace`,
	}, {
		name: "short header",
		in:   []byte("go 1.26"),
		want: "reading trace header: only 7 of 16 bytes: not a Go execution trace, or truncated",
	}, {
		name: "go 1.21 trace",
		in:   []byte("go 1.21 trace\x00\x00\x00\x01\x02"),
		want: "unsupported trace version go 1.21: only traces from Go 1.22 and later can be read",
	}, {
		name: "go 1.30 trace",
		in:   []byte("go 1.30 trace\x00\x00\x00"),
		want: "unsupported trace version go 1.30: this reader knows trace formats up to go 1.26",
	}, {
		name: "cut inside a steal batch",
		in:   steal[:6667],
		want: "batch 9 (steal batch) at offset 6637: reading payload: got 10 of 25 bytes: " +
			"trace truncated: unexpected EOF",
	}, {
		name: "cut between batches",
		in:   steal[:6799],
		want: "batch 13 (sync batch) at offset 6747: the trace ends after this batch, " +
			"inside generation 2, without an end-of-generation marker: truncated",
	}, {
		name: "cut inside an event batch",
		in:   steal[:7000],
		want: "batch 14 (event batch) at offset 6799: reading payload: got 182 of 983 bytes: " +
			"trace truncated: unexpected EOF",
	}, {
		name: "unknown steal format version",
		in:   badVersion,
		want: "batch 19 (steal batch) at offset 12274: steal record format version 2, " +
			"this reader knows only version 1: use a stealtracer that matches the toolchain",
	}, {
		name: "unknown experiment",
		in:   unknownExp,
		want: "batch 9 (experimental batch) at offset 6637: unknown experiment 3",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, _, err := readAll(tt.in)
			if err == nil {
				t.Fatal("no error")
			}
			if got := err.Error(); got != tt.want {
				t.Errorf("Reader error:\n got %q\nwant %q", got, tt.want)
			}
			_, err = Strip(io.Discard, bytes.NewReader(tt.in))
			if err == nil || err.Error() != tt.want {
				t.Errorf("Strip error:\n got %v\nwant %q", err, tt.want)
			}
			var be *BatchError
			if errors.As(err, &be) && be.Offset >= int64(len(tt.in)) {
				t.Errorf("batch offset %d beyond the input (%d bytes)", be.Offset, len(tt.in))
			}
		})
	}
}
