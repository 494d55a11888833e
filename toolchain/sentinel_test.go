package toolchain_test

import (
	"context"
	"os"
	"os/exec"
	"strings"
	"testing"

	"github.com/gopatched/gopatched/internal/patchedgo"
	"github.com/gopatched/gopatched/toolchain"
)

// TestSentinelPatched proves that ./bin/go carries the patch series.
func TestSentinelPatched(t *testing.T) {
	gocmd := patchedgo.Command(t)
	res, err := toolchain.Sentinel(context.Background(), gocmd, t.TempDir())
	if err != nil {
		t.Fatal(err)
	}
	t.Logf("%s: %s, %d steals moving %d goroutines", gocmd, res.Version, res.Steals, res.Moved)
}

// TestSentinelRefusesStock runs the sentinel against the unpatched pinned
// release: both of its checks must fail, and say so.
func TestSentinelRefusesStock(t *testing.T) {
	res, err := toolchain.Sentinel(context.Background(), patchedgo.StockCommand(t), t.TempDir())
	if err == nil {
		t.Fatalf("the sentinel accepted the stock toolchain: %+v", res)
	}
	for _, want := range []string{"not a gopatched build", "no work-steal record"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error does not say %q:\n%v", want, err)
		}
	}
	if res.Version != toolchain.Release {
		t.Errorf("stock runtime.Version() = %q, want %q", res.Version, toolchain.Release)
	}
}

// TestNeverSwitches checks the built tree's go.env: the go command must
// report GOTOOLCHAIN=local when the environment does not set it, so that
// no go.mod line can make it run a stock toolchain instead.
func TestNeverSwitches(t *testing.T) {
	gocmd := patchedgo.Command(t)
	cmd := exec.Command(gocmd, "env", "GOTOOLCHAIN")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOTOOLCHAIN=") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s env GOTOOLCHAIN: %v", gocmd, err)
	}
	if got := strings.TrimSpace(string(out)); got != "local" {
		t.Errorf("%s env GOTOOLCHAIN = %q, want local", gocmd, got)
	}
}

func TestPinnedReleaseAgrees(t *testing.T) {
	if patchedgo.PinnedRelease != toolchain.Release {
		t.Errorf("patchedgo.PinnedRelease = %q, toolchain.Release = %q; make them equal",
			patchedgo.PinnedRelease, toolchain.Release)
	}
}
