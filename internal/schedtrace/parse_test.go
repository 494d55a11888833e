package schedtrace

import (
	"os"
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
)

// The lines below are copied from testdata, which holds real output of the
// exercise programs under go1.26 (schedtrace and scheddetail modes).

func TestParseLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want *Trace
	}{{
		name: "summary SCHED line with brackets",
		in:   "SCHED 204ms: gomaxprocs=4 idleprocs=0 threads=5 spinningthreads=0 needspinning=1 idlethreads=0 runqueue=1 [ 22 92 45 22 ] schedticks=[ 14 13 13 12 ]",
		want: &Trace{Lines: 1, Snapshots: []Snapshot{{Sched: Sched{Line: 1, TimeMs: 204, GOMAXPROCS: 4,
			Threads: 5, NeedSpinning: 1, RunQueue: 1, LocalRunQueues: []int{22, 92, 45, 22},
			SchedTicks: []uint64{14, 13, 13, 12}}}}},
	}, {
		name: "detail SCHED line, then P, M and G lines",
		in: `SCHED 0ms: gomaxprocs=2 idleprocs=0 threads=4 spinningthreads=1 needspinning=0 idlethreads=1 runqueue=0 gcwaiting=false nmidlelocked=0 stopwait=0 sysmonwait=false
  P0: status=1 schedtick=54 syscalltick=1 m=3 runqsize=2 gfreecnt=0 timerslen=11
  P1: status=0 schedtick=3 syscalltick=0 m=nil runqsize=0 gfreecnt=0 timerslen=0
  M0: p=0 curg=1 mallocing=0 throwing=0 preemptoff= locks=0 dying=0 spinning=false blocked=false lockedg=1
  M2: p=nil curg=nil mallocing=0 throwing=0 preemptoff= locks=0 dying=0 spinning=true blocked=true lockedg=nil
  G2: status=4(force gc (idle)) m=nil lockedm=nil
  G63: status=3() m=0 lockedm=nil`,
		want: &Trace{Lines: 7, Snapshots: []Snapshot{{
			Sched: Sched{Line: 1, GOMAXPROCS: 2, Threads: 4, SpinningThreads: 1, IdleThreads: 1,
				Detailed: true},
			Ps: []P{
				{Line: 2, ID: 0, Status: 1, SchedTick: 54, SyscallTick: 1, M: 3, RunqSize: 2, TimersLen: 11},
				{Line: 3, ID: 1, SchedTick: 3, M: None},
			},
			Ms: []M{
				{Line: 4, ID: 0, P: 0, CurG: 1, LockedG: 1},
				{Line: 5, ID: 2, P: None, CurG: None, Spinning: true, Blocked: true, LockedG: None},
			},
			Gs: []G{
				{Line: 6, ID: 2, Status: 4, WaitReason: "force gc (idle)", M: None, LockedM: None},
				{Line: 7, ID: 63, Status: 3, M: 0, LockedM: None},
			},
		}}},
	}, {
		name: "program output and broken lines are counted, not dropped",
		in: `held 57 goroutines for 250ms
  G5: status=4(chan receive) m=nil lockedm=nil
SCHED 9ms: gomaxprocs=x idleprocs=0 threads=4 spinningthreads=1 needspinning=0 idlethreads=1 runqueue=0 [ 0 ] schedticks=[ 0 ]
SCHED 10ms: gomaxprocs=1 idleprocs=0 threads=4 spinningthreads=1 needspinning=0 idlethreads=1 runqueue=0 [ 0 ] schedticks=[ 0 ]
  G7: status=4(chan receive) m=nil`,
		want: &Trace{Lines: 5, Unrecognized: 4,
			Snapshots: []Snapshot{{Sched: Sched{Line: 4, TimeMs: 10, GOMAXPROCS: 1, Threads: 4,
				SpinningThreads: 1, IdleThreads: 1, LocalRunQueues: []int{0}, SchedTicks: []uint64{0}}}},
			Samples: []Unrecognized{
				{Line: 1, Text: "held 57 goroutines for 250ms", Reason: "not a scheduler trace line"},
				{Line: 2, Text: "  G5: status=4(chan receive) m=nil lockedm=nil",
					Reason: "detail line before any SCHED line"},
				{Line: 3, Text: "SCHED 9ms: gomaxprocs=x idleprocs=0 threads=4 spinningthreads=1 needspinning=0 idlethreads=1 runqueue=0 [ 0 ] schedticks=[ 0 ]",
					Reason: `SCHED line: field gomaxprocs="x": strconv.Atoi: parsing "x": invalid syntax`},
				{Line: 5, Text: "  G7: status=4(chan receive) m=nil", Reason: `G7 line: missing field "lockedm"`},
			}},
	}}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, err := Parse(strings.NewReader(tt.in))
			if err != nil {
				t.Fatal(err)
			}
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("Parse mismatch (-want +got):\n%s", diff)
			}
		})
	}
}

// fileSummary is what TestParseFiles compares for a whole captured file.
type fileSummary struct {
	Lines, Unrecognized, Snapshots int
	Ps, Ms, Gs                     int
	FirstQueues                    []int
	LastReasons                    map[string]int
}

func TestParseFiles(t *testing.T) {
	tests := []struct {
		file string
		want fileSummary
	}{{
		file: "testdata/schedtrace-p4.txt",
		want: fileSummary{Lines: 19, Snapshots: 19, FirstQueues: []int{0, 0, 0, 0}, LastReasons: map[string]int{}},
	}, {
		file: "testdata/scheddetail.txt",
		want: fileSummary{Lines: 362, Snapshots: 6, Ps: 12, Ms: 24, Gs: 320,
			LastReasons: map[string]int{"sleep": 11, "chan receive": 10, "select": 10,
				"sync.Mutex.Lock": 10, "sync.WaitGroup.Wait": 10, "GC sweep wait": 1,
				"GC scavenge wait": 1, "finalizer wait": 1, "force gc (idle)": 1,
				"GOMAXPROCS updater (idle)": 1}},
	}, {
		file: "testdata/mixed.txt",
		want: fileSummary{Lines: 154, Unrecognized: 2, Snapshots: 3, Ps: 6, Ms: 12, Gs: 131,
			LastReasons: map[string]int{"sleep": 11, "chan receive": 10, "select": 10,
				"sync.Mutex.Lock": 10, "sync.WaitGroup.Wait": 10, "GC sweep wait": 1,
				"GC scavenge wait": 1, "finalizer wait": 1, "force gc (idle)": 1,
				"GOMAXPROCS updater (idle)": 1}},
	}}
	for _, tt := range tests {
		t.Run(tt.file, func(t *testing.T) {
			f, err := os.Open(tt.file)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			tr, err := Parse(f)
			if err != nil {
				t.Fatal(err)
			}
			got := fileSummary{Lines: tr.Lines, Unrecognized: tr.Unrecognized, Snapshots: len(tr.Snapshots)}
			for _, s := range tr.Snapshots {
				got.Ps += len(s.Ps)
				got.Ms += len(s.Ms)
				got.Gs += len(s.Gs)
			}
			got.FirstQueues = tr.Snapshots[0].Sched.LocalRunQueues
			got.LastReasons = tr.Snapshots[len(tr.Snapshots)-1].WaitReasons()
			if diff := cmp.Diff(tt.want, got); diff != "" {
				t.Errorf("summary mismatch (-want +got):\n%s", diff)
			}
		})
	}
}
