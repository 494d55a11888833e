package exercises

import (
	"bytes"
	"fmt"
	"math"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/vg"

	"github.com/gopatched/gopatched/steal-tracer/summary"
)

// stealMatrix adapts a thief × victim matrix of steal counts to
// plotter.GridXYZ: the victim is the column, the thief the row.
type stealMatrix [][]int

func (m stealMatrix) Dims() (c, r int)   { return len(m[0]), len(m) }
func (m stealMatrix) Z(c, r int) float64 { return float64(m[r][c]) }
func (m stealMatrix) X(c int) float64    { return float64(c) }
func (m stealMatrix) Y(r int) float64    { return float64(r) }

// SaveStealMatrix draws the thief × victim matrix of a stealview summary
// as a heat map, the counts written in the cells, into the exercise folder
// and returns the file name for Result.Plots. It draws what stealview's
// thief-victim picture shows, from the same summary package, without
// building the stealview command.
func (env *Env) SaveStealMatrix(file, title string, s *summary.Summary) (string, error) {
	if len(s.Matrix) == 0 || len(s.Matrix[0]) == 0 {
		return "", fmt.Errorf("plotting %s: the trace has no Ps", file)
	}
	top := 1
	for _, row := range s.Matrix {
		for _, n := range row {
			top = max(top, n)
		}
	}
	pl := plot.New()
	pl.Title.Text = fmt.Sprintf("%s (blue 0 to red %d)", title, top)
	pl.X.Label.Text = "victim P"
	pl.Y.Label.Text = "thief P"
	hm := plotter.NewHeatMap(stealMatrix(s.Matrix), moreland.SmoothBlueRed().Palette(255))
	hm.Min, hm.Max = 0, float64(top)
	pl.Add(hm)

	var cells plotter.XYLabels
	var ticks []plot.Tick
	for t, row := range s.Matrix {
		ticks = append(ticks, plot.Tick{Value: float64(t), Label: fmt.Sprintf("P%d", t)})
		for v, n := range row {
			cells.XYs = append(cells.XYs, plotter.XY{X: float64(v), Y: float64(t)})
			cells.Labels = append(cells.Labels, fmt.Sprint(n))
		}
	}
	labels, err := plotter.NewLabels(cells)
	if err != nil {
		return "", fmt.Errorf("plotting %s: %w", file, err)
	}
	pl.Add(labels)
	pl.X.Tick.Marker = plot.ConstantTicks(ticks)
	pl.Y.Tick.Marker = plot.ConstantTicks(ticks)
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
