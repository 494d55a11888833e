package sourceguides

import (
	"fmt"
	"io"
	"strings"
)

// A Format is an output form of Render and DiffResult.Write.
type Format int

const (
	// Text is plain text for a terminal or a pipe.
	Text Format = iota
	// Markdown is GitHub-flavoured Markdown.
	Markdown
	// HTML is a self-contained, printable page: highlighted source with
	// the annotations in the margin.
	HTML
)

// ParseFormat maps "text", "md" and "html" to a Format.
func ParseFormat(s string) (Format, error) {
	switch s {
	case "text", "":
		return Text, nil
	case "md", "markdown":
		return Markdown, nil
	case "html":
		return HTML, nil
	}
	return 0, fmt.Errorf("unknown format %q (want text, md or html)", s)
}

// RenderOptions tunes Render.
type RenderOptions struct {
	// Format selects the output form.
	Format Format
	// Color adds ANSI colours to Text output; set it only for a terminal.
	Color bool
}

// PatchNote is the mark shown on a step whose code the gopatched patch
// changes.
const PatchNote = "touched by gopatched patch"

// A shownLine is one source line displayed for a step.
type shownLine struct {
	n      int    // 1-based line number
	text   string // the line, tabs kept
	anchor bool   // part of the fragment
}

// shown returns the source lines a resolved step displays: from the
// fragment's first line, Step.Lines lines, not past the function's end.
func (pl Place) shown() []shownLine {
	if pl.Func == nil {
		return nil
	}
	last := max(pl.Line+pl.Step.Lines-1, pl.EndLine)
	last = min(last, pl.Func.EndLine())
	var out []shownLine
	for n := pl.Line; n <= last; n++ {
		out = append(out, shownLine{n: n, text: pl.Func.File.Line(n), anchor: n <= pl.EndLine})
	}
	return out
}

// Render writes guide g resolved against src: for each step, its place in
// the guide ("step 3 of 9"), the current lines of the release with
// file:line, and the annotation. Stale steps are marked and show no code.
func Render(w io.Writer, src *Source, g *Guide, opts RenderOptions) error {
	places := Resolve(src, g)
	var err error
	switch opts.Format {
	case Markdown:
		err = renderMarkdown(w, src, g, places)
	case HTML:
		err = renderHTML(w, src, g, places)
	default:
		err = renderText(w, src, g, places, opts.Color)
	}
	if err != nil {
		return fmt.Errorf("rendering guide %s: %w", g.Name, err)
	}
	return nil
}

// facts returns a step's labelled facts in display order, leaving out the
// empty ones.
func (s *Step) facts() [][2]string {
	var out [][2]string
	for _, f := range [][2]string{{"cost", s.Cost}, {"lock", s.Lock}, {"spinning", s.Spinning}} {
		if f[1] != "" {
			out = append(out, f)
		}
	}
	if s.Patched != "" {
		out = append(out, [2]string{"patch", s.Patched})
	}
	return out
}

// paragraphs splits annotation text at blank lines and joins each
// paragraph's lines into one.
func paragraphs(text string) []string {
	var out []string
	for _, p := range strings.Split(text, "\n\n") {
		if p = strings.Join(strings.Fields(p), " "); p != "" {
			out = append(out, p)
		}
	}
	return out
}

// wrap breaks s into lines of at most width columns at spaces.
func wrap(s string, width int) []string {
	var lines []string
	line := ""
	for _, word := range strings.Fields(s) {
		if line != "" && len(line)+1+len(word) > width {
			lines = append(lines, line)
			line = ""
		}
		if line != "" {
			line += " "
		}
		line += word
	}
	if line != "" {
		lines = append(lines, line)
	}
	return lines
}

// expandTabs replaces tabs by spaces to the next multiple of 4 columns.
func expandTabs(s string) string {
	if !strings.Contains(s, "\t") {
		return s
	}
	var b strings.Builder
	col := 0
	for _, r := range s {
		if r == '\t' {
			n := 4 - col%4
			b.WriteString(strings.Repeat(" ", n))
			col += n
			continue
		}
		b.WriteRune(r)
		col++
	}
	return b.String()
}
