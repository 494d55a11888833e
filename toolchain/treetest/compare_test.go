package main

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// A stock run and a patched run in test2json form: runtime passes on both;
// internal/trace has TestShared failing on both and TestNew/sub failing
// only when patched; cmd/trace panics without a test failure on patched.
const stockRun = `{"Action":"pass","Package":"runtime"}
{"Action":"output","Package":"internal/trace","Test":"TestShared","Output":"=== RUN   TestShared\n"}
{"Action":"output","Package":"internal/trace","Test":"TestShared","Output":"    x_test.go:9: read-only tree\n"}
{"Action":"output","Package":"internal/trace","Test":"TestShared","Output":"--- FAIL: TestShared (0.01s)\n"}
{"Action":"fail","Package":"internal/trace","Test":"TestShared"}
{"Action":"fail","Package":"internal/trace"}
{"Action":"pass","Package":"cmd/trace"}
{"Action":"skip","Package":"internal/trace/raw"}
`

const patchedRun = `{"Action":"pass","Package":"runtime"}
{"Action":"output","Package":"internal/trace","Test":"TestShared","Output":"    x_test.go:9: read-only tree\n"}
{"Action":"fail","Package":"internal/trace","Test":"TestShared"}
{"Action":"output","Package":"internal/trace","Test":"TestNew/sub","Output":"    y_test.go:3: got 2 steals, want 3\n"}
{"Action":"fail","Package":"internal/trace","Test":"TestNew/sub"}
{"Action":"fail","Package":"internal/trace","Test":"TestNew"}
{"Action":"fail","Package":"internal/trace"}
{"Action":"output","Package":"cmd/trace","Output":"panic: boom\n"}
{"Action":"output","Package":"cmd/trace","Output":"FAIL\tcmd/trace\t0.1s\n"}
{"Action":"fail","Package":"cmd/trace"}
{"Action":"skip","Package":"internal/trace/raw"}
`

func TestCompare(t *testing.T) {
	stock, err := readResults(strings.NewReader(stockRun))
	if err != nil {
		t.Fatal(err)
	}
	patched, err := readResults(strings.NewReader(patchedRun))
	if err != nil {
		t.Fatal(err)
	}
	want := comparison{
		Rows: []row{
			{"cmd/trace", "ok", "FAIL (no test named: panic: boom)"},
			{"internal/trace", "FAIL: TestShared", "FAIL: TestNew/sub, TestShared"},
			{"internal/trace/raw", "no test files", "no test files"},
			{"runtime", "ok", "ok"},
		},
		Shared: []failure{{"internal/trace", "TestShared", "x_test.go:9: read-only tree"}},
		New: []failure{
			{"cmd/trace", "", "panic: boom"},
			{"internal/trace", "TestNew/sub", "y_test.go:3: got 2 steals, want 3"},
		},
	}
	if diff := cmp.Diff(want, compare(stock, patched)); diff != "" {
		t.Errorf("compare (-want +got):\n%s", diff)
	}
}

func TestReadResultsRejectsGarbage(t *testing.T) {
	_, err := readResults(strings.NewReader("{not json\n"))
	if err == nil || !strings.Contains(err.Error(), "line 1") {
		t.Errorf("readResults of a broken event: got error %v, want one naming line 1", err)
	}
}
