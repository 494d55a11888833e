package stealtracer

import (
	"bytes"
	"flag"
	"os"
	"testing"
)

var update = flag.Bool("update", false, "rewrite testdata/go126-3gen-steals.trace")

// TestInjectedTestdata keeps testdata/go126-3gen-steals.trace, which other
// packages' tests read, equal to the trace injected3gen builds. Run with
// -update to rewrite it.
func TestInjectedTestdata(t *testing.T) {
	const name = "testdata/go126-3gen-steals.trace"
	want := injected3gen(t)
	if *update {
		if err := os.WriteFile(name, want, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	got, err := os.ReadFile(name)
	if err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s is stale: run go test -run TestInjectedTestdata -update", name)
	}
}
