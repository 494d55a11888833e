#!/usr/bin/env bash
# build.sh builds the private gopatched toolchain: the pinned Go release with
# the patch series in patches/ applied. Run it through `make toolchain`.
#
# Steps: fetch the pinned release with the go command, verify it against the
# pinned hash, copy it to WORK/work, apply patches/*.patch in order with
# git apply, stamp VERSION, run make.bash with the unpatched release as the
# bootstrap, and only then move the tree to WORK/goroot-STAMP and switch the
# links build/current, bin/go and bin/gofmt to it. A failed or interrupted
# build leaves the previous links untouched; the next run starts over.
#
# WORK is a build folder outside the repository, by default
# ~/.cache/gopatched/<hash of this checkout's path> (GOPATCHED_WORK sets
# another), because a Go tree inside this module would see the project's
# go.mod: the go command run from inside the tree then takes gopatched as
# the main module, and the tree's own tests fail. The repository holds only
# the links, in the git-ignored build/ and bin/.
#
# The stamp is a hash of the pinned values, the patch files and this script.
# When the built tree carries the current stamp, the script does nothing.
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

# The stamp covers everything that changes the result: the pin's values
# (not its comments), this script and the patches.
stamp=$( { grep -E '^	(Release|ModuleVersion|Hash) = ' "$pin_file"; cat toolchain/build.sh
	for p in "${patches[@]}"; do echo "$p"; cat "$p"; done; } | sha256sum | cut -c1-12)
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
work_root=${GOPATCHED_WORK:-${XDG_CACHE_HOME:-$HOME/.cache}/gopatched/$(printf '%s' "$root" | sha256sum | cut -c1-12)}
export GIT_CEILING_DIRECTORIES="$work_root"

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
--clean)
	if [ -e "$work_root" ]; then chmod -R u+w "$work_root" && rm -rf "$work_root"; fi
	rm -rf build bin
	echo "removed $work_root, build/ and bin/"
	exit 0
	;;
"") ;;
*)
	echo "usage: toolchain/build.sh [--check | --stamp | --clean]" >&2
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
work=$work_root/work
if [ -e "$work" ]; then
	echo "removing $work left by an earlier build that did not finish"
	chmod -R u+w "$work" && rm -rf "$work"
fi
mkdir -p "$work" build bin

echo "fetching $release with the go command (GOTOOLCHAIN=$release go env GOROOT)"
src=$(GOTOOLCHAIN=$release go env GOROOT)
echo "verifying $src against the pinned hash"
go run ./cmd/gopatched toolchain verify "$src"

check_patches "$src"

echo "copying the source to $work/go"
mkdir "$work/go"
(cd "$src" && tar --exclude=./bin --exclude=./pkg -cf - .) | (cd "$work/go" && tar -xf -)
chmod -R u+w "$work/go"

for p in "${patches[@]}"; do
	echo "applying $p"
	if ! out=$(cd "$work/go" && git apply --check -v "$root/$p" 2>&1); then
		echo "build.sh: patch $p does not apply to $release:" >&2
		echo "$out" | grep -E '^(error|Checking|Hunk|Applied)|does not apply|patch failed' >&2 || echo "$out" >&2
		echo "build.sh: fix the patch (toolchain/patches.sh unpack helps) and run make toolchain again" >&2
		exit 1
	fi
	(cd "$work/go" && git apply "$root/$p")
done

version="$release-gopatched-$series"
{ echo "$version"; tail -n +2 "$src/VERSION"; } > "$work/go/VERSION"
printf '%s\n' "${patches[@]##*/}" > "$work/go/gopatched-patches"

echo "running make.bash (about 3 minutes on two cores), bootstrap $src"
(cd "$work/go/src" && GOROOT_BOOTSTRAP="$src" GOTOOLCHAIN=local bash make.bash)

echo "$stamp" > "$work/go/gopatched-stamp"
dest=$work_root/goroot-$stamp
if [ -e "$dest" ]; then chmod -R u+w "$dest" && rm -rf "$dest"; fi
mv "$work/go" "$dest"
rmdir "$work"

# Switch the links; each is replaced by a rename, never left half-made.
ln -sfn "$dest" build/current.new && mv -T build/current.new build/current
for tool in go gofmt; do
	ln -sfn "../build/current/bin/$tool" "bin/$tool.new" && mv -T "bin/$tool.new" "bin/$tool"
done

# Older trees are no longer linked.
for old in "$work_root"/goroot-*; do
	[ "$old" = "$dest" ] || { chmod -R u+w "$old" && rm -rf "$old"; }
done
echo "built $version in $dest; bin/go -> build/current/bin/go"
exit 0
}
