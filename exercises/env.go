package exercises

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"time"
)

// defaultTimeout bounds one program run when the exercise sets none.
const defaultTimeout = 2 * time.Minute

// Env is what an exercise's Run works with: the toolchain, the machine, the
// mode and the folder for artefacts.
type Env struct {
	// Go is the go command that builds the programs.
	Go string
	// GoVersion is what "Go version" printed.
	GoVersion string
	// Root is the module root holding exercises/.
	Root string
	// Dir is the exercise's artefact folder; programs run in it.
	Dir string
	// Quick selects the quick sizes.
	Quick bool
	// Cores is runtime.NumCPU() of the runner, the machine's C.
	Cores int

	ex       *Exercise
	buildDir string
}

// Pick returns quick in quick mode and full otherwise.
func Pick[T any](env *Env, quick, full T) T {
	if env.Quick {
		return quick
	}
	return full
}

// Build compiles the exercise's program folder (or, with a non-empty sub, a
// folder below it) with GOTOOLCHAIN=local and returns the binary's path.
func (env *Env) Build(sub string, flags ...string) (string, error) {
	pkg := "./" + filepath.ToSlash(filepath.Join("exercises", env.ex.Dir(), sub))
	name := env.ex.Dir()
	if sub != "" {
		name += "-" + filepath.Base(sub)
	}
	bin := filepath.Join(env.buildDir, name)
	args := append([]string{"build", "-o", bin}, flags...)
	args = append(args, pkg)
	cmd := exec.Command(env.Go, args...)
	cmd.Dir = env.Root
	cmd.Env = append(cleanEnviron(), "GOTOOLCHAIN=local")
	out, err := cmd.CombinedOutput()
	if err != nil {
		return "", fmt.Errorf("building %s with %s: %w\n%s", pkg, env.Go, err, out)
	}
	return bin, nil
}

// Cmd describes one run of a program.
type Cmd struct {
	// Label names the run; its output is kept as LABEL.out and LABEL.err.
	Label string
	// Bin is the program, as returned by Build.
	Bin  string
	Args []string
	// Env adds "KEY=value" settings, such as GOMAXPROCS or GODEBUG.
	Env []string
	// Timeout bounds the run; zero means two minutes.
	Timeout time.Duration
	// ExpectKill makes reaching Timeout a normal end: the program is killed
	// and its output so far returned. Otherwise a timeout is an error.
	ExpectKill bool
}

// Output is what one run printed.
type Output struct {
	Stdout []byte
	Stderr []byte
	Killed bool
	Wall   time.Duration
}

// Exec runs c in the exercise folder, keeps its output there and returns it.
// A non-zero exit is an error that quotes the end of standard error.
func (env *Env) Exec(c Cmd) (*Output, error) {
	timeout := c.Timeout
	if timeout == 0 {
		timeout = defaultTimeout
	}
	ctx, cancel := context.WithTimeout(context.Background(), timeout)
	defer cancel()
	cmd := exec.CommandContext(ctx, c.Bin, c.Args...)
	cmd.Dir = env.Dir
	cmd.Env = append(cleanEnviron(), "GOTOOLCHAIN=local")
	cmd.Env = append(cmd.Env, c.Env...)
	cmd.WaitDelay = 5 * time.Second
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr

	start := time.Now()
	err := cmd.Run()
	out := &Output{Stdout: stdout.Bytes(), Stderr: stderr.Bytes(), Wall: time.Since(start)}
	out.Killed = ctx.Err() != nil

	// Keep the raw output whatever happened; it is what a person reads first.
	if werr := env.keepOutput(c, out); werr != nil {
		return nil, werr
	}
	switch {
	case out.Killed && c.ExpectKill:
		return out, nil
	case out.Killed:
		return nil, fmt.Errorf("%s: still running after %v, killed", c.Label, timeout)
	case err != nil:
		return nil, fmt.Errorf("%s: %w; stderr ends:\n%s", c.Label, err, tail(out.Stderr, 15))
	}
	return out, nil
}

// keepOutput writes the run's command line and output into the folder.
func (env *Env) keepOutput(c Cmd, out *Output) error {
	header := fmt.Sprintf("# %s %s %s\n", strings.Join(c.Env, " "),
		filepath.Base(c.Bin), strings.Join(c.Args, " "))
	if err := env.WriteFile(c.Label+".out", append([]byte(header), out.Stdout...)); err != nil {
		return err
	}
	return env.WriteFile(c.Label+".err", out.Stderr)
}

// Run is Exec followed by Decode of the program's RESULT line into v.
func (env *Env) Run(c Cmd, v any) (*Output, error) {
	out, err := env.Exec(c)
	if err != nil {
		return nil, err
	}
	if err := Decode(out.Stdout, v); err != nil {
		return nil, fmt.Errorf("%s: %w", c.Label, err)
	}
	return out, nil
}

// resultPrefix starts the one line of JSON a program prints its figures on.
const resultPrefix = "RESULT "

// Decode finds the last "RESULT {json}" line in stdout and unmarshals it.
func Decode(stdout []byte, v any) error {
	lines := strings.Split(string(stdout), "\n")
	for i := len(lines) - 1; i >= 0; i-- {
		if rest, ok := strings.CutPrefix(lines[i], resultPrefix); ok {
			if err := json.Unmarshal([]byte(rest), v); err != nil {
				return fmt.Errorf("decoding RESULT line: %w", err)
			}
			return nil
		}
	}
	return errors.New("program printed no RESULT line")
}

// WriteFile writes an artefact into the exercise folder through a temporary
// file and a rename, so a reader never sees half a file.
func (env *Env) WriteFile(name string, data []byte) error {
	return writeAtomic(filepath.Join(env.Dir, name), data)
}

// Path returns the path of an artefact in the exercise folder.
func (env *Env) Path(name string) string {
	return filepath.Join(env.Dir, name)
}

// writeAtomic writes data to path through a temporary file in the same
// folder and a rename.
func writeAtomic(path string, data []byte) error {
	f, err := os.CreateTemp(filepath.Dir(path), ".tmp-"+filepath.Base(path)+"-*")
	if err != nil {
		return fmt.Errorf("writing %s: %w", path, err)
	}
	_, werr := f.Write(data)
	cerr := f.Close()
	if werr == nil {
		werr = cerr
	}
	if werr == nil {
		werr = os.Rename(f.Name(), path)
	}
	if werr != nil {
		os.Remove(f.Name())
		return fmt.Errorf("writing %s: %w", path, werr)
	}
	return nil
}

// cleanEnviron is the runner's environment without the settings the
// exercises control themselves.
func cleanEnviron() []string {
	var env []string
	for _, kv := range os.Environ() {
		k, _, _ := strings.Cut(kv, "=")
		switch k {
		case "GODEBUG", "GOMAXPROCS", "GOTOOLCHAIN", "GOFLAGS", "GOGC", "GOMEMLIMIT":
			continue
		}
		env = append(env, kv)
	}
	return env
}

// tail returns the last n lines of b.
func tail(b []byte, n int) string {
	lines := strings.Split(strings.TrimRight(string(b), "\n"), "\n")
	if len(lines) > n {
		lines = lines[len(lines)-n:]
	}
	return strings.Join(lines, "\n")
}
