package main

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// td names a trace of steal-tracer's test data: gopatched-stealheavy and
// go126-3gen-steals carry steal records, go126-3gen does not.
func td(name string) string {
	return filepath.Join("..", "..", "steal-tracer", "testdata", name)
}

func TestRun(t *testing.T) {
	tests := []struct {
		name    string
		paths   []string
		without []string
		want    string // the table, or a part of the error
	}{
		{
			name:  "one trace",
			paths: []string{td("gopatched-stealheavy.trace")},
			want: `| measure | value |
|---|---:|
| traces with steal records | 1 |
| mean trace bytes | 45977 |
| mean steals per trace | 215.0 |
| goroutines moved per steal | 6.99 |
| WorkSteal batches per trace | 5.0 |
| WorkSteal batch bytes per steal | 24.2 |
| WorkSteal share of the trace | 11.29% |
`,
		},
		{
			name:    "two traces and a twin",
			paths:   []string{td("gopatched-stealheavy.trace"), td("go126-3gen-steals.trace")},
			without: []string{td("go126-3gen.trace")},
			want: `| measure | value |
|---|---:|
| traces with steal records | 2 |
| mean trace bytes | 31208 |
| mean steals per trace | 110.0 |
| goroutines moved per steal | 6.87 |
| WorkSteal batches per trace | 4.5 |
| WorkSteal batch bytes per steal | 24.2 |
| WorkSteal share of the trace | 8.55% |
| traces with tracesteal=0 | 1 |
| mean trace bytes with tracesteal=0 | 16296 |
| mean size difference per steal | 135.6 |
| mean size difference as a share | 47.78% |
`,
		},
		{
			name:  "no steals",
			paths: []string{td("go126-3gen.trace")},
			want:  "no steal records in",
		},
		{
			name:    "twin with steals",
			paths:   []string{td("gopatched-stealheavy.trace")},
			without: []string{td("go126-3gen-steals.trace")},
			want:    "5 steal records in",
		},
		{
			name:  "missing file",
			paths: []string{td("nothing.trace")},
			want:  "opening trace",
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var out strings.Builder
			err := run(&out, tt.paths, tt.without)
			if err != nil {
				if !strings.Contains(err.Error(), tt.want) {
					t.Fatalf("run: error %q, want one containing %q", err, tt.want)
				}
				return
			}
			if diff := cmp.Diff(tt.want, out.String()); diff != "" {
				t.Errorf("run output (-want +got):\n%s", diff)
			}
		})
	}
}
