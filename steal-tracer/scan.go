package stealtracer

import (
	"bufio"
	"errors"
	"fmt"
	"io"
)

// Stats counts what a pass over a trace saw.
type Stats struct {
	Version      int   `json:"version"`       // trace format, as the minor Go version (26 = go 1.26)
	Bytes        int64 `json:"bytes"`         // bytes read, trace header included
	Batches      int   `json:"batches"`       // batches of all kinds, markers included
	Generations  int   `json:"generations"`   // distinct generations seen
	StealBatches int   `json:"steal_batches"` // WorkSteal batches
	StealBytes   int64 `json:"steal_bytes"`   // bytes of WorkSteal batches, headers included
	Steals       int   `json:"steals"`        // steal records
	Moved        int   `json:"moved"`         // goroutines moved, summed over all steals
}

// scanner splits a trace into batches, decodes steal batches and keeps the
// statistics. It is shared by Reader and Strip.
type scanner struct {
	split   *splitter
	header  []byte // the trace header
	stats   Stats
	lastGen uint64
	last    *batch // the previous batch, for error messages
	steals  []Steal
}

func newScanner(r io.Reader) (*scanner, error) {
	br := bufio.NewReader(r)
	hdr, v, err := readHeader(br)
	if err != nil {
		return nil, err
	}
	s := &scanner{split: newSplitter(br, v), header: hdr}
	s.stats.Version = v
	s.stats.Bytes = headerLen
	return s, nil
}

// next returns the next batch, or io.EOF at the end of a complete trace. For
// a steal batch, s.steals holds its records (times not yet set) until the
// next call.
func (s *scanner) next() (*batch, error) {
	s.steals = nil
	b, err := s.split.next()
	if err == io.EOF {
		return nil, s.checkEnd()
	}
	if err != nil {
		return nil, err
	}
	s.last = b
	s.stats.Bytes = s.split.offset
	s.stats.Batches++
	if b.kind != KindEndOfGeneration && b.gen != s.lastGen {
		s.lastGen = b.gen
		s.stats.Generations++
	}
	if b.kind == KindSteal {
		s.steals, err = decodeSteals(nil, b.data, b.gen, b.m)
		if err != nil {
			return nil, &BatchError{Index: b.index, Offset: b.offset, Kind: b.kind, Err: err}
		}
		s.stats.StealBatches++
		s.stats.StealBytes += int64(len(b.header) + len(b.data))
		s.stats.Steals += len(s.steals)
		for _, st := range s.steals {
			s.stats.Moved += len(st.Moved)
		}
	}
	return b, nil
}

// checkEnd reports a go 1.26 trace that stops in the middle of a
// generation: its last batch is not an end-of-generation marker.
func (s *scanner) checkEnd() error {
	b := s.last
	if s.stats.Version < endOfGenVersion || b == nil || b.kind == KindEndOfGeneration {
		return io.EOF
	}
	return &BatchError{Index: b.index, Offset: b.offset, Kind: b.kind,
		Err: errors.New("the trace ends after this batch, inside generation " +
			fmt.Sprint(b.gen) + ", without an end-of-generation marker: truncated")}
}
