package exercises

import "fmt"

func init() {
	Register(&Exercise{
		Number: 7, Name: "lockosthread", Title: "LockOSThread", Level: "junior",
		Needs: Needs{Cores: 1}, Run: run07,
	})
}

// measure07 holds the distinct thread ids of each variant, in first-seen order.
type measure07 struct {
	Free   []int `json:"free"`
	Locked []int `json:"locked"`
}

func run07(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure07
	if _, err := env.Run(Cmd{Label: "tids", Bin: bin, Args: []string{"-n", "1000"}}, &m); err != nil {
		return nil, err
	}
	return &Result{Checks: check07(m), Report: report07(m)}, nil
}

// check07 judges exercise 7: only the locked run is constrained.
func check07(m measure07) []Check {
	return []Check{
		Equal("thread ids seen by the locked goroutine", len(m.Locked), 1),
		Holds("the free goroutine saw at least one thread id (more is allowed)",
			len(m.Free) >= 1, fmt.Sprint(len(m.Free)), "≥ 1"),
	}
}

func report07(m measure07) string {
	return fmt.Sprintf(`## What ran

A goroutine called gettid 1000 times, sleeping 100 µs every 50 calls, while four
other goroutines kept the Ps busy.

| variant | distinct thread ids | ids |
|---|---|---|
| free | %d | %v |
| LockOSThread | %d | %v |

A goroutine is not tied to a thread: each time it sleeps, it parks, and when it
wakes it is run by whichever M holds a P that picks it up, so a free goroutine
may report several ids (it need not: on a quiet machine the same M often takes it
back). runtime.LockOSThread wires the goroutine and its M together: the M runs
nothing else and the goroutine runs nowhere else until it unlocks, so the locked
run sees exactly one id. The price is that every wake-up has to hand the P to that
one thread.
`, len(m.Free), m.Free, len(m.Locked), m.Locked)
}
