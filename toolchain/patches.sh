#!/usr/bin/env bash
# patches.sh turns the patch series into a git repository for editing, and
# the edited repository back into the series.
#
#   toolchain/patches.sh unpack DIR   verified pinned source in DIR, one commit per patch
#   toolchain/patches.sh pack DIR     rewrite patches/ from DIR's commits after the base
#
# Edit in DIR with ordinary git: amend a commit with `git commit --fixup` and
# `git rebase -i --autosquash base`, add a commit for a new concern. Then
# pack. Packing is reproducible: fixed author and date, no commit hashes
# (--zero-commit), no version signature, so the same tree gives
# byte-identical patch files and a patch diff reads as a code review.
set -euo pipefail

root=$(cd "$(dirname "$0")/.." && pwd)
# PATCHES_DIR overrides where the series lives (the tests pack into a copy).
patches_dir=${PATCHES_DIR:-$root/patches}
author_name=gopatched
author_email=gopatched@example.invalid
fixed_date="Thu, 1 Jan 2026 00:00:00 +0000"
export GIT_AUTHOR_NAME=$author_name GIT_AUTHOR_EMAIL=$author_email GIT_AUTHOR_DATE="$fixed_date"
export GIT_COMMITTER_NAME=$author_name GIT_COMMITTER_EMAIL=$author_email GIT_COMMITTER_DATE="$fixed_date"

usage() {
	sed -n '2,12s/^# \{0,1\}//p' "$0" >&2
	exit 2
}

unpack() {
	local dir=$1
	if [ -e "$dir" ]; then
		echo "patches.sh: $dir already exists; choose a new directory or remove it" >&2
		exit 1
	fi
	local release src
	release=$(sed -n 's/^\tRelease = "\(.*\)"$/\1/p' "$root/toolchain/pin.go")
	src=$(GOTOOLCHAIN=$release go env GOROOT)
	(cd "$root" && go run ./cmd/gopatched toolchain verify "$src")
	mkdir -p "$dir"
	(cd "$src" && tar --exclude=./bin --exclude=./pkg -cf - .) | (cd "$dir" && tar -xf -)
	chmod -R u+w "$dir"
	cd "$dir"
	git init -q -b main .
	printf '/bin/\n/pkg/\n' > .git/info/exclude
	git add -A
	git commit -q -m "$release as pinned by gopatched"
	git tag base
	local p
	for p in "$patches_dir"/*.patch; do
		[ -e "$p" ] || continue
		if ! git am -q --committer-date-is-author-date "$p"; then
			git am --abort || true
			echo "patches.sh: $(basename "$p") does not apply; see git's message above" >&2
			exit 1
		fi
	done
	echo "unpacked $(git rev-list --count base..HEAD) patches into $dir (base tag: base)"
}

pack() {
	local dir=$1
	[ -d "$dir/.git" ] || { echo "patches.sh: $dir is not a repository made by unpack" >&2; exit 1; }
	git -C "$dir" rev-parse -q --verify base >/dev/null ||
		{ echo "patches.sh: $dir has no 'base' tag; was it made by unpack?" >&2; exit 1; }
	# Give every commit the fixed author and dates, so that the patch
	# headers do not depend on who edited them or when.
	local log
	log=$(mktemp)
	if ! git -C "$dir" rebase -q --exec "git commit -q --amend --no-edit --reset-author" base >"$log" 2>&1; then
		cat "$log" >&2
		echo "patches.sh: could not normalise the commits in $dir (rebase failed)" >&2
		exit 1
	fi
	rm -f "$log"
	local tmp
	tmp=$(mktemp -d)
	git -C "$dir" format-patch -q --zero-commit --no-signature \
		--no-numbered --full-index -o "$tmp" base..HEAD
	if ! ls "$tmp"/*.patch >/dev/null 2>&1; then
		echo "patches.sh: no commits after base in $dir" >&2
		exit 1
	fi
	rm -f "$patches_dir"/*.patch
	mv "$tmp"/*.patch "$patches_dir/"
	rmdir "$tmp"
	ls "$patches_dir"
}

[ $# -eq 2 ] || usage
case $1 in
unpack) unpack "$2" ;;
pack) pack "$2" ;;
*) usage ;;
esac
