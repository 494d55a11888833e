// Package stealplot draws the pictures of a steal summary with gonum/plot:
// the thief × victim matrix and the P × time map of goroutines gained by
// stealing, both as heat maps on the Moreland blue-to-red palette.
// cmd/stealview and the exercises draw through it, so their pictures agree.
package stealplot

import (
	"fmt"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"

	"github.com/gopatched/gopatched/steal-tracer/summary"
)

// grid adapts a rows × columns table of counts to plotter.GridXYZ; column
// c is at x0 + c*dx, row r at y = r.
type grid struct {
	z      [][]int
	x0, dx float64
}

func (g grid) Dims() (c, r int)   { return len(g.z[0]), len(g.z) }
func (g grid) Z(c, r int) float64 { return float64(g.z[r][c]) }
func (g grid) X(c int) float64    { return g.x0 + float64(c)*g.dx }
func (g grid) Y(r int) float64    { return float64(r) }

// maxCell returns the largest count, at least 1 so the color scale is valid.
func maxCell(z [][]int) float64 {
	m := 1
	for _, row := range z {
		for _, v := range row {
			m = max(m, v)
		}
	}
	return float64(m)
}

// procTicks labels the integer positions 0..n-1 as P0, P1, ...
func procTicks(n int) plot.ConstantTicks {
	var ticks []plot.Tick
	for p := range n {
		ticks = append(ticks, plot.Tick{Value: float64(p), Label: fmt.Sprintf("P%d", p)})
	}
	return ticks
}

// heatMap draws z with the Moreland cool-to-warm palette.
func heatMap(title, xlabel, ylabel string, g grid) *plot.Plot {
	top := maxCell(g.z)
	p := plot.New()
	p.Title.Text = fmt.Sprintf("%s (blue 0 to red %g)", title, top)
	p.X.Label.Text = xlabel
	p.Y.Label.Text = ylabel
	hm := plotter.NewHeatMap(g, moreland.SmoothBlueRed().Palette(255))
	hm.Min, hm.Max = 0, top
	p.Add(hm)
	p.Y.Tick.Marker = procTicks(len(g.z))
	return p
}

// Matrix draws the thief × victim matrix of s as a heat map titled
// title, with the counts written in the cells while there is room for them
// (up to 16 Ps).
func Matrix(s *summary.Summary, title string) (*plot.Plot, error) {
	if len(s.Matrix) == 0 {
		return nil, fmt.Errorf("no Ps in the trace: nothing to draw")
	}
	p := heatMap(title, "victim P", "thief P", grid{z: s.Matrix, dx: 1})
	p.X.Tick.Marker = procTicks(len(s.Matrix))
	if len(s.Matrix) <= 16 {
		var l plotter.XYLabels
		for t, row := range s.Matrix {
			for v, n := range row {
				l.XYs = append(l.XYs, plotter.XY{X: float64(v), Y: float64(t)})
				l.Labels = append(l.Labels, fmt.Sprint(n))
			}
		}
		labels, err := plotter.NewLabels(l)
		if err != nil {
			return nil, err
		}
		for i := range labels.TextStyle {
			labels.TextStyle[i].XAlign = text.XCenter
			labels.TextStyle[i].YAlign = text.YCenter
		}
		p.Add(labels)
	}
	return p, nil
}

// Gained draws the goroutines each P gained by stealing, P × time, from
// the summary's time bins.
func Gained(s *summary.Summary) *plot.Plot {
	ms := s.BinWidth / 1e6
	return heatMap("Goroutines gained by stealing", "time since trace start (ms)", "P",
		grid{z: s.Gained, x0: ms / 2, dx: ms})
}
