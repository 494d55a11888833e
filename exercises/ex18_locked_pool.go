package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 18, Name: "locked-pool", Title: "LockOSThread in a worker pool", Level: "staff",
		Needs: Needs{Cores: 2}, Run: run18,
	})
}

// variant18 is one variant's samples, in ns.
type variant18 struct {
	Waits    []float64 `json:"waits_ns"`
	SchedP99 float64   `json:"sched_p99_ns"`
}

// measure18 is what the exercise 18 program printed.
type measure18 struct {
	Free   variant18 `json:"free"`
	Locked variant18 `json:"locked"`
}

func run18(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure18
	args := []string{"-workers", "16", "-jobs", Pick(env, "200", "1000"), "-rounds", Pick(env, "2", "3")}
	if _, err := env.Run(Cmd{Label: "pool", Bin: bin, Args: args, Env: []string{"GOMAXPROCS=4"}}, &m); err != nil {
		return nil, err
	}
	return &Result{Checks: check18(m), Report: report18(m)}, nil
}

// check18 judges exercise 18: locking makes the p99 wait worse.
func check18(m measure18) []Check {
	free, locked := Percentile(m.Free.Waits, 99), Percentile(m.Locked.Waits, 99)
	return []Check{AtLeast("p99 arrival-to-start wait, locked / free", locked/free, 1)}
}

func report18(m measure18) string {
	var b strings.Builder
	b.WriteString("## What ran\n\n16 workers at GOMAXPROCS=4 took jobs of about 1 ms of CPU from a channel, " +
		"two arriving every 2 ms; the free and the locked variant alternated, samples pooled.\n\n")
	b.WriteString("| variant | jobs | wait p50 | wait p99 | /sched/latencies p99 |\n|---|---|---|---|---|\n")
	for _, r := range []struct {
		name string
		v    variant18
	}{{"free", m.Free}, {"LockOSThread", m.Locked}} {
		fmt.Fprintf(&b, "| %s | %d | %.3f ms | %.3f ms | %.3f ms |\n", r.name, len(r.v.Waits),
			Percentile(r.v.Waits, 50)/1e6, Percentile(r.v.Waits, 99)/1e6, r.v.SchedP99/1e6)
	}
	b.WriteString(`
A free worker that the channel wakes runs on whichever M holds a P, often the
very thread that sent the job, with no OS involvement. A locked worker can run
only on its own thread: waking it means handing a P to that thread, waking it
with a futex and letting the kernel schedule it, while the current thread
gives the P up and sleeps. Every handoff pays an OS context switch, and with 16
locked threads on few cores the kernel, not the Go scheduler, decides who runs
next. Locking helps only code that needs thread state (cgo libraries with
thread-local state, some system calls); it never makes a pool faster.
`)
	return b.String()
}
