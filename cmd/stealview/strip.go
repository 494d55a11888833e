package main

import (
	"flag"
	"fmt"
	"io"
	"os"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

const stripUsage = `usage: stealview strip [-v] in.trace out.trace

Copies the trace in.trace to out.trace without its work-steal records, so
that go tool trace and other stock tools, which crash on them, can read it.
Everything else is copied byte for byte. out.trace is written through a
temporary file and a rename: it is complete or untouched. out.trace must not
be in.trace. Silent on success unless -v.

Flags:
`

func runStrip(args []string, stderr io.Writer) int {
	fs := flag.NewFlagSet("stealview strip", flag.ContinueOnError)
	fs.SetOutput(stderr)
	verbose := fs.Bool("v", false, "report what was removed")
	fs.Usage = func() {
		fmt.Fprint(stderr, stripUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err == flag.ErrHelp {
		return 0
	} else if err != nil {
		return 2
	}
	if fs.NArg() != 2 {
		fs.Usage()
		return 2
	}
	in, out := fs.Arg(0), fs.Arg(1)
	stats, err := strip(in, out)
	if err != nil {
		return fail(stderr, err)
	}
	if *verbose {
		fmt.Fprintf(stderr, "stealview: removed %d steal batches (%d bytes, %d steals) "+
			"from %s; wrote %s (%d bytes)\n", stats.StealBatches, stats.StealBytes, stats.Steals,
			in, out, stats.Bytes-stats.StealBytes)
	}
	return 0
}

// strip writes in without steal records to out, atomically.
func strip(in, out string) (stealtracer.Stats, error) {
	src, err := os.Open(in)
	if err != nil {
		return stealtracer.Stats{}, err
	}
	defer src.Close()
	if sameFile(src, out) {
		return stealtracer.Stats{}, fmt.Errorf("%s is the input file: "+
			"give another name for the stripped trace", out)
	}

	tmp, err := createTemp(out)
	if err != nil {
		return stealtracer.Stats{}, err
	}
	stats, err := stealtracer.Strip(tmp, src)
	if err != nil {
		err = fmt.Errorf("%s: %w", in, err)
	} else if cerr := tmp.Chmod(0o644); cerr != nil {
		err = fmt.Errorf("writing %s: %w", out, cerr)
	}
	if cerr := tmp.Close(); err == nil && cerr != nil {
		err = fmt.Errorf("writing %s: %w", out, cerr)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), out)
	}
	if err != nil {
		os.Remove(tmp.Name())
		return stats, err
	}
	return stats, nil
}

// sameFile reports whether path names the open file f.
func sameFile(f *os.File, path string) bool {
	fi, err := f.Stat()
	if err != nil {
		return false
	}
	pi, err := os.Stat(path)
	if err != nil {
		return false
	}
	return os.SameFile(fi, pi)
}
