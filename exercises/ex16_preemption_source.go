package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 16, Name: "preemption-source", Title: "Asynchronous preemption, in the source",
		Level: "senior", Needs: Needs{Cores: 1}, Run: run16,
	})
}

// topics16 are the pieces of proposal 24543 the spec says the guide maps,
// and the words of an anchor that sits on each.
var topics16 = []Topic{
	{"sysmon's retake", []string{"runtime.retake"}},
	{"preemptone", []string{"runtime.preemptone"}},
	{"the SIGURG path in the signal handler", []string{"runtime.sighandler", "runtime.doSigPreempt"}},
	{"asyncPreempt's register save", []string{"runtime.asyncPreempt PUSHFQ", "runtime.asyncPreempt MOVQ"}},
	{"unsafe-point checks", []string{"runtime.isAsyncSafePoint"}},
}

func run16(env *Env) (*Result, error) {
	return runGuideExercise(env, "preemption", check16, report16)
}

// check16 judges exercise 16: every anchor resolves, and each piece of the
// proposal the spec names has a step.
func check16(run GuideRun) []Check {
	return guideChecks(run, len(topics16), topics16)
}

func report16(run GuideRun, goroot string, files []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## Proposal 24543 in %s\n\n", run.Release)
	fmt.Fprintf(&b, "The shipped guide `%s` resolved against `%s`; the full guide with the "+
		"code and annotations is in %s.\n\n", run.Guide, goroot, strings.Join(files, " and "))
	b.WriteString(guideTable(run))
	b.WriteString(`
The path in one breath: sysmon, on its own thread, finds a P whose
goroutine has run for 10 ms; preemptone marks the goroutine (the
cooperative request, seen at the next function prologue) and signals its
thread with SIGURG (the asynchronous one, for loops without calls); the
signal handler checks that the interrupted instruction is an asynchronous
safe point and, if it is, rewrites the signal context so the thread
resumes in asyncPreempt, which saves every register and enters the
scheduler. At an unsafe point nothing happens and sysmon tries again on a
later round.
`)
	return b.String()
}
