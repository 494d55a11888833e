package prog

import (
	"runtime/metrics"
)

// Histogram is a snapshot of a runtime/metrics histogram.
type Histogram struct {
	Counts  []uint64
	Buckets []float64
}

// ReadHistogram reads the named histogram metric.
func ReadHistogram(name string) Histogram {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	h := s[0].Value.Float64Histogram()
	return Histogram{Counts: append([]uint64(nil), h.Counts...), Buckets: h.Buckets}
}

// ReadFloat reads the named float64 metric, or a uint64 one as a float.
func ReadFloat(name string) float64 {
	s := []metrics.Sample{{Name: name}}
	metrics.Read(s)
	if s[0].Value.Kind() == metrics.KindUint64 {
		return float64(s[0].Value.Uint64())
	}
	return s[0].Value.Float64()
}

// Since returns the counts added between an earlier snapshot and h.
func (h Histogram) Since(earlier Histogram) Histogram {
	d := Histogram{Counts: make([]uint64, len(h.Counts)), Buckets: h.Buckets}
	for i := range h.Counts {
		d.Counts[i] = h.Counts[i] - earlier.Counts[i]
	}
	return d
}

// Quantile returns the upper bound of the bucket holding the q-th quantile
// (0..1), or 0 when the histogram is empty. An unbounded last bucket reports
// its lower bound.
func (h Histogram) Quantile(q float64) float64 {
	var total uint64
	for _, c := range h.Counts {
		total += c
	}
	if total == 0 {
		return 0
	}
	var seen uint64
	for i, c := range h.Counts {
		seen += c
		if float64(seen) >= q*float64(total) {
			upper := h.Buckets[i+1]
			if upper > 1e300 {
				return h.Buckets[i]
			}
			return upper
		}
	}
	return h.Buckets[len(h.Buckets)-1]
}
