package main

import (
	"flag"
	"fmt"
	"os"
)

func main() {
	stockName := flag.String("stock", "stock", "column `name` of the stock run")
	patchedName := flag.String("patched", "patched", "column `name` of the patched run")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: treetest [-stock NAME] [-patched NAME] STOCK.json PATCHED.json")
		fmt.Fprintln(os.Stderr, "Compares two `go test -json` runs; exits 1 if the patched one has a new failure.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	newFailures, err := run(flag.Arg(0), flag.Arg(1), *stockName, *patchedName)
	if err != nil {
		fmt.Fprintln(os.Stderr, "treetest:", err)
		os.Exit(2)
	}
	if newFailures {
		os.Exit(1)
	}
}

// run prints the comparison of the two runs and reports whether the
// patched run has failures that the stock run does not.
func run(stockPath, patchedPath, stockName, patchedName string) (bool, error) {
	stock, err := load(stockPath)
	if err != nil {
		return false, err
	}
	patched, err := load(patchedPath)
	if err != nil {
		return false, err
	}
	c := compare(stock, patched)
	c.write(os.Stdout, stockName, patchedName)
	return len(c.New) > 0, nil
}

// load reads one `go test -json` output file.
func load(path string) (map[string]*pkgResult, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening test run: %w", err)
	}
	defer f.Close()
	res, err := readResults(f)
	if err != nil {
		return nil, fmt.Errorf("%s: %w", path, err)
	}
	if len(res) == 0 {
		return nil, fmt.Errorf("%s: no package results; did go test run?", path)
	}
	return res, nil
}
