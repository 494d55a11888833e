package sourceguides

import (
	"bufio"
	"fmt"
	"html"
	"io"
)

// pageCSS styles the HTML handouts: code on the left, notes in the right
// margin, and a print layout that keeps each step on one page where it fits.
const pageCSS = `
body { font: 15px/1.45 Georgia, serif; margin: 2em auto; max-width: 72em; color: #222; }
h1 { font-size: 1.6em; } h2 { font-size: 1.15em; margin: 0 0 .4em; }
.meta { color: #555; }
.step { display: grid; grid-template-columns: minmax(0, 3fr) minmax(0, 2fr); gap: 1.5em;
  border-top: 1px solid #ccc; padding: 1em 0; break-inside: avoid; }
.where { font: 13px monospace; color: #036; margin-bottom: .3em; }
pre { font: 13px/1.35 monospace; background: #f6f6f2; padding: .5em; margin: 0;
  overflow-x: auto; tab-size: 4; }
pre .ln { color: #999; user-select: none; }
pre .hit { background: #fff3a8; display: inline-block; width: 100%; }
pre .add { background: #e3f6e3; display: inline-block; width: 100%; }
pre .del { background: #fbe4e4; display: inline-block; width: 100%; }
pre .hunk { color: #707; }
.k { color: #00c; font-weight: bold; } .c { color: #080; font-style: italic; }
.s { color: #a31515; } .n { color: #905; }
aside { font-size: .95em; } aside dl { margin: 0 0 .5em; }
aside dt { font-weight: bold; float: left; margin-right: .4em; }
.patched { background: #fde8c8; padding: 0 .3em; font-size: .85em; }
.stale { color: #b00; font-weight: bold; }
table { border-collapse: collapse; } td, th { padding: .1em .8em .1em 0; text-align: left; }
@media print {
  body { margin: 0; max-width: none; font-size: 11pt; }
  pre { background: none; border-left: 2px solid #999; white-space: pre-wrap; }
  pre .hit { background: none; font-weight: bold; }
  a { color: inherit; text-decoration: none; }
}
`

// writePageStart writes the document head and opens the body.
func writePageStart(w io.Writer, title string) {
	fmt.Fprintf(w, "<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n"+
		"<title>%s</title>\n<style>%s</style>\n</head>\n<body>\n", html.EscapeString(title), pageCSS)
}

// renderHTML writes a guide as a self-contained page.
func renderHTML(w io.Writer, src *Source, g *Guide, places []Place) error {
	bw := bufio.NewWriter(w)
	esc := html.EscapeString
	writePageStart(bw, g.Title)
	fmt.Fprintf(bw, "<h1>%s</h1>\n<p class=\"meta\">Guide <code>%s</code>, rendered against %s "+
		"(<code>%s</code>).", esc(g.Title), esc(g.Name), esc(src.Release), esc(src.GOROOT))
	if g.Exercises != "" {
		fmt.Fprintf(bw, " Exercises: %s.", esc(g.Exercises))
	}
	fmt.Fprintln(bw, "</p>")
	for _, para := range paragraphs(g.About) {
		fmt.Fprintf(bw, "<p>%s</p>\n", esc(para))
	}
	for _, pl := range places {
		s := pl.Step
		fmt.Fprintf(bw, "<section class=\"step\" id=\"step-%d\">\n<div>\n", pl.Index+1)
		fmt.Fprintf(bw, "<h2>Step %d of %d: %s", pl.Index+1, len(places), esc(s.Title))
		if s.Patched != "" {
			fmt.Fprintf(bw, " <span class=\"patched\">%s</span>", PatchNote)
		}
		fmt.Fprintln(bw, "</h2>")
		if pl.Stale != "" {
			fmt.Fprintf(bw, "<p class=\"stale\">Stale anchor %s: %s</p>\n", esc(s.Anchor.Func), esc(pl.Stale))
		} else {
			fmt.Fprintf(bw, "<div class=\"where\">%s:%d in %s</div>\n<pre>",
				esc(pl.Func.File.Path), pl.Line, esc(pl.Func.Name))
			for _, l := range pl.shown() {
				line := fmt.Sprintf("<span class=\"ln\">%5d  </span>%s", l.n, highlight(pl.Func.File.Path, l.text))
				if l.anchor {
					line = "<span class=\"hit\">" + line + "</span>"
				}
				fmt.Fprintln(bw, line)
			}
			fmt.Fprintln(bw, "</pre>")
		}
		fmt.Fprintln(bw, "</div>\n<aside>")
		if facts := s.facts(); len(facts) > 0 {
			fmt.Fprintln(bw, "<dl>")
			for _, f := range facts {
				fmt.Fprintf(bw, "<dt>%s</dt><dd>%s</dd>\n", esc(f[0]), esc(f[1]))
			}
			fmt.Fprintln(bw, "</dl>")
		}
		for _, para := range paragraphs(s.Text) {
			fmt.Fprintf(bw, "<p>%s</p>\n", esc(para))
		}
		fmt.Fprintln(bw, "</aside>\n</section>")
	}
	fmt.Fprintln(bw, "</body>\n</html>")
	return bw.Flush()
}
