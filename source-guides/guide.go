package sourceguides

import (
	"sort"
	"strings"
)

// A Guide is an ordered walk through scheduler source: a list of annotated
// steps, each anchored to code by a function and a short fragment of that
// function's text, never by line number, so a guide written against one
// release still finds its places in another where the code survives.
type Guide struct {
	// Name identifies the guide: its file name without ".txt".
	Name string
	// File is where the guide was read from ("guides/findrunnable.txt"
	// for a shipped guide).
	File string
	// Title is a one-line description.
	Title string
	// Exercises lists the exercise numbers the guide serves, as written.
	Exercises string
	// About introduces the guide.
	About string
	// Steps are the guide's steps, in reading order.
	Steps []*Step
}

// A Step is one stop of a guide.
type Step struct {
	// Title names the step.
	Title string
	// Line is the step's line in the guide file, for error messages.
	Line int
	// Anchor says where in the source the step sits.
	Anchor Anchor
	// Lines is how many source lines to show, starting at the fragment's
	// first line (default 3; the function's end stops it earlier).
	Lines int
	// Cost, Lock and Spinning are optional facts shown beside the code:
	// what the step costs, which lock it takes, how it relates to
	// spinning Ms.
	Cost, Lock, Spinning string
	// Patched, when not empty, says how the gopatched patch changes this
	// code; such a step is shown as "touched by gopatched patch".
	Patched string
	// Text is the annotation.
	Text string
}

// An Anchor names a place in the source that survives line moves: the
// function (package path, a dot, and the function name, "Recv.Name" for a
// method or the TEXT symbol of an assembly function) and a literal fragment
// that must occur exactly once in that function's text.
type Anchor struct {
	// Func is "runtime.findRunnable", "runtime.gQueue.push" or
	// "runtime.asyncPreempt".
	Func string
	// Code is the fragment, compared byte for byte.
	Code string
}

// Package returns the import path part of the anchor's function.
func (a Anchor) Package() string {
	pkg, _ := a.split()
	return pkg
}

// Name returns the function part of the anchor ("findRunnable").
func (a Anchor) Name() string {
	_, name := a.split()
	return name
}

// split separates "internal/runtime/atomic.Load" into its import path and
// name: the package ends at the first dot after the last slash.
func (a Anchor) split() (pkg, name string) {
	slash := strings.LastIndex(a.Func, "/")
	dot := strings.Index(a.Func[slash+1:], ".")
	if dot < 0 {
		return "", a.Func
	}
	dot += slash + 1
	return a.Func[:dot], a.Func[dot+1:]
}

// Packages returns the import paths that guides' anchors name, sorted and
// without duplicates, ready to pass to Load.
func Packages(guides ...*Guide) []string {
	seen := map[string]bool{}
	var out []string
	for _, g := range guides {
		for _, s := range g.Steps {
			if p := s.Anchor.Package(); !seen[p] {
				seen[p] = true
				out = append(out, p)
			}
		}
	}
	sort.Strings(out)
	return out
}
