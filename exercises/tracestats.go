package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"golang.org/x/exp/trace"
)

// TraceStats is what the exercises read from a runtime/trace file.
//
// The programs that record traces run with GODEBUG=tracesteal=0, so the
// patched runtime writes no steal batches and the stock parser reads the
// file; the steal records are exercise 8's and 20's business.
type TraceStats struct {
	// Goroutine transitions: created (NotExist to Runnable), started
	// (Runnable to Running), stopped (Running to Runnable: preempted or
	// yielded) and blocked (Running to Waiting), the last by reason.
	Created, Started, Stopped int
	Blocked                   map[string]int
	// Span is the time from the first to the last event, in ns.
	Span float64
	// IdleRunnable is the time in ns during which at least one P was idle
	// while at least one goroutine was runnable.
	IdleRunnable float64
	// Waits holds, per goroutine, how long it waited runnable before each
	// start, in ns.
	Waits map[trace.GoID][]float64
	// RegionGs holds, per region type, the goroutines that entered one.
	RegionGs map[string]map[trace.GoID]bool
	// Tasks holds the user tasks, by id.
	Tasks map[trace.TaskID]*TaskStats
}

// TaskStats is one user task with its regions and logs.
type TaskStats struct {
	Type       string
	Begin, End float64 // ns; zero when the trace missed the event
	// Regions maps a region type to the summed time in ns of its regions.
	Regions map[string]float64
	Logs    []string
}

// ReadTrace reads the trace file at path.
func ReadTrace(path string) (*TraceStats, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening trace: %w", err)
	}
	defer f.Close()
	r, err := trace.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("reading trace %s: %w", path, err)
	}
	s := &TraceStats{Blocked: map[string]int{}, Waits: map[trace.GoID][]float64{},
		RegionGs: map[string]map[trace.GoID]bool{}, Tasks: map[trace.TaskID]*TaskStats{}}
	var (
		first, last  float64
		runnableAt   = map[trace.GoID]float64{}
		procIdle     = map[trace.ProcID]bool{}
		idleProcs    int
		openRegions  = map[trace.GoID]map[string][]float64{}
		regionTaskOf = map[trace.GoID]map[string][]trace.TaskID{}
	)
	for n := 0; ; n++ {
		ev, err := r.ReadEvent()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading trace %s at event %d: %w", path, n, err)
		}
		now := float64(ev.Time())
		if n == 0 {
			first = now
		}
		// Account the interval since the previous event to the state the
		// machine was in during it.
		if idleProcs > 0 && len(runnableAt) > 0 {
			s.IdleRunnable += now - last
		}
		last = now

		switch ev.Kind() {
		case trace.EventStateTransition:
			st := ev.StateTransition()
			switch st.Resource.Kind {
			case trace.ResourceGoroutine:
				s.goTransition(st, now, runnableAt)
			case trace.ResourceProc:
				id := st.Resource.Proc()
				_, to := st.Proc()
				idle := to == trace.ProcIdle
				if idle != procIdle[id] {
					if idle {
						idleProcs++
					} else {
						idleProcs--
					}
					procIdle[id] = idle
				}
			}
		case trace.EventTaskBegin:
			t := ev.Task()
			s.task(t.ID, t.Type).Begin = now
		case trace.EventTaskEnd:
			t := ev.Task()
			s.task(t.ID, t.Type).End = now
		case trace.EventRegionBegin:
			g, reg := ev.Goroutine(), ev.Region()
			if s.RegionGs[reg.Type] == nil {
				s.RegionGs[reg.Type] = map[trace.GoID]bool{}
			}
			s.RegionGs[reg.Type][g] = true
			if openRegions[g] == nil {
				openRegions[g], regionTaskOf[g] = map[string][]float64{}, map[string][]trace.TaskID{}
			}
			openRegions[g][reg.Type] = append(openRegions[g][reg.Type], now)
			regionTaskOf[g][reg.Type] = append(regionTaskOf[g][reg.Type], reg.Task)
		case trace.EventRegionEnd:
			g, reg := ev.Goroutine(), ev.Region()
			starts := openRegions[g][reg.Type]
			if len(starts) == 0 {
				continue // began before the trace started
			}
			begin, task := starts[len(starts)-1], regionTaskOf[g][reg.Type][len(starts)-1]
			openRegions[g][reg.Type] = starts[:len(starts)-1]
			regionTaskOf[g][reg.Type] = regionTaskOf[g][reg.Type][:len(starts)-1]
			if t, ok := s.Tasks[task]; ok {
				t.Regions[reg.Type] += now - begin
			}
		case trace.EventLog:
			l := ev.Log()
			if t, ok := s.Tasks[l.Task]; ok {
				t.Logs = append(t.Logs, l.Category+"="+l.Message)
			}
		}
	}
	s.Span = last - first
	return s, nil
}

// goTransition counts one goroutine state transition and tracks the time
// each goroutine became runnable.
func (s *TraceStats) goTransition(st trace.StateTransition, now float64, runnableAt map[trace.GoID]float64) {
	id := st.Resource.Goroutine()
	from, to := st.Goroutine()
	switch {
	case from == trace.GoNotExist && to == trace.GoRunnable:
		s.Created++
	case from == trace.GoRunnable && to == trace.GoRunning:
		s.Started++
	case from == trace.GoRunning && to == trace.GoRunnable:
		s.Stopped++
	case from == trace.GoRunning && to == trace.GoWaiting:
		s.Blocked[st.Reason]++
	}
	if to == trace.GoRunnable {
		runnableAt[id] = now
		return
	}
	if at, ok := runnableAt[id]; ok {
		if to == trace.GoRunning {
			s.Waits[id] = append(s.Waits[id], now-at)
		}
		delete(runnableAt, id)
	}
}

// task returns the task with id, adding it on first sight.
func (s *TraceStats) task(id trace.TaskID, typ string) *TaskStats {
	t, ok := s.Tasks[id]
	if !ok {
		t = &TaskStats{Type: typ, Regions: map[string]float64{}}
		s.Tasks[id] = t
	}
	if typ != "" {
		t.Type = typ
	}
	return t
}

// BlockedBy sums the blocks whose reason contains any of the words.
func (s *TraceStats) BlockedBy(words ...string) int {
	n := 0
	for reason, c := range s.Blocked {
		for _, w := range words {
			if strings.Contains(reason, w) {
				n += c
				break
			}
		}
	}
	return n
}

// WaitsOf returns the runnable waits, in ns, of the goroutines that entered a
// region of the given type.
func (s *TraceStats) WaitsOf(region string) []float64 {
	var out []float64
	for g := range s.RegionGs[region] {
		out = append(out, s.Waits[g]...)
	}
	return out
}
