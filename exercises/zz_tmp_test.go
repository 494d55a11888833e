package exercises

import (
	"fmt"
	"testing"
)

func TestTmpBurst(t *testing.T) {
	for _, f := range []string{"t-false-1", "t-false-2", "t-false-3", "t-true-1", "t-true-2", "t-true-3", "p1"} {
		p := 4
		if f == "p1" {
			p = 1
		}
		b, err := ReadBurstTrace("/tmp/e8/"+f+".trace", p)
		if err != nil {
			t.Fatal(err)
		}
		fmt.Printf("%s: g=%d spawnP=%d steals=%d burst=%v elsewhere=%d imb=%d peak=%d@P%d lev=%.1f\n", f, b.Goroutines, b.SpawnP, b.Steals, b.BurstSteals, b.FirstRunElsewhere, b.Imbalance, b.Peak, b.PeakP, b.Levelled)
		if f == "t-false-1" || f == "t-true-1" {
			for _, s := range b.Timeline {
				fmt.Printf("  %8.1f %v %s\n", s.At, s.Queues, s.What)
			}
		}
	}
}
