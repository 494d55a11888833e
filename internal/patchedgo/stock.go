package patchedgo

import (
	"bytes"
	"os"
	"os/exec"
)

// PinnedRelease is the release toolchain.Release pins. It is repeated here
// because the toolchain package depends on the packages whose tests use
// this one; a test in the toolchain package keeps the two equal.
const PinnedRelease = "go1.27.3"

// execGo prepares the installed go command with the pinned release
// selected, which makes the go command download and run that release.
func execGo(args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+PinnedRelease)
	return cmd
}

func trimNewline(b []byte) []byte {
	return bytes.TrimRight(b, "\r\n")
}
