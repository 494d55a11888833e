// Command treetest compares two runs of the Go tree's own tests, one by the
// patched toolchain and one by the stock release it was patched from, and
// prints them side by side, one row per package.
//
// Usage:
//
//	treetest [-stock NAME] [-patched NAME] STOCK.json PATCHED.json
//
// Each file is the output of `go test -json` (test2json events). A row says
// ok, FAIL with the failing tests, or "-" when the package did not run on
// that side. Below the table, every test that fails on both sides is listed
// with the first lines of its failure on stock, so a reader sees why the
// failure is not the patches' doing.
//
// The exit status is 1 when the patched run has a failure that the stock
// run does not (a failing test, or a package that failed without naming a
// test, such as a build failure, panic or time-out), 2 on bad input, and 0
// otherwise.
package main
