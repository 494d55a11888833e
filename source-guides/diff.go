package sourceguides

import (
	"fmt"
	"path"
	"strings"

	"github.com/aymanbagabas/go-udiff"
)

// A DiffResult compares one file's functions between two releases.
type DiffResult struct {
	// From and To are the releases compared, File the path below
	// GOROOT/src ("runtime/proc.go").
	From, To *Source
	File     string
	// Added lists functions only in To's file; Removed those only in
	// From's. A function that went to, or came from, another file of the
	// package is Moved, not added or removed.
	Added, Removed []FuncRef
	// Changed lists functions whose text differs, with their diffs.
	Changed []FuncChange
	// Moved lists functions with identical text that changed place: to or
	// from another file, or to another position among the file's
	// functions. Lines that merely shift because code above them changed
	// do not count as a move.
	Moved []FuncMove
	// Same lists functions identical and in the same order, with the
	// lines where they start in each release.
	Same []FuncMove
	// Steps lists the guide steps anchored in changed or removed
	// functions of this file.
	Steps []StepInChange

	narrowed bool // made by Only: list Same functions in the output
}

// A FuncRef names a function and where it starts.
type FuncRef struct {
	Name string
	File string
	Line int
}

// A FuncChange is a function whose text differs between the releases.
type FuncChange struct {
	Name string
	// FromLine and ToLine are where the function starts in each release.
	FromLine, ToLine int
	// FromFile is set when the function also moved in from another file.
	FromFile string
	// Hunks is the line diff of the function's text, with 3 lines of
	// context, numbered by file line in each release.
	Hunks []Hunk
	// Unified is the same diff in unified form.
	Unified string
}

// A Hunk is one run of changed lines with its context.
type Hunk struct {
	// FromLine and ToLine are the file lines where the hunk starts;
	// FromCount and ToCount how many lines it covers on each side.
	FromLine, FromCount, ToLine, ToCount int
	Lines                                []DiffLine
}

// A DiffLine is one line of a hunk: Op is ' ' for context, '-' for a line
// only in From, '+' for a line only in To.
type DiffLine struct {
	Op   byte
	Text string
}

// A FuncMove is a function whose text is unchanged but whose place is not.
type FuncMove struct {
	Name             string
	FromFile, ToFile string
	FromLine, ToLine int
}

// A StepInChange is a guide step whose function changed (or vanished)
// between the releases.
type StepInChange struct {
	Guide    string
	Step, Of int
	Title    string
	Func     string
	// AnchorChanged reports that a line of the step's fragment in To is
	// itself an added or changed line; Removed that the function is gone.
	AnchorChanged, Removed bool
}

// Diff compares the functions of file (below GOROOT/src, e.g.
// "runtime/proc.go") between two loaded releases, and lists the steps of
// guides that sit in changed code. Both sources must have loaded the
// file's package. Function text is compared without doc comments;
// functions are matched by name ("Recv.Name" for methods, and init
// functions by their order).
func Diff(from, to *Source, file string, guides ...*Guide) (*DiffResult, error) {
	ff, tf := from.File(file), to.File(file)
	if ff == nil && tf == nil {
		return nil, fmt.Errorf("no file %s in %s or %s%s", file, from.Release, to.Release,
			suggestion(file, append(from.Files(), to.Files()...)))
	}
	r := &DiffResult{From: from, To: to, File: file}
	fromFuncs, fromOrder := funcIndex(ff)
	toFuncs, toOrder := funcIndex(tf)
	pkg := path.Dir(file)

	// Functions only in To: added, or moved in from another file.
	for _, name := range toOrder {
		if _, ok := fromFuncs[name]; ok {
			continue
		}
		fn := toFuncs[name]
		if old := otherFile(from, pkg, file, name); old != nil {
			if old.Text() == fn.Text() {
				r.Moved = append(r.Moved, FuncMove{name, old.File.Path, file, old.Line(), fn.Line()})
			} else {
				r.Changed = append(r.Changed, changeOf(name, old, fn))
			}
			continue
		}
		r.Added = append(r.Added, FuncRef{name, file, fn.Line()})
	}
	// Functions only in From: removed, or moved out to another file.
	for _, name := range fromOrder {
		if _, ok := toFuncs[name]; ok {
			continue
		}
		fn := fromFuncs[name]
		if now := otherFile(to, pkg, file, name); now != nil {
			if now.Text() == fn.Text() {
				r.Moved = append(r.Moved, FuncMove{name, file, now.File.Path, fn.Line(), now.Line()})
			} else {
				c := changeOf(name, fn, now)
				c.FromFile = file
				r.Changed = append(r.Changed, c)
			}
			continue
		}
		r.Removed = append(r.Removed, FuncRef{name, file, fn.Line()})
	}
	// Functions in both: changed, reordered or unchanged.
	inOrder := commonOrder(fromOrder, toOrder, toFuncs, fromFuncs)
	for _, name := range toOrder {
		old, ok := fromFuncs[name]
		if !ok {
			continue
		}
		fn := toFuncs[name]
		switch {
		case old.Text() != fn.Text():
			r.Changed = append(r.Changed, changeOf(name, old, fn))
		case !inOrder[name]:
			r.Moved = append(r.Moved, FuncMove{name, file, file, old.Line(), fn.Line()})
		default:
			r.Same = append(r.Same, FuncMove{name, file, file, old.Line(), fn.Line()})
		}
	}
	r.Steps = stepsInChange(r, guides)
	return r, nil
}

// funcIndex maps a file's functions by name, numbering repeated names
// (init) as "init#2", "init#3", and returns the names in file order.
func funcIndex(f *File) (map[string]*Func, []string) {
	m := map[string]*Func{}
	var order []string
	if f == nil {
		return m, nil
	}
	for _, fn := range f.Funcs {
		name := fn.Name
		for i := 2; m[name] != nil; i++ {
			name = fmt.Sprintf("%s#%d", fn.Name, i)
		}
		m[name] = fn
		order = append(order, name)
	}
	return m, order
}

// otherFile returns the function called name in another file of package
// pkg of src, or nil.
func otherFile(src *Source, pkg, file, name string) *Func {
	for _, fn := range src.Funcs(name) {
		if fn.File.Path != file && path.Dir(fn.File.Path) == pkg {
			return fn
		}
	}
	return nil
}

// commonOrder finds the largest set of functions present in both files
// that keep their relative order (a longest common subsequence of the two
// name sequences) and reports membership. Functions outside it were
// reordered.
func commonOrder(a, b []string, inB, inA map[string]*Func) map[string]bool {
	var x, y []string
	for _, n := range a {
		if inB[n] != nil {
			x = append(x, n)
		}
	}
	for _, n := range b {
		if inA[n] != nil {
			y = append(y, n)
		}
	}
	// Classic dynamic programme; proc.go has a few hundred functions.
	l := make([][]int32, len(x)+1)
	for i := range l {
		l[i] = make([]int32, len(y)+1)
	}
	for i := len(x) - 1; i >= 0; i-- {
		for j := len(y) - 1; j >= 0; j-- {
			if x[i] == y[j] {
				l[i][j] = l[i+1][j+1] + 1
			} else {
				l[i][j] = max(l[i+1][j], l[i][j+1])
			}
		}
	}
	keep := map[string]bool{}
	for i, j := 0, 0; i < len(x) && j < len(y); {
		switch {
		case x[i] == y[j]:
			keep[x[i]] = true
			i++
			j++
		case l[i+1][j] >= l[i][j+1]:
			i++
		default:
			j++
		}
	}
	return keep
}

// changeOf diffs two versions of a function.
func changeOf(name string, old, fn *Func) FuncChange {
	c := FuncChange{Name: name, FromLine: old.Line(), ToLine: fn.Line()}
	if old.File.Path != fn.File.Path {
		c.FromFile = old.File.Path
	}
	before, after := old.Text()+"\n", fn.Text()+"\n"
	edits := udiff.Lines(before, after)
	u, err := udiff.ToUnifiedDiff(old.File.Path, fn.File.Path, before, edits, 3)
	if err != nil {
		// The edits come from udiff itself and always apply; keep the
		// function listed as changed without hunks if they ever do not.
		return c
	}
	for _, h := range u.Hunks {
		hk := Hunk{FromLine: old.Line() + h.FromLine - 1, ToLine: fn.Line() + h.ToLine - 1}
		for _, l := range h.Lines {
			op := byte(' ')
			switch l.Kind {
			case udiff.Delete:
				op = '-'
				hk.FromCount++
			case udiff.Insert:
				op = '+'
				hk.ToCount++
			default:
				hk.FromCount++
				hk.ToCount++
			}
			hk.Lines = append(hk.Lines, DiffLine{op, strings.TrimSuffix(l.Content, "\n")})
		}
		c.Hunks = append(c.Hunks, hk)
	}
	c.Unified = unifiedText(old, fn, c.Hunks)
	return c
}

// unifiedText formats hunks as a unified diff with file line numbers.
func unifiedText(old, fn *Func, hunks []Hunk) string {
	var b strings.Builder
	fmt.Fprintf(&b, "--- %s (%s)\n+++ %s (%s)\n", old.File.Path, old.Name, fn.File.Path, fn.Name)
	for _, h := range hunks {
		fmt.Fprintf(&b, "@@ -%d,%d +%d,%d @@\n", h.FromLine, h.FromCount, h.ToLine, h.ToCount)
		for _, l := range h.Lines {
			b.WriteByte(l.Op)
			b.WriteString(l.Text)
			b.WriteByte('\n')
		}
	}
	return b.String()
}

// addedLines returns the To-side file lines a change adds or alters.
func (c *FuncChange) addedLines() map[int]bool {
	out := map[int]bool{}
	for _, h := range c.Hunks {
		n := h.ToLine
		for _, l := range h.Lines {
			switch l.Op {
			case '+':
				out[n] = true
				n++
			case ' ':
				n++
			}
		}
	}
	return out
}

// stepsInChange lists the guide steps anchored in changed or removed
// functions of the compared file.
func stepsInChange(r *DiffResult, guides []*Guide) []StepInChange {
	changed := map[string]*FuncChange{}
	for i := range r.Changed {
		changed[r.Changed[i].Name] = &r.Changed[i]
	}
	removed := map[string]bool{}
	for _, f := range r.Removed {
		removed[f.Name] = true
	}
	pkg := path.Dir(r.File)
	var out []StepInChange
	for _, g := range guides {
		for i, s := range g.Steps {
			if s.Anchor.Package() != pkg {
				continue
			}
			name := s.Anchor.Name()
			sc := StepInChange{Guide: g.Name, Step: i + 1, Of: len(g.Steps), Title: s.Title, Func: name}
			switch {
			case removed[name]:
				sc.Removed = true
			case changed[name] != nil:
				pl := resolveStep(r.To, g, i, s)
				if pl.Func != nil && pl.Func.File.Path == r.File {
					lines := changed[name].addedLines()
					for n := pl.Line; n <= pl.EndLine; n++ {
						sc.AnchorChanged = sc.AnchorChanged || lines[n]
					}
				}
			default:
				continue
			}
			out = append(out, sc)
		}
	}
	return out
}

// Only returns a copy of r narrowed to the function called name; an
// unknown name is an error that suggests the closest names.
func (r *DiffResult) Only(name string) (*DiffResult, error) {
	n := *r
	n.narrowed = true
	n.Added = named(r.Added, name, func(f FuncRef) string { return f.Name })
	n.Removed = named(r.Removed, name, func(f FuncRef) string { return f.Name })
	n.Changed = named(r.Changed, name, func(c FuncChange) string { return c.Name })
	n.Moved = named(r.Moved, name, func(m FuncMove) string { return m.Name })
	n.Same = named(r.Same, name, func(m FuncMove) string { return m.Name })
	n.Steps = named(r.Steps, name, func(s StepInChange) string { return s.Func })
	found := len(n.Added)+len(n.Removed)+len(n.Changed)+len(n.Moved)+len(n.Same) > 0
	if !found {
		return nil, fmt.Errorf("no function %s in %s of %s or %s%s", name, r.File,
			r.From.Release, r.To.Release, suggestion(name, r.names()))
	}
	return &n, nil
}

// names lists every function name of the compared file in either release,
// once each.
func (r *DiffResult) names() []string {
	seen := map[string]bool{}
	var out []string
	for _, src := range []*Source{r.From, r.To} {
		if f := src.File(r.File); f != nil {
			for _, fn := range f.Funcs {
				if !seen[fn.Name] {
					seen[fn.Name] = true
					out = append(out, fn.Name)
				}
			}
		}
	}
	return out
}

// named returns the elements of xs whose name, as nameOf gives it, is name.
func named[T any](xs []T, name string, nameOf func(T) string) []T {
	var out []T
	for _, x := range xs {
		if nameOf(x) == name {
			out = append(out, x)
		}
	}
	return out
}
