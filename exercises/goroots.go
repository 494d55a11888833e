package exercises

import (
	"fmt"
	"os/exec"
	"strings"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

// PinnedGOROOT returns the source tree of the pinned stock release, as
// "GOTOOLCHAIN=go1.27.3 go env GOROOT" prints it with the installed go
// command (the first go on PATH). The first call on a machine downloads
// that release through the module proxy.
//
// The patched toolchain's own tree is not the pinned release: its go
// command ignores GOTOOLCHAIN, which is why the installed go is asked.
func PinnedGOROOT() (string, error) {
	return goEnvGOROOT("GOTOOLCHAIN=" + sourceguides.PinnedRelease)
}

// InstalledGOROOT returns the source tree of the installed go command (the
// first go on PATH), run with GOTOOLCHAIN=local so that no go.mod line makes
// it switch to another release.
func InstalledGOROOT() (string, error) {
	return goEnvGOROOT("GOTOOLCHAIN=local")
}

// goEnvGOROOT runs "go env GOROOT" with the installed go command and one
// extra setting.
func goEnvGOROOT(setting string) (string, error) {
	gobin, err := exec.LookPath("go")
	if err != nil {
		return "", fmt.Errorf("finding the installed go command: %w "+
			"(put Go 1.26 or later on PATH)", err)
	}
	cmd := exec.Command(gobin, "env", "GOROOT")
	cmd.Env = append(cleanEnviron(), setting)
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("running %s %s env GOROOT: %w\n%s", setting, gobin, err, out)
	}
	root := strings.TrimSpace(string(out))
	if root == "" {
		return "", fmt.Errorf("%s %s env GOROOT printed nothing", setting, gobin)
	}
	return root, nil
}

// loadPinned loads the pinned release's runtime and checks that the tree
// really is that release.
func loadPinned() (*sourceguides.Source, error) {
	root, err := PinnedGOROOT()
	if err != nil {
		return nil, err
	}
	src, err := sourceguides.Load(root)
	if err != nil {
		return nil, fmt.Errorf("loading the pinned release: %w", err)
	}
	if src.Release != sourceguides.PinnedRelease {
		return nil, fmt.Errorf("the tree %s is release %q, not the pinned %s",
			root, src.Release, sourceguides.PinnedRelease)
	}
	return src, nil
}
