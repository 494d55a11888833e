package main

import (
	"encoding/json"
	"flag"
	"fmt"
	"io"
	"os"
	"time"

	"github.com/gopatched/gopatched/steal-tracer/summary"
)

const viewUsage = `usage: stealview [-json] [-o dir] [-window 1ms] [-bins 100] trace.out
       stealview strip [-v] in.trace out.trace   (see stealview strip -h)

Prints a summary of the work steals in trace.out, a Go execution trace
recorded with the gopatched toolchain (./bin/go): duration, GOMAXPROCS,
steals and goroutines moved, steals per thief and per victim, the
thief × victim matrix and the busiest interval. A trace from a stock
toolchain, or recorded with GODEBUG=tracesteal=0, has no steal records;
stealview says so.

With -o it also writes two heat maps into dir (created if missing), each as
PNG and SVG: thief-victim.* (steals per thief and victim P) and gained.*
(goroutines each P gained by stealing, over time). Files are written
through a temporary file and a rename, so none is ever half-written.

The trace is read in one pass; memory grows with the number of steals and
with the largest trace generation, not with the whole file.

Flags:
`

// report is the JSON form of the summary.
type report struct {
	File string `json:"file"`
	*summary.Summary
	Note string `json:"note,omitempty"`
}

func runView(args []string, stdout, stderr io.Writer) int {
	fs := flag.NewFlagSet("stealview", flag.ContinueOnError)
	fs.SetOutput(stderr)
	asJSON := fs.Bool("json", false, "print the summary as JSON")
	dir := fs.String("o", "", "also write heat maps (PNG and SVG) into `dir`")
	window := fs.Duration("window", time.Millisecond, "length of the busiest interval")
	bins := fs.Int("bins", 100, "time columns of the gained heat map")
	fs.Usage = func() {
		fmt.Fprint(stderr, viewUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err == flag.ErrHelp {
		return 0
	} else if err != nil {
		return 2
	}
	if fs.NArg() != 1 || *window <= 0 || *bins <= 0 {
		fs.Usage()
		return 2
	}
	path := fs.Arg(0)

	// Summarize the trace.
	f, err := os.Open(path)
	if err != nil {
		return fail(stderr, err)
	}
	s, err := summary.Compute(f, summary.Options{Window: *window, Bins: *bins})
	f.Close()
	if err != nil {
		return fail(stderr, fmt.Errorf("%s: %w", path, err))
	}

	// Draw and write the pictures before printing anything.
	if *dir != "" {
		if err := writePictures(*dir, s); err != nil {
			return fail(stderr, err)
		}
	}

	// Print the summary.
	if *asJSON {
		r := report{File: path, Summary: s}
		if s.Stats.StealBatches == 0 {
			r.Note = summary.NoStealsHint
		}
		enc := json.NewEncoder(stdout)
		enc.SetIndent("", "  ")
		if err := enc.Encode(r); err != nil {
			return fail(stderr, err)
		}
		return 0
	}
	printText(stdout, path, s)
	return 0
}
