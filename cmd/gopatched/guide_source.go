package main

import (
	"fmt"
	"io"
	"os"
	"path/filepath"

	"golang.org/x/term"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

// loadSource loads the packages the guides name (runtime at least) from
// goroot, or from the default tree when goroot is empty, and says on
// standard error which tree it read.
func loadSource(goroot string, guides ...*sourceguides.Guide) (*sourceguides.Source, error) {
	which := "-goroot"
	if goroot == "" {
		g, w, err := sourceguides.DefaultGOROOT(".")
		if err != nil {
			return nil, err
		}
		goroot, which = g, w
	}
	pkgs := append([]string{"runtime"}, sourceguides.Packages(guides...)...)
	src, err := sourceguides.Load(goroot, pkgs...)
	if err != nil {
		return nil, err
	}
	if which != "-goroot" {
		fmt.Fprintf(os.Stderr, "source: %s, %s\n", which, src.GOROOT)
	}
	return src, nil
}

// writeOutput runs write on standard output, or on a temporary file next to
// path that is renamed into place only when write succeeds. color is true
// only when writing to a terminal.
func writeOutput(path string, write func(w io.Writer, color bool) error) error {
	if path == "" {
		return write(os.Stdout, term.IsTerminal(int(os.Stdout.Fd())))
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), "."+filepath.Base(path)+".tmp*")
	if err != nil {
		return fmt.Errorf("creating output: %w", err)
	}
	defer os.Remove(tmp.Name()) // no-op after a successful rename
	if err := write(tmp, false); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	if err := os.Rename(tmp.Name(), path); err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	return nil
}
