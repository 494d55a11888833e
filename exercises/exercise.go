package exercises

import (
	"fmt"
	"sort"
)

// An Exercise is one registered exercise.
type Exercise struct {
	// Number is the exercise number in docs/exercises.md (1..23).
	Number int
	// Name is a short lower-case slug; the program lives in NN-Name and the
	// run's artefacts in OUT/NN-Name.
	Name string
	// Title is the heading of the exercise.
	Title string
	// Level is junior, middle, senior or staff.
	Level string
	// Needs lists what the exercise needs, for "exercise list".
	Needs Needs
	// SkipBelowCores, when non-zero, allows checks to skip on machines with
	// fewer cores; any other skip is turned into a failure by the runner.
	SkipBelowCores int
	// Run performs the exercise in env and returns its checks and report.
	// An error means the exercise could not be carried out (a build
	// failure, a program that crashed); the runner records it as a failure.
	Run func(env *Env) (*Result, error)
}

// Needs says what an exercise requires of the machine.
type Needs struct {
	// Cores is the number of cores the exercise's claims are about; with
	// fewer, checks listed in the spec may skip.
	Cores int
	// Browser is set when a check drives a headless browser.
	Browser bool
	// Patched is set when the exercise needs the patched toolchain's steal
	// records rather than any go command.
	Patched bool
}

// String renders the needs for a table cell.
func (n Needs) String() string {
	s := "1 core"
	if n.Cores > 1 {
		s = fmt.Sprintf("%d cores", n.Cores)
	}
	if n.Browser {
		s += ", browser"
	}
	if n.Patched {
		s += ", patched toolchain"
	}
	return s
}

// Dir is the exercise's folder name, e.g. "01-schedtrace".
func (e *Exercise) Dir() string {
	return fmt.Sprintf("%02d-%s", e.Number, e.Name)
}

var registry = map[int]*Exercise{}

// Register adds e to the exercise table. It panics on a duplicate number,
// a programming error that any run of the tests catches.
func Register(e *Exercise) {
	if _, dup := registry[e.Number]; dup {
		panic(fmt.Sprintf("exercises: exercise %d registered twice", e.Number))
	}
	registry[e.Number] = e
}

// All returns the registered exercises in number order.
func All() []*Exercise {
	all := make([]*Exercise, 0, len(registry))
	for _, e := range registry {
		all = append(all, e)
	}
	sort.Slice(all, func(i, j int) bool { return all[i].Number < all[j].Number })
	return all
}

// Lookup returns exercise n, or an error naming the ones that exist.
func Lookup(n int) (*Exercise, error) {
	e, ok := registry[n]
	if !ok {
		nums := make([]int, 0, len(registry))
		for _, e := range All() {
			nums = append(nums, e.Number)
		}
		return nil, fmt.Errorf("no exercise %d (registered: %v)", n, nums)
	}
	return e, nil
}
