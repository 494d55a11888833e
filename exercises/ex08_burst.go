package exercises

import (
	"bufio"
	"errors"
	"fmt"
	"io"
	"os"

	"golang.org/x/exp/trace"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

// burstRegion is the trace region exercise 8's program opens around each
// burst's spawning loop.
const burstRegion = "burst"

// BurstTrace is what exercise 8 reads from one trace of its program: which
// goroutines belong to the burst, where each was created, stolen to and
// first run, and the run queues that follow from that.
//
// The queues are a model, not a reading of the runtime's own: a burst
// goroutine waits on its creator's P from its creation until a steal record
// moves it to the thief's P, and stops waiting when it first starts
// running. Only burst goroutines before their first run are counted, so a
// goroutine preempted later (which goes to the global queue) or another
// goroutine of the program never enters the model.
//
// Limit: the model trusts that a new goroutine stays in its P's local queue
// until it is stolen or run. That holds for the program's bursts (far below
// the 256 slots of a local queue); a queue that overflowed would move
// goroutines to the global queue without any record, and the model would
// keep counting them on their creator's P.
type BurstTrace struct {
	// Procs is the number of Ps the model tracks.
	Procs int
	// Goroutines counts the burst goroutines found.
	Goroutines int
	// SpawnP is the P the first burst goroutine was created on.
	SpawnP int
	// Steals counts every steal record of the trace, BurstSteals those
	// that moved at least one burst goroutine, in time order.
	Steals      int
	BurstSteals []BurstSteal
	// FirstRunElsewhere counts burst goroutines whose first run was on
	// another P than the one they were created on.
	FirstRunElsewhere int
	// Imbalance is the largest difference, at any instant, between the most
	// and the least loaded P's count of waiting burst goroutines.
	Imbalance int
	// Peak is the largest count of waiting burst goroutines on one P, and
	// PeakP that P.
	Peak, PeakP int
	// Levelled is the time, in µs from the first burst creation, of the
	// first change after the spawning P's queue peaked at which that P held
	// no more than its fair share (the mean over the Ps plus one) of the
	// waiting burst goroutines; -1 when it never did.
	Levelled float64
	// Timeline is every change of the model, in order.
	Timeline []QueueStep
}

// BurstSteal is one steal record that moved burst goroutines.
type BurstSteal struct {
	At            float64 // µs from the first burst creation
	Thief, Victim int
	Moved         int // burst goroutines moved
}

// QueueStep is the model's state just after one change.
type QueueStep struct {
	At     float64 // µs from the first burst creation
	What   string
	Queues []int
}

// ReadBurstTrace reads a trace of exercise 8's program recorded at procs
// Ps and rebuilds its burst's run queues. A trace with several bursts is
// read as one: the model then spans them all.
func ReadBurstTrace(path string, procs int) (*BurstTrace, error) {
	f, err := os.Open(path)
	if err != nil {
		return nil, fmt.Errorf("opening trace: %w", err)
	}
	defer f.Close()
	r, err := stealtracer.NewReader(bufio.NewReader(f))
	if err != nil {
		return nil, fmt.Errorf("reading trace %s: %w", path, err)
	}
	m := newBurstModel(procs)
	for n := 0; ; n++ {
		it, err := r.Next()
		if errors.Is(err, io.EOF) {
			break
		}
		if err != nil {
			return nil, fmt.Errorf("reading trace %s at item %d: %w", path, n, err)
		}
		if it.Steal != nil {
			m.steal(it.Steal)
			continue
		}
		if err := m.event(it.Event); err != nil {
			return nil, fmt.Errorf("trace %s: %w", path, err)
		}
	}
	return m.finish(), nil
}

// burstModel is the state ReadBurstTrace keeps while reading.
type burstModel struct {
	bt       BurstTrace
	inRegion map[trace.GoID]bool
	// spawnPeak is the spawning P's largest queue so far.
	spawnPeak int
	// creator and where map each burst goroutine to the P it was created
	// on and the P it waits on; started marks those that ran.
	creator, where map[trace.GoID]int
	started        map[trace.GoID]bool
	queues         []int
	origin         trace.Time
}

func newBurstModel(procs int) *burstModel {
	return &burstModel{
		bt:       BurstTrace{Procs: procs, SpawnP: -1, Levelled: -1},
		inRegion: map[trace.GoID]bool{}, creator: map[trace.GoID]int{},
		where: map[trace.GoID]int{}, started: map[trace.GoID]bool{},
		queues: make([]int, procs),
	}
}

// event applies one standard trace event to the model.
func (m *burstModel) event(ev *trace.Event) error {
	switch ev.Kind() {
	case trace.EventRegionBegin, trace.EventRegionEnd:
		if ev.Region().Type == burstRegion {
			m.inRegion[ev.Goroutine()] = ev.Kind() == trace.EventRegionBegin
		}
		return nil
	case trace.EventStateTransition:
	default:
		return nil
	}
	st := ev.StateTransition()
	if st.Resource.Kind != trace.ResourceGoroutine {
		return nil
	}
	g := st.Resource.Goroutine()
	from, to := st.Goroutine()
	switch {
	case from == trace.GoNotExist && to == trace.GoRunnable && m.inRegion[ev.Goroutine()]:
		p := int(ev.Proc())
		if p < 0 || p >= m.bt.Procs {
			return fmt.Errorf("burst goroutine %d created on P %d, outside the %d Ps "+
				"the run was given", g, p, m.bt.Procs)
		}
		if m.bt.Goroutines == 0 {
			m.origin, m.bt.SpawnP = ev.Time(), p
		}
		m.bt.Goroutines++
		m.creator[g], m.where[g] = p, p
		m.queues[p]++
		m.record(ev.Time(), fmt.Sprintf("G%d created on P%d", g, p))
	case from == trace.GoRunnable && to == trace.GoRunning:
		p, ok := m.where[g]
		if !ok || m.started[g] {
			return nil
		}
		m.started[g] = true
		m.queues[p]--
		ran := int(ev.Proc())
		if ran != m.creator[g] {
			m.bt.FirstRunElsewhere++
		}
		m.record(ev.Time(), fmt.Sprintf("G%d first runs on P%d", g, ran))
	}
	return nil
}

// steal applies one steal record to the model.
func (m *burstModel) steal(s *stealtracer.Steal) {
	m.bt.Steals++
	thief, victim := int(s.Thief), int(s.Victim)
	moved := 0
	for _, g := range s.Moved {
		p, ok := m.where[g]
		if !ok || m.started[g] || thief < 0 || thief >= m.bt.Procs {
			continue
		}
		m.queues[p]--
		m.queues[thief]++
		m.where[g] = thief
		moved++
	}
	if moved == 0 {
		return
	}
	at := m.micros(s.Time)
	m.bt.BurstSteals = append(m.bt.BurstSteals, BurstSteal{At: at, Thief: thief,
		Victim: victim, Moved: moved})
	m.record(s.Time, fmt.Sprintf("P%d steals %d from P%d", thief, moved, victim))
}

// record notes the model's state after a change and updates the peaks.
func (m *burstModel) record(t trace.Time, what string) {
	lo, hi, total := m.queues[0], m.queues[0], 0
	for p, q := range m.queues {
		lo, hi, total = min(lo, q), max(hi, q), total+q
		if q > m.bt.Peak {
			m.bt.Peak, m.bt.PeakP = q, p
		}
	}
	m.bt.Imbalance = max(m.bt.Imbalance, hi-lo)
	at := m.micros(t)

	// A new peak of the spawning P's queue starts the wait for levelling
	// again.
	q := m.queues[m.bt.SpawnP]
	switch {
	case q > m.spawnPeak:
		m.spawnPeak, m.bt.Levelled = q, -1
	case m.bt.Levelled < 0 && float64(q) <= float64(total)/float64(m.bt.Procs)+1:
		m.bt.Levelled = at
	}
	m.bt.Timeline = append(m.bt.Timeline, QueueStep{At: at, What: what,
		Queues: append([]int(nil), m.queues...)})
}

// micros is t in µs from the first burst creation.
func (m *burstModel) micros(t trace.Time) float64 {
	return float64(t-m.origin) / 1e3
}

func (m *burstModel) finish() *BurstTrace {
	return &m.bt
}
