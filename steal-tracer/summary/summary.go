// Package summary condenses the work steals of a trace into the figures
// stealview prints and draws: counts per P, the thief × victim matrix, the
// busiest interval and the goroutines each P gained over time.
//
// It reads the trace once, through stealtracer.Reader, and keeps a few
// numbers per steal (not the whole trace) until the end, when the time
// bins are known.
package summary

import (
	"io"
	"slices"
	"time"

	"golang.org/x/exp/trace"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

// Options tunes Compute. The zero value asks for the defaults.
type Options struct {
	// Window is the length of the busiest interval; default 1ms.
	Window time.Duration
	// Bins is the number of time columns of the gained-goroutines grid;
	// default 100.
	Bins int
}

// ProcCount is what one P did as thief or suffered as victim.
type ProcCount struct {
	P      int `json:"p"`
	Steals int `json:"steals"`
	Moved  int `json:"moved"`
}

// Interval is a stretch of the trace, in nanoseconds from its start.
type Interval struct {
	Start  int64 `json:"start_ns"`
	End    int64 `json:"end_ns"`
	Steals int   `json:"steals"`
}

// Summary is the condensed view of a trace's steals. Times are in
// nanoseconds from the first event of the trace.
type Summary struct {
	Stats      stealtracer.Stats `json:"stats"`
	Duration   int64             `json:"duration_ns"` // first to last event
	GOMAXPROCS int               `json:"gomaxprocs"`  // largest value the trace reports
	Steals     int               `json:"steals"`
	Moved      int               `json:"moved"`
	RunNext    int               `json:"runnext"` // steals of a victim's runnext slot
	// Thieves and Victims have one entry per P, indexed by P id.
	Thieves []ProcCount `json:"thieves"`
	Victims []ProcCount `json:"victims"`
	// Matrix[thief][victim] counts steals.
	Matrix [][]int `json:"matrix"`
	// Busiest is the Window-long interval with the most steals; it starts
	// at a steal. Zero when there are no steals.
	Busiest Interval `json:"busiest"`
	Window  int64    `json:"window_ns"`
	// Gained[p][bin] counts goroutines P p gained by stealing in each of
	// Bins equal slices of the trace, BinWidth nanoseconds wide.
	Gained   [][]int `json:"gained"`
	BinWidth float64 `json:"bin_width_ns"`
}

// point is what Compute keeps of each steal until the end.
type point struct {
	time  trace.Time
	thief int
	moved int
}

// Compute reads a trace and summarizes its steals. A trace without steal
// records gives a Summary with Steals == 0 (check Stats.StealBatches).
func Compute(r io.Reader, opt Options) (*Summary, error) {
	if opt.Window <= 0 {
		opt.Window = time.Millisecond
	}
	if opt.Bins <= 0 {
		opt.Bins = 100
	}
	tr, err := stealtracer.NewReader(r)
	if err != nil {
		return nil, err
	}

	// Read the trace, keeping a point per steal and the counts per P.
	s := &Summary{Window: opt.Window.Nanoseconds()}
	var (
		points      []point
		first, last trace.Time
		seen        bool
		maxP        = -1
	)
	for {
		it, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return nil, err
		}
		if ev := it.Event; ev != nil {
			if !seen {
				first, seen = ev.Time(), true
			}
			last = ev.Time()
			if ev.Kind() == trace.EventMetric && ev.Metric().Name == "/sched/gomaxprocs:threads" {
				s.GOMAXPROCS = max(s.GOMAXPROCS, int(ev.Metric().Value.Uint64()))
			}
			continue
		}
		st := it.Steal
		s.Steals++
		s.Moved += len(st.Moved)
		if st.RunNext {
			s.RunNext++
		}
		maxP = max(maxP, int(st.Thief), int(st.Victim))
		points = append(points, point{time: st.Time, thief: int(st.Thief), moved: len(st.Moved)})
		s.count(int(st.Thief), int(st.Victim), len(st.Moved))
	}
	s.Stats = tr.Stats()
	s.Duration = int64(last - first)
	s.fill(max(s.GOMAXPROCS, maxP+1))
	s.busiest(points, first, opt.Window)
	s.bin(points, first, opt.Bins)
	return s, nil
}

// count adds one steal to the per-P counts and the matrix, growing them.
func (s *Summary) count(thief, victim, moved int) {
	s.fill(max(thief, victim) + 1)
	s.Thieves[thief].Steals++
	s.Thieves[thief].Moved += moved
	s.Victims[victim].Steals++
	s.Victims[victim].Moved += moved
	s.Matrix[thief][victim]++
}

// fill grows the per-P tables to n Ps.
func (s *Summary) fill(n int) {
	for p := len(s.Thieves); p < n; p++ {
		s.Thieves = append(s.Thieves, ProcCount{P: p})
		s.Victims = append(s.Victims, ProcCount{P: p})
	}
	for t := range s.Matrix {
		for len(s.Matrix[t]) < n {
			s.Matrix[t] = append(s.Matrix[t], 0)
		}
	}
	for len(s.Matrix) < n {
		s.Matrix = append(s.Matrix, make([]int, n))
	}
}

// busiest finds the window with the most steals, starting at a steal.
func (s *Summary) busiest(points []point, first trace.Time, window time.Duration) {
	times := make([]trace.Time, len(points))
	for i, p := range points {
		times[i] = p.time
	}
	slices.Sort(times)
	w := trace.Time(window.Nanoseconds())
	end := 0
	for i, t := range times {
		for end < len(times) && times[end] < t+w {
			end++
		}
		if n := end - i; n > s.Busiest.Steals {
			s.Busiest = Interval{Start: int64(t - first), End: int64(t + w - first), Steals: n}
		}
	}
}

// bin spreads the goroutines gained over the time bins.
func (s *Summary) bin(points []point, first trace.Time, bins int) {
	s.Gained = make([][]int, len(s.Thieves))
	for p := range s.Gained {
		s.Gained[p] = make([]int, bins)
	}
	s.BinWidth = float64(max(s.Duration, 1)) / float64(bins)
	for _, p := range points {
		b := int(float64(p.time-first) / s.BinWidth)
		b = min(max(b, 0), bins-1)
		s.Gained[p.thief][b] += p.moved
	}
}

// NoStealsHint explains a trace without steal records and what to do.
const NoStealsHint = "no steal records in this trace: it was recorded with a stock " +
	"toolchain or with GODEBUG=tracesteal=0; record it with the patched toolchain " +
	"(./bin/go), which writes steal records by default (tracesteal=1)"
