package stealtracer

import (
	"bytes"
	"fmt"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// downgrade rewrites a go 1.26 trace into the layout of an older format
// version, as far as the batch structure goes: before go 1.26 there are no
// end-of-generation markers, and before go 1.25 the sync batch is a lone
// frequency event. Event encodings are the same in these versions for the
// events our testdata traces hold, so the stock parser reads the result.
func downgrade(t *testing.T, src []byte, version int) []byte {
	t.Helper()
	s, err := newScanner(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	out := []byte(fmt.Sprintf("go 1.%d trace\x00\x00\x00", version))
	for {
		b, err := s.next()
		if err == io.EOF {
			return out
		}
		if err != nil {
			t.Fatal(err)
		}
		switch {
		case b.kind == KindEndOfGeneration:
		case b.kind == KindSync && version < syncEventVersion:
			freq, err := frequency(b.data, s.stats.Version)
			if err != nil {
				t.Fatal(err)
			}
			payload := cat([]byte{evFrequency}, uv(freq))
			out = append(out, cat([]byte{evEventBatch}, uv(b.gen), uv(b.m), uv(b.time),
				uv(uint64(len(payload))), payload)...)
		default:
			out = append(out, b.header...)
			out = append(out, b.data...)
		}
	}
}

// TestOlderFormats reads traces in the go 1.22, 1.23 and 1.25 layouts,
// where the parser finds the end of a generation only by reading the first
// batch of the next one. The steals must still land in their generations.
func TestOlderFormats(t *testing.T) {
	tests := []struct {
		version    int
		file       string
		wantSteals int
	}{
		{25, "go126-3gen-steals.trace", 5},
		{23, "go126-3gen-steals.trace", 5},
		{22, "go126-3gen.trace", 0}, // no experimental batches before go 1.23
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("go1.%d", tt.version), func(t *testing.T) {
			data := downgrade(t, readTestdata(t, tt.file), tt.version)
			items, stats, err := readAll(data)
			if err != nil {
				t.Fatal(err)
			}
			if stats.Version != tt.version || stats.Generations != 3 || stats.Steals != tt.wantSteals {
				t.Errorf("stats %+v: want version %d, 3 generations, %d steals",
					stats, tt.version, tt.wantSteals)
			}
			if got := len(steals(items)); got != tt.wantSteals {
				t.Errorf("%d steals delivered, want %d", got, tt.wantSteals)
			}
			var stripped bytes.Buffer
			if _, err := Strip(&stripped, bytes.NewReader(data)); err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(stockEvents(t, stripped.Bytes()), eventStrings(items)); diff != "" {
				t.Errorf("events differ from the stock parser's (-stock +ours):\n%s", diff)
			}
			checkPlacement(t, items)
		})
	}
}
