package stealtracer

import (
	"errors"
	"fmt"
	"io"
	"slices"

	"golang.org/x/exp/trace"
)

// Item is one element of the merged stream: either a standard trace event
// or a steal. Exactly one of the fields is set.
type Item struct {
	Event *trace.Event
	Steal *Steal
}

// Time returns the time of the event or steal.
func (it Item) Time() trace.Time {
	if it.Steal != nil {
		return it.Steal.Time
	}
	return it.Event.Time()
}

// Reader reads a trace with steal records in one streaming pass and
// delivers its events and steals merged in time order.
type Reader struct {
	feed   *feeder
	parser *trace.Reader
	peek   *trace.Event // next parser event, not yet delivered
	eof    bool         // the parser is done
	steals []Steal      // steals of the generation being delivered
	next   int          // index of the next steal to deliver
	err    error        // sticky error, io.EOF at the end
}

// NewReader reads the trace header from r and returns a Reader for the
// rest. It fails on input that is not a Go 1.22 or later execution trace.
func NewReader(r io.Reader) (*Reader, error) {
	s, err := newScanner(r)
	if err != nil {
		return nil, err
	}
	f := newFeeder(s)
	p, err := trace.NewReader(f)
	if err != nil {
		return nil, fmt.Errorf("reading trace header: %w", err)
	}
	return &Reader{feed: f, parser: p}, nil
}

// Next returns the next event or steal. At the end of the trace it returns
// io.EOF. Errors are sticky: once Next fails it keeps failing.
//
// Steals of a generation come after the Sync event that starts the
// generation, and before the first event of that generation that is later
// than them.
func (r *Reader) Next() (Item, error) {
	if r.err != nil {
		return Item{}, r.err
	}

	// Make sure the next parser event is at hand.
	if r.peek == nil && !r.eof {
		ev, err := r.readEvent()
		switch {
		case err == io.EOF:
			r.eof = true
		case err != nil:
			r.err = err
			return Item{}, err
		default:
			r.peek = &ev
		}
	}

	// Deliver a steal if it is due before the next event.
	if r.next < len(r.steals) {
		s := &r.steals[r.next]
		if r.peek == nil || r.peek.Kind() == trace.EventSync || s.Time <= r.peek.Time() {
			r.next++
			return Item{Steal: s}, nil
		}
	}
	if r.peek == nil {
		r.err = io.EOF
		return Item{}, io.EOF
	}

	// Deliver the event; a Sync event starts the next generation's steals.
	ev := r.peek
	r.peek = nil
	if ev.Kind() == trace.EventSync {
		if err := r.startGeneration(); err != nil {
			r.err = err
			return Item{}, err
		}
	}
	return Item{Event: ev}, nil
}

// readEvent reads one event from the parser, turning splitting errors
// (which the parser may have wrapped) and parser panics into errors.
func (r *Reader) readEvent() (ev trace.Event, err error) {
	defer func() {
		if p := recover(); p != nil {
			err = fmt.Errorf("trace parser crashed on this input (%v)%s", p, r.where())
		}
	}()
	ev, err = r.parser.ReadEvent()
	if err == nil {
		return ev, nil
	}

	// A splitting error wins over what the parser made of it; the parser
	// may even have taken it for the end of the trace.
	if ferr := r.feed.failed(); ferr != nil {
		return ev, ferr
	}
	if err == io.EOF {
		return ev, r.finish()
	}
	return ev, fmt.Errorf("parsing trace: %w%s", err, r.where())
}

// finish checks, once the parser is done, that it read the whole trace:
// the parser stops early on some malformed input without saying so.
func (r *Reader) finish() error {
	n, err := io.Copy(io.Discard, r.feed)
	if ferr := r.feed.failed(); ferr != nil {
		return ferr
	}
	if err != nil {
		return err
	}
	if n > 0 || len(r.feed.gens) > 0 {
		return fmt.Errorf("the trace parser stopped before the end of the file%s: "+
			"the trace is corrupt", r.where())
	}
	return io.EOF
}

// where describes the last batch handed to the parser, for error messages.
func (r *Reader) where() string {
	b := r.feed.scan.last
	if b == nil {
		return ""
	}
	return fmt.Sprintf(" (last batch read: batch %d (%s) at offset %d, generation %d)",
		b.index, b.kind, b.offset, b.gen)
}

// startGeneration takes the steals of the generation whose Sync event is
// being delivered, converts their times and sorts them.
func (r *Reader) startGeneration() error {
	r.steals, r.next = nil, 0
	g := r.feed.popGeneration()
	if g == nil || len(g.steals) == 0 {
		return nil
	}
	if g.freq == 0 {
		if err := r.feed.failed(); err != nil {
			return err
		}
		return fmt.Errorf("generation %d has steal records but no frequency", g.gen)
	}
	for i := range g.steals {
		g.steals[i].Time = ticksToTime(g.steals[i].Ticks, g.freq)
	}
	slices.SortStableFunc(g.steals, func(a, b Steal) int {
		switch {
		case a.Ticks < b.Ticks:
			return -1
		case a.Ticks > b.Ticks:
			return 1
		}
		return 0
	})
	r.steals = g.steals
	return nil
}

// Stats returns what the Reader has read so far; after io.EOF it covers the
// whole trace.
func (r *Reader) Stats() Stats { return r.feed.scan.stats }

// SawSteals reports whether the trace read so far holds steal batches.
// After io.EOF, false means the trace carries no steal records: it was
// written by a stock toolchain or with GODEBUG=tracesteal=0.
func (r *Reader) SawSteals() bool { return r.feed.scan.stats.StealBatches > 0 }

// errNoSteals is returned by helpers that need steal records.
var errNoSteals = errors.New("the trace holds no steal records: record it with the " +
	"patched toolchain (./bin/go) and without GODEBUG=tracesteal=0")
