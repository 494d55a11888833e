package exercises

import (
	"testing"

	"github.com/google/go-cmp/cmp"

	sourceguides "github.com/gopatched/gopatched/source-guides"
)

func TestCheck17(t *testing.T) {
	cases := []struct {
		name string
		m    measure17
		want []Check
	}{
		{"pass", measure17{From: "go1.26.8", To: "go1.27.3", Changed: []change17{
			{Name: "mPark", Hunks: 0},
			{Name: "schedinit", Hunks: 2, Unified: "@@ -1 +1 @@\n-a\n+b\n"},
		}}, []Check{
			{Claim: "the two trees are different releases", Status: Pass,
				Measured: "go1.26.8 -> go1.27.3", Expected: "two different releases"},
			{Claim: "changed functions reported with a hunk", Status: Pass, Measured: "1", Expected: "≥ 1"},
		}},
		{"fail: the same release, a change without its hunk", measure17{From: "go1.27.3",
			To: "go1.27.3", Changed: []change17{{Name: "main", Hunks: 1}}}, []Check{
			{Claim: "the two trees are different releases", Status: Fail,
				Measured: "go1.27.3 -> go1.27.3", Expected: "two different releases"},
			{Claim: "changed functions reported with a hunk", Status: Fail, Measured: "0", Expected: "≥ 1"},
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if diff := cmp.Diff(tc.want, check17(tc.m)); diff != "" {
				t.Errorf("checks (-want +got):\n%s", diff)
			}
		})
	}
}

// TestDiffPinnedAgainstItself runs the real release diff of the pinned
// release against itself: nothing changed, so exercise 17 fails on both
// claims.
func TestDiffPinnedAgainstItself(t *testing.T) {
	src := pinned(t)
	d, err := sourceguides.Diff(src, src, diffFile17)
	if err != nil {
		t.Fatal(err)
	}
	m := measureDiff(d)
	if len(m.Added)+len(m.Removed)+len(m.Changed) != 0 {
		t.Errorf("diff of a tree against itself: added %v, removed %v, changed %d",
			m.Added, m.Removed, len(m.Changed))
	}
	want := []Status{Fail, Fail}
	if diff := cmp.Diff(want, verdicts(check17(m))); diff != "" {
		t.Errorf("verdicts (-want +got):\n%s", diff)
	}
}
