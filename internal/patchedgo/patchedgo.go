// Package patchedgo finds the project's patched toolchain (./bin/go at the
// repository root) for tests that must run on it.
//
// A test that needs the toolchain calls Command. When ./bin/go is missing
// the test is skipped with a message saying to run make toolchain, unless
// the environment sets GOPATCHED_REQUIRE_TOOLCHAIN=1, as make test does:
// then the test fails, so that a broken build can never pass as skips.
package patchedgo

import (
	"fmt"
	"os"
	"path/filepath"
	"testing"
)

// RequireEnv is the environment variable that turns a missing toolchain
// from a skip into a failure.
const RequireEnv = "GOPATCHED_REQUIRE_TOOLCHAIN"

// RepoRoot returns the repository root: the nearest directory at or above
// the working directory that holds the project's go.mod.
func RepoRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the repository root: %w", err)
	}
	for {
		if _, err := os.Stat(filepath.Join(dir, "toolchain", "build.sh")); err == nil {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", fmt.Errorf("no gopatched repository above the working directory")
		}
		dir = parent
	}
}

// Command returns the absolute path of ./bin/go, skipping or failing t
// when it does not exist (see the package doc).
func Command(t testing.TB) string {
	t.Helper()
	root, err := RepoRoot()
	if err != nil {
		t.Fatal(err)
	}
	gocmd := filepath.Join(root, "bin", "go")
	if _, err := os.Stat(gocmd); err != nil {
		msg := fmt.Sprintf("the patched toolchain %s does not exist; run make toolchain", gocmd)
		if os.Getenv(RequireEnv) == "1" {
			t.Fatal(msg)
		}
		t.Skip("skipping: " + msg)
	}
	return gocmd
}

// StockCommand returns the go command of the unpatched pinned release,
// fetching it with the installed go command if needed.
func StockCommand(t testing.TB) string {
	t.Helper()
	cmd := execGo("env", "GOROOT")
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fetching the pinned release (GOTOOLCHAIN=go1.27.3 go env GOROOT): %v", err)
	}
	return filepath.Join(string(trimNewline(out)), "bin", "go")
}
