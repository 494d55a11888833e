package exercises

import (
	"bytes"
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/plotutil"
	"gonum.org/v1/plot/vg"
)

// Series is one named curve of a plot.
type Series struct {
	Name string
	X, Y []float64
}

// Plot describes a line plot.
type Plot struct {
	File, Title, XLabel, YLabel string
	LogX                        bool
	Series                      []Series
}

// SavePlot draws p as a PNG into the exercise folder and returns the file
// name, for Result.Plots.
func (env *Env) SavePlot(p Plot) (string, error) {
	pl := plot.New()
	pl.Title.Text = p.Title
	pl.X.Label.Text = p.XLabel
	pl.Y.Label.Text = p.YLabel
	if p.LogX {
		pl.X.Scale = plot.LogScale{}
		pl.X.Tick.Marker = plot.LogTicks{Prec: -1}
	}
	var args []any
	for _, s := range p.Series {
		pts := make(plotter.XYs, len(s.X))
		for i := range s.X {
			pts[i].X, pts[i].Y = s.X[i], s.Y[i]
		}
		args = append(args, s.Name, pts)
	}
	if err := plotutil.AddLinePoints(pl, args...); err != nil {
		return "", fmt.Errorf("plotting %s: %w", p.File, err)
	}
	w, err := pl.WriterTo(6*vg.Inch, 4*vg.Inch, "png")
	if err != nil {
		return "", fmt.Errorf("plotting %s: %w", p.File, err)
	}
	var f bytes.Buffer
	if _, err := w.WriteTo(&f); err != nil {
		return "", fmt.Errorf("plotting %s: %w", p.File, err)
	}
	if err := env.WriteFile(p.File, f.Bytes()); err != nil {
		return "", err
	}
	return p.File, nil
}
