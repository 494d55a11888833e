package sourceguides

import (
	"os"
	"os/exec"
	"runtime"
	"strings"
	"sync"
	"testing"
)

// The trees the tests read: the pinned release (every guide must resolve
// there) and the installed Go. Each is loaded once per test binary.
var (
	pinnedOnce, installedOnce sync.Once
	pinnedSrc, installedSrc   *Source
	pinnedErr, installedErr   error
)

// pinned returns the pinned release's runtime, loaded once.
func pinned(t testing.TB) *Source {
	t.Helper()
	pinnedOnce.Do(func() {
		cmd := exec.Command("go", "env", "GOROOT")
		cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+PinnedRelease)
		out, err := cmd.Output()
		if err != nil {
			pinnedErr = err
			return
		}
		pinnedSrc, pinnedErr = Load(strings.TrimSpace(string(out)))
	})
	if pinnedErr != nil {
		t.Fatalf("loading the pinned release %s: %v", PinnedRelease, pinnedErr)
	}
	return pinnedSrc
}

// installed returns the runtime of the Go that runs the tests, loaded once.
func installed(t testing.TB) *Source {
	t.Helper()
	installedOnce.Do(func() { installedSrc, installedErr = Load(runtime.GOROOT()) })
	if installedErr != nil {
		t.Fatalf("loading the installed Go: %v", installedErr)
	}
	return installedSrc
}

// shippedGuides returns every shipped guide.
func shippedGuides(t testing.TB) []*Guide {
	t.Helper()
	gs, err := List()
	if err != nil {
		t.Fatal(err)
	}
	return gs
}
