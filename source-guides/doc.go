// Package sourceguides walks readers through the Go scheduler's source, in
// whatever release they have, and compares that source between releases.
//
// # The model
//
// A Source is one release's tree, loaded for reading: the Go and assembly
// files of the runtime (and of any other package a guide names), as built
// for linux/amd64, each cut into functions. Load reads it with
// golang.org/x/tools/go/packages through the installed go command, syntax
// only: no type checking, because the installed go command cannot
// type-check another release's runtime (its compiler refuses that release's
// export data), while parsing works for any release or checkout. Loading
// the runtime parses about 4.5 MB of Go and takes a few hundred
// milliseconds; everything after that is cheap.
//
// A Guide is a file of the project's own (guides/*.txt, embedded in the
// package): an ordered set of Steps, each with an annotation and an Anchor.
// An Anchor is a function ("runtime.findRunnable"; "Recv.Name" for a
// method; the TEXT symbol of an assembly function such as
// "runtime.asyncPreempt") and a short literal fragment of code that must
// occur exactly once in that function. Anchors never name line numbers, so
// a guide follows its code as lines move between releases. The fragments
// are the only lines of Go's source a guide holds.
//
// Resolving a guide against a Source gives each step a Place: the file and
// line of the fragment in that release. A step whose function is missing,
// or whose fragment occurs there zero or several times, is stale; Check
// lists the stale steps of any set of guides with the guide file and line.
//
// A DiffResult compares one file's functions between two Sources: added,
// removed, changed (with a unified diff of the function) and moved (same
// text in another file or another position), and lists the guide steps
// that sit in changed code.
//
// # Using it
//
//	src, err := sourceguides.Load(goroot) // "runtime" by default
//	guides, err := sourceguides.List()    // the shipped guides
//	stale := sourceguides.Check(src, guides...)
//	err = sourceguides.Render(os.Stdout, src, guides[0], sourceguides.RenderOptions{})
//	d, err := sourceguides.Diff(old, src, "runtime/proc.go", guides...)
//	fmt.Println(d.Summary())
//
// DefaultGOROOT picks the tree the gopatched command reads when none is
// given: the patched toolchain's when built, else the pinned release's.
//
// # Guide files
//
// A guide file is "key: value" lines; a value continues on following lines
// indented with a tab or spaces, and a blank line inside it separates
// paragraphs. Lines starting with '#' are comments. Before the first step:
// title (required), exercises, about. Each "step: TITLE" line starts a step,
// which takes: func and code (the anchor, required), text (the annotation,
// required), lines (how many source lines to show, default 3), cost, lock
// and spinning (facts shown beside the code), and patched (how the
// gopatched patch changes this code; the step is then marked "touched by
// gopatched patch", and its fragment must be one the patch leaves alone).
//
// # Limits
//
// Files are chosen by the installed go command's build constraints for
// linux/amd64; a constraint newer than that go command could choose
// differently. Functions are matched by name within a file, so a renamed
// function shows as one removed and one added. HTML highlighting scans
// each line alone, so the inside of a multi-line comment is coloured as
// code.
package sourceguides
