package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 19, Name: "spawn-contention", Title: "Global run queue contention", Level: "staff",
		Needs: Needs{Cores: 4}, SkipBelowCores: 4, Run: run19,
	})
}

// measure19 is what exercise 19 measured.
type measure19 struct {
	Rows []struct {
		CPU int     `json:"cpu"`
		Ns  float64 `json:"ns"`
	} `json:"rows"`
	Sites []LockSite
}

func run19(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure19
	args := []string{"-cpu", "2,4,8,16,32", "-benchtime", Pick(env, "200ms", "1s")}
	if _, err := env.Run(Cmd{Label: "spawn", Bin: bin, Args: args}, &m); err != nil {
		return nil, err
	}
	if m.Sites, err = ReadMutexProfile(env.Path("mutex.txt")); err != nil {
		return nil, err
	}
	var xs, ys []float64
	for _, r := range m.Rows {
		xs, ys = append(xs, float64(r.CPU)), append(ys, r.Ns)
	}
	plot, err := env.SavePlot(Plot{File: "cost-per-p.png", Title: "Cost of one spawn by GOMAXPROCS",
		XLabel: "GOMAXPROCS", YLabel: "ns per spawned goroutine", LogX: true,
		Series: []Series{{Name: "measured", X: xs, Y: ys}}})
	if err != nil {
		return nil, err
	}
	return &Result{Checks: check19(m, env.Cores), Report: report19(m, env.Cores), Plots: []string{plot}}, nil
}

// check19 judges exercise 19. The claim about many Ps needs at least four
// cores; the lock sites are judged everywhere.
func check19(m measure19, cores int) []Check {
	runtimeSites := 0
	for _, s := range m.Sites {
		if strings.HasPrefix(s.Function, "runtime.") {
			runtimeSites++
		}
	}
	checks := []Check{AtLeast("runtime lock sites in the mutex profile", float64(runtimeSites), 1)}
	if cores < 4 {
		return append(checks, SkipCheck("ns/op stops improving past the core count",
			fmt.Sprintf("needs 4 cores, saw %d", cores)))
	}
	atC, past := 0.0, 0.0
	for _, r := range m.Rows {
		if r.CPU <= cores {
			atC = r.Ns // rows rise in P, so this ends at the largest P ≤ C
		} else if past == 0 || r.Ns < past {
			past = r.Ns
		}
	}
	if atC == 0 || past == 0 {
		return append(checks, Holds("rows on both sides of the core count", false, "missing", "both"))
	}
	return append(checks, AtLeast("best ns/op with P > C / ns/op at the largest P ≤ C", past/atC, 0.9))
}

func report19(m measure19, cores int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## What ran\n\nOne producer started goroutines as fast as it could (each adds to an "+
		"atomic counter), with testing.Benchmark at each GOMAXPROCS, on C = %d cores, with the mutex "+
		"profile on (`mutex.pprof`, `mutex.txt`).\n\n", cores)
	b.WriteString("| GOMAXPROCS | ns per spawn |\n|---|---|\n")
	for _, r := range m.Rows {
		fmt.Fprintf(&b, "| %d | %.0f |\n", r.CPU, r.Ns)
	}
	b.WriteString("\nTop lock sites (first frame past the lock primitive):\n\n" +
		"| site | contention (cycles) | events |\n|---|---|---|\n")
	for i, s := range m.Sites {
		if i == 10 {
			break
		}
		fmt.Fprintf(&b, "| %s | %d | %d |\n", s.Function, s.Contention, s.Count)
	}
	b.WriteString(`
The producer puts each new goroutine on its own P's local queue; idle Ps must
steal them, and when the local queue overflows half of it moves to the global
queue under sched.lock. Spinning Ms hunting for work, Ps going idle and being
woken, and the global free list of dead goroutines all take runtime locks too.
More Ps than cores adds more thieves and more spinning threads for the same
producer, so the cost per spawn stops improving once P passes the core count
and often gets worse. The table and the profile show where the runtime's own
locks were contended.
`)
	return b.String()
}
