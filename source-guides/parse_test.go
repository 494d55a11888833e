package sourceguides

import (
	"os"
	"path/filepath"
	"testing"
)

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, text, want string
	}{
		{"unknown key", "title: t\nstep: s\nfunc: runtime.f\ncode: x\ncots: 1\ntext: t\n",
			`g.txt:5: unknown step key "cots" (known: func, code, lines, cost, lock, spinning, patched, text)`},
		{"no colon", "title: t\nthis line is wrong\n", `g.txt:2: want "key: value", got "this line is wrong"`},
		{"no code", "title: t\n\nstep: s\nfunc: runtime.f\ntext: t\n", `g.txt:3: step "s" has no code:`},
		{"no package", "title: t\nstep: s\nfunc: findRunnable\ncode: x\ntext: t\n",
			`g.txt:2: step "s": func "findRunnable" needs a package path (write runtime.findRunnable)`},
		{"bad lines", "title: t\nstep: s\nfunc: runtime.f\ncode: x\nlines: many\ntext: t\n",
			`g.txt:5: lines must be a number from 1 to 40, not "many"`},
		{"stray indent", "\tindented\n", "g.txt:1: indented line outside any key"},
		{"no title", "step: s\nfunc: runtime.f\ncode: x\ntext: t\n", "g.txt:1: guide has no title: line"},
		{"no steps", "title: t\n", "g.txt:1: guide has no steps"},
	}
	for _, tt := range tests {
		_, err := Parse("g.txt", []byte(tt.text))
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got error %v, want %q", tt.name, err, tt.want)
		}
	}
}

func TestParseValues(t *testing.T) {
	g, err := Parse("dir/walk.txt", []byte("# comment\ntitle: A walk\nabout:\n\tone\n\ttwo\n\n\tthree\n"+
		"step: first\nfunc: runtime.p.init\ncode: a: b\nlines: 5\npatched: yes\ntext: note\n"))
	if err != nil {
		t.Fatal(err)
	}
	s := g.Steps[0]
	got := []string{g.Name, g.About, s.Anchor.Package(), s.Anchor.Name(), s.Anchor.Code, s.Patched}
	want := []string{"walk", "one\ntwo\n\nthree", "runtime", "p.init", "a: b", "yes"}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("field %d: got %q, want %q", i, got[i], want[i])
		}
	}
	if s.Lines != 5 || s.Line != 8 {
		t.Errorf("lines %d, line %d; want 5, 8", s.Lines, s.Line)
	}
}

func TestLookupAndLoadErrors(t *testing.T) {
	notRoot := t.TempDir()
	missing := filepath.Join(notRoot, "nothing")
	if err := os.MkdirAll(filepath.Join(notRoot, "src"), 0o755); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		err  func() error
		want string
	}{
		{"unknown guide", func() error { _, err := Lookup("findrunable"); return err },
			`no guide "findrunable" (did you mean "findrunnable"?); "gopatched guide -list" lists them`},
		{"not a GOROOT", func() error { _, err := Load(notRoot); return err },
			notRoot + ` is not a GOROOT: it has no src/runtime/proc.go (pass the directory that "go env GOROOT" prints, or a Go checkout's root)`},
		{"missing dir", func() error { _, err := Load(missing); return err },
			"GOROOT " + missing + " does not exist"},
		{"missing guide file", func() error { _, err := ParseFile(missing); return err },
			"reading guide: open " + missing + ": no such file or directory"},
	}
	for _, tt := range tests {
		err := tt.err()
		if err == nil || err.Error() != tt.want {
			t.Errorf("%s: got error %v, want %q", tt.name, err, tt.want)
		}
	}
}
