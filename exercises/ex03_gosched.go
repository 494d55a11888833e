package exercises

import (
	"fmt"
	"regexp"
)

func init() {
	Register(&Exercise{
		Number: 3, Name: "gosched", Title: "Gosched", Level: "junior",
		Needs: Needs{Cores: 1}, Run: run03,
	})
}

// measure03 is what the exercise 3 program printed.
type measure03 struct {
	Plain    string `json:"plain"`
	Yielding string `json:"yielding"`
	AtStart  int    `json:"at_start"`
	Live     int    `json:"live"`
	AtEnd    int    `json:"at_end"`
}

func run03(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure03
	if _, err := env.Run(Cmd{Label: "gosched", Bin: bin}, &m); err != nil {
		return nil, err
	}
	return &Result{Checks: check03(m), Report: report03(m)}, nil
}

var (
	blocks      = regexp.MustCompile(`^(AAAAABBBBB|BBBBBAAAAA)$`)
	alternating = regexp.MustCompile(`^(AB|BA)+$`)
)

// check03 judges exercise 3.
func check03(m measure03) []Check {
	return []Check{
		Holds("without Gosched each goroutine runs its five lines in one block",
			blocks.MatchString(m.Plain), m.Plain, "AAAAABBBBB or BBBBBAAAAA"),
		Holds("with Gosched after each line they alternate",
			alternating.MatchString(m.Yielding) && len(m.Yielding) == 10, m.Yielding, "ABABABABAB or BABABABABA"),
		Equal("NumGoroutine at start", m.AtStart, 1),
		Equal("NumGoroutine from a reporter while A and B are live", m.Live, 4),
		Equal("NumGoroutine at end", m.AtEnd, 1),
	}
}

func report03(m measure03) string {
	return fmt.Sprintf(`## What ran

At GOMAXPROCS=1 two goroutines, A and B, each appended their letter five times.

| variant | order |
|---|---|
| no yield | %s |
| Gosched after each line | %s |

With one P only one goroutine runs at a time, and a goroutine that never blocks
keeps the P until it finishes (or, after about 10 ms, is preempted): five short
lines fit easily, so each letter comes as one block. runtime.Gosched puts the
caller at the back of the global run queue and lets the scheduler pick the other
one, so the letters alternate.

runtime.NumGoroutine counted %d at start (main only), %d from a reporter started
while both were waiting at a gate (main, A, B and the reporter), and %d at the end,
once the finished goroutines had left the count: they leave it a moment after
they signal their WaitGroup, so the program waits for the count to settle.
`, m.Plain, m.Yielding, m.AtStart, m.Live, m.AtEnd)
}
