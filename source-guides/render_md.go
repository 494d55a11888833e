package sourceguides

import (
	"bufio"
	"fmt"
	"io"
	"strings"
)

// renderMarkdown writes a guide as Markdown: a heading per step, the code
// in a fenced block with line numbers, the facts as a list.
func renderMarkdown(w io.Writer, src *Source, g *Guide, places []Place) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# %s\n\n", g.Title)
	fmt.Fprintf(bw, "Guide `%s`, rendered against %s (`%s`).", g.Name, src.Release, src.GOROOT)
	if g.Exercises != "" {
		fmt.Fprintf(bw, " Exercises: %s.", g.Exercises)
	}
	fmt.Fprint(bw, "\n\n")
	for _, para := range paragraphs(g.About) {
		fmt.Fprintf(bw, "%s\n\n", para)
	}
	for _, pl := range places {
		s := pl.Step
		fmt.Fprintf(bw, "## Step %d of %d: %s\n\n", pl.Index+1, len(places), s.Title)
		if s.Patched != "" {
			fmt.Fprintf(bw, "> **%s**\n\n", PatchNote)
		}
		if pl.Stale != "" {
			fmt.Fprintf(bw, "**Stale anchor** `%s`: %s\n\n", s.Anchor.Func, mdEscape(pl.Stale))
		} else {
			fmt.Fprintf(bw, "`%s:%d` in `%s`\n\n", pl.Func.File.Path, pl.Line, pl.Func.Name)
			lang := "go"
			if strings.HasSuffix(pl.Func.File.Path, ".s") {
				lang = "asm"
			}
			fmt.Fprintf(bw, "```%s\n", lang)
			for _, l := range pl.shown() {
				mark := "  "
				if l.anchor {
					mark = "> "
				}
				fmt.Fprintf(bw, "%s%5d  %s\n", mark, l.n, expandTabs(l.text))
			}
			fmt.Fprint(bw, "```\n\n")
		}
		for _, f := range s.facts() {
			fmt.Fprintf(bw, "- **%s:** %s\n", f[0], mdEscape(f[1]))
		}
		if len(s.facts()) > 0 {
			fmt.Fprintln(bw)
		}
		for _, para := range paragraphs(s.Text) {
			fmt.Fprintf(bw, "%s\n\n", para)
		}
	}
	return bw.Flush()
}

// mdEscape escapes the characters that would start Markdown markup inside
// running text.
func mdEscape(s string) string {
	return strings.NewReplacer("*", `\*`, "_", `\_`, "`", "\\`", "<", "&lt;").Replace(s)
}
