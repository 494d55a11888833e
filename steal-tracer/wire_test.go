package stealtracer

import (
	"encoding/binary"
)

// Helpers that build trace bytes by hand, following FORMAT.md and the
// trace batch layout, for the tests.

// uv encodes v as a minimal unsigned varint.
func uv(v uint64) []byte { return binary.AppendUvarint(nil, v) }

// padded encodes v as an unsigned varint of exactly n bytes, padding with
// continuation bytes the way the runtime writes batch sizes.
func padded(v uint64, n int) []byte {
	out := make([]byte, n)
	for i := range n - 1 {
		out[i] = byte(v&0x7f) | 0x80
		v >>= 7
	}
	out[n-1] = byte(v)
	return out
}

// cat concatenates byte slices.
func cat(parts ...[]byte) []byte {
	var out []byte
	for _, p := range parts {
		out = append(out, p...)
	}
	return out
}

// rec is a steal record to encode.
type rec struct {
	ticks, thief, victim, qlen uint64
	flags                      byte
	moved                      []uint64
}

// encode writes the record in format version 1.
func (r rec) encode() []byte {
	out := cat(uv(r.ticks), uv(r.thief), uv(r.victim), uv(r.qlen), uv(uint64(len(r.moved))),
		[]byte{r.flags})
	for _, g := range r.moved {
		out = append(out, uv(g)...)
	}
	return out
}

// stealBatch builds a whole steal batch with a padded 10-byte size, as the
// runtime writes it.
func stealBatch(gen, m, ticks uint64, version byte, recs ...rec) []byte {
	payload := []byte{version}
	for _, r := range recs {
		payload = append(payload, r.encode()...)
	}
	return cat([]byte{evExperimentalBatch, expWorkSteal}, uv(gen), uv(m), uv(ticks),
		padded(uint64(len(payload)), 10), payload)
}

// header26 is the header of a go 1.26 format trace.
var header26 = []byte("go 1.26 trace\x00\x00\x00")
