package exercises

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

// GuideRun is a source guide resolved against one release, in the plain
// form the source exercises judge and report.
type GuideRun struct {
	// Guide is the guide's name and Release the release it was resolved in.
	Guide, Release string
	Steps          []GuideStep
}

// GuideStep is one step of a resolved guide.
type GuideStep struct {
	Title string
	// Func and Code are the step's anchor.
	Func, Code string
	// Cost, Lock and Spinning are the facts the guide states, if any.
	Cost, Lock, Spinning string
	// File and Line are where the fragment sits; Stale says why it could
	// not be found (and then File and Line are empty).
	File  string
	Line  int
	Stale string
}

// ResolveGuide resolves g in src.
func ResolveGuide(src *sourceguides.Source, g *sourceguides.Guide) GuideRun {
	run := GuideRun{Guide: g.Name, Release: src.Release}
	for _, pl := range sourceguides.Resolve(src, g) {
		s := GuideStep{Title: pl.Step.Title, Func: pl.Step.Anchor.Func,
			Code: pl.Step.Anchor.Code, Cost: pl.Step.Cost, Lock: pl.Step.Lock,
			Spinning: pl.Step.Spinning, Line: pl.Line, Stale: pl.Stale}
		if pl.Func != nil {
			s.File = pl.Func.File.Path
		}
		run.Steps = append(run.Steps, s)
	}
	return run
}

// A Topic is something an exercise's spec says a guide must cover: a step
// covers it when the step's anchor (function and fragment) contains any of
// the words.
type Topic struct {
	Name  string
	Words []string
}

// covers reports whether step s is about topic t.
func (t Topic) covers(s GuideStep) bool {
	anchor := s.Func + " " + s.Code
	for _, w := range t.Words {
		if strings.Contains(anchor, w) {
			return true
		}
	}
	return false
}

// guideChecks judges the claims every source exercise makes of its guide:
// every anchor resolves in the release, the guide has at least minSteps
// steps, and each topic of the spec has a step that resolves.
func guideChecks(run GuideRun, minSteps int, topics []Topic) []Check {
	var stale []string
	for i, s := range run.Steps {
		if s.Stale != "" {
			stale = append(stale, fmt.Sprintf("step %d (%s): %s", i+1, s.Title, s.Stale))
		}
	}
	measured := fmt.Sprintf("%d stale of %d", len(stale), len(run.Steps))
	if len(stale) > 0 {
		measured += ": " + strings.Join(stale, "; ")
	}
	checks := []Check{
		Holds(fmt.Sprintf("every anchor of guide %q resolves in %s", run.Guide, run.Release),
			len(stale) == 0 && len(run.Steps) > 0, measured, "0 stale"),
		AtLeast("steps in the guide", float64(len(run.Steps)), float64(minSteps)),
	}
	if len(topics) == 0 {
		return checks
	}
	var missing []string
	for _, t := range topics {
		found := false
		for _, s := range run.Steps {
			found = found || (s.Stale == "" && t.covers(s))
		}
		if !found {
			missing = append(missing, t.Name)
		}
	}
	measured = fmt.Sprintf("%d of %d", len(topics)-len(missing), len(topics))
	if len(missing) > 0 {
		measured += "; missing: " + strings.Join(missing, ", ")
	}
	return append(checks, Holds("the spec's topics each have a resolved step",
		len(missing) == 0, measured, fmt.Sprintf("%d of %d", len(topics), len(topics))))
}

// guideTable renders the steps in order with where each sits and its facts.
func guideTable(run GuideRun) string {
	var b strings.Builder
	b.WriteString("| # | step | where | cost | lock | spinning Ms |\n|---|---|---|---|---|---|\n")
	for i, s := range run.Steps {
		where := fmt.Sprintf("`%s:%d` (%s)", path.Base(s.File), s.Line, shortFunc(s.Func))
		if s.Stale != "" {
			where = "**stale**: " + s.Stale
		}
		fmt.Fprintf(&b, "| %d | %s | %s | %s | %s | %s |\n", i+1, s.Title, where,
			orDash(s.Cost), orDash(s.Lock), orDash(s.Spinning))
	}
	return b.String()
}

// shortFunc drops the package path from "runtime.findRunnable".
func shortFunc(f string) string {
	return f[strings.LastIndex(f, ".")+1:]
}

func orDash(s string) string {
	if s == "" {
		return "—"
	}
	return strings.ReplaceAll(s, "|", "\\|")
}

// writeGuideHandouts renders guide g against src as Markdown and HTML into
// the exercise folder and returns the file names.
func writeGuideHandouts(env *Env, src *sourceguides.Source, g *sourceguides.Guide) ([]string, error) {
	var files []string
	for _, f := range []struct {
		ext    string
		format sourceguides.Format
	}{{"md", sourceguides.Markdown}, {"html", sourceguides.HTML}} {
		var buf bytes.Buffer
		if err := sourceguides.Render(&buf, src, g, sourceguides.RenderOptions{Format: f.format}); err != nil {
			return nil, fmt.Errorf("rendering guide %s: %w", g.Name, err)
		}
		name := fmt.Sprintf("guide-%s.%s", g.Name, f.ext)
		if err := env.WriteFile(name, buf.Bytes()); err != nil {
			return nil, err
		}
		files = append(files, name)
	}
	return files, nil
}

// runGuideExercise carries out a source exercise: it resolves the named
// guide on the pinned release, writes the guide's handouts into the
// exercise folder, and judges and reports the resolved steps.
func runGuideExercise(env *Env, guide string, check func(GuideRun) []Check,
	report func(run GuideRun, goroot string, files []string) string) (*Result, error) {
	src, err := loadPinned()
	if err != nil {
		return nil, err
	}
	g, err := sourceguides.Lookup(guide)
	if err != nil {
		return nil, err
	}
	run := ResolveGuide(src, g)
	files, err := writeGuideHandouts(env, src, g)
	if err != nil {
		return nil, err
	}
	return &Result{Checks: check(run), Report: report(run, src.GOROOT, files)}, nil
}
