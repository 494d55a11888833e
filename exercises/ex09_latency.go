package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 9, Name: "latency", Title: "Latency under CPU load", Level: "middle",
		Needs: Needs{Cores: 1}, Run: run09,
	})
}

// measure09 is what exercise 9 measured, times in ns.
type measure09 struct {
	Alone    []float64 `json:"alone_ns"`
	Loaded   []float64 `json:"loaded_ns"`
	SlowDone int       `json:"slow_done"`
	// FastWaits are the runnable waits of /fast server goroutines in the
	// loaded phase's trace.
	FastWaits []float64
}

func run09(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure09
	args := []string{"-fast", Pick(env, "100", "1000"), "-slow-clients", "4"}
	if _, err := env.Run(Cmd{Label: "load", Bin: bin, Args: args, Env: []string{traceEnv}}, &m); err != nil {
		return nil, err
	}
	s, err := ReadTrace(env.Path("trace.out"))
	if err != nil {
		return nil, err
	}
	m.FastWaits = s.WaitsOf("fast")
	return &Result{Checks: check09(m), Report: report09(m)}, nil
}

// check09 judges exercise 9.
func check09(m measure09) []Check {
	alone, loaded := Percentile(m.Alone, 99), Percentile(m.Loaded, 99)
	long := 0
	for _, w := range m.FastWaits {
		if w >= 1e6 {
			long++
		}
	}
	return []Check{
		AtLeast("/fast p99 under /slow load / p99 alone", loaded/alone, 3),
		Holds("/fast server goroutines that waited runnable ≥ 1 ms (trace)", long > 0,
			fmt.Sprintf("%d of %d waits", long, len(m.FastWaits)), "≥ 1"),
	}
}

func report09(m measure09) string {
	var b strings.Builder
	b.WriteString("## What ran\n\nAn HTTP server on loopback; /fast answers at once, /slow burns about 5 ms " +
		"of CPU. Two clients called /fast with a 1 ms pause between calls, first alone, then while 4 " +
		"clients kept /slow busy. The loaded phase has a CPU profile (`cpu.pprof`) and a trace (`trace.out`).\n\n")
	b.WriteString("| phase | requests | p50 | p99 | max |\n|---|---|---|---|---|\n")
	for _, r := range []struct {
		name string
		xs   []float64
	}{{"/fast alone", m.Alone}, {"/fast under /slow load", m.Loaded}} {
		fmt.Fprintf(&b, "| %s | %d | %.3f ms | %.3f ms | %.3f ms |\n", r.name, len(r.xs),
			Percentile(r.xs, 50)/1e6, Percentile(r.xs, 99)/1e6, Percentile(r.xs, 100)/1e6)
	}
	fmt.Fprintf(&b, "\nIn the trace, the /fast server goroutines waited runnable %d times: p50 %.3f ms, "+
		"p99 %.3f ms, max %.3f ms. /slow requests served: %d.\n", len(m.FastWaits),
		Percentile(m.FastWaits, 50)/1e6, Percentile(m.FastWaits, 99)/1e6,
		Percentile(m.FastWaits, 100)/1e6, m.SlowDone)
	b.WriteString(`
The /fast handler does nothing, yet under load it is slow: when its connection
becomes readable, the goroutine that serves it is made runnable and queued
behind /slow goroutines that each hold a P for milliseconds of CPU. The Go
scheduler has no priorities; the only relief is preemption after 10 ms or the
CPU hog finishing. The fixes: run slow work in a bounded pool (fewer goroutines
than Ps, so some Ps stay free for quick requests), and cut CPU bursts into
shorter pieces (a yield or a chunked loop), so a waiting goroutine gets a P
sooner.
`)
	return b.String()
}
