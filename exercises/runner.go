package exercises

import (
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"runtime"
	"strings"
	"time"
)

// Config is how a set of exercises is run.
type Config struct {
	// Go is the go command; empty means Root/bin/go, the patched toolchain.
	Go string
	// Root is the module root; empty means found from the working directory.
	Root string
	// Out is the folder that gets one sub-folder per exercise.
	Out string
	// Full selects the full sizes instead of the quick ones.
	Full bool
	// Progress, when not nil, gets one line as each exercise starts and ends.
	Progress io.Writer
}

// Outcome is the judged result of one exercise in one run.
type Outcome struct {
	Exercise *Exercise
	Status   Status
	Checks   []Check
	// Err is set when the exercise could not be carried out.
	Err     error
	Elapsed time.Duration
	Dir     string
	Plots   []string
}

// ErrNoToolchain is returned when the default patched toolchain is missing.
var ErrNoToolchain = errors.New("the patched toolchain ./bin/go is missing; " +
	"run \"make toolchain\" first, or pick another go command with -go PATH")

// Prepare fills in the defaults of c and checks the toolchain runs. It
// returns the version line of the go command.
func (c *Config) Prepare() (string, error) {
	if c.Root == "" {
		root, err := FindRoot()
		if err != nil {
			return "", err
		}
		c.Root = root
	}
	if c.Go == "" {
		c.Go = filepath.Join(c.Root, "bin", "go")
		if _, err := os.Stat(c.Go); err != nil {
			return "", ErrNoToolchain
		}
	}
	if c.Out == "" {
		c.Out = filepath.Join(c.Root, "out", "exercises")
	}
	cmd := exec.Command(c.Go, "version")
	cmd.Env = append(cleanEnviron(), "GOTOOLCHAIN=local")
	v, err := cmd.Output()
	if err != nil {
		return "", fmt.Errorf("running %s version: %w", c.Go, err)
	}
	return strings.TrimSpace(string(v)), nil
}

// FindRoot walks up from the working directory to the gopatched module root.
func FindRoot() (string, error) {
	dir, err := os.Getwd()
	if err != nil {
		return "", fmt.Errorf("finding the module root: %w", err)
	}
	for {
		data, err := os.ReadFile(filepath.Join(dir, "go.mod"))
		if err == nil && strings.Contains(string(data), "module github.com/gopatched/gopatched\n") {
			return dir, nil
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			return "", errors.New("not inside the gopatched module: " +
				"run from the repository (the folder with go.mod and exercises/)")
		}
		dir = parent
	}
}

// Run runs the exercises one at a time, never in parallel, since most of
// them time things. It writes each exercise's folder and returns the
// outcomes in order. The error reports only a failure to run at all.
func Run(c Config, list []*Exercise) ([]*Outcome, error) {
	version, err := c.Prepare()
	if err != nil {
		return nil, err
	}
	buildDir, err := os.MkdirTemp("", "gopatched-exercises-")
	if err != nil {
		return nil, fmt.Errorf("making a build folder: %w", err)
	}
	defer os.RemoveAll(buildDir)

	var outcomes []*Outcome
	for i, ex := range list {
		if c.Progress != nil {
			fmt.Fprintf(c.Progress, "[%d/%d] %s: %s ...\n", i+1, len(list), ex.Dir(), ex.Title)
		}
		env := &Env{Go: c.Go, GoVersion: version, Root: c.Root,
			Dir: filepath.Join(c.Out, ex.Dir()), Quick: !c.Full,
			Cores: runtime.NumCPU(), ex: ex, buildDir: buildDir}
		o := runOne(env)
		outcomes = append(outcomes, o)
		if c.Progress != nil {
			fmt.Fprintf(c.Progress, "[%d/%d] %s: %s in %.1fs\n", i+1, len(list), ex.Dir(),
				o.Status, o.Elapsed.Seconds())
		}
	}
	return outcomes, nil
}

// runOne runs one exercise in a fresh folder and writes its report.
func runOne(env *Env) *Outcome {
	ex := env.ex
	o := &Outcome{Exercise: ex, Dir: env.Dir}
	start := time.Now()
	defer func() { o.Elapsed = time.Since(start) }()

	if err := os.RemoveAll(env.Dir); err != nil {
		o.Status, o.Err = Fail, fmt.Errorf("clearing %s: %w", env.Dir, err)
		return o
	}
	if err := os.MkdirAll(env.Dir, 0o755); err != nil {
		o.Status, o.Err = Fail, fmt.Errorf("making %s: %w", env.Dir, err)
		return o
	}

	res, err := ex.Run(env)
	o.Elapsed = time.Since(start)
	if err != nil {
		o.Status, o.Err = Fail, err
		res = &Result{}
	} else {
		o.Checks = enforceSkips(ex, env.Cores, res.Checks)
		o.Status = Verdict(o.Checks)
		o.Plots = res.Plots
	}
	if err := env.WriteFile("report.md", []byte(renderReport(env, o, res))); err != nil && o.Err == nil {
		o.Status, o.Err = Fail, err
	}
	return o
}

// enforceSkips turns a skip into a failure unless the exercise may skip on
// a machine with this many cores.
func enforceSkips(ex *Exercise, cores int, checks []Check) []Check {
	out := make([]Check, len(checks))
	for i, c := range checks {
		if c.Status == Skip && !(ex.SkipBelowCores > 0 && cores < ex.SkipBelowCores) {
			c.Status = Fail
			c.Reason = "skip not allowed here (" + c.Reason + ")"
		}
		out[i] = c
	}
	return out
}
