package main

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// binary is the stealview command built once for all tests.
var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "stealview-test")
	if err != nil {
		fmt.Fprintln(os.Stderr, err)
		os.Exit(1)
	}
	binary = filepath.Join(dir, "stealview")
	if out, err := exec.Command("go", "build", "-o", binary, ".").CombinedOutput(); err != nil {
		fmt.Fprintf(os.Stderr, "building stealview: %v\n%s", err, out)
		os.Exit(1)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// workdir returns a fresh directory holding the test inputs:
// steals.trace (real trace with injected steals), stock.trace (the same
// without), truncated.trace (steals.trace cut inside a batch), patched.trace
// (a real trace from the patched runtime) and notes.txt.
func workdir(t *testing.T) string {
	t.Helper()
	dir := t.TempDir()
	read := func(name string) []byte {
		data, err := os.ReadFile("../../steal-tracer/testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return data
	}
	steals := read("go126-3gen-steals.trace")
	files := map[string][]byte{
		"steals.trace":    steals,
		"stock.trace":     read("go126-3gen.trace"),
		"patched.trace":   read("gopatched-stealheavy.trace"),
		"truncated.trace": steals[:7000],
		"notes.txt":       []byte("hello, this is a text file\n"),
	}
	for name, data := range files {
		if err := os.WriteFile(filepath.Join(dir, name), data, 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// stealview runs the binary in dir and returns its output and exit code.
func stealview(t *testing.T, dir string, args ...string) (stdout, stderr string, code int) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	cmd.Dir = dir
	var o, e bytes.Buffer
	cmd.Stdout, cmd.Stderr = &o, &e
	err := cmd.Run()
	var exit *exec.ExitError
	switch {
	case errors.As(err, &exit):
		code = exit.ExitCode()
	case err != nil:
		t.Fatal(err)
	}
	return o.String(), e.String(), code
}

// listing returns the names of all files under dir, sorted.
func listing(t *testing.T, dir string) []string {
	t.Helper()
	var names []string
	err := filepath.WalkDir(dir, func(path string, d os.DirEntry, err error) error {
		if err != nil {
			return err
		}
		rel, _ := filepath.Rel(dir, path)
		if rel != "." {
			names = append(names, rel)
		}
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	slices.Sort(names)
	return names
}

var inputs = []string{"notes.txt", "patched.trace", "steals.trace", "stock.trace",
	"truncated.trace"}

func TestSummaryText(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string
	}{{
		name: "steals",
		args: []string{"steals.trace"},
		want: `steals.trace: go 1.26 trace, 16438 bytes, 3 generations
duration 2.492571009s, GOMAXPROCS 4
5 steals moved 8 goroutines (1.60 per steal), 1 from runnext
steal records: 4 batches, 142 bytes (0.9% of the trace)
busiest 1ms: 1 steals, from 3.032512ms to 4.032512ms

   P  steals as thief  goroutines gained  steals as victim  goroutines lost
  P0                1                  1                 2                4
  P1                2                  5                 1                1
  P2                1                  1                 1                1
  P3                1                  1                 1                2

steals, thief (rows) × victim (columns):
      P0  P1  P2  P3
  P0   0   0   1   0
  P1   1   0   0   1
  P2   1   0   0   0
  P3   0   1   0   0
`,
	}, {
		name: "steals, 400ms window",
		args: []string{"-window", "400ms", "steals.trace"},
		want: `steals.trace: go 1.26 trace, 16438 bytes, 3 generations
duration 2.492571009s, GOMAXPROCS 4
5 steals moved 8 goroutines (1.60 per steal), 1 from runnext
steal records: 4 batches, 142 bytes (0.9% of the trace)
busiest 400ms: 3 steals, from 3.032512ms to 403.032512ms

   P  steals as thief  goroutines gained  steals as victim  goroutines lost
  P0                1                  1                 2                4
  P1                2                  5                 1                1
  P2                1                  1                 1                1
  P3                1                  1                 1                2

steals, thief (rows) × victim (columns):
      P0  P1  P2  P3
  P0   0   0   1   0
  P1   1   0   0   1
  P2   1   0   0   0
  P3   0   1   0   0
`,
	}, {
		name: "real steals from the patched runtime",
		args: []string{"patched.trace"},
		want: `patched.trace: go 1.26 trace, 45977 bytes, 1 generations
duration 145.305217ms, GOMAXPROCS 4
215 steals moved 1503 goroutines (6.99 per steal), 6 from runnext
steal records: 5 batches, 5193 bytes (11.3% of the trace)
busiest 1ms: 14 steals, from 62.20704ms to 63.20704ms

   P  steals as thief  goroutines gained  steals as victim  goroutines lost
  P0               50                330                25              131
  P1               17                 62               167             1228
  P2               88                684                17              130
  P3               60                427                 6               14

steals, thief (rows) × victim (columns):
      P0  P1  P2  P3
  P0   0  45   5   0
  P1   3   0   8   6
  P2  15  73   0   0
  P3   7  49   4   0
`,
	}, {
		name: "stock trace",
		args: []string{"stock.trace"},
		want: `stock.trace: go 1.26 trace, 16296 bytes, 3 generations
duration 2.492571009s, GOMAXPROCS 4

no steal records in this trace: it was recorded with a stock toolchain or with ` +
			`GODEBUG=tracesteal=0; record it with the patched toolchain (./bin/go), ` +
			`which writes steal records by default (tracesteal=1)
`,
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			stdout, stderr, code := stealview(t, workdir(t), tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if diff := cmp.Diff(tt.want, stdout); diff != "" {
				t.Errorf("output (-want +got):\n%s", diff)
			}
		})
	}
}

func TestSummaryJSON(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want string // file in testdata
	}{
		{"steals", []string{"-json", "-bins", "4", "steals.trace"}, "steals.json"},
		{"stock trace", []string{"-json", "-bins", "2", "stock.trace"}, "stock.json"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want, err := os.ReadFile(filepath.Join("testdata", tt.want))
			if err != nil {
				t.Fatal(err)
			}
			stdout, stderr, code := stealview(t, workdir(t), tt.args...)
			if code != 0 || stderr != "" {
				t.Fatalf("exit %d, stderr %q", code, stderr)
			}
			if diff := cmp.Diff(string(want), stdout); diff != "" {
				t.Errorf("JSON (-want +got):\n%s", diff)
			}
		})
	}
}

func TestPictures(t *testing.T) {
	dir := workdir(t)
	stdout, stderr, code := stealview(t, dir, "-o", "pics", "steals.trace")
	if code != 0 || stderr != "" || !strings.HasPrefix(stdout, "steals.trace: go 1.26 trace") {
		t.Fatalf("exit %d, stderr %q, stdout %q", code, stderr, stdout)
	}
	want := []string{"pics", "pics/gained.png", "pics/gained.svg",
		"pics/thief-victim.png", "pics/thief-victim.svg"}
	if diff := cmp.Diff(append(slices.Clone(inputs), want...), listing(t, dir),
		cmp.Transformer("sort", func(s []string) []string {
			s = slices.Clone(s)
			slices.Sort(s)
			return s
		})); diff != "" {
		t.Errorf("files (-want +got):\n%s", diff)
	}
	for _, name := range want[1:] {
		data, err := os.ReadFile(filepath.Join(dir, name))
		if err != nil {
			t.Fatal(err)
		}
		magic := "<?xml"
		if strings.HasSuffix(name, ".png") {
			magic = "\x89PNG"
		}
		if !bytes.HasPrefix(data, []byte(magic)) {
			t.Errorf("%s does not start with %q", name, magic)
		}
	}
}

func TestBadInput(t *testing.T) {
	tests := []struct {
		name     string
		args     []string
		code     int
		stderr   string // exact, or a prefix when it ends in "..."
		newFiles []string
	}{{
		name:   "missing file",
		args:   []string{"nosuch.trace"},
		code:   1,
		stderr: "stealview: open nosuch.trace: no such file or directory\n",
	}, {
		name:   "not a trace",
		args:   []string{"notes.txt"},
		code:   1,
		stderr: "stealview: notes.txt: bad trace header \"hello, this is a\": not a Go execution trace\n",
	}, {
		name: "truncated trace",
		args: []string{"-o", "pics", "truncated.trace"},
		code: 1,
		stderr: "stealview: truncated.trace: batch 14 (event batch) at offset 6799: " +
			"reading payload: got 182 of 983 bytes: trace truncated: unexpected EOF\n",
	}, {
		name:   "output directory under a file",
		args:   []string{"-o", "notes.txt/pics", "steals.trace"},
		code:   1,
		stderr: "stealview: cannot create the output directory: mkdir notes.txt: not a directory\n",
	}, {
		name:   "no arguments",
		args:   nil,
		code:   2,
		stderr: "usage: stealview [-json] [-o dir] [-window 1ms] [-bins 100] trace.out\n...",
	}, {
		name:   "two traces",
		args:   []string{"steals.trace", "stock.trace"},
		code:   2,
		stderr: "usage: stealview [-json] ...",
	}, {
		name:   "strip a missing file",
		args:   []string{"strip", "nosuch.trace", "out.trace"},
		code:   1,
		stderr: "stealview: open nosuch.trace: no such file or directory\n",
	}, {
		name: "strip a truncated trace",
		args: []string{"strip", "truncated.trace", "out.trace"},
		code: 1,
		stderr: "stealview: truncated.trace: batch 14 (event batch) at offset 6799: " +
			"reading payload: got 182 of 983 bytes: trace truncated: unexpected EOF\n",
	}, {
		name: "strip onto the input",
		args: []string{"strip", "steals.trace", "./steals.trace"},
		code: 1,
		stderr: "stealview: ./steals.trace is the input file: " +
			"give another name for the stripped trace\n",
	}, {
		name:   "strip into a missing directory",
		args:   []string{"strip", "steals.trace", "nodir/out.trace"},
		code:   1,
		stderr: "stealview: cannot write nodir/out.trace: no such file or directory\n",
	}, {
		name:   "strip with one argument",
		args:   []string{"strip", "steals.trace"},
		code:   2,
		stderr: "usage: stealview strip [-v] in.trace out.trace\n...",
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := workdir(t)
			before := map[string][]byte{}
			for _, name := range inputs {
				before[name], _ = os.ReadFile(filepath.Join(dir, name))
			}
			stdout, stderr, code := stealview(t, dir, tt.args...)
			if code != tt.code {
				t.Errorf("exit code %d, want %d", code, tt.code)
			}
			if prefix, ok := strings.CutSuffix(tt.stderr, "..."); ok {
				if !strings.HasPrefix(stderr, prefix) {
					t.Errorf("stderr = %q, want it to start with %q", stderr, prefix)
				}
			} else if stderr != tt.stderr {
				t.Errorf("stderr = %q\nwant     %q", stderr, tt.stderr)
			}
			if stdout != "" {
				t.Errorf("stdout = %q, want nothing", stdout)
			}
			if diff := cmp.Diff(inputs, listing(t, dir)); diff != "" {
				t.Errorf("files after the run (-want +got):\n%s", diff)
			}
			for _, name := range inputs {
				if now, _ := os.ReadFile(filepath.Join(dir, name)); !bytes.Equal(now, before[name]) {
					t.Errorf("%s changed", name)
				}
			}
		})
	}
}

func TestUnwritableOutputDir(t *testing.T) {
	if os.Geteuid() == 0 {
		t.Skip("skipping: root can write into read-only directories " +
			"(TestBadInput covers an output path under a file)")
	}
	dir := workdir(t)
	ro := filepath.Join(dir, "ro")
	if err := os.Mkdir(ro, 0o555); err != nil {
		t.Fatal(err)
	}
	_, stderr, code := stealview(t, dir, "-o", "ro", "steals.trace")
	want := "stealview: cannot write ro/"
	if code != 1 || !strings.HasPrefix(stderr, want) {
		t.Errorf("exit %d, stderr %q; want 1 and %q...", code, stderr, want)
	}
	if got := listing(t, ro); len(got) != 0 {
		t.Errorf("files left in the read-only directory: %v", got)
	}
}

func TestStrip(t *testing.T) {
	tests := []struct {
		name   string
		args   []string
		stderr string
	}{
		{"silent", []string{"strip", "steals.trace", "out.trace"}, ""},
		{"verbose", []string{"strip", "-v", "steals.trace", "out.trace"},
			"stealview: removed 4 steal batches (142 bytes, 5 steals) from steals.trace; " +
				"wrote out.trace (16296 bytes)\n"},
		{"stock trace", []string{"strip", "stock.trace", "out.trace"}, ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := workdir(t)
			stdout, stderr, code := stealview(t, dir, tt.args...)
			if code != 0 || stdout != "" || stderr != tt.stderr {
				t.Fatalf("exit %d, stdout %q, stderr %q; want 0, nothing, %q",
					code, stdout, stderr, tt.stderr)
			}
			got, _ := os.ReadFile(filepath.Join(dir, "out.trace"))
			want, _ := os.ReadFile(filepath.Join(dir, "stock.trace"))
			if !bytes.Equal(got, want) {
				t.Errorf("out.trace (%d bytes) differs from stock.trace (%d bytes)",
					len(got), len(want))
			}
			if diff := cmp.Diff(append(slices.Clone(inputs), "out.trace"), listing(t, dir),
				cmp.Transformer("sort", func(s []string) []string {
					s = slices.Clone(s)
					slices.Sort(s)
					return s
				})); diff != "" {
				t.Errorf("files (-want +got):\n%s", diff)
			}
		})
	}
}

func TestHelp(t *testing.T) {
	tests := []struct {
		args []string
		want string
	}{
		{[]string{"-h"}, "usage: stealview [-json] [-o dir] [-window 1ms] [-bins 100] trace.out\n"},
		{[]string{"strip", "-h"}, "usage: stealview strip [-v] in.trace out.trace\n"},
	}
	for _, tt := range tests {
		_, stderr, code := stealview(t, t.TempDir(), tt.args...)
		if code != 0 || !strings.HasPrefix(stderr, tt.want) {
			t.Errorf("stealview %v: exit %d, help %q...; want 0 and %q", tt.args, code,
				stderr[:min(len(stderr), 80)], tt.want)
		}
	}
}
