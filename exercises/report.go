package exercises

import (
	"fmt"
	"strings"
)

// renderReport writes report.md: a header saying what ran where, the checks
// with measured and expected figures, then the exercise's own body.
func renderReport(env *Env, o *Outcome, res *Result) string {
	var b strings.Builder
	ex := o.Exercise
	mode := "quick"
	if !env.Quick {
		mode = "full"
	}
	fmt.Fprintf(&b, "# Exercise %d: %s\n\n", ex.Number, ex.Title)
	fmt.Fprintf(&b, "- verdict: **%s**\n- toolchain: `%s` (%s)\n", o.Status, env.GoVersion, env.Go)
	fmt.Fprintf(&b, "- machine: C = %d cores (runtime.NumCPU)\n- mode: %s\n", env.Cores, mode)
	fmt.Fprintf(&b, "- took: %.1fs\n\n", o.Elapsed.Seconds())
	if o.Err != nil {
		fmt.Fprintf(&b, "## Error\n\nThe exercise could not be carried out:\n\n```\n%v\n```\n\n", o.Err)
	}
	if len(o.Checks) > 0 {
		b.WriteString("## Checks\n\n")
		b.WriteString(checksTable(o.Checks))
		b.WriteString("\n")
	}
	if res.Report != "" {
		b.WriteString(strings.TrimSpace(res.Report))
		b.WriteString("\n")
	}
	for _, p := range res.Plots {
		fmt.Fprintf(&b, "\n![%s](%s)\n", p, p)
	}
	return b.String()
}

// checksTable renders checks as a Markdown table.
func checksTable(checks []Check) string {
	var b strings.Builder
	b.WriteString("| claim | verdict | measured | expected | note |\n|---|---|---|---|---|\n")
	for _, c := range checks {
		fmt.Fprintf(&b, "| %s | %s | %s | %s | %s |\n", c.Claim, c.Status, c.Measured,
			c.Expected, c.Reason)
	}
	return b.String()
}

// Summary renders the end-of-run table: one row per exercise with its
// verdict and, for a failure, the first failing figure against the expected.
func Summary(outcomes []*Outcome) string {
	var b strings.Builder
	b.WriteString("| # | exercise | verdict | time | detail |\n|---|---|---|---|---|\n")
	for _, o := range outcomes {
		fmt.Fprintf(&b, "| %d | %s | %s | %.1fs | %s |\n", o.Exercise.Number, o.Exercise.Name,
			o.Status, o.Elapsed.Seconds(), detail(o))
	}
	return b.String()
}

// detail is the one-line explanation of an outcome.
func detail(o *Outcome) string {
	if o.Err != nil {
		msg, _, _ := strings.Cut(o.Err.Error(), "\n")
		return "error: " + msg
	}
	var parts []string
	for _, c := range o.Checks {
		switch c.Status {
		case Fail:
			parts = append(parts, fmt.Sprintf("FAIL %s: %s (want %s) %s", c.Claim, c.Measured,
				c.Expected, c.Reason))
		case Skip:
			parts = append(parts, fmt.Sprintf("skip %s: %s", c.Claim, c.Reason))
		}
	}
	if len(parts) == 0 {
		return fmt.Sprintf("%d checks passed", len(o.Checks))
	}
	return strings.Join(parts, "; ")
}
