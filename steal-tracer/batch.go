package stealtracer

import (
	"bufio"
	"encoding/binary"
	"errors"
	"fmt"
	"io"
)

// Wire constants of the trace format (go 1.22 to go 1.26) used here.
const (
	evEventBatch        = 1  // header byte of an ordinary batch
	evStacks            = 2  // first payload byte of a stack table batch
	evStrings           = 4  // first payload byte of a string table batch
	evCPUSamples        = 6  // first payload byte of a CPU samples batch
	evFrequency         = 8  // ticks per second [freq]
	evExperimentalBatch = 49 // header byte of an experimental batch
	evSync              = 50 // first payload byte of a sync batch (go 1.25+)
	evClockSnapshot     = 51 // clock snapshot in a sync batch [dt, mono, sec, nsec]
	evEndOfGeneration   = 52 // one-byte end-of-generation marker (go 1.26+)

	// maxBatchSize is the largest payload the runtime writes and the parser
	// accepts.
	maxBatchSize = 64 << 10
)

// Experiment numbers of experimental batches.
const (
	expNone      = 0
	expAllocFree = 1
	expWorkSteal = 2
)

// BatchKind says what a batch holds.
type BatchKind uint8

// The kinds of batches.
const (
	KindEvents          BatchKind = iota // per-M events
	KindSync                             // frequency and clock snapshot
	KindStrings                          // string table
	KindStacks                           // stack table
	KindCPUSamples                       // CPU profile samples
	KindAllocFree                        // experimental AllocFree batch
	KindSteal                            // experimental WorkSteal batch (FORMAT.md)
	KindEndOfGeneration                  // one-byte marker, no header
	KindExperimental                     // batch of an unknown experiment (an error)
)

var kindNames = [...]string{
	KindEvents:          "event batch",
	KindSync:            "sync batch",
	KindStrings:         "strings batch",
	KindStacks:          "stacks batch",
	KindCPUSamples:      "CPU samples batch",
	KindAllocFree:       "AllocFree batch",
	KindSteal:           "steal batch",
	KindEndOfGeneration: "end-of-generation marker",
	KindExperimental:    "experimental batch",
}

// String returns a short name such as "steal batch".
func (k BatchKind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return fmt.Sprintf("BatchKind(%d)", k)
}

// batch is one batch of the trace, split off the byte stream. Its header
// and payload slices are only valid until the next call to splitter.next.
type batch struct {
	index  int   // position in the trace, 0 for the first batch
	offset int64 // byte offset of the header byte in the file
	kind   BatchKind
	gen    uint64
	m      uint64
	time   uint64
	header []byte // the header exactly as read, padded varints included
	data   []byte // the payload
}

// BatchError reports a batch that could not be split off or decoded.
type BatchError struct {
	Index  int       // position of the batch in the trace, from 0
	Offset int64     // byte offset of the batch's first byte in the file
	Kind   BatchKind // what the batch is, as far as it could be read
	Err    error
}

func (e *BatchError) Error() string {
	return fmt.Sprintf("batch %d (%s) at offset %d: %v", e.Index, e.Kind, e.Offset, e.Err)
}

func (e *BatchError) Unwrap() error { return e.Err }

// splitter cuts a trace byte stream, positioned after the trace header,
// into batches.
type splitter struct {
	r       *bufio.Reader
	version int
	offset  int64 // offset of the next unread byte
	index   int   // index of the next batch
	header  []byte
	data    []byte
}

func newSplitter(r *bufio.Reader, version int) *splitter {
	return &splitter{r: r, version: version, offset: headerLen}
}

// ReadByte reads one header byte, keeping a copy of it.
func (s *splitter) ReadByte() (byte, error) {
	c, err := s.r.ReadByte()
	if err != nil {
		return 0, err
	}
	s.offset++
	s.header = append(s.header, c)
	return c, nil
}

// next returns the next batch, or io.EOF at a clean end of the stream.
func (s *splitter) next() (*batch, error) {
	b := &batch{index: s.index, offset: s.offset}
	s.header = s.header[:0]
	fail := func(err error) (*batch, error) {
		return nil, &BatchError{Index: b.index, Offset: b.offset, Kind: b.kind, Err: err}
	}

	// Read the batch type; the end-of-generation marker is only this byte.
	typ, err := s.ReadByte()
	if err == io.EOF {
		return nil, io.EOF
	}
	if err != nil {
		return fail(err)
	}
	s.index++
	switch typ {
	case evEndOfGeneration:
		b.kind = KindEndOfGeneration
		if s.version < endOfGenVersion {
			return fail(fmt.Errorf("end-of-generation marker in a go 1.%d trace", s.version))
		}
		b.header = s.header
		return b, nil
	case evEventBatch:
	case evExperimentalBatch:
		if s.version < 23 {
			return fail(fmt.Errorf("experimental batch in a go 1.%d trace", s.version))
		}
		exp, err := s.ReadByte()
		if err != nil {
			return fail(readErr("reading experiment", err))
		}
		switch exp {
		case expNone:
			// The parser treats these as ordinary batches; so do we.
		case expAllocFree:
			b.kind = KindAllocFree
		case expWorkSteal:
			b.kind = KindSteal
		default:
			b.kind = KindExperimental
			return fail(fmt.Errorf("unknown experiment %d", exp))
		}
	default:
		return fail(fmt.Errorf("byte %d is not a batch header", typ))
	}

	// Read the rest of the header: generation, M, time and payload size.
	if b.gen, err = binary.ReadUvarint(s); err != nil {
		return fail(readErr("reading generation", err))
	}
	if b.gen == 0 {
		return fail(errors.New("generation 0 is invalid"))
	}
	if b.m, err = binary.ReadUvarint(s); err != nil {
		return fail(readErr("reading M", err))
	}
	if b.time, err = binary.ReadUvarint(s); err != nil {
		return fail(readErr("reading time", err))
	}
	size, err := binary.ReadUvarint(s)
	if err != nil {
		return fail(readErr("reading size", err))
	}
	if size > maxBatchSize {
		return fail(fmt.Errorf("payload size %d exceeds the maximum %d", size, maxBatchSize))
	}
	b.header = s.header

	// Read the payload into the reused buffer.
	if cap(s.data) < int(size) {
		s.data = make([]byte, size)
	}
	b.data = s.data[:size]
	n, err := io.ReadFull(s.r, b.data)
	s.offset += int64(n)
	if err != nil {
		return fail(readErr(fmt.Sprintf("reading payload: got %d of %d bytes", n, size), err))
	}
	if b.kind == KindEvents {
		b.kind = s.payloadKind(b.data)
	}
	return b, nil
}

// payloadKind tells the kinds of ordinary batches apart by their first
// payload byte, the way the parser does.
func (s *splitter) payloadKind(data []byte) BatchKind {
	if len(data) == 0 {
		return KindEvents
	}
	switch data[0] {
	case evStacks:
		return KindStacks
	case evStrings:
		return KindStrings
	case evCPUSamples:
		return KindCPUSamples
	case evFrequency:
		if s.version < syncEventVersion {
			return KindSync
		}
	case evSync:
		if s.version >= syncEventVersion {
			return KindSync
		}
	}
	return KindEvents
}

// readErr wraps an error met while reading step, saying plainly when the
// input simply ended.
func readErr(step string, err error) error {
	if errors.Is(err, io.EOF) || errors.Is(err, io.ErrUnexpectedEOF) {
		return fmt.Errorf("%s: trace truncated: %w", step, io.ErrUnexpectedEOF)
	}
	return fmt.Errorf("%s: %w", step, err)
}
