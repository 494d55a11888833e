// Command 10-preemption is the program of exercise 10: at GOMAXPROCS=1 one
// goroutine spins in an empty loop while another ticks every period. It
// prints a line per tick as it happens and, after the last tick, the tick
// intervals and the p99 of /sched/latencies:seconds.
//
// Under GODEBUG=asyncpreemptoff=1 the spinning goroutine is never preempted,
// the ticker never runs again, and the program cannot end by itself: whoever
// runs it must kill it and count the tick lines.
package main

import (
	"flag"
	"fmt"
	"os"
	"runtime"
	"runtime/metrics"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	ticks := flag.Int("ticks", 20, "ticks to record before exiting")
	period := flag.Duration("period", 100*time.Millisecond, "tick period")
	flag.Parse()
	runtime.GOMAXPROCS(1)

	go func() {
		t := time.NewTicker(*period)
		last := time.Now()
		var intervals []int64
		for i := range *ticks {
			<-t.C
			now := time.Now()
			intervals = append(intervals, now.Sub(last).Nanoseconds())
			last = now
			fmt.Printf("tick %d\n", i+1)
		}
		prog.Emit(map[string]any{"intervals_ns": intervals, "period_ns": period.Nanoseconds(),
			"sched_p99_ns": schedP99()})
		os.Exit(0)
	}()

	// Give the ticker goroutine its first run, then spin without a call.
	time.Sleep(time.Millisecond)
	fmt.Println("spinning")
	for {
	}
}

// schedP99 reads the p99 of the time goroutines waited runnable, in ns.
func schedP99() float64 {
	s := []metrics.Sample{{Name: "/sched/latencies:seconds"}}
	metrics.Read(s)
	h := s[0].Value.Float64Histogram()
	var total uint64
	for _, c := range h.Counts {
		total += c
	}
	var seen uint64
	for i, c := range h.Counts {
		seen += c
		if float64(seen) >= 0.99*float64(total) {
			return h.Buckets[i+1] * 1e9
		}
	}
	return 0
}
