package sourceguides

import (
	"go/scanner"
	"go/token"
	"html"
	"strings"
)

// highlightGo returns the HTML of one line of Go source with keywords,
// comments, strings and numbers wrapped in spans of classes k, c, s and n.
// Each line is scanned alone, so a line inside a block comment or a raw
// string is coloured as code: a known limit, rare in the lines guides show.
func highlightGo(line string) string {
	var sc scanner.Scanner
	fset := token.NewFileSet()
	src := []byte(line)
	f := fset.AddFile("", fset.Base(), len(src))
	sc.Init(f, src, func(token.Position, string) {}, scanner.ScanComments)
	var b strings.Builder
	last := 0
	for {
		pos, tok, lit := sc.Scan()
		if tok == token.EOF {
			break
		}
		off := f.Offset(pos)
		if off < last {
			continue
		}
		class := ""
		switch {
		case tok == token.COMMENT:
			class = "c"
		case tok == token.STRING || tok == token.CHAR:
			class = "s"
		case tok == token.INT || tok == token.FLOAT || tok == token.IMAG:
			class = "n"
		case tok.IsKeyword():
			class = "k"
		}
		if class == "" {
			continue
		}
		end := off + len(lit)
		if lit == "" {
			end = off + len(tok.String())
		}
		end = min(end, len(line))
		b.WriteString(html.EscapeString(line[last:off]))
		b.WriteString(`<span class="` + class + `">` + html.EscapeString(line[off:end]) + "</span>")
		last = end
	}
	b.WriteString(html.EscapeString(line[last:]))
	return b.String()
}

// highlightAsm returns the HTML of one assembly line with its comment, if
// any, in a span of class c.
func highlightAsm(line string) string {
	code, comment, ok := strings.Cut(line, "//")
	if !ok {
		return html.EscapeString(line)
	}
	return html.EscapeString(code) + `<span class="c">//` + html.EscapeString(comment) + "</span>"
}

// highlight picks the highlighter for a file by its extension.
func highlight(path, line string) string {
	if strings.HasSuffix(path, ".s") {
		return highlightAsm(line)
	}
	return highlightGo(line)
}
