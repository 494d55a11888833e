package toolchain

import (
	"bytes"
	"context"
	_ "embed"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"strings"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

//go:embed sentinel/main.go
var sentinelProgram []byte

// VersionMarker is the part of runtime.Version() that only a gopatched
// build carries: build.sh writes VERSION as go1.27.3-gopatched-SERIES.
const VersionMarker = "-gopatched-"

// SentinelResult is what the sentinel program saw under one toolchain.
type SentinelResult struct {
	GoCommand string // the go command that built and ran the program
	Version   string // runtime.Version() as the program printed it
	Steals    int    // work-steal records in the program's trace
	Moved     int    // goroutines moved by those steals
}

// Sentinel proves that the go command at goCmd really carries the patch
// series: it builds a small steal-heavy program with it (GOTOOLCHAIN=local,
// so the go command cannot switch to another toolchain), runs it with the
// execution trace on at GOMAXPROCS=4, and checks that the program reports a
// gopatched runtime.Version() and that its trace holds steal records.
//
// The error lists every check that failed; a stock toolchain fails both.
// workDir receives the program and its trace.
func Sentinel(ctx context.Context, goCmd, workDir string) (SentinelResult, error) {
	res := SentinelResult{GoCommand: goCmd}
	if err := writeSentinelModule(workDir); err != nil {
		return res, err
	}
	bin := filepath.Join(workDir, "sentinel")
	build := exec.CommandContext(ctx, goCmd, "build", "-o", bin, ".")
	build.Dir = workDir
	build.Env = append(os.Environ(), "GOTOOLCHAIN=local", "GOFLAGS=")
	if out, err := build.CombinedOutput(); err != nil {
		return res, fmt.Errorf("building the sentinel program with %s: %w\n%s", goCmd, err, out)
	}

	tracePath := filepath.Join(workDir, "trace.out")
	run := exec.CommandContext(ctx, bin, tracePath)
	run.Env = append(os.Environ(), "GOMAXPROCS=4", "GODEBUG=tracesteal=1")
	var stderr bytes.Buffer
	run.Stderr = &stderr
	out, err := run.Output()
	if err != nil {
		return res, fmt.Errorf("running the sentinel program: %w\n%s", err, stderr.Bytes())
	}
	res.Version = strings.TrimSpace(string(out))

	if err := countSteals(tracePath, &res); err != nil {
		return res, err
	}

	var problems []string
	if !strings.Contains(res.Version, VersionMarker) {
		problems = append(problems, fmt.Sprintf(
			"runtime.Version() is %q, not a gopatched build (want %q in it)", res.Version, VersionMarker))
	}
	if res.Steals == 0 {
		problems = append(problems,
			"the trace holds no work-steal record: the runtime patch did not take effect")
	}
	if len(problems) > 0 {
		return res, fmt.Errorf("%s is not the patched toolchain:\n  %s\nrebuild it with make toolchain",
			goCmd, strings.Join(problems, "\n  "))
	}
	return res, nil
}

func writeSentinelModule(dir string) error {
	gomod := "module gopatched.example/sentinel\n\ngo 1.26\n"
	if err := os.WriteFile(filepath.Join(dir, "go.mod"), []byte(gomod), 0o644); err != nil {
		return fmt.Errorf("writing sentinel go.mod: %w", err)
	}
	if err := os.WriteFile(filepath.Join(dir, "main.go"), sentinelProgram, 0o644); err != nil {
		return fmt.Errorf("writing sentinel program: %w", err)
	}
	return nil
}

func countSteals(tracePath string, res *SentinelResult) error {
	f, err := os.Open(tracePath)
	if err != nil {
		return fmt.Errorf("opening sentinel trace: %w", err)
	}
	defer f.Close()
	r, err := stealtracer.NewReader(f)
	if err != nil {
		return fmt.Errorf("reading sentinel trace: %w", err)
	}
	for {
		it, err := r.Next()
		if errors.Is(err, io.EOF) {
			return nil
		}
		if err != nil {
			return fmt.Errorf("reading sentinel trace: %w", err)
		}
		if it.Steal != nil {
			res.Steals++
			res.Moved += len(it.Steal.Moved)
		}
	}
}
