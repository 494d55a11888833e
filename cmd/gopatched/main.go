// Command gopatched drives the gopatched toolkit: it builds and checks the
// patched Go toolchain, renders the scheduler source guides, diffs proc.go
// between releases and runs the scheduler exercises.
//
// Usage:
//
//	gopatched COMMAND [flags] [args]
//
// Run "gopatched help" for the list of commands and "gopatched COMMAND -h"
// for the flags of one.
package main

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"sort"
)

// A command is one subcommand of gopatched. Each lives in its own file and
// registers itself in init, so adding a command means adding a file.
type command struct {
	name    string
	summary string // one line for "gopatched help"
	run     func(args []string) error
}

// commands holds every registered subcommand by name.
var commands = map[string]*command{}

// register adds c to the command table; it panics on a duplicate name,
// which is a programming error caught by any run of the binary.
func register(c *command) {
	if _, dup := commands[c.name]; dup {
		panic("gopatched: duplicate command " + c.name)
	}
	commands[c.name] = c
}

// errUsage marks an error caused by bad arguments; main exits with status 2.
var errUsage = errors.New("usage error")

func main() {
	os.Exit(runMain(os.Args[1:]))
}

func runMain(args []string) int {
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		printHelp()
		if len(args) == 0 {
			return 2
		}
		return 0
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(os.Stderr, "gopatched: unknown command %q; run \"gopatched help\" for the list\n", args[0])
		return 2
	}
	err := c.run(args[1:])
	switch {
	case err == nil:
		return 0
	case errors.Is(err, flag.ErrHelp):
		return 0
	case errors.Is(err, errUsage):
		fmt.Fprintf(os.Stderr, "gopatched %s: %v\n", c.name, err)
		return 2
	default:
		fmt.Fprintf(os.Stderr, "gopatched %s: %v\n", c.name, err)
		return 1
	}
}

func printHelp() {
	fmt.Fprintln(os.Stderr, "usage: gopatched COMMAND [flags] [args]")
	fmt.Fprintln(os.Stderr, "\ncommands:")
	names := make([]string, 0, len(commands))
	for name := range commands {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		fmt.Fprintf(os.Stderr, "  %-10s %s\n", name, commands[name].summary)
	}
	fmt.Fprintln(os.Stderr, "\nRun \"gopatched COMMAND -h\" for the flags of one command.")
}
