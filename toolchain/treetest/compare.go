package main

import (
	"fmt"
	"io"
	"sort"
	"strings"
)

// row is one package of the side-by-side table.
type row struct {
	Package string
	Stock   string
	Patched string
}

// failure is a failing test with the first lines of its output.
type failure struct {
	Package string
	Test    string // "" when the package failed without naming a test
	Reason  string
}

// comparison is the outcome of comparing a stock run with a patched run.
type comparison struct {
	Rows []row
	// Shared lists the tests failing with both, with the stock reason.
	Shared []failure
	// New lists the patched failures that stock does not have.
	New []failure
}

// compare lines up the two runs package by package.
func compare(stock, patched map[string]*pkgResult) comparison {
	pkgs := map[string]bool{}
	for p := range stock {
		pkgs[p] = true
	}
	for p := range patched {
		pkgs[p] = true
	}
	names := make([]string, 0, len(pkgs))
	for p := range pkgs {
		names = append(names, p)
	}
	sort.Strings(names)

	var c comparison
	for _, pkg := range names {
		s, p := stock[pkg], patched[pkg]
		c.Rows = append(c.Rows, row{Package: pkg, Stock: cell(s), Patched: cell(p)})
		if p == nil || p.Status != "FAIL" {
			continue
		}
		if len(p.Failed) == 0 {
			if s != nil && s.Status == "FAIL" && len(s.Failed) == 0 {
				c.Shared = append(c.Shared, failure{pkg, "", s.Reasons[""]})
			} else {
				c.New = append(c.New, failure{pkg, "", p.Reasons[""]})
			}
			continue
		}
		for _, test := range p.Failed {
			if s != nil && contains(s.Failed, test) {
				c.Shared = append(c.Shared, failure{pkg, test, s.Reasons[test]})
			} else {
				c.New = append(c.New, failure{pkg, test, p.Reasons[test]})
			}
		}
	}
	return c
}

// cell is one side's entry in the table.
func cell(r *pkgResult) string {
	switch {
	case r == nil:
		return "-"
	case r.Status == "FAIL" && len(r.Failed) == 0:
		return "FAIL (no test named: " + r.Reasons[""] + ")"
	case r.Status == "FAIL":
		return "FAIL: " + strings.Join(r.Failed, ", ")
	case r.Status == "skip":
		return "no test files"
	}
	return r.Status
}

func contains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// write prints the comparison as Markdown: the table, the failures both
// toolchains share with their stock reason, and the new failures.
func (c comparison) write(w io.Writer, stockName, patchedName string) {
	fmt.Fprintf(w, "| package | %s | %s |\n|---|---|---|\n", stockName, patchedName)
	for _, r := range c.Rows {
		fmt.Fprintf(w, "| %s | %s | %s |\n", r.Package, r.Stock, r.Patched)
	}
	if len(c.Shared) > 0 {
		fmt.Fprintf(w, "\nFailing on %s as well:\n\n", stockName)
		for _, f := range c.Shared {
			f.write(w)
		}
	}
	if len(c.New) > 0 {
		fmt.Fprintf(w, "\nNew failures with %s (not on %s):\n\n", patchedName, stockName)
		for _, f := range c.New {
			f.write(w)
		}
	} else {
		fmt.Fprintf(w, "\nNo failure with %s that %s does not have.\n", patchedName, stockName)
	}
}

// write prints the failure as a list item.
func (f failure) write(w io.Writer) {
	name := f.Package
	if f.Test != "" {
		name += " " + f.Test
	}
	fmt.Fprintf(w, "- %s: %s\n", name, f.Reason)
}
