#!/usr/bin/env bash
# treetest.sh runs the Go tree's own tests of what the patch series touches
# (runtime in short mode, runtime/trace, internal/trace/..., cmd/trace) twice:
# with the patched ./bin/go and with the stock pinned release's own go
# command. It prints the two side by side, one row per package, and lists
# each failure that stock has too with the first lines of its output.
# Run it through `make toolchain-test`.
#
# Exit status: 1 if the patched toolchain has a failure that stock does not,
# 2 if something needed is missing. The raw `go test -json` streams and the
# table go to out/treetest/ (OUT overrides out). On a quiet 2-core machine
# each side takes about a minute, most of it the runtime package; under
# load, five.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"
out=${OUT:-out}/treetest
pkgs=(runtime runtime/trace internal/trace/... cmd/trace)

release=$(sed -n 's/^\tRelease = "\(.*\)"$/\1/p' toolchain/pin.go)
[ -n "$release" ] || { echo "treetest.sh: cannot read Release from toolchain/pin.go" >&2; exit 2; }
[ -x bin/go ] || { echo "treetest.sh: no ./bin/go; run make toolchain first" >&2; exit 2; }
stock=$(GOTOOLCHAIN=$release go env GOROOT)
patched=$(env -u GOROOT bin/go env GOROOT)
mkdir -p "$out"

# run_tests GOROOT NAME runs the package set with GOROOT's own go command,
# from inside that tree, with nothing inherited that could switch or
# redirect the toolchain.
run_tests() {
	local tree=$1 name=$2 start=$SECONDS
	echo "testing ${pkgs[*]} with $("$tree/bin/go" version | cut -d' ' -f3) ($tree)" >&2
	(cd "$tree/src" && env -u GOROOT GOTOOLCHAIN=local GOFLAGS= \
		"$tree/bin/go" test -count=1 -short -json -timeout 30m "${pkgs[@]}") >"$out/$name.json" 2>"$out/$name.stderr" || true
	echo "  took $((SECONDS - start)) s; events in $out/$name.json" >&2
}

run_tests "$stock" stock
run_tests "$patched" patched

status=0
go run ./toolchain/treetest -stock "stock $release" -patched "patched ($("$patched/bin/go" version | cut -d' ' -f3))" \
	"$out/stock.json" "$out/patched.json" | tee "$out/table.md" || status=${PIPESTATUS[0]}
exit "$status"
