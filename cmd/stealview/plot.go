package main

import (
	"bytes"
	"fmt"
	"os"
	"path/filepath"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/gopatched/gopatched/steal-tracer/stealplot"
	"github.com/gopatched/gopatched/steal-tracer/summary"
)

// writePictures renders both heat maps as PNG and SVG in memory, then
// writes them into dir. If a write fails it removes what it wrote.
func writePictures(dir string, s *summary.Summary) error {
	matrix, err := stealplot.Matrix(s, "Steals: thief × victim")
	if err != nil {
		return err
	}
	plots := map[string]*plot.Plot{"thief-victim": matrix, "gained": stealplot.Gained(s)}

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
