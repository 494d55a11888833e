// Command deltas compares two sets of Go benchmark results that were run
// interleaved (A B, B A, ...) and prints, for each benchmark, the change in
// time per operation from A to B with its 95% confidence interval, and the
// same for the geometric mean over the benchmarks.
//
// Usage:
//
//	deltas [-a NAME] [-b NAME] [-filter REGEXP] [-goal PERCENT] A.txt B.txt
//
// The two files hold `go test -bench` output with one result per benchmark
// per round, in round order: the i-th result of a benchmark in A was run
// next to the i-th in B. deltas pairs them, so load that drifts between
// rounds cancels out: a benchmark's delta is exp(mean of log(B_i/A_i)) - 1,
// its interval the Student t interval of that mean; the geomean delta does
// the same with, per round, the mean of the log ratios over all benchmarks.
// This differs from benchstat, which compares medians of unpaired samples
// and gives an interval per median but not per delta.
//
// With -goal, deltas also says whether the geomean's interval lies within
// ±PERCENT. Limits: only sec/op (ns/op) is compared; a benchmark with fewer
// than two rounds on either side is left out; extra rounds on one side are
// ignored.
package main
