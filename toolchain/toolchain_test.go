package toolchain

import (
	"archive/zip"
	"bytes"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// pinnedTree returns the extracted pinned release, fetching it with the go
// command like build.sh does.
func pinnedTree(t *testing.T) string {
	t.Helper()
	cmd := exec.Command("go", "env", "GOROOT")
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+Release)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("fetching %s with the go command: %v", Release, err)
	}
	return strings.TrimSpace(string(out))
}

func TestPinnedTreeMatchesPin(t *testing.T) {
	if err := VerifyTree(pinnedTree(t), Hash); err != nil {
		t.Fatal(err)
	}
}

func TestPinnedArchiveMatchesPin(t *testing.T) {
	if err := VerifyZip(pinnedZip(t), Hash); err != nil {
		t.Fatal(err)
	}
}

func pinnedZip(t *testing.T) string {
	t.Helper()
	pinnedTree(t) // makes sure the download happened
	out, err := exec.Command("go", "env", "GOMODCACHE").Output()
	if err != nil {
		t.Fatalf("go env GOMODCACHE: %v", err)
	}
	return filepath.Join(strings.TrimSpace(string(out)),
		"cache/download", Module, "@v", ModuleVersion+".zip")
}

// TestAlteredTreeRefused links a copy of the real tree, changes one file
// and expects the verification to refuse it and say what to do.
func TestAlteredTreeRefused(t *testing.T) {
	copyDir := filepath.Join(t.TempDir(), "go")
	if out, err := exec.Command("cp", "-al", pinnedTree(t), copyDir).CombinedOutput(); err != nil {
		t.Fatalf("linking a copy of the tree: %v\n%s", err, out)
	}
	proc := filepath.Join(copyDir, "src/runtime/proc.go")
	orig, err := os.ReadFile(proc)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(filepath.Dir(proc), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.Remove(proc); err != nil { // break the hard link first
		t.Fatal(err)
	}
	altered := bytes.Replace(orig, []byte("n = n - n/2"), []byte("n = n - n/3"), 1)
	if err := os.WriteFile(proc, altered, 0o644); err != nil {
		t.Fatal(err)
	}
	err = VerifyTree(copyDir, Hash)
	if err == nil {
		t.Fatal("VerifyTree accepted a tree with an altered proc.go")
	}
	for _, want := range []string{"altered", Hash, "make toolchain"} {
		if !strings.Contains(err.Error(), want) {
			t.Errorf("error %q does not mention %q", err, want)
		}
	}
}

// TestAlteredArchiveRefused rewrites one entry of a copy of the real
// module archive and expects VerifyZip to refuse it.
func TestAlteredArchiveRefused(t *testing.T) {
	src, err := zip.OpenReader(pinnedZip(t))
	if err != nil {
		t.Fatal(err)
	}
	defer src.Close()
	altered := filepath.Join(t.TempDir(), "altered.zip")
	out, err := os.Create(altered)
	if err != nil {
		t.Fatal(err)
	}
	w := zip.NewWriter(out)
	for _, f := range src.File {
		if strings.HasSuffix(f.Name, "/VERSION") {
			fw, err := w.Create(f.Name)
			if err != nil {
				t.Fatal(err)
			}
			io.WriteString(fw, "go1.27.3-evil\n")
			continue
		}
		raw, err := f.OpenRaw()
		if err != nil {
			t.Fatal(err)
		}
		fw, err := w.CreateRaw(&f.FileHeader)
		if err != nil {
			t.Fatal(err)
		}
		if _, err := io.Copy(fw, raw); err != nil {
			t.Fatal(err)
		}
	}
	if err := w.Close(); err != nil {
		t.Fatal(err)
	}
	out.Close()
	err = VerifyZip(altered, Hash)
	if err == nil || !strings.Contains(err.Error(), "altered") {
		t.Fatalf("VerifyZip(altered archive) = %v, want an error saying it was altered", err)
	}
}

// scratchRoot makes a minimal project root holding the build script, the
// pin and a copy of the patch series, so tests can break patches freely.
func scratchRoot(t *testing.T) string {
	t.Helper()
	root := t.TempDir()
	for _, dir := range []string{"toolchain", "patches"} {
		if err := os.MkdirAll(filepath.Join(root, dir), 0o755); err != nil {
			t.Fatal(err)
		}
	}
	for _, f := range []string{"build.sh", "patches.sh", "pin.go"} {
		copyFile(t, f, filepath.Join(root, "toolchain", f))
	}
	patches, _ := filepath.Glob("../patches/*.patch")
	if len(patches) == 0 {
		t.Fatal("no patches in ../patches")
	}
	for _, p := range patches {
		copyFile(t, p, filepath.Join(root, "patches", filepath.Base(p)))
	}
	return root
}

func copyFile(t *testing.T, from, to string) {
	t.Helper()
	data, err := os.ReadFile(from)
	if err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(to, data, 0o644); err != nil {
		t.Fatal(err)
	}
}

func TestSeriesApplies(t *testing.T) {
	root := scratchRoot(t)
	out, err := exec.Command("bash", filepath.Join(root, "toolchain/build.sh"), "--check").CombinedOutput()
	if err != nil {
		t.Fatalf("build.sh --check: %v\n%s", err, out)
	}
}

// TestBrokenPatchNamed changes a context line of the runtime patch, as an
// upstream change would, and expects the check to name the patch and the
// hunk that failed.
func TestBrokenPatchNamed(t *testing.T) {
	root := scratchRoot(t)
	patches, _ := filepath.Glob(filepath.Join(root, "patches", "*-runtime-*.patch"))
	if len(patches) != 1 {
		t.Fatalf("want one runtime patch, found %v", patches)
	}
	data, _ := os.ReadFile(patches[0])
	broken := strings.Replace(string(data), " func runqsteal(pp, p2 *p, stealRunNextG bool) *g {",
		" func runqsteal(thief, victim *p, stealRunNextG bool) *g {", 1)
	if broken == string(data) {
		t.Fatal("the runtime patch no longer has the context line this test breaks")
	}
	os.WriteFile(patches[0], []byte(broken), 0o644)

	out, err := exec.Command("bash", filepath.Join(root, "toolchain/build.sh"), "--check").CombinedOutput()
	if err == nil {
		t.Fatalf("build.sh --check accepted a broken patch:\n%s", out)
	}
	for _, want := range []string{filepath.Base(patches[0]), "does not apply", "patch failed: src/runtime/proc.go:"} {
		if !strings.Contains(string(out), want) {
			t.Errorf("output does not mention %q:\n%s", want, out)
		}
	}
}

// TestPatchesRoundTrip unpacks the series into a repository and packs it
// again: the files must come back byte for byte.
func TestPatchesRoundTrip(t *testing.T) {
	if testing.Short() {
		t.Skip("copies the whole source tree; skipped in -short mode")
	}
	root := scratchRoot(t)
	repo := filepath.Join(t.TempDir(), "src")
	script := filepath.Join("patches.sh")
	unpack := exec.Command("bash", script, "unpack", repo)
	if out, err := unpack.CombinedOutput(); err != nil {
		t.Fatalf("unpack: %v\n%s", err, out)
	}
	packed := filepath.Join(root, "patches")
	pack := exec.Command("bash", script, "pack", repo)
	pack.Env = append(os.Environ(), "PATCHES_DIR="+packed)
	if out, err := pack.CombinedOutput(); err != nil {
		t.Fatalf("pack: %v\n%s", err, out)
	}
	want := readSeries(t, "../patches")
	if diff := cmp.Diff(want, readSeries(t, packed)); diff != "" {
		t.Errorf("packing an unchanged series changed it (-want +got):\n%s", diff)
	}
}

func readSeries(t *testing.T, dir string) map[string]string {
	t.Helper()
	files, _ := filepath.Glob(filepath.Join(dir, "*.patch"))
	series := map[string]string{}
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		series[filepath.Base(f)] = string(data)
	}
	return series
}
