package stealtracer

import (
	"fmt"
	"io"
)

// Strip copies the trace from src to dst without its steal batches, so that
// stock tools can read it. Every other byte, the trace header and padded
// varints included, is copied unchanged. It reads src in one pass and
// returns what it saw.
//
// Steal batches are decoded on the way, so a broken or unknown-version steal
// batch is an error, as is a truncated trace; dst then holds a partial copy
// and the caller should discard it.
func Strip(dst io.Writer, src io.Reader) (Stats, error) {
	s, err := newScanner(src)
	if err != nil {
		return Stats{}, err
	}
	if _, err := dst.Write(s.header); err != nil {
		return s.stats, fmt.Errorf("writing trace header: %w", err)
	}
	for {
		b, err := s.next()
		if err == io.EOF {
			return s.stats, nil
		}
		if err != nil {
			return s.stats, err
		}
		if b.kind == KindSteal {
			continue
		}
		if _, err := dst.Write(b.header); err != nil {
			return s.stats, fmt.Errorf("writing batch %d: %w", b.index, err)
		}
		if _, err := dst.Write(b.data); err != nil {
			return s.stats, fmt.Errorf("writing batch %d: %w", b.index, err)
		}
	}
}
