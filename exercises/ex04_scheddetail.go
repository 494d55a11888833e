package exercises

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/gopatched/gopatched/internal/schedtrace"
)

func init() {
	Register(&Exercise{
		Number: 4, Name: "scheddetail", Title: "Reading scheddetail", Level: "junior",
		Needs: Needs{Cores: 1}, Run: run04,
	})
}

// Goroutine status numbers of the runtime that exercise 4 looks for.
const (
	gRunnable = 1
	gRunning  = 2
	gSyscall  = 3
	gWaiting  = 4
)

func run04(env *Env) (*Result, error) {
	bin, err := env.Build("")
	if err != nil {
		return nil, err
	}
	interval := Pick(env, 200, 1000)
	life := Pick(env, 1200*time.Millisecond, 3500*time.Millisecond)
	out, err := env.Exec(Cmd{Label: "scheddetail", Bin: bin, Args: []string{"-for", life.String()},
		Env: []string{"GOMAXPROCS=2", fmt.Sprintf("GODEBUG=scheddetail=1,schedtrace=%d", interval)}})
	if err != nil {
		return nil, err
	}
	tr, err := schedtrace.Parse(bytes.NewReader(out.Stderr))
	if err != nil {
		return nil, err
	}
	snap := richest(tr)
	return &Result{Checks: check04(tr, snap), Report: report04(tr, snap)}, nil
}

// richest returns the snapshot with the most distinct goroutine statuses,
// the latest among equals, or nil when there is none.
func richest(tr *schedtrace.Trace) *schedtrace.Snapshot {
	var best *schedtrace.Snapshot
	most := -1
	for i := range tr.Snapshots {
		if n := len(statuses(&tr.Snapshots[i])); n >= most {
			best, most = &tr.Snapshots[i], n
		}
	}
	return best
}

// statuses counts a snapshot's goroutines by status number, scan bit removed.
func statuses(s *schedtrace.Snapshot) map[int]int {
	h := map[int]int{}
	for _, g := range s.Gs {
		h[g.Status&^0x1000]++
	}
	return h
}

// check04 judges exercise 4 on the richest snapshot and on every snapshot's
// cross references.
func check04(tr *schedtrace.Trace, snap *schedtrace.Snapshot) []Check {
	if snap == nil {
		return []Check{Holds("scheddetail snapshots found", false, "0", "≥ 1")}
	}
	st := statuses(snap)
	var checks []Check
	for _, want := range []struct {
		num  int
		name string
	}{{gRunnable, "runnable"}, {gRunning, "running"}, {gWaiting, "waiting"}, {gSyscall, "in a syscall"}} {
		checks = append(checks, AtLeast(fmt.Sprintf("goroutines with status %d (%s)", want.num, want.name),
			float64(st[want.num]), 1))
	}
	checks = append(checks, AtLeast("distinct wait reasons", float64(len(snap.WaitReasons())), 3))
	bad, refs := danglingRefs(tr)
	checks = append(checks, Holds("every G's m= that is not nil matches an M line of its snapshot",
		bad == 0 && refs > 0, fmt.Sprintf("%d of %d references dangling", bad, refs),
		"0 dangling, ≥ 1 reference"))
	return checks
}

// danglingRefs counts G lines whose M has no line in the same snapshot, and
// all G lines that name an M.
func danglingRefs(tr *schedtrace.Trace) (bad, refs int) {
	for _, s := range tr.Snapshots {
		ms := map[int]bool{}
		for _, m := range s.Ms {
			ms[m.ID] = true
		}
		for _, g := range s.Gs {
			if g.M != schedtrace.None {
				refs++
				if !ms[g.M] {
					bad++
				}
			}
		}
	}
	return bad, refs
}

func report04(tr *schedtrace.Trace, snap *schedtrace.Snapshot) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## What ran\n\nA program held 57 goroutines in known states at GOMAXPROCS=2 "+
		"under `GODEBUG=scheddetail=1,schedtrace=N`. The parser read %d lines: %d snapshots, "+
		"%d lines it did not recognise (the program's own output, or lines cut by it).\n\n",
		tr.Lines, len(tr.Snapshots), tr.Unrecognized)
	if snap == nil {
		return b.String()
	}
	fmt.Fprintf(&b, "## The snapshot at %d ms\n\n", snap.Sched.TimeMs)
	b.WriteString("| P | status | schedtick | syscalltick | m | runqsize | gfreecnt |\n|---|---|---|---|---|---|---|\n")
	for _, p := range snap.Ps {
		fmt.Fprintf(&b, "| %d | %d | %d | %d | %s | %d | %d |\n", p.ID, p.Status, p.SchedTick,
			p.SyscallTick, ref(int64(p.M)), p.RunqSize, p.GFreeCnt)
	}
	b.WriteString("\n| M | p | curg | mallocing | throwing | locks | spinning | blocked | lockedg |\n|---|---|---|---|---|---|---|---|---|\n")
	for _, m := range snap.Ms {
		fmt.Fprintf(&b, "| %d | %s | %s | %d | %d | %d | %t | %t | %s |\n", m.ID, ref(int64(m.P)),
			ref(m.CurG), m.Mallocing, m.Throwing, m.Locks, m.Spinning, m.Blocked, ref(m.LockedG))
	}
	b.WriteString("\nGoroutines by status number:\n\n| status | meaning | goroutines |\n|---|---|---|\n")
	st := statuses(snap)
	for _, n := range slices.Sorted(maps.Keys(st)) {
		fmt.Fprintf(&b, "| %d | %s | %d |\n", n, gStatusName(n), st[n])
	}
	b.WriteString("\nWait reasons:\n\n| reason | goroutines |\n|---|---|\n")
	wr := snap.WaitReasons()
	reasons := slices.Collect(maps.Keys(wr))
	sort.Slice(reasons, func(i, j int) bool { return wr[reasons[i]] > wr[reasons[j]] })
	for _, r := range reasons {
		fmt.Fprintf(&b, "| %s | %d |\n", r, wr[r])
	}
	b.WriteString(`
How to read them: a P line says whether the P is idle (0) or running (1), how
many goroutines it has scheduled (schedtick) and system calls it has seen
(syscalltick), which M holds it, how many goroutines wait in its local queue and
how many dead goroutines it keeps for reuse (gfreecnt). An M line is an OS
thread: the P it holds, the goroutine it runs (curg), whether it is allocating,
crashing, holding runtime locks, spinning for work or blocked on a note, and the
goroutine locked to it. A G line gives the goroutine's status number with its
wait reason, the M that runs it, and the M it is locked to. A goroutine in a
system call keeps its M (m= is set) but has given up its P, which is why the M
line of that thread shows p=nil.
`)
	return b.String()
}

// ref renders an id that may be None.
func ref(id int64) string {
	if id == schedtrace.None {
		return "nil"
	}
	return fmt.Sprint(id)
}

// gStatusName names a goroutine status number.
func gStatusName(n int) string {
	names := map[int]string{0: "idle", 1: "runnable", 2: "running", 3: "in a system call",
		4: "waiting", 6: "dead (kept for reuse)", 8: "copying its stack", 9: "preempted"}
	if s, ok := names[n]; ok {
		return s
	}
	return "other"
}
