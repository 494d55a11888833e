// Package schedtrace reads the scheduler trace that the Go runtime prints to
// standard error under GODEBUG=schedtrace=N (one SCHED summary line every N
// milliseconds) and GODEBUG=scheddetail=1,schedtrace=N (the summary line
// followed by one line per P, per M and per G).
//
// The model is a list of snapshots. Each snapshot starts at a SCHED line and
// owns the P, M and G lines that follow it until the next SCHED line. In
// summary mode a snapshot has only its Sched record, which then carries the
// per-P local run queue lengths from the bracket ("[ 0 3 1 0 ]"); in detail
// mode those lengths live in the P records instead.
//
// The runtime writes these lines with its own print function, unsynchronised
// with the program's output, so the stream usually holds other lines too.
// Parse keeps going over them and counts them in Trace.Unrecognized; a line
// that starts like a trace line but does not parse is counted the same way,
// with a sample kept, so a format change shows up as a count rather than a
// silent loss.
//
// Limit: a trace line cut in two by a concurrent write from the program
// cannot be recovered; both halves are counted as unrecognised.
package schedtrace
