package main

import (
	"flag"
	"fmt"
	"os"
	"regexp"
)

func main() {
	aName := flag.String("a", "A", "column `name` of the first set")
	bName := flag.String("b", "B", "column `name` of the second set")
	filter := flag.String("filter", "", "compare only benchmarks whose name matches `regexp`")
	goal := flag.Float64("goal", 0, "say whether the geomean's 95% interval lies within ±`percent`")
	flag.Usage = func() {
		fmt.Fprintln(os.Stderr, "usage: deltas [-a NAME] [-b NAME] [-filter REGEXP] [-goal PERCENT] A.txt B.txt")
		fmt.Fprintln(os.Stderr, "Paired per-round deltas of interleaved benchmark runs, with 95% intervals.")
		flag.PrintDefaults()
	}
	flag.Parse()
	if flag.NArg() != 2 {
		flag.Usage()
		os.Exit(2)
	}
	if err := run(flag.Arg(0), flag.Arg(1), *aName, *bName, *filter, *goal); err != nil {
		fmt.Fprintln(os.Stderr, "deltas:", err)
		os.Exit(1)
	}
}

func run(aPath, bPath, aName, bName, filter string, goal float64) error {
	re, err := regexp.Compile(filter)
	if err != nil {
		return fmt.Errorf("-filter: %w", err)
	}
	a, err := readSamples(aPath)
	if err != nil {
		return err
	}
	b, err := readSamples(bPath)
	if err != nil {
		return err
	}
	deltas, geo, err := compare(a, b, re, goal/100)
	if err != nil {
		return err
	}
	write(os.Stdout, deltas, geo, aName, bName, goal > 0)
	return nil
}
