package exercises

import (
	"bytes"
	"fmt"
	"strconv"

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
		// Label every measured x: powers of ten alone would leave 2, 4, 8 bare.
		var ticks []plot.Tick
		seen := map[float64]bool{}
		for _, s := range p.Series {
			for _, x := range s.X {
				if !seen[x] {
					seen[x] = true
					ticks = append(ticks, plot.Tick{Value: x, Label: strconv.FormatFloat(x, 'g', -1, 64)})
				}
			}
		}
		pl.X.Tick.Marker = plot.ConstantTicks(ticks)
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
