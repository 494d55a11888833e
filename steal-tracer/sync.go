package stealtracer

import (
	"bytes"
	"encoding/binary"
	"errors"
	"fmt"

	"golang.org/x/exp/trace"
)

// frequency reads the trace clock frequency (ticks per second) out of the
// payload of a sync batch.
//
// Before go 1.25 the payload is a lone EvFrequency event; from go 1.25 on it
// is EvSync followed by an EvFrequency and an EvClockSnapshot, in any order.
func frequency(data []byte, version int) (uint64, error) {
	r := bytes.NewReader(data)
	if version >= syncEventVersion {
		if c, err := r.ReadByte(); err != nil || c != evSync {
			return 0, errors.New("sync batch does not start with a sync event")
		}
	}
	var freq uint64
	for r.Len() > 0 {
		c, _ := r.ReadByte()
		switch {
		case c == evFrequency:
			f, err := binary.ReadUvarint(r)
			if err != nil {
				return 0, fmt.Errorf("reading frequency: %w", err)
			}
			if freq != 0 {
				return 0, errors.New("two frequency events")
			}
			freq = f
		case c == evClockSnapshot && version >= syncEventVersion:
			for i := 0; i < 4; i++ {
				if _, err := binary.ReadUvarint(r); err != nil {
					return 0, fmt.Errorf("reading clock snapshot: %w", err)
				}
			}
		default:
			return 0, fmt.Errorf("unexpected event %d in sync batch", c)
		}
	}
	if freq == 0 {
		return 0, errors.New("sync batch has no frequency")
	}
	return freq, nil
}

// ticksToTime converts trace clock ticks to a trace.Time with the same
// float64 arithmetic as golang.org/x/exp/trace, so that the result compares
// exactly with the parser's event times.
func ticksToTime(ticks, freq uint64) trace.Time {
	nsPerTick := 1.0 / (float64(freq) / 1e9)
	return trace.Time(float64(ticks) * nsPerTick)
}
