package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/gopatched/gopatched/toolchain"
)

func init() {
	register(&command{
		name:    "toolchain",
		summary: "check the pinned Go source (verify) or a built toolchain (sentinel)",
		run:     runToolchain,
	})
}

const toolchainUsage = `usage: gopatched toolchain verify [-zip FILE] GOROOT
       gopatched toolchain sentinel [-go PATH]

verify checks that the extracted pinned release at GOROOT (the directory that
GOTOOLCHAIN=go1.27.3 go env GOROOT prints) hashes to the pinned checksum:
module %s@%s, %s.
The go.mod copies the go command writes beside each _go.mod are left out.
With -zip it checks the module archive from the module cache instead.
It prints nothing on success; make toolchain runs it before every build.

sentinel proves that a go command carries the patch series: it builds a
small steal-heavy program with it (GOTOOLCHAIN=local), runs it with the
execution trace on at GOMAXPROCS=4, and fails loudly unless the program's
runtime.Version() is a gopatched build and its trace holds work-steal
records. -go defaults to ./bin/go. A stock toolchain fails both checks.
`

func runToolchain(args []string) error {
	if len(args) == 0 {
		fmt.Fprintf(os.Stderr, toolchainUsage, toolchain.Module, toolchain.ModuleVersion, toolchain.Hash)
		return fmt.Errorf("missing subcommand: %w", errUsage)
	}
	switch args[0] {
	case "verify":
		return runToolchainVerify(args[1:])
	case "sentinel":
		return runToolchainSentinel(args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintf(os.Stderr, toolchainUsage, toolchain.Module, toolchain.ModuleVersion, toolchain.Hash)
		return flag.ErrHelp
	}
	return fmt.Errorf("unknown subcommand %q (want verify or sentinel): %w", args[0], errUsage)
}

func runToolchainVerify(args []string) error {
	fs := flag.NewFlagSet("toolchain verify", flag.ContinueOnError)
	zipPath := fs.String("zip", "", "verify this module `archive` instead of an extracted tree")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, toolchainUsage, toolchain.Module, toolchain.ModuleVersion, toolchain.Hash)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if *zipPath != "" {
		if fs.NArg() != 0 {
			return fmt.Errorf("-zip takes no GOROOT argument: %w", errUsage)
		}
		return toolchain.VerifyZip(*zipPath, toolchain.Hash)
	}
	if fs.NArg() != 1 {
		return fmt.Errorf("want exactly one GOROOT argument: %w", errUsage)
	}
	dir := fs.Arg(0)
	if _, err := os.Stat(dir + "/src/runtime/proc.go"); err != nil {
		return fmt.Errorf("%s is not a Go source tree (no src/runtime/proc.go)", dir)
	}
	return toolchain.VerifyTree(dir, toolchain.Hash)
}

func runToolchainSentinel(args []string) error {
	fs := flag.NewFlagSet("toolchain sentinel", flag.ContinueOnError)
	goCmd := fs.String("go", "bin/go", "the go `command` to check")
	fs.Usage = func() {
		fmt.Fprintf(os.Stderr, toolchainUsage, toolchain.Module, toolchain.ModuleVersion, toolchain.Hash)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		return err
	}
	if fs.NArg() != 0 {
		return fmt.Errorf("sentinel takes no arguments: %w", errUsage)
	}
	abs, err := filepath.Abs(*goCmd)
	if err != nil {
		return fmt.Errorf("resolving %s: %w", *goCmd, err)
	}
	if _, err := os.Stat(abs); err != nil {
		return fmt.Errorf("no go command at %s: run make toolchain first, or pass -go", *goCmd)
	}
	work, err := os.MkdirTemp("", "gopatched-sentinel-")
	if err != nil {
		return fmt.Errorf("making a work directory: %w", err)
	}
	defer os.RemoveAll(work)
	res, err := toolchain.Sentinel(context.Background(), abs, work)
	if err != nil {
		return err
	}
	fmt.Printf("ok: %s is %s; its trace recorded %d steals moving %d goroutines\n",
		*goCmd, res.Version, res.Steals, res.Moved)
	return nil
}
