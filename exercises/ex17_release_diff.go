package exercises

import (
	"bytes"
	"fmt"
	"strings"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

func init() {
	Register(&Exercise{
		Number: 17, Name: "release-diff", Title: "proc.go between releases", Level: "senior",
		Needs: Needs{Cores: 1}, Run: run17,
	})
}

// diffFile17 is the file exercise 17 compares.
const diffFile17 = "runtime/proc.go"

// measure17 is what exercise 17's release diff found.
type measure17 struct {
	// From and To are the releases compared: the installed go's and the
	// pinned one.
	From, To string
	// Summary is the diff's one-line count.
	Summary        string
	Added, Removed []string
	Changed        []change17
	// Steps are the guide steps that sit in changed code.
	Steps []string
}

// change17 is one changed function.
type change17 struct {
	Name    string
	Hunks   int
	Unified string
}

func run17(env *Env) (*Result, error) {
	installed, err := InstalledGOROOT()
	if err != nil {
		return nil, err
	}
	from, err := sourceguides.Load(installed)
	if err != nil {
		return nil, fmt.Errorf("loading the installed Go's tree: %w", err)
	}
	to, err := loadPinned()
	if err != nil {
		return nil, err
	}
	guides, err := sourceguides.List()
	if err != nil {
		return nil, err
	}
	d, err := sourceguides.Diff(from, to, diffFile17, guides...)
	if err != nil {
		return nil, fmt.Errorf("comparing %s: %w", diffFile17, err)
	}

	// The handouts: the whole comparison as Markdown and as HTML.
	var files []string
	for _, f := range []struct {
		name   string
		format sourceguides.Format
	}{{"proc-diff.md", sourceguides.Markdown}, {"proc-diff.html", sourceguides.HTML}} {
		var buf bytes.Buffer
		if err := d.Write(&buf, sourceguides.RenderOptions{Format: f.format}); err != nil {
			return nil, fmt.Errorf("rendering the diff: %w", err)
		}
		if err := env.WriteFile(f.name, buf.Bytes()); err != nil {
			return nil, err
		}
		files = append(files, f.name)
	}
	return &Result{Checks: check17(measureDiff(d)), Report: report17(measureDiff(d), files)}, nil
}

// measureDiff keeps what exercise 17 judges and reports of a diff.
func measureDiff(d *sourceguides.DiffResult) measure17 {
	m := measure17{From: d.From.Release, To: d.To.Release, Summary: d.Summary()}
	for _, f := range d.Added {
		m.Added = append(m.Added, f.Name)
	}
	for _, f := range d.Removed {
		m.Removed = append(m.Removed, f.Name)
	}
	for _, c := range d.Changed {
		m.Changed = append(m.Changed, change17{Name: c.Name, Hunks: len(c.Hunks), Unified: c.Unified})
	}
	for _, s := range d.Steps {
		m.Steps = append(m.Steps, s.String())
	}
	return m
}

// check17 judges exercise 17: two different releases, and at least one
// changed function reported with a hunk of its diff.
func check17(m measure17) []Check {
	withHunk := 0
	for _, c := range m.Changed {
		if c.Hunks > 0 && c.Unified != "" {
			withHunk++
		}
	}
	return []Check{
		Holds("the two trees are different releases", m.From != m.To && m.From != "" && m.To != "",
			m.From+" -> "+m.To, "two different releases"),
		AtLeast("changed functions reported with a hunk", float64(withHunk), 1),
	}
}

func report17(m measure17, files []string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## %s, %s -> %s\n\n`%s`\n\n", diffFile17, m.From, m.To, m.Summary)
	fmt.Fprintf(&b, "The machine's Go (`go env GOROOT` of the installed go command) against "+
		"the pinned release. Functions are compared by name, without their doc comments; the "+
		"handouts %s hold the same comparison, the HTML one printable.\n\n",
		strings.Join(files, " and "))
	list := func(title string, names []string) {
		fmt.Fprintf(&b, "**%s (%d):** ", title, len(names))
		if len(names) == 0 {
			b.WriteString("none.\n\n")
			return
		}
		fmt.Fprintf(&b, "`%s`\n\n", strings.Join(names, "`, `"))
	}
	list("Added", m.Added)
	list("Removed", m.Removed)
	var changed []string
	for _, c := range m.Changed {
		changed = append(changed, c.Name)
	}
	list("Changed", changed)
	if len(m.Steps) > 0 {
		b.WriteString("Guide steps in changed code (re-read them against the new release):\n\n")
		for _, s := range m.Steps {
			fmt.Fprintf(&b, "- %s\n", s)
		}
		b.WriteString("\n")
	}
	for _, c := range m.Changed {
		fmt.Fprintf(&b, "### %s\n\n```diff\n%s\n```\n\n", c.Name, strings.TrimRight(c.Unified, "\n"))
	}
	return b.String()
}
