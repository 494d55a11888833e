package sourceguides

import (
	"bytes"
	"strings"
)

// asmFuncs lists the TEXT symbols of an assembly file. A function runs from
// its TEXT line to the last non-blank line before the next TEXT line (or the
// end of the file); its name is the symbol with any package prefix and the
// "(SB)" suffix removed: "TEXT ·asyncPreempt(SB)" is asyncPreempt.
func asmFuncs(f *File) []*Func {
	var out []*Func
	var cur *Func
	lastEnd := 0 // end of the last non-blank line seen
	for i, start := range f.lineStarts {
		end := len(f.Src)
		if i+1 < len(f.lineStarts) {
			end = f.lineStarts[i+1] - 1
		}
		line := f.Src[start:end]
		trimmed := bytes.TrimSpace(line)
		if name, ok := textSymbol(string(trimmed)); ok {
			if cur != nil {
				cur.End = lastEnd
			}
			cur = &Func{Name: name, File: f, Start: start}
			out = append(out, cur)
		}
		if len(trimmed) > 0 && !bytes.HasPrefix(trimmed, []byte("//")) {
			lastEnd = end
		}
	}
	if cur != nil {
		cur.End = lastEnd
	}
	return out
}

// textSymbol returns the function name declared by a TEXT line.
func textSymbol(line string) (string, bool) {
	rest, ok := strings.CutPrefix(line, "TEXT")
	if !ok || rest == "" || (rest[0] != ' ' && rest[0] != '\t') {
		return "", false
	}
	sym, _, ok := strings.Cut(strings.TrimSpace(rest), "(SB)")
	if !ok {
		return "", false
	}
	if i := strings.LastIndex(sym, "·"); i >= 0 {
		sym = sym[i+len("·"):]
	}
	return sym, sym != ""
}
