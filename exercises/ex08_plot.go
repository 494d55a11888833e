package exercises

import (
	"bytes"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/gopatched/gopatched/steal-tracer/stealplot"
	"github.com/gopatched/gopatched/steal-tracer/summary"
)

// SaveStealMatrix draws the thief × victim matrix of a stealview summary,
// the picture stealview's thief-victim file shows, into the exercise
// folder and returns the file name for Result.Plots.
func (env *Env) SaveStealMatrix(file, title string, s *summary.Summary) (string, error) {
	pl, err := stealplot.Matrix(s, title)
	if err != nil {
		return "", fmt.Errorf("plotting %s: %w", file, err)
	}
	return env.savePlotPNG(file, pl)
}

// SaveQueueTimeline draws the modelled run queues of a burst, one stepped
// line per P, against the time since the first burst creation on a log
// scale (instants at zero are drawn at 0.1 µs).
func (env *Env) SaveQueueTimeline(file, title string, bt *BurstTrace) (string, error) {
	p := Plot{File: file, Title: title, LogX: true,
		XLabel: "µs since the first burst goroutine was created (log scale)",
		YLabel: "burst goroutines waiting on the P"}
	for proc := range bt.Procs {
		s := Series{Name: fmt.Sprintf("P%d", proc)}
		prev := 0
		for _, step := range bt.Timeline {
			at := math.Max(step.At, 0.1)
			s.X = append(s.X, at, at)
			s.Y = append(s.Y, float64(prev), float64(step.Queues[proc]))
			prev = step.Queues[proc]
		}
		p.Series = append(p.Series, s)
	}
	return env.SavePlot(p)
}

// savePlotPNG renders pl as a PNG into the exercise folder.
func (env *Env) savePlotPNG(file string, pl *plot.Plot) (string, error) {
	w, err := pl.WriterTo(6*vg.Inch, 4*vg.Inch, "png")
	if err != nil {
		return "", fmt.Errorf("plotting %s: %w", file, err)
	}
	var buf bytes.Buffer
	if _, err := w.WriteTo(&buf); err != nil {
		return "", fmt.Errorf("plotting %s: %w", file, err)
	}
	if err := env.WriteFile(file, buf.Bytes()); err != nil {
		return "", err
	}
	return file, nil
}
