package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/palette/moreland"
	"gonum.org/v1/plot/plotter"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"

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

// matrixPlot draws the thief × victim matrix, with the counts written in
// the cells while there is room for them.
func matrixPlot(s *summary.Summary) (*plot.Plot, error) {
	p := heatMap("Steals: thief × victim", "victim P", "thief P", grid{z: s.Matrix, dx: 1})
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

// gainedPlot draws the goroutines each P gained by stealing over time.
func gainedPlot(s *summary.Summary) *plot.Plot {
	ms := s.BinWidth / 1e6
	return heatMap("Goroutines gained by stealing", "time since trace start (ms)", "P",
		grid{z: s.Gained, x0: ms / 2, dx: ms})
}

// writePictures renders both heat maps as PNG and SVG in memory, then
// writes them into dir. If a write fails it removes what it wrote.
func writePictures(dir string, s *summary.Summary) error {
	if len(s.Matrix) == 0 {
		return fmt.Errorf("no Ps in the trace: nothing to draw")
	}
	matrix, err := matrixPlot(s)
	if err != nil {
		return err
	}
	plots := map[string]*plot.Plot{"thief-victim": matrix, "gained": gainedPlot(s)}

	// Render everything first, so a drawing error leaves no files.
	files := map[string][]byte{}
	for name, p := range plots {
		for _, format := range []string{"png", "svg"} {
			wt, err := p.WriterTo(16*vg.Centimeter, 12*vg.Centimeter, format)
			if err != nil {
				return fmt.Errorf("drawing %s: %w", name, err)
			}
			var buf bytes.Buffer
			if _, err := wt.WriteTo(&buf); err != nil {
				return fmt.Errorf("drawing %s.%s: %w", name, format, err)
			}
			files[filepath.Join(dir, name+"."+format)] = buf.Bytes()
		}
	}

	// Write them.
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return fmt.Errorf("cannot create the output directory: %w", err)
	}
	var written []string
	for path, data := range files {
		if err := writeAtomic(path, data); err != nil {
			for _, w := range written {
				os.Remove(w)
			}
			return err
		}
		written = append(written, path)
	}
	return nil
}
