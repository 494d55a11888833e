package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 22, Name: "gc-assist", Title: "GC assist versus scheduling latency", Level: "staff",
		Needs: Needs{Cores: 1}, Run: run22,
	})
}

// sample22 is one sample period of exercise 22.
type sample22 struct {
	T         float64 `json:"t_s"`
	Low       bool    `json:"low"`
	SchedP99  float64 `json:"sched_p99_s"`
	PauseP99  float64 `json:"pause_p99_s"`
	AssistCPU float64 `json:"assist_cpu_s"`
	Alloc     float64 `json:"alloc_bytes"`
}

// measure22 is what the exercise 22 program printed.
type measure22 struct {
	Samples []sample22 `json:"samples"`
	Every   float64    `json:"every_s"`
}

// phaseMeans averages a figure over the samples of each phase.
func (m measure22) phaseMeans(f func(sample22) float64) (high, low float64) {
	var nh, nl int
	for _, s := range m.Samples {
		if s.Low {
			low += f(s)
			nl++
		} else {
			high += f(s)
			nh++
		}
	}
	return high / float64(max(nh, 1)), low / float64(max(nl, 1))
}

func run22(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var m measure22
	args := []string{"-workers", "4", "-phase", Pick(env, "2s", "5s"), "-every", "500ms"}
	if _, err := env.Run(Cmd{Label: "alloc", Bin: bin, Args: args}, &m); err != nil {
		return nil, err
	}
	var ts, sched, pause, assist []float64
	for _, s := range m.Samples {
		ts = append(ts, s.T)
		sched = append(sched, s.SchedP99*1e3)
		pause = append(pause, s.PauseP99*1e3)
		assist = append(assist, s.AssistCPU/m.Every*1e3)
	}
	plot, err := env.SavePlot(Plot{File: "series.png", Title: "Fast allocation, then a quarter of the rate",
		XLabel: "seconds", YLabel: "ms (assist: ms of CPU per s)",
		Series: []Series{{Name: "sched latency p99", X: ts, Y: sched},
			{Name: "GC pause p99", X: ts, Y: pause}, {Name: "assist CPU", X: ts, Y: assist}}})
	if err != nil {
		return nil, err
	}
	return &Result{Checks: check22(m), Report: report22(m), Plots: []string{plot}}, nil
}

// check22 judges exercise 22: assist CPU and scheduling p99 both fall.
func check22(m measure22) []Check {
	ah, al := m.phaseMeans(func(s sample22) float64 { return s.AssistCPU })
	sh, sl := m.phaseMeans(func(s sample22) float64 { return s.SchedP99 })
	bh, bl := m.phaseMeans(func(s sample22) float64 { return s.Alloc })
	return []Check{
		AtMost("allocation rate, low / high phase (the cut)", bl/bh, 0.5),
		AtMost("GC assist CPU, low / high phase", al/ah, 1),
		AtMost("scheduling latency p99, low / high phase", sl/sh, 1),
	}
}

func report22(m measure22) string {
	var b strings.Builder
	b.WriteString("## What ran\n\nFour workers allocated small objects, keeping a few MB live; first flat " +
		"out, then paced to a quarter of the first phase's rate. Every 500 ms the program read " +
		"runtime/metrics, each figure over that period only.\n\n")
	b.WriteString("| t (s) | phase | alloc MB/s | sched p99 | GC pause p99 | assist CPU ms/s |\n|---|---|---|---|---|---|\n")
	for _, s := range m.Samples {
		phase := "high"
		if s.Low {
			phase = "low"
		}
		fmt.Fprintf(&b, "| %.1f | %s | %.0f | %.3f ms | %.3f ms | %.1f |\n", s.T, phase,
			s.Alloc/m.Every/1e6, s.SchedP99*1e3, s.PauseP99*1e3, s.AssistCPU/m.Every*1e3)
	}
	b.WriteString(`
While the GC marks, a goroutine that allocates must pay for its allocation with
mark work of its own (an assist), in proportion to how far allocation runs
ahead of the background mark workers. Allocating flat out makes GC cycles
back to back and assists frequent: the workers' CPU goes partly to GC, the
dedicated mark workers take a quarter of the Ps, and runnable goroutines wait
longer for a P. At a quarter of the rate the GC runs less often, assists
shrink, and with the workers mostly asleep the scheduling latency falls too.
The stop-the-world pauses stay short in both phases: they are not where the
cost is.
`)
	return b.String()
}
