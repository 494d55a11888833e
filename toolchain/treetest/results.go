package main

import (
	"bufio"
	"encoding/json"
	"fmt"
	"io"
	"sort"
	"strings"
)

// reasonLines is how many lines of a failure's output a reason keeps.
const reasonLines = 4

// pkgResult is the outcome of one package's tests in one run.
type pkgResult struct {
	// Status is "ok", "FAIL" or "skip" (test2json's word for a package
	// without test files).
	Status string
	// Failed names the failing tests, leaves only: a test whose subtest
	// failed is represented by the subtest. A package that failed without
	// a failing test (build failure, panic, time-out) has none.
	Failed []string
	// Reasons holds, per failing test, the first lines of its output; the
	// key "" holds the package's own output when it failed without one.
	Reasons map[string]string
}

// event is the part of a test2json event that treetest reads.
type event struct {
	Action  string
	Package string
	Test    string
	Output  string
}

// readResults reads a `go test -json` stream into one result per package.
func readResults(r io.Reader) (map[string]*pkgResult, error) {
	results := map[string]*pkgResult{}
	output := map[[2]string][]string{} // package, test -> output lines
	failed := map[string]map[string]bool{}
	sc := bufio.NewScanner(r)
	sc.Buffer(make([]byte, 1<<20), 16<<20)
	for line := 1; sc.Scan(); line++ {
		text := sc.Bytes()
		if len(text) == 0 || text[0] != '{' {
			// go test prints build errors and the like outside the JSON.
			continue
		}
		var ev event
		if err := json.Unmarshal(text, &ev); err != nil {
			return nil, fmt.Errorf("line %d is not a test2json event: %w", line, err)
		}
		if ev.Package == "" {
			continue
		}
		key := [2]string{ev.Package, ev.Test}
		switch ev.Action {
		case "output":
			output[key] = append(output[key], strings.TrimRight(ev.Output, "\n"))
		case "fail":
			if ev.Test != "" {
				if failed[ev.Package] == nil {
					failed[ev.Package] = map[string]bool{}
				}
				failed[ev.Package][ev.Test] = true
				continue
			}
			results[ev.Package] = &pkgResult{Status: "FAIL"}
		case "pass", "skip":
			if ev.Test == "" {
				status := "ok"
				if ev.Action == "skip" {
					status = "skip"
				}
				results[ev.Package] = &pkgResult{Status: status}
			}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading test2json events: %w", err)
	}

	// Keep the leaves of the failing tests, each with its reason.
	for pkg, res := range results {
		res.Reasons = map[string]string{}
		for name := range failed[pkg] {
			if hasFailedChild(failed[pkg], name) {
				continue
			}
			res.Failed = append(res.Failed, name)
			res.Reasons[name] = reason(output[[2]string{pkg, name}])
		}
		sort.Strings(res.Failed)
		if res.Status == "FAIL" && len(res.Failed) == 0 {
			res.Reasons[""] = reason(output[[2]string{pkg, ""}])
		}
	}
	return results, nil
}

// hasFailedChild reports whether a subtest of name failed too.
func hasFailedChild(failed map[string]bool, name string) bool {
	for other := range failed {
		if strings.HasPrefix(other, name+"/") {
			return true
		}
	}
	return false
}

// reason keeps the first lines of a failure's output that say something:
// the run/pause/continue markers and the closing FAIL lines are dropped.
func reason(lines []string) string {
	var kept []string
	for _, l := range lines {
		t := strings.TrimSpace(l)
		switch {
		case t == "", strings.HasPrefix(t, "=== "), strings.HasPrefix(t, "--- FAIL"),
			t == "FAIL", strings.HasPrefix(t, "FAIL\t"):
			continue
		}
		kept = append(kept, t)
		if len(kept) == reasonLines {
			break
		}
	}
	return strings.Join(kept, " / ")
}
