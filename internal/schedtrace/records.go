package schedtrace

// None stands for a reference that the runtime printed as "nil": a P with no
// M, an M with no P or no current goroutine, a G on no M.
const None = -1

// Sched is one SCHED line: the scheduler-wide counters at one instant.
type Sched struct {
	// Line is the 1-based line number of the record in the input.
	Line int
	// TimeMs is the time since the program's trace clock started.
	TimeMs int64
	// GOMAXPROCS is the number of Ps.
	GOMAXPROCS int
	// IdleProcs counts Ps with nothing to run.
	IdleProcs int
	// Threads counts every M the runtime ever created and still holds.
	Threads int
	// SpinningThreads counts Ms looking for work without having found any.
	SpinningThreads int
	// NeedSpinning is 1 when the runtime asked for a spinning M to start.
	NeedSpinning int
	// IdleThreads counts Ms parked on the idle list.
	IdleThreads int
	// RunQueue is the length of the global run queue.
	RunQueue int
	// LocalRunQueues holds the length of each P's local run queue, in P
	// order; it is nil in detail mode, where the P records carry it.
	LocalRunQueues []int
	// SchedTicks holds each P's schedule count, in P order; nil in detail
	// mode.
	SchedTicks []uint64
	// Detailed reports whether the line came from scheddetail mode; only
	// then are the four fields below printed.
	Detailed     bool
	GCWaiting    bool
	NMIdleLocked int
	StopWait     int
	SysmonWait   bool
}

// P is one P line of a detailed trace.
type P struct {
	Line        int
	ID          int
	Status      int // 0 idle, 1 running, 3 stopped for GC, 4 dead (2 is unused)
	SchedTick   uint64
	SyscallTick uint64
	M           int // id of the M holding the P, or None
	RunqSize    int
	GFreeCnt    int // dead Gs cached on this P for reuse by the next go statement
	TimersLen   int
}

// M is one M (OS thread) line of a detailed trace.
type M struct {
	Line       int
	ID         int
	P          int   // id of the P the M holds, or None
	CurG       int64 // id of the goroutine the M runs, or None
	Mallocing  int
	Throwing   int
	PreemptOff string // reason preemption is off, empty when it is on
	Locks      int
	Dying      int
	Spinning   bool
	Blocked    bool
	LockedG    int64 // goroutine locked to this M by LockOSThread, or None
}

// G is one goroutine line of a detailed trace.
type G struct {
	Line int
	ID   int64
	// Status is the runtime's raw status number: 0 idle, 1 runnable,
	// 2 running, 3 in a system call, 4 waiting, 6 dead, 8 copying its
	// stack, 9 preempted; the scan bit 0x1000 is added while the GC scans
	// the stack.
	Status int
	// WaitReason is why a waiting goroutine waits ("chan receive",
	// "select", "sleep", ...); empty for the others.
	WaitReason string
	M          int // id of the M running the goroutine, or None
	LockedM    int // id of the M the goroutine is locked to, or None
}

// Snapshot is one SCHED line with the P, M and G lines printed after it.
type Snapshot struct {
	Sched Sched
	Ps    []P
	Ms    []M
	Gs    []G
}

// Trace is everything Parse found in one stream.
type Trace struct {
	Snapshots []Snapshot
	// Lines is the number of lines read.
	Lines int
	// Unrecognized counts lines that are not trace lines, or that look like
	// one but do not parse; Samples keeps the first few with their reasons.
	Unrecognized int
	Samples      []Unrecognized
}

// Unrecognized is one line Parse could not use, and why.
type Unrecognized struct {
	Line   int
	Text   string
	Reason string
}
