package stealtracer

import (
	"bytes"
	"testing"
)

// FuzzReader feeds arbitrary bytes to the Reader and to Strip. Neither may
// panic; a trace Strip refuses must be refused by the Reader too; and
// stripping is idempotent. The seeds are the real traces in testdata (one
// from the patched runtime, one with steal batches injected) and cut copies.
func FuzzReader(f *testing.F) {
	injected := injected3gen(f)
	for _, seed := range [][]byte{
		readTestdata(f, "go126-3gen.trace"),
		readTestdata(f, "go126-stealheavy.trace"),
		readTestdata(f, "gopatched-stealheavy.trace"),
		injected,
		injected[:6667],
		injected[:7000],
	} {
		f.Add(seed)
	}
	f.Fuzz(func(t *testing.T, data []byte) {
		_, _, readErr := readAll(data)
		var once bytes.Buffer
		_, stripErr := Strip(&once, bytes.NewReader(data))
		if stripErr != nil {
			if readErr == nil {
				t.Fatalf("Strip failed (%v) but the Reader read the trace", stripErr)
			}
			return
		}
		var twice bytes.Buffer
		if _, err := Strip(&twice, bytes.NewReader(once.Bytes())); err != nil {
			t.Fatalf("stripping a stripped trace: %v", err)
		}
		if !bytes.Equal(once.Bytes(), twice.Bytes()) {
			t.Fatal("stripping a stripped trace changed it")
		}
	})
}
