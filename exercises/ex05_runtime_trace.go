package exercises

import (
	"fmt"
	"maps"
	"slices"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 5, Name: "runtime-trace", Title: "Recording a runtime/trace", Level: "junior",
		Needs: Needs{Cores: 1}, Run: run05,
	})
}

// traceEnv is the environment of programs whose traces the stock parser
// reads: the patched runtime's steal batches are switched off (other
// toolchains ignore the setting).
const traceEnv = "GODEBUG=tracesteal=0"

func run05(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var r struct {
		Failures int `json:"failures"`
	}
	args := []string{"-n", "200", "-work", Pick(env, "300000", "2000000"), "-trace", "trace.out"}
	if _, err := env.Run(Cmd{Label: "clients", Bin: bin, Args: args, Env: []string{traceEnv}}, &r); err != nil {
		return nil, err
	}
	s, err := ReadTrace(env.Path("trace.out"))
	if err != nil {
		return nil, err
	}
	return &Result{Checks: check05(s, r.Failures), Report: report05(s)}, nil
}

// check05 judges exercise 5.
func check05(s *TraceStats, failures int) []Check {
	share := s.IdleRunnable / s.Span
	return []Check{
		Equal("failed HTTP calls", failures, 0),
		AtLeast("goroutine creations", float64(s.Created), 1),
		AtLeast("goroutine starts", float64(s.Started), 1),
		AtLeast("goroutine stops (preempted or yielded)", float64(s.Stopped), 1),
		AtLeast("blocks on the network", float64(s.BlockedBy("network")), 1),
		AtLeast("blocks on a channel or sync", float64(s.BlockedBy("chan", "select", "sync")), 1),
		AtMost("share of time a P idled while a goroutine was runnable", share, 0.10),
	}
}

func report05(s *TraceStats) string {
	var b strings.Builder
	b.WriteString("## What ran\n\n200 goroutines each called a local HTTP server that sleeps 5 ms, then " +
		"burned CPU, under runtime/trace (`trace.out`, open it with `go tool trace trace.out`).\n\n")
	fmt.Fprintf(&b, "| event | count |\n|---|---|\n| created | %d |\n| started | %d |\n"+
		"| stopped (preempted or yielded) | %d |\n", s.Created, s.Started, s.Stopped)
	for _, reason := range slices.Sorted(maps.Keys(s.Blocked)) {
		fmt.Fprintf(&b, "| blocked: %s | %d |\n", reason, s.Blocked[reason])
	}
	fmt.Fprintf(&b, "\nA P sat idle while some goroutine was runnable for %.2f ms of %.1f ms (%.2f%%).\n",
		s.IdleRunnable/1e6, s.Span/1e6, 100*s.IdleRunnable/s.Span)
	b.WriteString(`
A goroutine's life in the trace: created (runnable, not yet running), started
by a P, then either stopped (preempted or yielding, still runnable) or blocked
(waiting) for a reason: "network" is the netpoller, waiting for the socket;
channel and sync reasons are goroutines waiting on each other. Idle Ps while
work is runnable would mean the scheduler fails to wake a thread in time; a
healthy program keeps that share small, the residue being the microseconds a
woken thread takes to start.
`)
	return b.String()
}
