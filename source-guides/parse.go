package sourceguides

import (
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
)

// A guide file is plain text of "key: value" lines. A value continues on
// the following lines that start with a tab or spaces; blank lines inside a
// value keep paragraphs apart. Lines starting with '#' are comments. The
// keys before the first "step:" describe the guide (title, exercises,
// about); each "step:" starts a step and takes the keys after it (func,
// code, lines, cost, lock, spinning, patched, text). See doc.go.

// guideKeys and stepKeys are the keys allowed in each part of a file.
var (
	guideKeys = []string{"title", "exercises", "about"}
	stepKeys  = []string{"func", "code", "lines", "cost", "lock", "spinning", "patched", "text"}
)

// A ParseError reports a mistake in a guide file, with its place.
type ParseError struct {
	File string
	Line int
	Msg  string
}

func (e *ParseError) Error() string { return fmt.Sprintf("%s:%d: %s", e.File, e.Line, e.Msg) }

// ParseFile reads and parses the guide file at path; the guide's name is
// the file name without its extension.
func ParseFile(path string) (*Guide, error) {
	data, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("reading guide: %w", err)
	}
	return Parse(path, data)
}

// Parse parses a guide from data; file names it in errors and sets the
// guide's name.
func Parse(file string, data []byte) (*Guide, error) {
	g := &Guide{File: file, Name: strings.TrimSuffix(filepath.Base(file), filepath.Ext(file))}
	fields, err := splitFields(file, string(data))
	if err != nil {
		return nil, err
	}
	var step *Step
	for _, f := range fields {
		perr := func(format string, args ...any) error {
			return &ParseError{File: file, Line: f.line, Msg: fmt.Sprintf(format, args...)}
		}
		if f.key == "step" {
			if err := finishStep(file, step); err != nil {
				return nil, err
			}
			if f.value == "" {
				return nil, perr("step has no title")
			}
			step = &Step{Title: f.value, Line: f.line, Lines: 3}
			g.Steps = append(g.Steps, step)
			continue
		}
		if step == nil {
			switch f.key {
			case "title":
				g.Title = f.value
			case "exercises":
				g.Exercises = f.value
			case "about":
				g.About = f.value
			default:
				return nil, perr("unknown key %q before the first step (known: %s, step)",
					f.key, strings.Join(guideKeys, ", "))
			}
			continue
		}
		switch f.key {
		case "func":
			step.Anchor.Func = f.value
		case "code":
			step.Anchor.Code = f.value
		case "lines":
			n, err := strconv.Atoi(f.value)
			if err != nil || n < 1 || n > 40 {
				return nil, perr("lines must be a number from 1 to 40, not %q", f.value)
			}
			step.Lines = n
		case "cost":
			step.Cost = f.value
		case "lock":
			step.Lock = f.value
		case "spinning":
			step.Spinning = f.value
		case "patched":
			step.Patched = f.value
		case "text":
			step.Text = f.value
		default:
			return nil, perr("unknown step key %q (known: %s)", f.key, strings.Join(stepKeys, ", "))
		}
	}
	if err := finishStep(file, step); err != nil {
		return nil, err
	}
	if g.Title == "" {
		return nil, &ParseError{File: file, Line: 1, Msg: "guide has no title: line"}
	}
	if len(g.Steps) == 0 {
		return nil, &ParseError{File: file, Line: 1, Msg: "guide has no steps"}
	}
	return g, nil
}

// finishStep checks that a step has what it needs.
func finishStep(file string, s *Step) error {
	if s == nil {
		return nil
	}
	switch {
	case s.Anchor.Func == "":
		return &ParseError{File: file, Line: s.Line, Msg: fmt.Sprintf("step %q has no func:", s.Title)}
	case s.Anchor.Package() == "":
		return &ParseError{File: file, Line: s.Line, Msg: fmt.Sprintf(
			"step %q: func %q needs a package path (write runtime.%s)",
			s.Title, s.Anchor.Func, s.Anchor.Func)}
	case s.Anchor.Code == "":
		return &ParseError{File: file, Line: s.Line, Msg: fmt.Sprintf("step %q has no code:", s.Title)}
	case strings.Contains(s.Anchor.Code, "\n"):
		return &ParseError{File: file, Line: s.Line, Msg: fmt.Sprintf(
			"step %q: code: must be a single line", s.Title)}
	case s.Text == "":
		return &ParseError{File: file, Line: s.Line, Msg: fmt.Sprintf("step %q has no text:", s.Title)}
	}
	return nil
}

// A field is one "key: value" of a guide file.
type field struct {
	key, value string
	line       int
}

// splitFields cuts a guide file into fields, joining continuation lines.
func splitFields(file, text string) ([]field, error) {
	var out []field
	var cur *field
	var cont []string // continuation lines of cur
	flush := func() {
		if cur == nil {
			return
		}
		parts := append([]string{cur.value}, cont...)
		cur.value = strings.TrimSpace(strings.Join(parts, "\n"))
		out = append(out, *cur)
		cur, cont = nil, nil
	}
	for i, line := range strings.Split(text, "\n") {
		n := i + 1
		line = strings.TrimRight(line, " \t\r")
		switch {
		case strings.HasPrefix(line, "#"):
			continue
		case line == "":
			if cur != nil {
				cont = append(cont, "")
			}
			continue
		case line[0] == ' ' || line[0] == '\t':
			if cur == nil {
				return nil, &ParseError{File: file, Line: n, Msg: "indented line outside any key"}
			}
			cont = append(cont, strings.TrimSpace(line))
			continue
		}
		key, value, ok := strings.Cut(line, ":")
		if !ok || strings.ContainsAny(key, " \t") {
			return nil, &ParseError{File: file, Line: n, Msg: fmt.Sprintf(
				"want \"key: value\", got %q", line)}
		}
		flush()
		cur = &field{key: key, value: strings.TrimSpace(value), line: n}
	}
	flush()
	return out, nil
}
