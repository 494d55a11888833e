// Package bench holds scheduler benchmarks for comparing toolchains: the
// patched gopatched toolchain against the stock release it was built from,
// and the patched toolchain with and without work-steal records in the
// execution trace.
//
// The package has no code of its own, only benchmarks; run.sh builds them
// with each toolchain and runs them interleaved. Tracing is switched on by
// the test binary's own -test.trace flag, so the same binaries measure
// tracing off and tracing on.
package bench
