package exercises

import (
	"bufio"
	"fmt"
	"os"
	"sort"
	"strconv"
	"strings"
)

// LockSite is one place where lock contention was recorded.
type LockSite struct {
	// Function is the first frame of the stack that is not a lock primitive.
	Function string
	// Contention is the summed delay in the profile's cycles.
	Contention int64
	Count      int64
}

// lockPrimitives are the frames a contention stack starts with; the site is
// the first frame past them.
var lockPrimitives = map[string]bool{
	"runtime.unlock": true, "runtime.unlockWithRank": true, "runtime.unlock2": true,
	"runtime.lock": true, "runtime.lockWithRank": true, "runtime.lock2": true,
	"runtime._LostContendedRuntimeLock": true, "sync.(*Mutex).Unlock": true,
	"sync.(*Mutex).unlockSlow": true, "sync.(*RWMutex).Unlock": true,
	"sync.(*RWMutex).RUnlock": true, "internal/sync.(*Mutex).Unlock": true,
	"internal/sync.(*Mutex).unlockSlow": true, "runtime.unlock2Wake": true,
}

// ReadMutexProfile reads a mutex profile in its text form (debug=1) and
// returns the contention sites, largest first.
func ReadMutexProfile(path string) ([]LockSite, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening mutex profile: %w", err)
	}
	defer f.Close()
	sites := map[string]*LockSite{}
	var cur *LockSite
	var pending [2]int64
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		line := sc.Text()
		fields := strings.Fields(line)
		switch {
		case len(fields) >= 3 && fields[2] == "@":
			// A record: "contention count @ pc pc ...".
			c, err1 := strconv.ParseInt(fields[0], 10, 64)
			n, err2 := strconv.ParseInt(fields[1], 10, 64)
			if err1 != nil || err2 != nil {
				return nil, fmt.Errorf("mutex profile %s: bad record %q", path, line)
			}
			pending, cur = [2]int64{c, n}, nil
		case len(fields) >= 3 && fields[0] == "#" && strings.HasPrefix(fields[1], "0x"):
			// A frame: "# 0xpc function+0xoff file:line".
			fn, _, _ := strings.Cut(fields[2], "+")
			if cur != nil || lockPrimitives[fn] || pending == [2]int64{} {
				continue
			}
			cur = sites[fn]
			if cur == nil {
				cur = &LockSite{Function: fn}
				sites[fn] = cur
			}
			cur.Contention += pending[0]
			cur.Count += pending[1]
			pending = [2]int64{}
		}
	}
	if err := sc.Err(); err != nil {
		return nil, fmt.Errorf("reading mutex profile %s: %w", path, err)
	}
	var out []LockSite
	for _, s := range sites {
		out = append(out, *s)
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Contention != out[j].Contention {
			return out[i].Contention > out[j].Contention
		}
		return out[i].Function < out[j].Function
	})
	return out, nil
}
