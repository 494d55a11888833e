package sourceguides

import (
	"fmt"
	"path"
	"strings"
)

// A Place is a step resolved against one Source: where its fragment sits,
// or why it could not be found.
type Place struct {
	// Guide is the guide the step belongs to.
	Guide *Guide
	// Step is the step, and Index its 0-based position in Guide.Steps.
	Step  *Step
	Index int
	// Func is the function holding the fragment; nil when stale.
	Func *Func
	// Line and EndLine are the 1-based lines of the fragment's first and
	// last byte in Func.File.
	Line, EndLine int
	// Stale, when not empty, says why the anchor did not resolve: no such
	// function, no match of the fragment, or more than one.
	Stale string
}

// Resolve finds every step of g in src. A step whose anchor does not
// resolve comes back with Stale set; the others with their place.
func Resolve(src *Source, g *Guide) []Place {
	out := make([]Place, len(g.Steps))
	for i, s := range g.Steps {
		out[i] = resolveStep(src, g, i, s)
	}
	return out
}

// resolveStep finds one step's fragment.
func resolveStep(src *Source, g *Guide, i int, s *Step) Place {
	pl := Place{Guide: g, Step: s, Index: i}
	pkg, name := s.Anchor.split()
	var fns []*Func
	for _, fn := range src.Funcs(name) {
		if path.Dir(fn.File.Path) == pkg {
			fns = append(fns, fn)
		}
	}
	if len(fns) == 0 {
		pl.Stale = fmt.Sprintf("no function %s in %s%s", name, pkg,
			suggestion(name, src.funcNames(pkg)))
		return pl
	}
	count := 0
	for _, fn := range fns {
		text := fn.Text()
		n := strings.Count(text, s.Anchor.Code)
		if n == 1 && count == 0 {
			off := fn.Start + strings.Index(text, s.Anchor.Code)
			pl.Func = fn
			pl.Line = fn.File.LineOf(off)
			pl.EndLine = fn.File.LineOf(off + len(s.Anchor.Code) - 1)
		}
		count += n
	}
	switch {
	case count == 0:
		pl.Func = nil
		pl.Stale = fmt.Sprintf("fragment %q not found in %s", s.Anchor.Code, s.Anchor.Func)
	case count > 1:
		pl.Func, pl.Line, pl.EndLine = nil, 0, 0
		pl.Stale = fmt.Sprintf("fragment %q occurs %d times in %s; make it longer",
			s.Anchor.Code, count, s.Anchor.Func)
	}
	return pl
}

// funcNames lists the names of the functions in package pkg.
func (s *Source) funcNames(pkg string) []string {
	var out []string
	for _, p := range s.Files() {
		if path.Dir(p) != pkg {
			continue
		}
		for _, fn := range s.files[p].Funcs {
			out = append(out, fn.Name)
		}
	}
	return out
}

// A StaleAnchor is a step whose anchor did not resolve in a release.
type StaleAnchor struct {
	// Guide is the guide's name and File the guide file it came from.
	Guide, File string
	// Line is the step's line in the guide file.
	Line int
	// Step is the 1-based step number and Of the guide's step count.
	Step, Of int
	// Title is the step's title and Reason why it is stale.
	Title, Reason string
}

func (s StaleAnchor) String() string {
	return fmt.Sprintf("%s:%d: guide %s step %d of %d (%s): %s",
		s.File, s.Line, s.Guide, s.Step, s.Of, s.Title, s.Reason)
}

// Check resolves every step of guides in src and returns the stale ones,
// in guide and step order; none means all resolve.
func Check(src *Source, guides ...*Guide) []StaleAnchor {
	var out []StaleAnchor
	for _, g := range guides {
		for _, pl := range Resolve(src, g) {
			if pl.Stale == "" {
				continue
			}
			out = append(out, StaleAnchor{
				Guide: g.Name, File: g.File, Line: pl.Step.Line,
				Step: pl.Index + 1, Of: len(g.Steps),
				Title: pl.Step.Title, Reason: pl.Stale,
			})
		}
	}
	return out
}
