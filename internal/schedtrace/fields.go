package schedtrace

import (
	"fmt"
	"strconv"
	"strings"
)

// cutFields splits text of the form "k1=v1 k2=v2 ... kn=vn<tail>" into
// values, given the keys in order. The value of ki runs to " k(i+1)="; the
// last value runs to the end unless stop is non-empty, in which case it runs
// to the first occurrence of stop, and the rest is returned as the tail.
func cutFields(text string, keys []string, stop string) (vals map[string]string, tail string, err error) {
	vals = make(map[string]string, len(keys))
	if !strings.HasPrefix(text, keys[0]+"=") {
		return nil, "", fmt.Errorf("expected %q at %q", keys[0]+"=", clip(text))
	}
	text = text[len(keys[0])+1:]
	for i, k := range keys {
		end := len(text)
		next := ""
		if i+1 < len(keys) {
			next = " " + keys[i+1] + "="
			end = strings.Index(text, next)
			if end < 0 {
				return nil, "", fmt.Errorf("missing field %q", keys[i+1])
			}
		} else if stop != "" {
			if j := strings.Index(text, stop); j >= 0 {
				end = j
			}
		}
		vals[k] = text[:end]
		text = text[end+len(next):]
	}
	return vals, text, nil
}

// clip shortens s for an error message.
func clip(s string) string {
	if len(s) > 40 {
		return s[:40] + "..."
	}
	return s
}

// fieldReader converts values from cutFields, remembering the first error so
// a parse function can read every field and check once.
type fieldReader struct {
	vals map[string]string
	err  error
}

func (f *fieldReader) fail(key string, err error) {
	if f.err == nil {
		f.err = fmt.Errorf("field %s=%q: %w", key, f.vals[key], err)
	}
}

func (f *fieldReader) int(key string) int {
	v, err := strconv.Atoi(f.vals[key])
	if err != nil {
		f.fail(key, err)
	}
	return v
}

func (f *fieldReader) uint64(key string) uint64 {
	v, err := strconv.ParseUint(f.vals[key], 10, 64)
	if err != nil {
		f.fail(key, err)
	}
	return v
}

// ref reads an id that the runtime prints as "nil" when absent.
func (f *fieldReader) ref(key string) int64 {
	if f.vals[key] == "nil" {
		return None
	}
	v, err := strconv.ParseInt(f.vals[key], 10, 64)
	if err != nil {
		f.fail(key, err)
	}
	return v
}

func (f *fieldReader) bool(key string) bool {
	v, err := strconv.ParseBool(f.vals[key])
	if err != nil {
		f.fail(key, err)
	}
	return v
}
