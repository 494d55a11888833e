package sourceguides

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// ANSI styles used when colour is on.
const (
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiGreen  = "\x1b[32m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
	ansiReset  = "\x1b[0m"
)

// painter applies ANSI styles only when colour is on.
type painter bool

func (p painter) paint(style, s string) string {
	if !p || s == "" {
		return s
	}
	return style + s + ansiReset
}

// renderText writes a guide as plain text, 100 columns wide.
func renderText(w io.Writer, src *Source, g *Guide, places []Place, color bool) error {
	p := painter(color)
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "%s  %s\n", p.paint(ansiBold, "guide "+g.Name+":"), g.Title)
	fmt.Fprintf(bw, "source: %s (%s)\n", src.Release, src.GOROOT)
	if g.Exercises != "" {
		fmt.Fprintf(bw, "exercises: %s\n", g.Exercises)
	}
	for _, para := range paragraphs(g.About) {
		fmt.Fprintln(bw)
		for _, l := range wrap(para, 78) {
			fmt.Fprintf(bw, "  %s\n", l)
		}
	}
	for _, pl := range places {
		s := pl.Step
		fmt.Fprintln(bw)
		head := fmt.Sprintf("step %d of %d: %s", pl.Index+1, len(places), s.Title)
		fmt.Fprint(bw, p.paint(ansiBold, head))
		if s.Patched != "" {
			fmt.Fprint(bw, "  ", p.paint(ansiYellow, "["+PatchNote+"]"))
		}
		fmt.Fprintln(bw)
		if pl.Stale != "" {
			fmt.Fprintf(bw, "  %s %s: %s\n", p.paint(ansiRed, "STALE"), s.Anchor.Func, pl.Stale)
		} else {
			fmt.Fprintf(bw, "  %s  in %s\n",
				p.paint(ansiCyan, fmt.Sprintf("%s:%d", pl.Func.File.Path, pl.Line)), pl.Func.Name)
			for _, l := range pl.shown() {
				mark := "  "
				text := expandTabs(l.text)
				if l.anchor {
					mark = p.paint(ansiGreen, "▶ ")
					text = p.paint(ansiGreen, text)
				}
				fmt.Fprintf(bw, "  %s%s %s %s\n", mark, p.paint(ansiDim, fmt.Sprintf("%5d", l.n)),
					p.paint(ansiDim, "│"), text)
			}
		}
		for _, f := range s.facts() {
			label := fmt.Sprintf("%-9s", f[0]+":")
			for i, l := range wrap(f[1], 86) {
				if i > 0 {
					label = strings.Repeat(" ", len(label))
				}
				fmt.Fprintf(bw, "  %s %s\n", p.paint(ansiBold, label), l)
			}
		}
		for _, para := range paragraphs(s.Text) {
			for _, l := range wrap(para, 80) {
				fmt.Fprintf(bw, "    %s\n", l)
			}
		}
	}
	return bw.Flush()
}
