package exercises

import (
	"fmt"
	"math"
)

func init() {
	Register(&Exercise{
		Number: 15, Name: "errgroup", Title: "Limiter versus errgroup", Level: "senior",
		Needs: Needs{Cores: 1}, Run: run15,
	})
}

// measure15 is what the exercise 15 program printed.
type measure15 struct {
	HandNs   int64 `json:"hand_ns"`
	GroupNs  int64 `json:"group_ns"`
	Tasks    int   `json:"tasks"`
	CancelAt int   `json:"cancel_at"`
	HandRan  int   `json:"hand_ran"`
	GroupRan int   `json:"group_ran"`
}

func run15(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure15
	args := []string{"-tasks", "10000", "-limit", "16", "-work", Pick(env, "5000", "20000"),
		"-rounds", Pick(env, "3", "5")}
	if _, err := env.Run(Cmd{Label: "limiters", Bin: bin, Args: args}, &m); err != nil {
		return nil, err
	}
	return &Result{Checks: check15(m), Report: report15(m)}, nil
}

// check15 judges exercise 15.
func check15(m measure15) []Check {
	ratio := float64(m.HandNs) / float64(m.GroupNs)
	spread := math.Max(ratio, 1/ratio)
	return []Check{
		AtMost("slower / faster of hand-made and errgroup", spread, 1.5),
		Holds("after cancel the errgroup variant stops early (ran < half the tasks)",
			m.GroupRan < m.Tasks/2, fmt.Sprintf("%d of %d", m.GroupRan, m.Tasks), fmt.Sprintf("< %d", m.Tasks/2)),
		Equal("after cancel the hand-made variant runs every task", m.HandRan, m.Tasks),
	}
}

func report15(m measure15) string {
	return fmt.Sprintf(`## What ran

%d small CPU tasks, at most 16 at a time, best of several rounds:

| variant | time | after cancelling the parent at task %d |
|---|---|---|
| buffered channel + WaitGroup | %.1f ms | ran %d tasks |
| errgroup.WithContext + SetLimit(16) | %.1f ms | ran %d tasks |

Both keep at most 16 goroutines alive, and both start a fresh goroutine per
task, so they cost about the same. The difference is what happens on
cancellation: errgroup hands out a context that is cancelled when the parent is
(or when a task fails), so tasks and the submitting loop can see it and stop.
The hand-made limiter has no such channel unless one is added by hand; here it
ignores the context and runs every task to the end.
`, m.Tasks, m.CancelAt, float64(m.HandNs)/1e6, m.HandRan, float64(m.GroupNs)/1e6, m.GroupRan)
}
