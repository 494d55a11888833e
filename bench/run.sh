#!/usr/bin/env bash
# run.sh measures what the work-steal record costs. Run it through
# `make bench`; it is for people and the docs, not for `make test` or CI.
#
#   bench/run.sh            COUNT=10 rounds, BENCHTIME=300ms per benchmark
#
# It builds two test binaries with each toolchain (stock pinned release and
# ./bin/go): this folder's scheduler benchmarks and the runtime's own
# scheduler benchmarks from that toolchain's tree. Then, interleaved in
# COUNT rounds (A B, B A, A B, ...):
#
#   1. tracing off: stock against patched;
#   2. tracing on (-test.trace=/dev/null): patched with GODEBUG=tracesteal=0
#      against tracesteal=1;
#
# and, once, the steal-heavy FanOut benchmark with a fixed iteration count
# and the trace to a file with tracesteal=1 and 0, for trace bytes per steal.
# It prints benchstat's tables and the paired deltas with their 95%
# intervals (bench/deltas) and writes everything to out/bench/ (OUT
# overrides out); report.md there is the summary. On a quiet 2-core machine
# it takes about 3 minutes with the defaults and 10 with COUNT=20
# BENCHTIME=500ms (docs/benchmarks.md). The machine's load shows up as
# noise: run it on a quiet machine.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
count=${COUNT:-10}
benchtime=${BENCHTIME:-300ms}
out=$root/${OUT:-out}/bench
benchstat_version=v0.0.0-20260908200009-22c9c6c9d4da

# The runtime's scheduler benchmarks: goroutine creation (Single is the one
# written to make idle Ps steal), ping-pong with a CPU hog, and wake-ups of
# a blocked goroutine by another P (two of its eight delays). They take two
# runs: a pattern with a sub-benchmark level drops benchmarks without one.
runtime_bench='^Benchmark(CreateGoroutines|CreateGoroutinesParallel|CreateGoroutinesSingle|PingPongHog)$'
runtime_subbench='^BenchmarkWakeupParallelSpinning$/^(0s|10µs)$'
# The benchmarks where Ps steal the most: everything spawned from one
# goroutine. The tracesteal goal is about these.
steal_heavy='^(FanOut|Spawn|CreateGoroutinesSingle)-'

release=$(sed -n 's/^\tRelease = "\(.*\)"$/\1/p' toolchain/pin.go)
[ -n "$release" ] || { echo "run.sh: cannot read Release from toolchain/pin.go" >&2; exit 2; }
[ -x bin/go ] || { echo "run.sh: no ./bin/go; run make toolchain first" >&2; exit 2; }
stock=$(GOTOOLCHAIN=$release go env GOROOT)
patched=$(env -u GOROOT bin/go env GOROOT)
mkdir -p "$out/bin"
rm -f "$out"/*.txt "$out"/*.trace "$out"/run.*

# Build the test binaries, each with its own toolchain and nothing inherited
# that could switch or redirect it.
for side in stock patched; do
	tree=$stock
	[ "$side" = patched ] && tree=$patched
	echo "building the benchmarks with $("$tree/bin/go" version | cut -d' ' -f3)" >&2
	env -u GOROOT GOTOOLCHAIN=local GOFLAGS= "$tree/bin/go" test -c -o "$out/bin/$side-sched.test" ./bench
	(cd "$tree/src" && env -u GOROOT GOTOOLCHAIN=local GOFLAGS= \
		"$tree/bin/go" test -c -o "$out/bin/$side-runtime.test" runtime)
done

# The runtime's test binary always double-checks ReadMemStats, and with the
# trace on that check sometimes throws "mappedReady and other memstats are
# not equal" (stock go1.27.3 too: a trace buffer allocated by an M without
# a P while the world is stopped). A run that dies of exactly that is run
# again, up to three times, and counted in out/bench/retries.txt; any other
# failure stops the script.
known_race='mappedReady and other memstats are not equal'

# once FILE BINARY ARGS... runs one test binary and appends its output to
# FILE only if it succeeded, so that the rounds stay paired.
once() {
	local file=$1 tmp
	shift
	tmp=$(mktemp "$out/run.XXXXXX")
	for try in 1 2 3; do
		if (cd "$out" && "$@") >"$tmp" 2>&1; then
			cat "$tmp" >>"$file"
			rm -f "$tmp"
			return 0
		fi
		if ! grep -q "$known_race" "$tmp"; then
			echo "run.sh: $* failed:" >&2
			tail -20 "$tmp" >&2
			exit 1
		fi
		echo "$(basename "$file") $(basename "$1"): known ReadMemStats race, try $try" | tee -a "$out/retries.txt" >&2
	done
	echo "run.sh: $* died of the ReadMemStats race three times" >&2
	exit 1
}

# bench SIDE FILE [FLAGS...] runs both of SIDE's binaries once, appending to FILE.
bench() {
	local side=$1 file=$2
	shift 2
	once "$file" "bin/$side-sched.test" -test.run='^$' -test.bench=. \
		-test.benchtime="$benchtime" -test.count=1 "$@"
	once "$file" "bin/$side-runtime.test" -test.run='^$' -test.bench="$runtime_bench" \
		-test.benchtime="$benchtime" -test.count=1 "$@"
	once "$file" "bin/$side-runtime.test" -test.run='^$' -test.bench="$runtime_subbench" \
		-test.benchtime="$benchtime" -test.count=1 "$@"
}

# Odd rounds run A first, even rounds B first: the second of two runs in a
# row is measurably slower on a busy machine (an A/A control of one binary
# against itself showed +3% on FanOut), and alternating cancels that.
start=$SECONDS
for i in $(seq "$count"); do
	echo "round $i/$count: tracing off, stock and patched" >&2
	if ((i % 2)); then
		bench stock "$out/off-stock.txt"
		bench patched "$out/off-patched.txt"
	else
		bench patched "$out/off-patched.txt"
		bench stock "$out/off-stock.txt"
	fi
done
for i in $(seq "$count"); do
	echo "round $i/$count: tracing on, patched tracesteal=0 and 1" >&2
	if ((i % 2)); then
		GODEBUG=tracesteal=0 bench patched "$out/on-tracesteal0.txt" -test.trace=/dev/null
		GODEBUG=tracesteal=1 bench patched "$out/on-tracesteal1.txt" -test.trace=/dev/null
	else
		GODEBUG=tracesteal=1 bench patched "$out/on-tracesteal1.txt" -test.trace=/dev/null
		GODEBUG=tracesteal=0 bench patched "$out/on-tracesteal0.txt" -test.trace=/dev/null
	fi
done
echo "benchmarks took $((SECONDS - start)) s" >&2

# Fixed-size steal-heavy runs traced to files, interleaved, five each.
for i in 1 2 3 4 5; do
	for ts in 0 1; do
		(cd "$out" && GODEBUG=tracesteal=$ts bin/patched-sched.test -test.run='^$' \
			-test.bench='^BenchmarkFanOut$' -test.benchtime=2000x \
			-test.trace="fanout-tracesteal$ts-$i.trace" >/dev/null)
	done
done

benchstat() { go run "golang.org/x/perf/cmd/benchstat@$benchstat_version" "$@"; }
{
	echo "## Machine"
	echo
	echo "$(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2- | sed 's/^ //'), load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
	echo
	echo "Command: \`COUNT=$count BENCHTIME=$benchtime bench/run.sh\`"
	echo
	echo "Runs retried after the known ReadMemStats race: $(cat "$out/retries.txt" 2>/dev/null | wc -l)"
	echo
	echo "## Tracing off: stock $release against patched"
	echo
	go run ./bench/deltas -a "stock" -b "patched" -goal 1 "$out/off-stock.txt" "$out/off-patched.txt"
	echo
	echo '```'
	benchstat stock="$out/off-stock.txt" patched="$out/off-patched.txt"
	echo '```'
	echo
	echo "## Tracing on: patched, tracesteal=0 against tracesteal=1"
	echo
	echo "All benchmarks:"
	echo
	go run ./bench/deltas -a "tracesteal=0" -b "tracesteal=1" "$out/on-tracesteal0.txt" "$out/on-tracesteal1.txt"
	echo
	echo "Steal-heavy benchmarks (\`$steal_heavy\`):"
	echo
	go run ./bench/deltas -a "tracesteal=0" -b "tracesteal=1" -filter "$steal_heavy" -goal 1 \
		"$out/on-tracesteal0.txt" "$out/on-tracesteal1.txt"
	echo
	echo '```'
	benchstat records-off="$out/on-tracesteal0.txt" records-on="$out/on-tracesteal1.txt"
	echo '```'
	echo
	echo "## Trace bytes per steal (BenchmarkFanOut, 2000 bursts, five runs each)"
	echo
	go run ./bench/tracesize $(printf -- "-without %s " "$out"/fanout-tracesteal0-*.trace) \
		"$out"/fanout-tracesteal1-*.trace
} | tee "$out/report.md"
echo "report: $out/report.md" >&2
