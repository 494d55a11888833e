package schedtrace

// Sched returns the SCHED record of every snapshot, in order.
func (t *Trace) Sched() []Sched {
	out := make([]Sched, len(t.Snapshots))
	for i, s := range t.Snapshots {
		out[i] = s.Sched
	}
	return out
}

// WaitReasons counts the goroutines of the snapshot by wait reason; the
// goroutines with no reason (running, runnable) are not counted.
func (s *Snapshot) WaitReasons() map[string]int {
	h := map[string]int{}
	for _, g := range s.Gs {
		if g.WaitReason != "" {
			h[g.WaitReason]++
		}
	}
	return h
}
