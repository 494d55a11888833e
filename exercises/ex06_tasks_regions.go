package exercises

import (
	"fmt"
	"sort"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 6, Name: "tasks-regions", Title: "Tasks and regions", Level: "junior",
		Needs: Needs{Cores: 1}, Run: run06,
	})
}

// task06 is one "handle" task of exercise 6, times in ns.
type task06 struct {
	Log           string
	Wall, DB, CPU float64
}

func (t task06) gap() float64 { return t.Wall - t.DB - t.CPU }

func run06(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	var r struct {
		Requests int `json:"requests"`
	}
	args := []string{"-n", Pick(env, "20", "50"), "-trace", "trace.out"}
	if _, err := env.Run(Cmd{Label: "requests", Bin: bin, Args: args, Env: []string{traceEnv}}, &r); err != nil {
		return nil, err
	}
	s, err := ReadTrace(env.Path("trace.out"))
	if err != nil {
		return nil, err
	}
	var tasks []task06
	for _, t := range s.Tasks {
		if t.Type != "handle" {
			continue
		}
		wall := 0.0
		if t.Begin > 0 && t.End > 0 {
			wall = t.End - t.Begin
		}
		tasks = append(tasks, task06{Log: strings.Join(t.Logs, " "), Wall: wall,
			DB: t.Regions["db"], CPU: t.Regions["cpu"]})
	}
	sort.Slice(tasks, func(i, j int) bool { return tasks[i].Log < tasks[j].Log })
	return &Result{Checks: check06(tasks, r.Requests), Report: report06(tasks)}, nil
}

// check06 judges exercise 6.
func check06(tasks []task06, requests int) []Check {
	complete, positive := 0, 0
	for _, t := range tasks {
		if t.Wall > 0 && t.DB > 0 && t.CPU > 0 {
			complete++
		}
		if t.gap() > 0 {
			positive++
		}
	}
	return []Check{
		Equal("tasks found with both regions", complete, requests),
		Equal("tasks whose gap (wall − regions) is positive", positive, requests),
	}
}

func report06(tasks []task06) string {
	var b strings.Builder
	b.WriteString("## What ran\n\nEach request was a `handle` task with a `db` region (8 ms sleep) and " +
		"a `cpu` region, four in flight at once, under runtime/trace (`trace.out`).\n\n")
	b.WriteString("| log | wall | db | cpu | gap |\n|---|---|---|---|---|\n")
	for _, t := range tasks {
		fmt.Fprintf(&b, "| %s | %.2f ms | %.2f ms | %.2f ms | %.3f ms |\n", t.Log, t.Wall/1e6,
			t.DB/1e6, t.CPU/1e6, t.gap()/1e6)
	}
	b.WriteString(`
A task ties together the work of one logical operation, even across
goroutines; a region is a span of one goroutine's time inside it; a log
attaches a value (here the request id) to the task. The gap is the task's time
not covered by a region: the code between regions, and any time the goroutine
sat runnable between the end of its sleep and getting a P again. It is always
positive; with more requests in flight than Ps it grows.
`)
	return b.String()
}
