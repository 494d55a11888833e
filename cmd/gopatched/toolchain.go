package main

import (
	"flag"
	"fmt"
	"os"

	"github.com/gopatched/gopatched/toolchain"
)

func init() {
	register(&command{
		name:    "toolchain",
		summary: "check the pinned Go source against its checksum",
		run:     runToolchain,
	})
}

const toolchainUsage = `usage: gopatched toolchain verify [-zip FILE] GOROOT

verify checks that the extracted pinned release at GOROOT (the directory that
GOTOOLCHAIN=go1.27.3 go env GOROOT prints) hashes to the pinned checksum:
module %s@%s, %s.
The go.mod copies the go command writes beside each _go.mod are left out.
With -zip it checks the module archive from the module cache instead.
It prints nothing on success; make toolchain runs it before every build.
`

func runToolchain(args []string) error {
	if len(args) == 0 {
		fmt.Fprintf(os.Stderr, toolchainUsage, toolchain.Module, toolchain.ModuleVersion, toolchain.Hash)
		return fmt.Errorf("missing subcommand: %w", errUsage)
	}
	switch args[0] {
	case "verify":
		return runToolchainVerify(args[1:])
	case "-h", "-help", "--help":
		fmt.Fprintf(os.Stderr, toolchainUsage, toolchain.Module, toolchain.ModuleVersion, toolchain.Hash)
		return flag.ErrHelp
	}
	return fmt.Errorf("unknown subcommand %q (want verify): %w", args[0], errUsage)
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
