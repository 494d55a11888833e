package main

import (
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestSchedtraceCommand(t *testing.T) {
	tests := []struct {
		name       string
		args       []string
		file       string
		wantOut    []string // lines expected at the start of standard output
		wantErr    string   // substring of the returned error, "" for none
		wantStderr string   // substring expected on standard error
	}{{
		name: "CSV of a summary trace",
		args: []string{"-csv"},
		file: "../../internal/schedtrace/testdata/schedtrace-p4.txt",
		wantOut: []string{
			"ms,gomaxprocs,idleprocs,threads,spinning,idlethreads,runqueue,local_sum,local_max,goroutines",
			"0,4,3,2,0,0,0,0,0,",
			"204,4,0,5,0,0,1,181,92,",
		},
	}, {
		name:       "table and wait reasons of a mixed detail trace",
		file:       "../../internal/schedtrace/testdata/mixed.txt",
		wantOut:    []string{"   ms  gomaxprocs  idleprocs  threads  spinning  idlethreads  runqueue  local_sum  local_max  goroutines"},
		wantStderr: "2 of 154 lines were not scheduler trace lines",
	}, {
		name:    "no trace at all",
		file:    "../../go.mod",
		wantErr: "no SCHED lines",
	}, {
		name:    "stray argument",
		args:    []string{"log.txt"},
		file:    "../../go.mod",
		wantErr: "no arguments expected",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			in, err := os.ReadFile(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			var out, errw bytes.Buffer
			err = schedtraceMain(tt.args, bytes.NewReader(in), &out, &errw)
			if tt.wantErr != "" {
				if err == nil || !strings.Contains(err.Error(), tt.wantErr) {
					t.Fatalf("error = %v, want one containing %q", err, tt.wantErr)
				}
				return
			}
			if err != nil && !errors.Is(err, errUsage) {
				t.Fatal(err)
			}
			lines := strings.Split(out.String(), "\n")
			if len(lines) < len(tt.wantOut) {
				t.Fatalf("output has %d lines, want at least %d:\n%s", len(lines), len(tt.wantOut), out.String())
			}
			if diff := cmp.Diff(tt.wantOut, lines[:len(tt.wantOut)]); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
			if !strings.Contains(errw.String(), tt.wantStderr) {
				t.Errorf("stderr = %q, want it to contain %q", errw.String(), tt.wantStderr)
			}
		})
	}
}
