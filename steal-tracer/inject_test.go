package stealtracer

import (
	"bytes"
	"io"
	"os"
	"testing"
)

// readTestdata returns the bytes of a file in testdata.
func readTestdata(t testing.TB, name string) []byte {
	t.Helper()
	data, err := os.ReadFile("testdata/" + name)
	if err != nil {
		t.Fatal(err)
	}
	return data
}

// inject returns a copy of the trace src with extra bytes inserted: before
// each batch b, and before the end of the stream, it inserts add(b) (b is
// nil at the end). It fails the test if src does not split cleanly.
func inject(t testing.TB, src []byte, add func(b *batch) []byte) []byte {
	t.Helper()
	s, err := newScanner(bytes.NewReader(src))
	if err != nil {
		t.Fatal(err)
	}
	out := bytes.Clone(s.header)
	for {
		b, err := s.next()
		if err == io.EOF {
			return append(out, add(nil)...)
		}
		if err != nil {
			t.Fatalf("splitting the trace to inject into: %v", err)
		}
		out = append(out, add(b)...)
		out = append(out, b.header...)
		out = append(out, b.data...)
	}
}

// beforeEndOfGeneration returns an add function for inject that puts
// batches[gen] before the end-of-generation marker of each generation.
func beforeEndOfGeneration(batches map[uint64][]byte) func(b *batch) []byte {
	var gen uint64
	return func(b *batch) []byte {
		if b == nil {
			return nil
		}
		if b.kind != KindEndOfGeneration {
			gen = b.gen
			return nil
		}
		return batches[gen]
	}
}
