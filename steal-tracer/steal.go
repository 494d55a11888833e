package stealtracer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"
	"io"

	"golang.org/x/exp/trace"
)

// formatVersion is the version of the steal record layout this package
// reads (FORMAT.md).
const formatVersion = 1

// flagRunNext marks a steal of the victim's runnext slot.
const flagRunNext = 1

// Steal is one work steal: the thief P took goroutines from the victim P's
// local run queue.
type Steal struct {
	// Time is when the steal happened, on the same clock as the parser's
	// event times. It is taken before the stolen goroutines are put on the
	// thief's run queue.
	Time trace.Time
	// Ticks is the raw trace clock reading Time was converted from.
	Ticks uint64
	// Thief and Victim are the P that stole and the P stolen from.
	Thief, Victim trace.ProcID
	// VictimQueueLen is the length of the victim's local run queue when
	// the thief read it, not counting runnext.
	VictimQueueLen int
	// RunNext is set when the goroutine came from the victim's runnext slot.
	RunNext bool
	// Moved lists the stolen goroutines in the order the thief runs them;
	// the thief runs the last one at once.
	Moved []trace.GoID
	// M is the thread that wrote the record (the thief's M).
	M trace.ThreadID
	// Generation is the trace generation the record belongs to.
	Generation uint64
}

// decodeSteals decodes the payload of a steal batch of generation gen
// written by thread m and appends its records to dst. Times are left zero:
// they need the generation's frequency, which may come later in the stream.
func decodeSteals(dst []Steal, data []byte, gen, m uint64) ([]Steal, error) {
	r := bytes.NewReader(data)

	// Check the format version.
	v, err := r.ReadByte()
	if err != nil {
		return dst, errors.New("empty payload: no format version")
	}
	if v != formatVersion {
		return dst, fmt.Errorf("steal record format version %d, this reader knows only "+
			"version %d: use a stealtracer that matches the toolchain", v, formatVersion)
	}

	// Decode records until the payload ends.
	for n := 0; r.Len() > 0; n++ {
		start := len(data) - r.Len()
		s, err := decodeSteal(r)
		if err != nil {
			return dst, fmt.Errorf("record %d at payload offset %d: %w", n, start, err)
		}
		s.Generation = gen
		s.M = trace.ThreadID(m)
		dst = append(dst, s)
	}
	return dst, nil
}

// decodeSteal decodes one record.
func decodeSteal(r *bytes.Reader) (Steal, error) {
	var s Steal
	var f [5]uint64
	for i, name := range [...]string{"time", "thief", "victim", "victim queue length", "moved"} {
		v, err := binary.ReadUvarint(r)
		if err != nil {
			return s, fmt.Errorf("reading %s: %w", name, truncated(err))
		}
		f[i] = v
	}
	s.Ticks = f[0]
	s.Thief, s.Victim = trace.ProcID(f[1]), trace.ProcID(f[2])
	s.VictimQueueLen = int(f[3])
	moved := f[4]

	// Check the counts and flags against each other.
	flags, err := r.ReadByte()
	if err != nil {
		return s, fmt.Errorf("reading flags: %w", truncated(err))
	}
	if flags&^flagRunNext != 0 {
		return s, fmt.Errorf("unknown flag bits %#x", flags)
	}
	s.RunNext = flags&flagRunNext != 0
	if moved == 0 {
		return s, errors.New("steal moved no goroutines")
	}
	if moved > uint64(r.Len()) {
		return s, fmt.Errorf("%d goroutines moved but only %d bytes left", moved, r.Len())
	}
	if s.RunNext && moved != 1 {
		return s, fmt.Errorf("runnext steal moved %d goroutines, want 1", moved)
	}

	// Read the goroutine ids.
	s.Moved = make([]trace.GoID, moved)
	for i := range s.Moved {
		id, err := binary.ReadUvarint(r)
		if err != nil {
			return s, fmt.Errorf("reading goroutine %d: %w", i, truncated(err))
		}
		s.Moved[i] = trace.GoID(id)
	}
	return s, nil
}

// truncated names the end of a payload plainly.
func truncated(err error) error {
	if errors.Is(err, io.EOF) {
		return errors.New("payload ends inside the record")
	}
	return err
}
