package exercises

import (
	"math"
	"testing"

	"github.com/google/go-cmp/cmp"
)

func TestVerdictAndSkips(t *testing.T) {
	twoCores := &Exercise{Number: 2, SkipBelowCores: 2}
	anyCores := &Exercise{Number: 3}
	skip := []Check{SkipCheck("claim", "needs 2 cores, saw 1")}
	tests := []struct {
		name  string
		ex    *Exercise
		cores int
		in    []Check
		want  Status
	}{
		{"allowed skip", twoCores, 1, skip, Skip},
		{"skip with enough cores is a failure", twoCores, 2, skip, Fail},
		{"skip where the spec allows none is a failure", anyCores, 1, skip, Fail},
		{"pass with one allowed skip", twoCores, 1, append([]Check{{Status: Pass}}, skip...), Pass},
		{"one failure fails", anyCores, 2, []Check{{Status: Pass}, {Status: Fail}}, Fail},
		{"no checks fails", anyCores, 2, nil, Fail},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := Verdict(enforceSkips(tt.ex, tt.cores, tt.in)); got != tt.want {
				t.Errorf("verdict = %s, want %s", got, tt.want)
			}
		})
	}
}

func TestPercentile(t *testing.T) {
	xs := []float64{5, 1, 4, 2, 3, 6, 7, 8, 9, 10}
	got := []float64{Percentile(xs, 50), Percentile(xs, 99), Percentile(xs, 100), Percentile(xs, 1)}
	if diff := cmp.Diff([]float64{5, 10, 10, 1}, got); diff != "" {
		t.Errorf("percentiles (-want +got):\n%s", diff)
	}
	if !math.IsNaN(Percentile(nil, 50)) {
		t.Errorf("percentile of nothing is not NaN")
	}
}

func TestDecode(t *testing.T) {
	var v struct{ A int }
	if err := Decode([]byte("noise\nRESULT {\"A\":1}\nRESULT {\"A\":2}\ntrailer\n"), &v); err != nil || v.A != 2 {
		t.Errorf("Decode = %v, %+v; want the last RESULT line, A=2", err, v)
	}
	if err := Decode([]byte("no result here\n"), &v); err == nil {
		t.Errorf("Decode without a RESULT line succeeded")
	}
}

// TestReadMutexProfile reads a mutex profile captured from exercise 19's
// program (go1.26, two cores).
func TestReadMutexProfile(t *testing.T) {
	sites, err := ReadMutexProfile("testdata/mutex.txt")
	if err != nil {
		t.Fatal(err)
	}
	var top []string
	for _, s := range sites[:3] {
		top = append(top, s.Function)
	}
	want := []string{"runtime.gfput", "runtime.gfget", "runtime.findRunnable"}
	if diff := cmp.Diff(want, top); diff != "" {
		t.Errorf("top sites (-want +got):\n%s", diff)
	}
	if diff := cmp.Diff(LockSite{Function: "runtime.gfput", Contention: 11991248265, Count: 11265}, sites[0]); diff != "" {
		t.Errorf("top site (-want +got):\n%s", diff)
	}
}

// TestReadTrace reads a trace captured from exercise 6's program: 20
// requests, each a "handle" task with a db and a cpu region and a log.
func TestReadTrace(t *testing.T) {
	s, err := ReadTrace("testdata/tasks.trace")
	if err != nil {
		t.Fatal(err)
	}
	type summary struct{ Handles, WithBoth, WithLog int }
	var got summary
	for _, task := range s.Tasks {
		if task.Type != "handle" {
			continue
		}
		got.Handles++
		if task.Regions["db"] > 0 && task.Regions["cpu"] > 0 {
			got.WithBoth++
		}
		if len(task.Logs) == 1 {
			got.WithLog++
		}
	}
	if diff := cmp.Diff(summary{20, 20, 20}, got); diff != "" {
		t.Errorf("tasks (-want +got):\n%s", diff)
	}
	if s.Created == 0 || s.Started == 0 || s.BlockedBy("sleep") < 20 {
		t.Errorf("transitions: created %d, started %d, sleep blocks %d; want all > 0 and ≥ 20 sleeps",
			s.Created, s.Started, s.BlockedBy("sleep"))
	}
}
