package exercises

import (
	"fmt"
	"strings"
)

func init() {
	Register(&Exercise{
		Number: 14, Name: "procpin", Title: "procPin through go:linkname", Level: "senior",
		Needs: Needs{Cores: 1}, Run: run14,
	})
}

// measure14 is what exercise 14 measured.
type measure14 struct {
	// Built is set when the program built with no -checklinkname flag.
	Built bool
	Sum   uint64   `json:"sum"`
	Want  uint64   `json:"want"`
	PerP  []uint64 `json:"per_p"`
}

func run14(env *Env) (*Result, error) {
	m := measure14{}
	// Build with no linker flags at all: the check is that this succeeds.
	bin, err := env.Build("")
	if err != nil {
		return &Result{Checks: check14(m), Report: "## Build\n\n```\n" + err.Error() + "\n```\n"}, nil
	}
	m.Built = true
	n := Pick(env, "200000", "1000000")
	if _, err := env.Run(Cmd{Label: "procpin", Bin: bin, Args: []string{"-g", "8", "-n", n},
		Env: []string{"GOMAXPROCS=4"}}, &m); err != nil {
		return nil, err
	}
	return &Result{Checks: check14(m), Report: report14(m, n)}, nil
}

// check14 judges exercise 14.
func check14(m measure14) []Check {
	checks := []Check{Holds("builds on this toolchain without -checklinkname=0", m.Built,
		fmt.Sprint(m.Built), "true")}
	if m.Built {
		checks = append(checks, Equal("sum of the per-P counters", m.Sum, m.Want))
	}
	return checks
}

func report14(m measure14, n string) string {
	var b strings.Builder
	fmt.Fprintf(&b, "## What ran\n\n8 goroutines at GOMAXPROCS=4 each added 1 %s times to the "+
		"counter of the P they were pinned to. Sum %d (want %d); per P: %v.\n\n", n, m.Sum, m.Want, m.PerP)
	b.WriteString(`procPin raises the M's lock count, which forbids preemption and keeps the
goroutine on its P until procUnpin, and returns the P's id. Between the two
calls nothing else runs on that P, so a plain increment of the P's own slot
needs no atomic instruction and is exact. The slots are padded to 64 bytes so
two Ps never write the same cache line (false sharing would make the cores
fight over it). sync.Pool uses the same trick for its per-P caches.

The program reaches runtime.procPin and runtime.procUnpin with
` + "`//go:linkname`" + `. That is **unsupported API**: the Go team promises nothing
about it and may change it in any release. Since Go 1.23 the linker refuses
pulls of runtime symbols that the runtime does not mark as allowed; procPin and
procUnpin are marked (many published packages depend on them), so the program
builds without ` + "`-ldflags=-checklinkname=0`" + `. (The copies the runtime pushes to
sync/atomic, sync/atomic.runtime_procPin, link too; an unmarked runtime
function such as runtime.mcount is refused with "invalid reference".)
`)
	return b.String()
}
