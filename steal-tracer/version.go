package stealtracer

import (
	"bufio"
	"fmt"
	"io"
)

// headerLen is the length of the trace header "go 1.NN trace\x00\x00\x00".
const headerLen = 16

// Trace format versions (the minor Go version in the header) that matter
// here. Go 1.27 writes the go 1.26 format.
const (
	minVersion       = 22 // first version of the v2 format
	syncEventVersion = 25 // sync batches start with EvSync from here on
	endOfGenVersion  = 26 // generations end with an explicit marker from here on
	maxVersion       = 26
)

// readHeader reads and checks the trace header and returns the raw header
// bytes and the minor version it names.
func readHeader(r *bufio.Reader) ([]byte, int, error) {
	hdr := make([]byte, headerLen)
	if n, err := io.ReadFull(r, hdr); err != nil {
		if n == 0 && err == io.EOF {
			return nil, 0, fmt.Errorf("empty file: not a Go execution trace")
		}
		return nil, 0, fmt.Errorf("reading trace header: only %d of %d bytes: "+
			"not a Go execution trace, or truncated", n, headerLen)
	}
	var v int
	if _, err := fmt.Sscanf(string(hdr), "go 1.%d trace\x00\x00\x00", &v); err != nil ||
		string(hdr[13:]) != "\x00\x00\x00" {
		return nil, 0, fmt.Errorf("bad trace header %q: not a Go execution trace", hdr)
	}
	switch {
	case v < minVersion:
		return nil, 0, fmt.Errorf("unsupported trace version go 1.%d: "+
			"only traces from Go 1.22 and later can be read", v)
	case v > maxVersion:
		return nil, 0, fmt.Errorf("unsupported trace version go 1.%d: "+
			"this reader knows trace formats up to go 1.%d", v, maxVersion)
	}
	return hdr, v, nil
}
