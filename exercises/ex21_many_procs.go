package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 21, Name: "many-procs", Title: "GOMAXPROCS far above the cores", Level: "staff",
		Needs: Needs{Cores: 2}, SkipBelowCores: 2, Run: run21,
	})
}

// row21 is one GOMAXPROCS setting of exercise 21: the best wall time of the
// rounds, and the context switches summed over the rounds.
type row21 struct {
	P           int
	WallNs      float64 `json:"wall_ns"`
	Voluntary   int64   `json:"voluntary"`
	Involuntary int64   `json:"involuntary"`
}

func (r row21) switches() int64 { return r.Voluntary + r.Involuntary }

func run21(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var cal struct {
		UnitsPerMs float64 `json:"units_per_ms"`
	}
	if _, err := env.Run(Cmd{Label: "calibrate", Bin: bin, Args: []string{"-calibrate"}}, &cal); err != nil {
		return nil, err
	}
	// Quick mode runs fewer jobs, but each still longer than a kernel time
	// slice, so that threads beyond the cores really get switched.
	jobs, jobMs := Pick(env, 50, 200), Pick(env, 20, 100)
	args := []string{"-jobs", fmt.Sprint(jobs), "-units", fmt.Sprint(int(cal.UnitsPerMs * float64(jobMs)))}
	ps := []int{env.Cores, 2 * env.Cores, 128}
	best := make([]row21, len(ps))
	// Rounds alternate the settings; the best wall time of each counts.
	for round := range 2 {
		for i, p := range ps {
			var r row21
			if _, err := env.Run(Cmd{Label: fmt.Sprintf("p%d-run%d", p, round+1), Bin: bin, Args: args,
				Env: []string{fmt.Sprintf("GOMAXPROCS=%d", p)}}, &r); err != nil {
				return nil, err
			}
			best[i].P = p
			if best[i].WallNs == 0 || r.WallNs < best[i].WallNs {
				best[i].WallNs = r.WallNs
			}
			best[i].Voluntary += r.Voluntary
			best[i].Involuntary += r.Involuntary
		}
	}
	return &Result{Checks: check21(best, env.Cores), Report: report21(best, jobs, jobMs)}, nil
}

// check21 judges exercise 21; rows are P = C, 2C and 128, in that order.
func check21(rows []row21, cores int) []Check {
	if cores < 2 {
		return []Check{SkipCheck("P=128 against P=cores", fmt.Sprintf("needs 2 cores, saw %d", cores))}
	}
	atC, many := rows[0], rows[len(rows)-1]
	return []Check{
		AtMost(fmt.Sprintf("speedup of P=%d over P=%d (wall(C)/wall(128))", many.P, atC.P),
			atC.WallNs/many.WallNs, 1.05),
		Holds(fmt.Sprintf("context switches grow from P=%d to P=%d", atC.P, many.P),
			many.switches() > atC.switches(), fmt.Sprintf("%d → %d", atC.switches(), many.switches()),
			"more at P=128"),
	}
}

func report21(rows []row21, jobs, jobMs int) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## What ran\n\n%d jobs of about %d ms of CPU each, at GOMAXPROCS = C, 2C and "+
		"128, two rounds; best wall time of the rounds, and the context switches of all rounds "+
		"counted for the whole process by getrusage(RUSAGE_SELF).\n\n", jobs, jobMs)
	b.WriteString("| P | wall | / wall at C | voluntary | involuntary |\n|---|---|---|---|---|\n")
	for _, r := range rows {
		fmt.Fprintf(&b, "| %d | %.1f ms | %.3f | %d | %d |\n", r.P, r.WallNs/1e6,
			r.WallNs/rows[0].WallNs, r.Voluntary, r.Involuntary)
	}
	b.WriteString(`
More Ps than cores cannot add CPU time: the extra Ps are run by extra threads
that the kernel time-slices over the same cores. The work gets done no faster,
and a little slower, because the kernel now switches between threads (counted
above: involuntary switches are the kernel taking a core away, voluntary ones a
thread going to sleep), caches are shared by more threads, and the runtime's
own bookkeeping (stealing, spinning Ms, GC stop-the-world across 128 Ps) grows.
A container that sees more CPUs than its quota gives has the same problem,
which is why Go 1.25 reads the cgroup limit to set GOMAXPROCS.
`)
	return b.String()
}
