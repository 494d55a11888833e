package main

import (
	"flag"
	"fmt"
	"io"
	"os"
	"strings"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

func init() {
	register(&command{
		name:    "guide",
		summary: "render a scheduler source guide against a Go release's source",
		run:     runGuide,
	})
}

const guideUsage = `usage: gopatched guide [-goroot DIR] [-format text|md|html] [-o FILE] NAME|FILE.txt
       gopatched guide -list
       gopatched guide [-goroot DIR] -check [NAME|FILE.txt ...]

Renders a source guide: each step's current lines in the chosen Go source
tree, with file:line of that release, the annotation, and the step's place
("step 3 of 9"). A step whose anchor (function + code fragment) does not
resolve in that tree is shown as STALE.

-check resolves every step of the named guides (default: all shipped
guides) and exits 1 listing each stale anchor with its guide file and line.

The source is read, syntax only, for linux/amd64 by the installed go
command. Default source: the patched toolchain's tree when ./bin/go is
built, else the pinned release's (GOTOOLCHAIN=go1.27.3 go env GOROOT,
fetched through the module proxy the first time).

flags:
`

// runGuide implements "gopatched guide".
func runGuide(args []string) error {
	fs := flag.NewFlagSet("guide", flag.ContinueOnError)
	goroot := fs.String("goroot", "", "Go source tree to read (`DIR` as printed by go env GOROOT)")
	list := fs.Bool("list", false, "list the shipped guides")
	check := fs.Bool("check", false, "check that every anchor resolves; exit 1 listing stale ones")
	format := fs.String("format", "text", "output `form`: text, md or html")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), guideUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if *list {
		if fs.NArg() > 0 || *check {
			return fmt.Errorf("-list takes no guide names and no -check: %w", errUsage)
		}
		return listGuides(os.Stdout)
	}
	if *check {
		return checkGuides(*goroot, fs.Args())
	}
	if fs.NArg() != 1 {
		fs.Usage()
		return fmt.Errorf("want one guide name (\"gopatched guide -list\" lists them): %w", errUsage)
	}
	f, err := sourceguides.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	g, err := findGuide(fs.Arg(0))
	if err != nil {
		return err
	}
	src, err := loadSource(*goroot, g)
	if err != nil {
		return err
	}
	return writeOutput(*out, func(w io.Writer, color bool) error {
		return sourceguides.Render(w, src, g, sourceguides.RenderOptions{Format: f, Color: color && f == sourceguides.Text})
	})
}

// usageErr turns a flag parsing error into a usage error, keeping -h a
// success.
func usageErr(err error) error {
	if err == flag.ErrHelp {
		return err
	}
	return fmt.Errorf("%v: %w", err, errUsage)
}

// findGuide returns a shipped guide by name, or parses a guide file when
// arg names one (it ends in .txt or contains a path separator).
func findGuide(arg string) (*sourceguides.Guide, error) {
	if strings.HasSuffix(arg, ".txt") || strings.ContainsRune(arg, os.PathSeparator) {
		return sourceguides.ParseFile(arg)
	}
	return sourceguides.Lookup(arg)
}

// listGuides prints each shipped guide's name, step count and title.
func listGuides(w io.Writer) error {
	gs, err := sourceguides.List()
	if err != nil {
		return err
	}
	for _, g := range gs {
		fmt.Fprintf(w, "%-14s %2d steps  %s\n", g.Name, len(g.Steps), g.Title)
	}
	return nil
}

// checkGuides resolves the named guides (all shipped ones by default) and
// reports stale anchors.
func checkGuides(goroot string, names []string) error {
	var gs []*sourceguides.Guide
	if len(names) == 0 {
		all, err := sourceguides.List()
		if err != nil {
			return err
		}
		gs = all
	}
	for _, n := range names {
		g, err := findGuide(n)
		if err != nil {
			return err
		}
		gs = append(gs, g)
	}
	src, err := loadSource(goroot, gs...)
	if err != nil {
		return err
	}
	stale := sourceguides.Check(src, gs...)
	steps := 0
	for _, g := range gs {
		steps += len(g.Steps)
	}
	if len(stale) == 0 {
		fmt.Fprintf(os.Stderr, "all %d anchors of %d guides resolve in %s\n", steps, len(gs), src.Release)
		return nil
	}
	for _, s := range stale {
		fmt.Println(s)
	}
	return fmt.Errorf("%d of %d anchors stale in %s (%s)", len(stale), steps, src.Release, src.GOROOT)
}
