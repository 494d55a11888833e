package main

import (
	"os"
	"path/filepath"
	"runtime"
	"strings"
	"testing"
)

// TestGuideAndDiffCommands runs the subcommands as a user would and checks
// the exit status and, for bad input, the error text.
func TestGuideAndDiffCommands(t *testing.T) {
	dir := t.TempDir()
	badGuide := filepath.Join(dir, "bad.txt")
	if err := os.WriteFile(badGuide, []byte("title: t\nstep: s\nfunc: runtime.schedule\nwhere: x\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	staleGuide := filepath.Join(dir, "stale.txt")
	if err := os.WriteFile(staleGuide, []byte("title: t\nstep: s\nfunc: runtime.schedule\ncode: not there\ntext: t\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	html := filepath.Join(dir, "proc.html")
	tests := []struct {
		args    []string
		code    int
		errText string // substring of the error, for failures
	}{
		{[]string{"guide", "-list"}, 0, ""},
		{[]string{"guide", "-check"}, 0, ""},
		{[]string{"guide", "-goroot", runtime.GOROOT(), "-check"}, 0, ""},
		{[]string{"guide", "findrunable"}, 1, `no guide "findrunable" (did you mean "findrunnable"?)`},
		{[]string{"guide", "-goroot", dir, "runq"}, 1, "is not a GOROOT"},
		{[]string{"guide", badGuide}, 1, badGuide + `:4: unknown step key "where"`},
		{[]string{"guide", "-check", staleGuide}, 1, "1 of 1 anchors stale"},
		{[]string{"guide"}, 2, "want one guide name"},
		{[]string{"diff"}, 2, "-from GOROOT is required"},
		{[]string{"diff", "-from", dir}, 1, "is not a GOROOT"},
		{[]string{"diff", "-from", runtime.GOROOT(), "-func", "runqgrb"}, 1, `did you mean "runqgrab"`},
		{[]string{"diff", "-from", runtime.GOROOT(), "-format", "html", "-o", html}, 0, ""},
	}
	for _, tt := range tests {
		if got := runMain(tt.args); got != tt.code {
			t.Errorf("gopatched %s: exit %d, want %d", strings.Join(tt.args, " "), got, tt.code)
		}
		if tt.errText == "" {
			continue
		}
		err := commands[tt.args[0]].run(tt.args[1:])
		if err == nil || !strings.Contains(err.Error(), tt.errText) {
			t.Errorf("gopatched %s: error %v, want it to contain %q", strings.Join(tt.args, " "), err, tt.errText)
		}
	}
	data, err := os.ReadFile(html)
	if err != nil || !strings.Contains(string(data), "<!DOCTYPE html>") {
		t.Errorf("HTML handout not written: %v", err)
	}
	if left, _ := filepath.Glob(filepath.Join(dir, ".*tmp*")); len(left) > 0 {
		t.Errorf("temporary files left: %v", left)
	}
}
