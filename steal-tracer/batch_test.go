package stealtracer

import (
	"bufio"
	"bytes"
	"io"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// splitResult is what the tests compare for each batch.
type splitResult struct {
	Index  int
	Offset int64
	Kind   BatchKind
	Gen    uint64
	M      uint64
	Time   uint64
	Header []byte
	Data   []byte
}

// splitAll splits body (what follows a trace header of the given version)
// and returns the batches and the first error other than io.EOF.
func splitAll(version int, body []byte) ([]splitResult, string) {
	s := newSplitter(bufio.NewReader(bytes.NewReader(body)), version)
	var out []splitResult
	for {
		b, err := s.next()
		if err == io.EOF {
			return out, ""
		}
		if err != nil {
			return out, err.Error()
		}
		out = append(out, splitResult{b.index, b.offset, b.kind, b.gen, b.m, b.time,
			bytes.Clone(b.header), bytes.Clone(b.data)})
	}
}

func TestSplitter(t *testing.T) {
	paddedSize := padded(3, 10)
	tests := []struct {
		name    string
		version int
		body    []byte
		want    []splitResult
		wantErr string
	}{{
		name:    "event batch",
		version: 26,
		body:    cat([]byte{evEventBatch, 1, 5}, uv(300), []byte{2, 20, 21}),
		want: []splitResult{{0, 16, KindEvents, 1, 5, 300,
			cat([]byte{evEventBatch, 1, 5}, uv(300), []byte{2}), []byte{20, 21}}},
	}, {
		name:    "steal batch with padded size",
		version: 26,
		body:    cat([]byte{evExperimentalBatch, expWorkSteal, 2, 7, 9}, paddedSize, []byte{1, 2, 3}),
		want: []splitResult{{0, 16, KindSteal, 2, 7, 9,
			cat([]byte{evExperimentalBatch, expWorkSteal, 2, 7, 9}, paddedSize), []byte{1, 2, 3}}},
	}, {
		name:    "sync, strings, stacks, CPU samples, AllocFree, end of generation",
		version: 26,
		body: cat(
			[]byte{evEventBatch, 1, 0, 1, 3, evSync, evFrequency, 9},
			[]byte{evEventBatch, 1, 0, 1, 1, evStrings},
			[]byte{evEventBatch, 1, 0, 1, 1, evStacks},
			[]byte{evEventBatch, 1, 0, 1, 1, evCPUSamples},
			[]byte{evExperimentalBatch, expAllocFree, 1, 3, 4, 0},
			[]byte{evEndOfGeneration}),
		want: []splitResult{
			{0, 16, KindSync, 1, 0, 1, []byte{evEventBatch, 1, 0, 1, 3},
				[]byte{evSync, evFrequency, 9}},
			{1, 24, KindStrings, 1, 0, 1, []byte{evEventBatch, 1, 0, 1, 1}, []byte{evStrings}},
			{2, 30, KindStacks, 1, 0, 1, []byte{evEventBatch, 1, 0, 1, 1}, []byte{evStacks}},
			{3, 36, KindCPUSamples, 1, 0, 1, []byte{evEventBatch, 1, 0, 1, 1},
				[]byte{evCPUSamples}},
			{4, 42, KindAllocFree, 1, 3, 4,
				[]byte{evExperimentalBatch, expAllocFree, 1, 3, 4, 0}, []byte{}},
			{5, 48, KindEndOfGeneration, 0, 0, 0, []byte{evEndOfGeneration}, nil},
		},
	}, {
		name:    "go 1.22 sync batch is a lone frequency event",
		version: 22,
		body:    []byte{evEventBatch, 1, 0, 1, 2, evFrequency, 9},
		want: []splitResult{{0, 16, KindSync, 1, 0, 1, []byte{evEventBatch, 1, 0, 1, 2},
			[]byte{evFrequency, 9}}},
	}, {
		name:    "go 1.26 frequency first is an event batch",
		version: 26,
		body:    []byte{evEventBatch, 1, 0, 1, 2, evFrequency, 9},
		want: []splitResult{{0, 16, KindEvents, 1, 0, 1, []byte{evEventBatch, 1, 0, 1, 2},
			[]byte{evFrequency, 9}}},
	}, {
		name:    "not a batch header",
		version: 26,
		body:    cat([]byte{evEndOfGeneration, 7}),
		want:    []splitResult{{0, 16, KindEndOfGeneration, 0, 0, 0, []byte{evEndOfGeneration}, nil}},
		wantErr: "batch 1 (event batch) at offset 17: byte 7 is not a batch header",
	}, {
		name:    "truncated payload",
		version: 26,
		body:    []byte{evExperimentalBatch, expWorkSteal, 1, 1, 1, 5, 1, 2},
		wantErr: "batch 0 (steal batch) at offset 16: reading payload: got 2 of 5 bytes: " +
			"trace truncated: unexpected EOF",
	}, {
		name:    "truncated padded size",
		version: 26,
		body:    []byte{evEventBatch, 1, 1, 1, 0x80, 0x80},
		wantErr: "batch 0 (event batch) at offset 16: reading size: trace truncated: unexpected EOF",
	}, {
		name:    "truncated after the experiment byte",
		version: 26,
		body:    []byte{evExperimentalBatch, expWorkSteal},
		wantErr: "batch 0 (steal batch) at offset 16: reading generation: " +
			"trace truncated: unexpected EOF",
	}, {
		name:    "oversized",
		version: 26,
		body:    cat([]byte{evEventBatch, 1, 1, 1}, uv(maxBatchSize+1)),
		wantErr: "batch 0 (event batch) at offset 16: payload size 65537 exceeds the maximum 65536",
	}, {
		name:    "unknown experiment",
		version: 26,
		body:    []byte{evExperimentalBatch, 3, 1, 1, 1, 0},
		wantErr: "batch 0 (experimental batch) at offset 16: unknown experiment 3",
	}, {
		name:    "generation zero",
		version: 26,
		body:    []byte{evEventBatch, 0, 1, 1, 0},
		wantErr: "batch 0 (event batch) at offset 16: generation 0 is invalid",
	}, {
		name:    "end of generation before go 1.26",
		version: 25,
		body:    []byte{evEndOfGeneration},
		wantErr: "batch 0 (end-of-generation marker) at offset 16: " +
			"end-of-generation marker in a go 1.25 trace",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, gotErr := splitAll(tt.version, tt.body)
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("batches (-want +got):\n%s", diff)
			}
			if gotErr != tt.wantErr {
				t.Errorf("error = %q, want %q", gotErr, tt.wantErr)
			}
		})
	}
}

func TestPaddedVarint(t *testing.T) {
	tests := []struct {
		name string
		in   []byte
		want uint64
	}{
		{"minimal", []byte{0x05}, 5},
		{"two bytes", []byte{0xac, 0x02}, 300},
		{"padded to 10 bytes", []byte{0x85, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, 5},
		{"65536 padded", padded(65536, 10), 65536},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			body := cat([]byte{evEventBatch, 1, 1, 1}, tt.in, make([]byte, tt.want))
			got, err := splitAll(26, body)
			if err != "" || len(got) != 1 {
				t.Fatalf("split: %d batches, error %q", len(got), err)
			}
			if diff := cmp.Diff(tt.want, uint64(len(got[0].Data))); diff != "" {
				t.Errorf("size (-want +got):\n%s", diff)
			}
		})
	}
}
