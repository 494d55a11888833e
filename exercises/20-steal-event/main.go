// Command 20-steal-event is exercise 20's program: a steal-heavy workload
// for measuring what the gopatched work-steal record costs. One goroutine
// spawns bursts of short CPU-bound goroutines and waits for each burst to
// finish before the next; idle Ps take most of every burst by stealing
// from the spawning P's run queue.
//
// The workload runs -rounds times in each of three settings: the execution
// trace on with steal records (GODEBUG=tracesteal=1), the trace on without
// them (tracesteal=0), and no trace. Within a round the settings follow
// each other back to back, in an order that rotates from round to round,
// so that a change of load on the machine hits all three alike. The
// patched runtime reads tracesteal each time a trace starts, so the
// program switches it by setting GODEBUG before each trace.Start. Each
// traced run writes its own trace file, steal1-NN.trace or steal0-NN.trace.
// Setting GODEBUG replaces the whole variable, so other GODEBUG settings
// given to the program are dropped at the first traced run.
//
//	GOMAXPROCS=4 ./20-steal-event -rounds 10 -bursts 500
//
// It prints the time each run took, trace start and stop excluded, on its
// RESULT line. Bursts stay below 128 goroutines, so no run queue overflows
// into the global queue, whose takings are not steals.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime/trace"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

// A segment is one run of the workload in one setting.
type segment struct {
	Round   int    `json:"round"`
	Setting string `json:"setting"` // steal1, steal0 or notrace
	Trace   string `json:"trace,omitempty"`
	WallNs  int64  `json:"wall_ns"`
}

// settings are the three settings, in the order of round 1.
var settings = []string{"steal1", "steal0", "notrace"}

func main() {
	rounds := flag.Int("rounds", 5, "runs of the workload in each setting")
	bursts := flag.Int("bursts", 2000, "bursts per run, one after the other")
	width := flag.Int("width", 16, "goroutines per burst (1 to 100)")
	units := flag.Int("units", 2000, "work units (about a nanosecond each) per goroutine")
	flag.Parse()
	segs, err := run(*rounds, *bursts, *width, *units)
	if err != nil {
		fmt.Fprintln(os.Stderr, "20-steal-event:", err)
		os.Exit(1)
	}
	prog.Emit(map[string]any{"segments": segs})
}

// run does every round and returns the segments in the order they ran.
func run(rounds, bursts, width, units int) ([]segment, error) {
	if width < 1 || width > 100 {
		return nil, fmt.Errorf("-width %d: want 1 to 100, so that no run queue overflows", width)
	}
	if bursts < 1 || rounds < 1 {
		return nil, fmt.Errorf("-bursts %d -rounds %d: want at least 1 of each", bursts, rounds)
	}
	// One untimed run first: the threads, stacks and heap it grows would
	// otherwise be charged to whichever setting comes first.
	workload(bursts, width, units)

	var segs []segment
	for r := range rounds {
		for i := range settings {
			s := segment{Round: r + 1, Setting: settings[(r+i)%len(settings)]}
			wall, err := runSegment(&s, bursts, width, units)
			if err != nil {
				return nil, err
			}
			s.WallNs = wall.Nanoseconds()
			fmt.Printf("round %d %s: %v\n", s.Round, s.Setting, wall)
			segs = append(segs, s)
		}
	}
	return segs, nil
}

// runSegment runs the workload once in s's setting.
func runSegment(s *segment, bursts, width, units int) (time.Duration, error) {
	if s.Setting != "notrace" {
		if err := os.Setenv("GODEBUG", "tracesteal="+s.Setting[len("steal"):]); err != nil {
			return 0, fmt.Errorf("setting GODEBUG: %w", err)
		}
		s.Trace = fmt.Sprintf("%s-%02d.trace", s.Setting, s.Round)
		f, err := os.Create(s.Trace)
		if err != nil {
			return 0, fmt.Errorf("creating trace file: %w", err)
		}
		defer f.Close()
		if err := trace.Start(f); err != nil {
			return 0, fmt.Errorf("starting trace: %w", err)
		}
		defer trace.Stop()
	}
	return workload(bursts, width, units), nil
}

// workload spawns the bursts and returns the time they took.
func workload(bursts, width, units int) time.Duration {
	start := time.Now()
	var wg sync.WaitGroup
	for range bursts {
		wg.Add(width)
		for range width {
			go func() {
				defer wg.Done()
				prog.Burn(units)
			}()
		}
		wg.Wait()
	}
	return time.Since(start)
}
