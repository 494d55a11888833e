// Command stealview summarizes and draws the work steals recorded in a Go
// execution trace written by the gopatched toolchain, and strips them out
// for stock tools.
//
// Usage:
//
//	stealview [-json] [-o dir] [-window 1ms] [-bins 100] trace.out
//	stealview strip [-v] in.trace out.trace
//
// The first form prints a summary: duration, GOMAXPROCS, steals and
// goroutines moved, steals per thief and per victim, the thief × victim
// matrix and the busiest interval. With -o it also writes heat maps (PNG
// and SVG) into dir. The second form copies a trace without its steal
// records, so that go tool trace and other stock tools can read it.
package main

import (
	"fmt"
	"io"
	"os"
)

func main() {
	os.Exit(run(os.Args[1:], os.Stdout, os.Stderr))
}

// run runs stealview with the given arguments and returns the exit status:
// 0 on success, 1 on failure, 2 on bad usage.
func run(args []string, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == "strip" {
		return runStrip(args[1:], stderr)
	}
	return runView(args, stdout, stderr)
}

// fail prints an error the way every subcommand does and returns status 1.
func fail(stderr io.Writer, err error) int {
	fmt.Fprintf(stderr, "stealview: %v\n", err)
	return 1
}
