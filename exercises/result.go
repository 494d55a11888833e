package exercises

import "fmt"

// Status is the verdict of one check or one exercise.
type Status string

// The three verdicts.
const (
	Pass Status = "pass"
	Fail Status = "fail"
	Skip Status = "skip"
)

// A Check is one claim of an exercise, judged.
type Check struct {
	// Claim states what is checked, e.g. "speedup at P=2 / capacity".
	Claim    string `json:"claim"`
	Status   Status `json:"status"`
	Measured string `json:"measured"`
	Expected string `json:"expected"`
	// Reason explains a skip or a failure that is not a number.
	Reason string `json:"reason,omitempty"`
}

// Result is what an exercise's Run returns.
type Result struct {
	Checks []Check
	// Report is the body of report.md in Markdown: the measured tables and
	// the explanations the exercise asks for.
	Report string
	// Plots lists image files written into the exercise folder.
	Plots []string
}

// Verdict folds the checks into one status: fail if any failed, skip if
// every check skipped, pass otherwise (including when some skipped).
func Verdict(checks []Check) Status {
	if len(checks) == 0 {
		return Fail
	}
	skipped := 0
	for _, c := range checks {
		switch c.Status {
		case Fail:
			return Fail
		case Skip:
			skipped++
		}
	}
	if skipped == len(checks) {
		return Skip
	}
	return Pass
}

func status(ok bool) Status {
	if ok {
		return Pass
	}
	return Fail
}

// AtMost checks measured <= limit.
func AtMost(claim string, measured, limit float64) Check {
	return Check{Claim: claim, Status: status(measured <= limit),
		Measured: fmtNum(measured), Expected: "≤ " + fmtNum(limit)}
}

// AtLeast checks measured >= limit.
func AtLeast(claim string, measured, limit float64) Check {
	return Check{Claim: claim, Status: status(measured >= limit),
		Measured: fmtNum(measured), Expected: "≥ " + fmtNum(limit)}
}

// Between checks lo <= measured <= hi.
func Between(claim string, measured, lo, hi float64) Check {
	return Check{Claim: claim, Status: status(lo <= measured && measured <= hi),
		Measured: fmtNum(measured), Expected: fmt.Sprintf("%s .. %s", fmtNum(lo), fmtNum(hi))}
}

// Equal checks that measured and expected render the same.
func Equal[T comparable](claim string, measured, expected T) Check {
	return Check{Claim: claim, Status: status(measured == expected),
		Measured: fmt.Sprint(measured), Expected: fmt.Sprint(expected)}
}

// Holds records a yes/no claim with the figures that decided it.
func Holds(claim string, ok bool, measured, expected string) Check {
	return Check{Claim: claim, Status: status(ok), Measured: measured, Expected: expected}
}

// SkipCheck records a claim that cannot be judged on this machine.
func SkipCheck(claim, reason string) Check {
	return Check{Claim: claim, Status: Skip, Reason: reason}
}

// fmtNum renders a figure with three significant digits.
func fmtNum(v float64) string {
	return fmt.Sprintf("%.3g", v)
}
