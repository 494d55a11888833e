package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 13, Name: "findrunnable", Title: "The order of findRunnable", Level: "senior",
		Needs: Needs{Cores: 1}, Run: run13,
	})
}

// topics13 are the places the spec says findRunnable looks for work, and
// the words of an anchor that sits on each.
var topics13 = []Topic{
	{"the 1-in-61 global queue check", []string{"schedtick%61"}},
	{"the local run queue", []string{"runqget("}},
	{"the global run queue", []string{"globrunqget", "global runq"}},
	{"the non-blocking network poll", []string{"netpoll(0)"}},
	{"stealing from other Ps, timers included", []string{"stealWork", "runqsteal"}},
	{"idle GC mark work", []string{"IdleMarkWorker"}},
	{"the blocking network poll", []string{"netpoll(delay)"}},
	{"parking: give up the P and sleep", []string{"pidleput", "stopm"}},
}

// findRunnable is the function whose steps must come in source order.
const findRunnable = "runtime.findRunnable"

func run13(env *Env) (*Result, error) {
	return runGuideExercise(env, "findrunnable", check13, report13)
}

// check13 judges exercise 13: the common guide claims with at least seven
// steps and the spec's eight places, every step's cost and lock stated, and
// the steps inside findRunnable in the order the function runs them.
func check13(run GuideRun) []Check {
	checks := guideChecks(run, 7, topics13)

	var bare []string
	for i, s := range run.Steps {
		if s.Cost == "" || s.Lock == "" {
			bare = append(bare, fmt.Sprint(i+1))
		}
	}
	measured := fmt.Sprintf("%d of %d steps", len(run.Steps)-len(bare), len(run.Steps))
	if len(bare) > 0 {
		measured += "; without: step " + strings.Join(bare, ", ")
	}
	checks = append(checks, Holds("every step states its cost and its lock",
		len(bare) == 0 && len(run.Steps) > 0, measured, "all steps"))

	var lines []string
	inOrder, last, n := true, 0, 0
	for _, s := range run.Steps {
		if s.Func != findRunnable || s.Stale != "" {
			continue
		}
		inOrder = inOrder && s.Line > last
		last = s.Line
		n++
		lines = append(lines, fmt.Sprint(s.Line))
	}
	return append(checks, Holds("the steps in findRunnable follow the source order",
		inOrder && n >= 2, "lines "+strings.Join(lines, ", "),
		"increasing, at least two steps"))
}

func report13(run GuideRun, goroot string, files []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Where findRunnable looks for work, in %s\n\n", run.Release)
	fmt.Fprintf(&b, "The shipped guide `%s` resolved against `%s`. Each step is anchored by "+
		"a function and a short fragment of its code, never by a line number, so the lines "+
		"below are where the fragment sits in this release. The full guide, with the code "+
		"and the annotations, is in %s.\n\n", run.Guide, goroot, strings.Join(files, " and "))
	b.WriteString(guideTable(run))
	b.WriteString(`
Read the order as widening circles: first what this P owns (no lock), then
what all Ps share (sched.lock), then other Ps' queues (atomics on the
victim's queue, only by spinning Ms), then the network and the GC, and only
then giving up the P. Spinning Ms are the runtime's bounded search party:
at most half the busy Ps may have one, so idle cores do not all burn CPU
hunting; and the last one to stop spinning re-checks everything, so that
work which arrived meanwhile is not left waiting with nobody awake to run it.
`)
	return b.String()
}
