package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 23, Name: "fairness", Title: "Fairness across priority groups", Level: "staff",
		Needs: Needs{Cores: 1}, Run: run23,
	})
}

// measure23 holds the completed jobs per priority for each policy.
type measure23 struct {
	LowOffered int     `json:"low_offered"`
	RoundRobin []int64 `json:"round-robin"`
	Strict     []int64 `json:"strict"`
	FIFO       []int64 `json:"fifo"`
}

// lowDone sums the completed jobs of the lower priorities.
func lowDone(counts []int64) int64 {
	var n int64
	for _, c := range counts[1:] {
		n += c
	}
	return n
}

func run23(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure23
	args := []string{"-workers", "4", "-low", "50", "-for", Pick(env, "500ms", "3s")}
	if _, err := env.Run(Cmd{Label: "fairness", Bin: bin, Args: args}, &m); err != nil {
		return nil, err
	}
	return &Result{Checks: check23(m), Report: report23(m)}, nil
}

// check23 judges exercise 23: round-robin finishes the lower priorities'
// jobs, strict priority finishes at most a twentieth of them.
func check23(m measure23) []Check {
	if len(m.RoundRobin) < 2 || len(m.Strict) < 2 {
		return []Check{Holds("per-priority counts reported", false, "missing", "≥ 2 priorities")}
	}
	offered := int64(m.LowOffered * (len(m.RoundRobin) - 1))
	return []Check{
		Equal("round-robin: lower-priority jobs completed", lowDone(m.RoundRobin), offered),
		AtMost("strict priority: share of lower-priority jobs completed",
			float64(lowDone(m.Strict))/float64(offered), 0.05),
	}
}

func report23(m measure23) string {
	var b strings.Builder
	b.WriteString("## What ran\n\nFour workers served three priority queues while two producers kept " +
		"priority 0 full; priorities 1 and 2 were offered a fixed batch each.\n\n")
	b.WriteString("| policy | completed per priority (0, 1, 2) |\n|---|---|\n")
	for _, r := range []struct {
		name   string
		counts []int64
	}{{"round-robin", m.RoundRobin}, {"strict priority", m.Strict}, {"FIFO", m.FIFO}} {
		fmt.Fprintf(&b, "| %s | %v |\n", r.name, r.counts)
	}
	fmt.Fprintf(&b, "\n%d jobs were offered on each lower priority.\n", m.LowOffered)
	b.WriteString(`
Strict priority always serves the highest non-empty queue; while priority 0 is
never empty, the others starve. Round-robin with non-blocking receives visits
each queue in turn and skips the empty ones, so every priority gets a share of
the workers and the low-priority batch completes. A single FIFO queue is fair
in arrival order only: the low-priority jobs that arrived first run, but it has
no notion of priority at all. The Go scheduler faces the same choice: its
local run queues are FIFO, the runnext slot is a small priority boost, and the
check of the global queue every 61st schedule exists so that a busy local
queue cannot starve it.
`)
	return b.String()
}
