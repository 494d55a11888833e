package sourceguides

import (
	"bufio"
	"fmt"
	"html"
	"io"
	"strings"
)

// Summary returns one line of counts: "proc.go go1.26.8 -> go1.27.3: 2
// added, 0 removed, 9 changed, 0 moved, 301 unchanged".
func (r *DiffResult) Summary() string {
	return fmt.Sprintf("%s %s -> %s: %d added, %d removed, %d changed, %d moved, %d unchanged",
		r.File, r.From.Release, r.To.Release, len(r.Added), len(r.Removed), len(r.Changed),
		len(r.Moved), len(r.Same))
}

// Write renders the comparison in the chosen format: the summary, the
// lists of added, removed and moved functions, each changed function's
// diff, and the guide steps in changed code.
func (r *DiffResult) Write(w io.Writer, opts RenderOptions) error {
	var err error
	switch opts.Format {
	case Markdown:
		err = r.writeMarkdown(w)
	case HTML:
		err = r.writeHTML(w)
	default:
		err = r.writeText(w, painter(opts.Color))
	}
	if err != nil {
		return fmt.Errorf("writing diff of %s: %w", r.File, err)
	}
	return nil
}

// String describes a move: "a.go:10 -> b.go:12" or, within a file,
// "line 10 -> 12".
func (m FuncMove) String() string {
	if m.FromFile == m.ToFile {
		return fmt.Sprintf("line %d -> %d (reordered)", m.FromLine, m.ToLine)
	}
	return fmt.Sprintf("%s:%d -> %s:%d", m.FromFile, m.FromLine, m.ToFile, m.ToLine)
}

// String describes a step: "findrunnable step 3 of 11 (The local run
// queue) in findRunnable".
func (s StepInChange) String() string {
	what := "function changed"
	switch {
	case s.Removed:
		what = "function removed"
	case s.AnchorChanged:
		what = "its anchor line changed"
	}
	return fmt.Sprintf("%s step %d of %d (%s) in %s: %s", s.Guide, s.Step, s.Of, s.Title, s.Func, what)
}

func (r *DiffResult) writeText(w io.Writer, p painter) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintln(bw, p.paint(ansiBold, r.Summary()))
	fmt.Fprintf(bw, "from %s\nto   %s\n", r.From.GOROOT, r.To.GOROOT)
	for _, f := range r.Added {
		fmt.Fprintf(bw, "%s %s (line %d)\n", p.paint(ansiGreen, "added  "), f.Name, f.Line)
	}
	for _, f := range r.Removed {
		fmt.Fprintf(bw, "%s %s (line %d)\n", p.paint(ansiRed, "removed"), f.Name, f.Line)
	}
	for _, m := range r.Moved {
		fmt.Fprintf(bw, "%s %s %s\n", p.paint(ansiCyan, "moved  "), m.Name, m)
	}
	for _, c := range r.Changed {
		fmt.Fprintf(bw, "%s %s (line %d -> %d)\n", p.paint(ansiYellow, "changed"), c.Name, c.FromLine, c.ToLine)
	}
	if r.narrowed {
		for _, m := range r.Same {
			fmt.Fprintf(bw, "%s %s (line %d -> %d)\n", "same   ", m.Name, m.FromLine, m.ToLine)
		}
	}
	if len(r.Steps) > 0 {
		fmt.Fprintln(bw, p.paint(ansiBold, "\nguide steps in changed code:"))
		for _, s := range r.Steps {
			fmt.Fprintf(bw, "  %s\n", s)
		}
	}
	for _, c := range r.Changed {
		fmt.Fprintf(bw, "\n%s\n", p.paint(ansiBold, "== "+c.Name))
		for _, line := range strings.Split(strings.TrimSuffix(c.Unified, "\n"), "\n") {
			switch {
			case strings.HasPrefix(line, "@@"):
				line = p.paint(ansiCyan, line)
			case strings.HasPrefix(line, "---"), strings.HasPrefix(line, "+++"):
				line = p.paint(ansiBold, line)
			case strings.HasPrefix(line, "-"):
				line = p.paint(ansiRed, line)
			case strings.HasPrefix(line, "+"):
				line = p.paint(ansiGreen, line)
			}
			fmt.Fprintln(bw, line)
		}
	}
	return bw.Flush()
}

func (r *DiffResult) writeMarkdown(w io.Writer) error {
	bw := bufio.NewWriter(w)
	fmt.Fprintf(bw, "# `%s`: %s to %s\n\n", r.File, r.From.Release, r.To.Release)
	fmt.Fprintf(bw, "%s.\n\n", r.Summary())
	list := func(title string, items []string) {
		if len(items) == 0 {
			return
		}
		fmt.Fprintf(bw, "## %s\n\n", title)
		for _, it := range items {
			fmt.Fprintf(bw, "- %s\n", it)
		}
		fmt.Fprintln(bw)
	}
	var added, removed, moved, changed, steps []string
	for _, f := range r.Added {
		added = append(added, fmt.Sprintf("`%s` (line %d)", f.Name, f.Line))
	}
	for _, f := range r.Removed {
		removed = append(removed, fmt.Sprintf("`%s` (line %d)", f.Name, f.Line))
	}
	for _, m := range r.Moved {
		moved = append(moved, fmt.Sprintf("`%s` %s", m.Name, m))
	}
	for _, c := range r.Changed {
		changed = append(changed, fmt.Sprintf("[`%s`](#%s) (line %d -> %d)", c.Name, anchorID(c.Name), c.FromLine, c.ToLine))
	}
	for _, s := range r.Steps {
		steps = append(steps, mdEscape(s.String()))
	}
	list("Added", added)
	list("Removed", removed)
	list("Moved", moved)
	list("Changed", changed)
	list("Guide steps in changed code", steps)
	for _, c := range r.Changed {
		fmt.Fprintf(bw, "### <a id=\"%s\"></a>`%s`\n\n```diff\n%s```\n\n", anchorID(c.Name), c.Name, c.Unified)
	}
	return bw.Flush()
}

// anchorID makes an HTML id from a function name.
func anchorID(name string) string {
	return "f-" + strings.NewReplacer(".", "-", "#", "-").Replace(name)
}

func (r *DiffResult) writeHTML(w io.Writer) error {
	bw := bufio.NewWriter(w)
	esc := html.EscapeString
	title := fmt.Sprintf("%s: %s to %s", r.File, r.From.Release, r.To.Release)
	writePageStart(bw, title)
	fmt.Fprintf(bw, "<h1>%s</h1>\n<p class=\"meta\">%s<br>from <code>%s</code><br>to <code>%s</code></p>\n",
		esc(title), esc(r.Summary()), esc(r.From.GOROOT), esc(r.To.GOROOT))
	fmt.Fprintln(bw, "<table>")
	for _, f := range r.Added {
		fmt.Fprintf(bw, "<tr><td>added</td><td><code>%s</code></td><td>line %d</td></tr>\n", esc(f.Name), f.Line)
	}
	for _, f := range r.Removed {
		fmt.Fprintf(bw, "<tr><td>removed</td><td><code>%s</code></td><td>line %d</td></tr>\n", esc(f.Name), f.Line)
	}
	for _, m := range r.Moved {
		fmt.Fprintf(bw, "<tr><td>moved</td><td><code>%s</code></td><td>%s</td></tr>\n", esc(m.Name), esc(m.String()))
	}
	for _, c := range r.Changed {
		fmt.Fprintf(bw, "<tr><td>changed</td><td><a href=\"#%s\"><code>%s</code></a></td><td>line %d &rarr; %d</td></tr>\n",
			anchorID(c.Name), esc(c.Name), c.FromLine, c.ToLine)
	}
	fmt.Fprintln(bw, "</table>")
	stepsOf := map[string][]StepInChange{}
	for _, s := range r.Steps {
		stepsOf[s.Func] = append(stepsOf[s.Func], s)
	}
	for _, c := range r.Changed {
		fmt.Fprintf(bw, "<section class=\"step\" id=\"%s\">\n<div>\n<h2>%s</h2>\n<pre>", anchorID(c.Name), esc(c.Name))
		for _, h := range c.Hunks {
			fmt.Fprintf(bw, "<span class=\"hunk\">@@ -%d,%d +%d,%d @@</span>\n", h.FromLine, h.FromCount, h.ToLine, h.ToCount)
			for _, l := range h.Lines {
				class := map[byte]string{'+': "add", '-': "del"}[l.Op]
				text := string(l.Op) + highlight(r.File, l.Text)
				if class != "" {
					text = "<span class=\"" + class + "\">" + text + "</span>"
				}
				fmt.Fprintln(bw, text)
			}
		}
		fmt.Fprintln(bw, "</pre>\n</div>\n<aside>")
		fmt.Fprintf(bw, "<p>Starts at line %d in %s, line %d in %s.</p>\n", c.FromLine, esc(r.From.Release), c.ToLine, esc(r.To.Release))
		for _, s := range stepsOf[c.Name] {
			fmt.Fprintf(bw, "<p>Guide <b>%s</b>, step %d of %d: %s.", esc(s.Guide), s.Step, s.Of, esc(s.Title))
			if s.AnchorChanged {
				fmt.Fprint(bw, " Its anchor line changed.")
			}
			fmt.Fprintln(bw, "</p>")
		}
		fmt.Fprintln(bw, "</aside>\n</section>")
	}
	fmt.Fprintln(bw, "</body>\n</html>")
	return bw.Flush()
}
