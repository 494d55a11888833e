#!/usr/bin/env bash
# build.sh builds the private gopatched toolchain: the pinned Go release with
# the patch series in patches/ applied. Run it through `make toolchain`.
#
# Steps: fetch the pinned release with the go command, verify it against the
# pinned hash, copy it to build/work, apply patches/*.patch in order with
# git apply, stamp VERSION, run make.bash with the unpatched release as the
# bootstrap, and only then move the tree to build/goroot-STAMP and switch the
# links build/current, bin/go and bin/gofmt to it. A failed or interrupted
# build leaves the previous links untouched; the next run starts over.
#
# The stamp is a hash of the pin, the patch files and this script. When the
# built tree carries the current stamp, the script does nothing.
set -euo pipefail

# The braces make bash read the whole script before running any of it, so
# editing this file during a build cannot break the build.
{

root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

pin_file=toolchain/pin.go
release=$(sed -n 's/^\tRelease = "\(.*\)"$/\1/p' "$pin_file")
[ -n "$release" ] || { echo "build.sh: cannot read Release from $pin_file" >&2; exit 1; }

patches=(patches/*.patch)
[ -e "${patches[0]}" ] || { echo "build.sh: no patches in patches/" >&2; exit 1; }

# The stamp covers everything that changes the result.
stamp=$( { cat "$pin_file" toolchain/build.sh; for p in "${patches[@]}"; do echo "$p"; cat "$p"; done; } \
	| sha256sum | cut -c1-12)
series=$(cat "${patches[@]}" | sha256sum | cut -c1-8)

# check_patches checks, without copying anything, that the series applies
# to the tree in $1, and names the first patch that does not.
check_patches() {
	local tree=$1 p out prefix=()
	for p in "${patches[@]}"; do
		prefix+=("$root/$p")
		if ! out=$(cd "$tree" && git apply --check "${prefix[@]}" 2>&1); then
			echo "build.sh: patch $p does not apply to $release:" >&2
			echo "$out" >&2
			echo "build.sh: fix the patch (toolchain/patches.sh unpack helps) and run make toolchain again" >&2
			return 1
		fi
	done
}

# git apply must not see the project's own repository: inside a repository
# it applies paths relative to the repository root and silently skips
# those outside the current directory.
export GIT_CEILING_DIRECTORIES="$root/build:$root/build/work"

case "${1:-}" in
--stamp)
	echo "$stamp"
	exit 0
	;;
--check)
	src=$(GOTOOLCHAIN=$release go env GOROOT)
	check_patches "$src"
	echo "all ${#patches[@]} patches apply to $release"
	exit 0
	;;
"") ;;
*)
	echo "usage: toolchain/build.sh [--check | --stamp]" >&2
	exit 2
	;;
esac

up_to_date() {
	[ -f build/current/gopatched-stamp ] &&
		[ "$(cat build/current/gopatched-stamp)" = "$stamp" ] &&
		[ -x bin/go ] && [ -x bin/gofmt ]
}
if up_to_date; then
	echo "toolchain up to date: $(cat build/current/VERSION | head -1) (bin/go)"
	exit 0
fi

# A leftover work tree is from a build that failed or was interrupted.
if [ -e build/work ]; then
	echo "removing build/work left by an earlier build that did not finish"
	chmod -R u+w build/work && rm -rf build/work
fi
mkdir -p build/work bin

# The built tree lives inside this repository; without a workspace file of
# its own, the go command run from inside the tree would take the
# project's go.mod as the main module (the runtime's TestAtomicAlignment
# fails that way). An empty workspace stops the search at build/.
printf '// Keeps the go command inside build/ from seeing the gopatched module.\ngo 1.26\n' > build/go.work

echo "fetching $release with the go command (GOTOOLCHAIN=$release go env GOROOT)"
src=$(GOTOOLCHAIN=$release go env GOROOT)
echo "verifying $src against the pinned hash"
go run ./cmd/gopatched toolchain verify "$src"

check_patches "$src"

echo "copying the source to build/work/go"
mkdir build/work/go
(cd "$src" && tar --exclude=./bin --exclude=./pkg -cf - .) | (cd build/work/go && tar -xf -)
chmod -R u+w build/work/go

for p in "${patches[@]}"; do
	echo "applying $p"
	if ! out=$(cd build/work/go && git apply --check -v "$root/$p" 2>&1); then
		echo "build.sh: patch $p does not apply to $release:" >&2
		echo "$out" | grep -E '^(error|Checking|Hunk|Applied)|does not apply|patch failed' >&2 || echo "$out" >&2
		echo "build.sh: fix the patch (toolchain/patches.sh unpack helps) and run make toolchain again" >&2
		exit 1
	fi
	(cd build/work/go && git apply "$root/$p")
done

version="$release-gopatched-$series"
{ echo "$version"; tail -n +2 "$src/VERSION"; } > build/work/go/VERSION
printf '%s\n' "${patches[@]##*/}" > build/work/go/gopatched-patches

echo "running make.bash (about 3 minutes on two cores), bootstrap $src"
(cd build/work/go/src && GOROOT_BOOTSTRAP="$src" GOTOOLCHAIN=local bash make.bash)

echo "$stamp" > build/work/go/gopatched-stamp
dest=build/goroot-$stamp
rm -rf "$dest"
mv build/work/go "$dest"
rmdir build/work

# Switch the links; each is replaced by a rename, never left half-made.
ln -sfn "goroot-$stamp" build/current.new && mv -T build/current.new build/current
for tool in go gofmt; do
	ln -sfn "../build/current/bin/$tool" "bin/$tool.new" && mv -T "bin/$tool.new" "bin/$tool"
done

# Older trees are no longer linked.
for old in build/goroot-*; do
	[ "$old" = "$dest" ] || { chmod -R u+w "$old" && rm -rf "$old"; }
done
echo "built $version: bin/go -> build/current/bin/go"
exit 0
}
