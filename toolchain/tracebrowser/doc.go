// Package tracebrowser checks, in a real headless Chromium, that the
// patched `go tool trace` shows work steals in its per-P timeline.
//
// The package is its test: it records a steal-heavy trace with ./bin/go
// (exercise 8's program at GOMAXPROCS=4), serves it with
// `./bin/go tool trace` on localhost, opens the "View trace by proc" page,
// and reads the trace viewer's own model inside the page: every steal of
// the trace must be there as an instant event of category "work steal" on
// the thief's row, with a flow arrow from the victim's row. It saves a
// screenshot of the timeline zoomed to the first steals to
// out/browser/steals.png.
//
// It needs ./bin/go (make toolchain) and Chromium (apt-get install
// chromium; CHROMIUM names another binary) and fails, not skips, when
// either is missing. It is slow for a unit test (about 20 s) and skipped
// with -short.
package tracebrowser
