package stealtracer

import (
	"fmt"
	"io"

	"golang.org/x/exp/trace"
)

// CheckSlack is how much earlier than a steal's time a start of a moved
// goroutine may be and still count as after the steal. The parser nudges
// event times forward by a nanosecond to keep them strictly increasing, so
// a few nanoseconds of disagreement are clock bookkeeping, not a wrong
// record.
const CheckSlack trace.Time = 5

// CheckResult is the outcome of Check.
type CheckResult struct {
	Steals         int       `json:"steals"`           // steal records checked
	Moved          int       `json:"moved"`            // moved goroutines checked
	StartedOnThief int       `json:"started_on_thief"` // next ran on the thief's P
	StolenAgain    int       `json:"stolen_again"`     // stolen from the thief before running
	NotStarted     int       `json:"not_started"`      // did not run again before the trace ended
	Problems       []Problem `json:"problems"`         // moves the trace does not explain
}

// Problem is a moved goroutine whose record disagrees with the scheduling
// events around it.
type Problem struct {
	Steal     Steal      `json:"steal"`
	Goroutine trace.GoID `json:"goroutine"`
	Reason    string     `json:"reason"`
}

// Check reads a trace with steal records and verifies each record against
// the standard events: every moved goroutine must next start running (a
// state transition to Running) on the thief's P, no earlier than the steal
// (less CheckSlack; the time order of the merged stream enforces this),
// unless another steal takes it from the thief's queue first, in which case
// that steal's victim must be the earlier thief and the chain is followed. A goroutine that does not run again before the
// trace ends is counted in NotStarted, not as a problem.
//
// It returns an error if the trace cannot be read or holds no steal records.
func Check(r io.Reader) (CheckResult, error) {
	tr, err := NewReader(r)
	if err != nil {
		return CheckResult{}, err
	}
	c := checker{pending: map[trace.GoID]*Steal{}, lastStart: map[trace.GoID]start{}}
	for {
		it, err := tr.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			return c.res, err
		}
		if it.Steal != nil {
			c.steal(it.Steal)
		} else {
			c.event(it.Event)
		}
	}
	if !tr.SawSteals() {
		return c.res, errNoSteals
	}
	c.res.NotStarted = len(c.pending)
	return c.res, nil
}

// start is where and when a goroutine last started running.
type start struct {
	time trace.Time
	proc trace.ProcID
}

// checker holds the state of Check.
type checker struct {
	res       CheckResult
	pending   map[trace.GoID]*Steal // moved goroutines not yet started
	lastStart map[trace.GoID]start
}

func (c *checker) steal(s *Steal) {
	c.res.Steals++
	for _, g := range s.Moved {
		c.res.Moved++

		// A goroutine taken again before it ran must come off the queue the
		// previous steal put it on.
		if prev, ok := c.pending[g]; ok {
			delete(c.pending, g)
			if s.Victim != prev.Thief {
				c.problem(s, g, fmt.Sprintf("stolen from P%d, but the steal at %d put it on P%d",
					s.Victim, prev.Time, prev.Thief))
				continue
			}
			c.res.StolenAgain++
		}

		// A start within the slack before the steal was delivered first.
		if st, ok := c.lastStart[g]; ok && st.time > s.Time-CheckSlack {
			c.started(s, g, st)
			continue
		}
		c.pending[g] = s
	}
}

func (c *checker) event(ev *trace.Event) {
	if ev.Kind() != trace.EventStateTransition {
		return
	}
	st := ev.StateTransition()
	if st.Resource.Kind != trace.ResourceGoroutine {
		return
	}
	if _, to := st.Goroutine(); to != trace.GoRunning {
		return
	}
	g := st.Resource.Goroutine()
	now := start{time: ev.Time(), proc: ev.Proc()}
	c.lastStart[g] = now
	if s, ok := c.pending[g]; ok {
		delete(c.pending, g)
		c.started(s, g, now)
	}
}

// started checks the first start of g after steal s. The merged stream
// delivers only starts at or after the steal's time once the steal is
// pending, and lastStart covers the slack, so the time needs no check here.
func (c *checker) started(s *Steal, g trace.GoID, st start) {
	if st.proc != s.Thief {
		c.problem(s, g, fmt.Sprintf("next started on P%d at %d, not on the thief P%d",
			st.proc, st.time, s.Thief))
		return
	}
	c.res.StartedOnThief++
}

func (c *checker) problem(s *Steal, g trace.GoID, reason string) {
	c.res.Problems = append(c.res.Problems, Problem{Steal: *s, Goroutine: g, Reason: reason})
}
