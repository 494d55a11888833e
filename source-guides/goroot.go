package sourceguides

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
)

// PinnedRelease is the Go release the patched toolchain is built from, and
// the release every shipped guide must resolve against.
const PinnedRelease = "go1.27.3"

// moduleLine identifies the project's go.mod when looking for the repository
// root.
const moduleLine = "module github.com/gopatched/gopatched"

// checkGOROOT checks that dir is the root of a Go source tree and returns
// its absolute, symlink-free path and its release name.
func checkGOROOT(dir string) (root, release string, err error) {
	if dir == "" {
		return "", "", fmt.Errorf("no GOROOT given")
	}
	abs, err := filepath.Abs(dir)
	if err != nil {
		return "", "", fmt.Errorf("GOROOT %s: %w", dir, err)
	}
	root, err = filepath.EvalSymlinks(abs)
	if err != nil {
		return "", "", fmt.Errorf("GOROOT %s does not exist", dir)
	}
	if st, err := os.Stat(filepath.Join(root, "src", "runtime", "proc.go")); err != nil || st.IsDir() {
		return "", "", fmt.Errorf("%s is not a GOROOT: it has no src/runtime/proc.go "+
			"(pass the directory that \"go env GOROOT\" prints, or a Go checkout's root)", dir)
	}
	return root, releaseOf(root), nil
}

// releaseOf returns the first line of root/VERSION, or "devel" when the tree
// has none (a git checkout).
func releaseOf(root string) string {
	data, err := os.ReadFile(filepath.Join(root, "VERSION"))
	if err != nil {
		return "devel"
	}
	line, _, _ := bytes.Cut(data, []byte("\n"))
	if v := strings.TrimSpace(string(line)); v != "" {
		return v
	}
	return "devel"
}

// DefaultGOROOT picks the tree guides and diffs read when none is given,
// looking for the project's repository from dir upwards:
//
//   - the patched toolchain's tree when it is built (the repository's
//     bin/go exists): what "bin/go env GOROOT" prints, or else the target
//     of the build/current link;
//   - otherwise the pinned release's tree, as printed by
//     "GOTOOLCHAIN=go1.27.3 go env GOROOT" (which downloads that release
//     through the module proxy the first time).
//
// It returns the tree and a short phrase saying which of these it is.
func DefaultGOROOT(dir string) (goroot, which string, err error) {
	if repo := repoRoot(dir); repo != "" {
		gobin := filepath.Join(repo, "bin", "go")
		if _, err := os.Stat(gobin); err == nil {
			if out, err := exec.Command(gobin, "env", "GOROOT").Output(); err == nil {
				if g := strings.TrimSpace(string(out)); g != "" {
					return g, "patched toolchain (" + gobin + ")", nil
				}
			}
			if g, err := filepath.EvalSymlinks(filepath.Join(repo, "build", "current")); err == nil {
				return g, "patched toolchain (build/current)", nil
			}
		}
	}
	cmd := exec.Command("go", "env", "GOROOT")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+PinnedRelease)
	var stderr bytes.Buffer
	cmd.Stderr = &stderr
	out, err := cmd.Output()
	if err != nil {
		return "", "", fmt.Errorf("finding the %s tree (GOTOOLCHAIN=%s go env GOROOT): %v: %s",
			PinnedRelease, PinnedRelease, err, strings.TrimSpace(stderr.String()))
	}
	return strings.TrimSpace(string(out)), "pinned release " + PinnedRelease, nil
}

// repoRoot returns the nearest directory at or above dir whose go.mod
// declares the gopatched module, or "".
func repoRoot(dir string) string {
	d, err := filepath.Abs(dir)
	if err != nil {
		return ""
	}
	for {
		if f, err := os.Open(filepath.Join(d, "go.mod")); err == nil {
			sc := bufio.NewScanner(f)
			found := sc.Scan() && strings.TrimSpace(sc.Text()) == moduleLine
			f.Close()
			if found {
				return d
			}
		}
		parent := filepath.Dir(d)
		if parent == d {
			return ""
		}
		d = parent
	}
}
