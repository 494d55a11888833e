// Package tracebrowser checks, in a real headless Chromium, that the
// patched `go tool trace` shows work steals in its per-P timeline.
//
// The package is its test: it records a steal-heavy trace with ./bin/go
// (exercise 8's program at GOMAXPROCS=4), serves it with
// `./bin/go tool trace` on localhost, opens the "View trace by proc" page,
// and reads the trace viewer's own model inside the page: every steal of
// the trace must be there as an instant event of category "work steal" on
// the thief's row, with a flow arrow from the victim's row. It saves a
// screenshot to out/browser/steals.png: the timeline zoomed to 0.2 ms
// around the first steal, with the steal selected so that the panel below
// the timeline shows its details and its incoming arrow.
//
// A steal's arrow starts and ends at the same time, so the viewer draws it
// as a vertical line from the victim's row to the thief's. The viewer draws
// arrows only for the categories picked under "Flow events"; the steal
// arrows have no category of their own (go tool trace gives arrows none),
// so turning them on also shows the tool's other arrows.
//
// It needs ./bin/go (make toolchain) and Chromium (apt-get install
// chromium; CHROMIUM names another binary) and fails, not skips, when
// either is missing. It takes about 15 s and is skipped with -short.
package tracebrowser
