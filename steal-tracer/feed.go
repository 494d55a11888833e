package stealtracer

import (
	"io"
)

// generation holds what the feeder learned about one generation until the
// Reader delivers that generation's events.
type generation struct {
	gen    uint64
	freq   uint64 // ticks per second, from the sync batch; 0 until seen
	steals []Steal
}

// feeder is the io.Reader that golang.org/x/exp/trace reads from. It hands
// the parser the trace header and every batch except the steal batches, and
// collects the steal records and frequencies on the way.
type feeder struct {
	scan    *scanner
	pending [2][]byte // header and payload of the batch being handed over
	gens    []*generation
	err     error // sticky: io.EOF at the end, or the first splitting error
}

func newFeeder(s *scanner) *feeder {
	f := &feeder{scan: s}
	f.pending[0] = s.header
	return f
}

// Read implements io.Reader for the parser.
func (f *feeder) Read(p []byte) (int, error) {
	for len(f.pending[0]) == 0 && len(f.pending[1]) == 0 {
		if f.err != nil {
			return 0, f.err
		}
		b, err := f.scan.next()
		if err != nil {
			f.err = err
			continue
		}
		if err := f.observe(b); err != nil {
			f.err = err
			continue
		}
		if b.kind != KindSteal {
			f.pending = [2][]byte{b.header, b.data}
		}
	}
	n := 0
	for i := range f.pending {
		c := copy(p[n:], f.pending[i])
		f.pending[i] = f.pending[i][c:]
		n += c
	}
	return n, nil
}

// observe records the generation, frequency and steals of a batch.
func (f *feeder) observe(b *batch) error {
	if b.kind == KindEndOfGeneration {
		return nil
	}
	if len(f.gens) == 0 || f.gens[len(f.gens)-1].gen != b.gen {
		f.gens = append(f.gens, &generation{gen: b.gen})
	}
	g := f.gens[len(f.gens)-1]
	switch b.kind {
	case KindSync:
		freq, err := frequency(b.data, f.scan.stats.Version)
		if err != nil {
			return &BatchError{Index: b.index, Offset: b.offset, Kind: b.kind, Err: err}
		}
		g.freq = freq
	case KindSteal:
		g.steals = append(g.steals, f.scan.steals...)
	}
	return nil
}

// popGeneration removes and returns the oldest generation not yet
// delivered, or nil if there is none.
func (f *feeder) popGeneration() *generation {
	if len(f.gens) == 0 {
		return nil
	}
	g := f.gens[0]
	f.gens[0] = nil
	f.gens = f.gens[1:]
	return g
}

// failed returns the feeder's error if splitting the trace failed.
func (f *feeder) failed() error {
	if f.err == io.EOF {
		return nil
	}
	return f.err
}
