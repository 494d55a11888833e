package schedtrace

import (
	"fmt"
	"strconv"
	"strings"
)

// parseSched parses a SCHED line in either mode.
func parseSched(n int, line string) (Sched, error) {
	s := Sched{Line: n}

	// Read the clock: "SCHED 1004ms: ".
	head, rest, ok := strings.Cut(strings.TrimPrefix(line, "SCHED "), "ms: ")
	if !ok {
		return s, fmt.Errorf("SCHED line without \"ms: \" after the time")
	}
	ms, err := strconv.ParseInt(head, 10, 64)
	if err != nil {
		return s, fmt.Errorf("SCHED time %q: %w", head, err)
	}
	s.TimeMs = ms

	// The counters common to both modes. In detail mode they are followed by
	// " gcwaiting=", in summary mode by the " [" of the run queue bracket.
	s.Detailed = strings.Contains(rest, " gcwaiting=")
	stop := " ["
	if s.Detailed {
		stop = " gcwaiting="
	}
	vals, tail, err := cutFields(rest, schedKeys, stop)
	if err != nil {
		return s, fmt.Errorf("SCHED line: %w", err)
	}
	f := fieldReader{vals: vals}
	s.GOMAXPROCS = f.int("gomaxprocs")
	s.IdleProcs = f.int("idleprocs")
	s.Threads = f.int("threads")
	s.SpinningThreads = f.int("spinningthreads")
	s.NeedSpinning = f.int("needspinning")
	s.IdleThreads = f.int("idlethreads")
	s.RunQueue = f.int("runqueue")
	if f.err != nil {
		return s, fmt.Errorf("SCHED line: %w", f.err)
	}

	if s.Detailed {
		return s, parseSchedDetail(&s, strings.TrimPrefix(tail, " "))
	}
	return s, parseSchedBrackets(&s, tail)
}

// parseSchedDetail reads the four fields only detail mode prints.
func parseSchedDetail(s *Sched, tail string) error {
	vals, _, err := cutFields(tail, schedDetailKeys, "")
	if err != nil {
		return fmt.Errorf("SCHED detail fields: %w", err)
	}
	f := fieldReader{vals: vals}
	s.GCWaiting = f.bool("gcwaiting")
	s.NMIdleLocked = f.int("nmidlelocked")
	s.StopWait = f.int("stopwait")
	s.SysmonWait = f.bool("sysmonwait")
	if f.err != nil {
		return fmt.Errorf("SCHED detail fields: %w", f.err)
	}
	return nil
}

// parseSchedBrackets reads " [ 0 3 1 0 ] schedticks=[ 5 9 2 7 ]".
func parseSchedBrackets(s *Sched, tail string) error {
	queues, rest, err := bracket(tail)
	if err != nil {
		return fmt.Errorf("SCHED local run queues: %w", err)
	}
	for _, q := range queues {
		v, err := strconv.Atoi(q)
		if err != nil {
			return fmt.Errorf("SCHED local run queue %q: %w", q, err)
		}
		s.LocalRunQueues = append(s.LocalRunQueues, v)
	}
	rest = strings.TrimSpace(rest)
	if rest == "" {
		return nil // releases before go1.26 print no schedticks
	}
	ticks, rest, err := bracket(strings.TrimPrefix(rest, "schedticks="))
	if err != nil {
		return fmt.Errorf("SCHED schedticks: %w", err)
	}
	if strings.TrimSpace(rest) != "" {
		return fmt.Errorf("SCHED line: unexpected text %q after schedticks", clip(rest))
	}
	for _, tk := range ticks {
		v, err := strconv.ParseUint(tk, 10, 64)
		if err != nil {
			return fmt.Errorf("SCHED schedtick %q: %w", tk, err)
		}
		s.SchedTicks = append(s.SchedTicks, v)
	}
	return nil
}

// bracket splits "[ a b c ]rest" (leading spaces allowed) into its words and
// the rest.
func bracket(text string) (words []string, rest string, err error) {
	text = strings.TrimLeft(text, " ")
	if !strings.HasPrefix(text, "[") {
		return nil, "", fmt.Errorf("expected \"[\" at %q", clip(text))
	}
	inside, rest, ok := strings.Cut(text[1:], "]")
	if !ok {
		return nil, "", fmt.Errorf("no closing \"]\"")
	}
	return strings.Fields(inside), rest, nil
}

// parseP parses the part of a P line after "  P<id>: ".
func parseP(n, id int, text string) (P, error) {
	vals, _, err := cutFields(text, pKeys, "")
	if err != nil {
		return P{}, fmt.Errorf("P%d line: %w", id, err)
	}
	f := fieldReader{vals: vals}
	p := P{
		Line:        n,
		ID:          id,
		Status:      f.int("status"),
		SchedTick:   f.uint64("schedtick"),
		SyscallTick: f.uint64("syscalltick"),
		M:           int(f.ref("m")),
		RunqSize:    f.int("runqsize"),
		GFreeCnt:    f.int("gfreecnt"),
		TimersLen:   f.int("timerslen"),
	}
	if f.err != nil {
		return P{}, fmt.Errorf("P%d line: %w", id, f.err)
	}
	return p, nil
}

// parseM parses the part of an M line after "  M<id>: ".
func parseM(n, id int, text string) (M, error) {
	vals, _, err := cutFields(text, mKeys, "")
	if err != nil {
		return M{}, fmt.Errorf("M%d line: %w", id, err)
	}
	f := fieldReader{vals: vals}
	m := M{
		Line:       n,
		ID:         id,
		P:          int(f.ref("p")),
		CurG:       f.ref("curg"),
		Mallocing:  f.int("mallocing"),
		Throwing:   f.int("throwing"),
		PreemptOff: vals["preemptoff"],
		Locks:      f.int("locks"),
		Dying:      f.int("dying"),
		Spinning:   f.bool("spinning"),
		Blocked:    f.bool("blocked"),
		LockedG:    f.ref("lockedg"),
	}
	if f.err != nil {
		return M{}, fmt.Errorf("M%d line: %w", id, f.err)
	}
	return m, nil
}

// parseG parses the part of a G line after "  G<id>: ". The status field is
// "N(wait reason)", where the reason may itself hold spaces and parentheses.
func parseG(n int, id int64, text string) (G, error) {
	vals, _, err := cutFields(text, gKeys, "")
	if err != nil {
		return G{}, fmt.Errorf("G%d line: %w", id, err)
	}
	num, reason, ok := strings.Cut(vals["status"], "(")
	if !ok || !strings.HasSuffix(reason, ")") {
		return G{}, fmt.Errorf("G%d line: status %q is not N(reason)", id, vals["status"])
	}
	f := fieldReader{vals: vals}
	g := G{
		Line:       n,
		ID:         id,
		WaitReason: strings.TrimSuffix(reason, ")"),
		M:          int(f.ref("m")),
		LockedM:    int(f.ref("lockedm")),
	}
	st, err := strconv.Atoi(num)
	if err != nil {
		return G{}, fmt.Errorf("G%d line: status number %q: %w", id, num, err)
	}
	g.Status = st
	if f.err != nil {
		return G{}, fmt.Errorf("G%d line: %w", id, f.err)
	}
	return g, nil
}
