package main

import (
	"flag"
	"fmt"
	"io"
	"path"
	"strings"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

func init() {
	register(&command{
		name:    "diff",
		summary: "compare a runtime file's functions between two Go releases",
		run:     runDiff,
	})
}

const diffUsage = `usage: gopatched diff -from GOROOT -to GOROOT [-file proc.go] [-func NAME]
                      [-format text|md|html] [-o FILE]

Compares the functions of one runtime file between two Go source trees:
added, removed, changed (with each one's unified diff) and moved (same text,
another file or another position; lines that only shift do not count), and
lists the shipped guide steps that sit in changed code. Methods are named
Recv.Name. Text is coloured only on a terminal; -format html writes a
self-contained, printable handout (use -o).

Sources are read syntax only, for linux/amd64, by the installed go command.
-to defaults to the patched toolchain's tree when ./bin/go is built, else the
pinned release's; -from is required.

flags:
`

// runDiff implements "gopatched diff".
func runDiff(args []string) error {
	fs := flag.NewFlagSet("diff", flag.ContinueOnError)
	from := fs.String("from", "", "older Go source tree (`GOROOT`)")
	to := fs.String("to", "", "newer Go source tree (`GOROOT`; default: as for gopatched guide)")
	file := fs.String("file", "proc.go", "`file` to compare, in runtime or as PKG/FILE below GOROOT/src")
	fn := fs.String("func", "", "show only the function `NAME` (Recv.Name for a method)")
	format := fs.String("format", "text", "output `form`: text, md or html")
	out := fs.String("o", "", "write to `FILE` instead of standard output")
	fs.Usage = func() {
		fmt.Fprint(fs.Output(), diffUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return usageErr(err)
	}
	if fs.NArg() > 0 {
		return fmt.Errorf("unexpected arguments %q: %w", fs.Args(), errUsage)
	}
	if *from == "" {
		return fmt.Errorf("-from GOROOT is required (e.g. -from $(go env GOROOT)): %w", errUsage)
	}
	f, err := sourceguides.ParseFormat(*format)
	if err != nil {
		return fmt.Errorf("%v: %w", err, errUsage)
	}
	rel := *file
	if !strings.Contains(rel, "/") {
		rel = "runtime/" + rel
	}
	guides, err := sourceguides.List()
	if err != nil {
		return err
	}
	pkg := path.Dir(rel)
	src := make([]*sourceguides.Source, 2)
	for i, root := range []string{*from, *to} {
		if i == 1 && root == "" {
			if src[i], err = loadSource("", guides...); err != nil {
				return err
			}
			continue
		}
		if src[i], err = sourceguides.Load(root, pkg); err != nil {
			return err
		}
	}
	res, err := sourceguides.Diff(src[0], src[1], rel, guides...)
	if err != nil {
		return err
	}
	if *fn != "" {
		if res, err = res.Only(*fn); err != nil {
			return err
		}
	}
	return writeOutput(*out, func(w io.Writer, color bool) error {
		return res.Write(w, sourceguides.RenderOptions{Format: f, Color: color && f == sourceguides.Text})
	})
}
