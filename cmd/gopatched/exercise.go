package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"strconv"
	"strings"

	"golang.org/x/term"

	"github.com/gopatched/gopatched/exercises"
)

func init() {
	register(&command{
		name:    "exercise",
		summary: "list the scheduler exercises, or run and check them",
		run:     runExercise,
	})
}

const exerciseUsage = `usage: gopatched exercise list
       gopatched exercise run [-full] [-go PATH] [-o DIR] N [N...] | all

"list" shows each exercise's number, name, level and needs.

"run" builds each exercise's program with the chosen go command
(GOTOOLCHAIN=local), runs it with the environment the exercise asks for
(GOMAXPROCS, GODEBUG), and checks what it measured. Each result is pass,
fail (the measured figure beside the expected one) or skip (with the
reason; only a few exercises may skip, on machines with too few cores).
Exercises run one at a time. Each leaves a folder DIR/NN-name with its raw
output, traces, profiles, plots and report.md; "run all" also writes
DIR/index.md and DIR/index.html. A summary table is printed at the end, and
the exit status is 1 when any exercise failed.

Timing checks are ratios measured within one run; on a busy machine they
are noisier, so run them on an otherwise idle one when a verdict matters.

flags for run:
`

func runExercise(args []string) error {
	if len(args) == 0 {
		fmt.Fprint(os.Stderr, exerciseUsage)
		return fmt.Errorf("%w: say list or run", errUsage)
	}
	switch args[0] {
	case "list":
		return exerciseList()
	case "run":
		return exerciseRun(args[1:])
	case "-h", "-help", "--help":
		fmt.Fprint(os.Stderr, exerciseUsage)
		return flag.ErrHelp
	}
	fmt.Fprint(os.Stderr, exerciseUsage)
	return fmt.Errorf("%w: unknown action %q; say list or run", errUsage, args[0])
}

func exerciseList() error {
	fmt.Printf("%-3s %-20s %-7s %s\n", "#", "name", "level", "needs")
	for _, e := range exercises.All() {
		fmt.Printf("%-3d %-20s %-7s %s\n", e.Number, e.Name, e.Level, e.Needs)
	}
	return nil
}

func exerciseRun(args []string) error {
	fs := flag.NewFlagSet("exercise run", flag.ContinueOnError)
	full := fs.Bool("full", false, "use the full sizes of the spec instead of the quick ones")
	goCmd := fs.String("go", "", "go command to build with (default: the patched ./bin/go)")
	out := fs.String("o", "", "output folder (default: out/exercises in the repository)")
	fs.Usage = func() {
		fmt.Fprint(os.Stderr, exerciseUsage)
		fs.PrintDefaults()
	}
	if err := fs.Parse(args); err != nil {
		if err == flag.ErrHelp {
			return err
		}
		return fmt.Errorf("%w: %v", errUsage, err)
	}
	list, all, err := pickExercises(fs.Args())
	if err != nil {
		return err
	}

	cfg := exercises.Config{Go: *goCmd, Out: *out, Full: *full}
	if term.IsTerminal(int(os.Stderr.Fd())) {
		cfg.Progress = os.Stderr
	}
	version, err := cfg.Prepare()
	if err != nil {
		return err
	}
	outcomes, err := exercises.Run(cfg, list)
	if err != nil {
		return err
	}
	fmt.Print(exercises.Summary(outcomes))
	if all {
		if err := exercises.WriteIndex(cfg.Out, version, runtime.NumCPU(), *full, outcomes); err != nil {
			return err
		}
		fmt.Printf("\nindex: %s/index.html\n", cfg.Out)
	}
	failed := 0
	for _, o := range outcomes {
		if o.Status == exercises.Fail {
			failed++
		}
	}
	if failed > 0 {
		return fmt.Errorf("%d of %d exercises failed; see the reports under %s", failed,
			len(outcomes), cfg.Out)
	}
	return nil
}

// pickExercises turns the arguments into exercises; "all" means every one.
func pickExercises(args []string) (list []*exercises.Exercise, all bool, err error) {
	if len(args) == 0 {
		return nil, false, fmt.Errorf("%w: name the exercises to run (numbers, or all)", errUsage)
	}
	if len(args) == 1 && args[0] == "all" {
		return exercises.All(), true, nil
	}
	for _, a := range args {
		n, err := strconv.Atoi(strings.TrimSpace(a))
		if err != nil {
			return nil, false, fmt.Errorf("%w: %q is not an exercise number", errUsage, a)
		}
		e, err := exercises.Lookup(n)
		if err != nil {
			return nil, false, fmt.Errorf("%w: %v", errUsage, err)
		}
		list = append(list, e)
	}
	return list, false, nil
}
