package sourceguides

import (
	"sort"
	"strings"
)

// closest returns up to max names nearest to name: those containing it
// (case-insensitively), then those within an edit distance of a third of
// name's length, nearest first, and none more than one edit further than
// the nearest.
func closest(name string, names []string, max int) []string {
	type cand struct {
		name string
		dist int
	}
	low := strings.ToLower(name)
	limit := len(name)/3 + 1
	var cands []cand
	seen := map[string]bool{}
	for _, n := range names {
		if seen[n] {
			continue
		}
		seen[n] = true
		ln := strings.ToLower(n)
		d := editDistance(low, ln)
		if strings.Contains(ln, low) || strings.Contains(low, ln) {
			d = 0
		}
		if d <= limit {
			cands = append(cands, cand{n, d})
		}
	}
	sort.SliceStable(cands, func(i, j int) bool {
		if cands[i].dist != cands[j].dist {
			return cands[i].dist < cands[j].dist
		}
		return cands[i].name < cands[j].name
	})
	var out []string
	for _, c := range cands {
		if len(out) == max || c.dist > cands[0].dist+1 {
			break
		}
		out = append(out, c.name)
	}
	return out
}

// editDistance is the Levenshtein distance between a and b, in bytes.
func editDistance(a, b string) int {
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
