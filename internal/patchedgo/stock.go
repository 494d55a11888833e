package patchedgo

import (
	"bytes"
	"os"
	"os/exec"

	"github.com/gopatched/gopatched/toolchain"
)

// execGo prepares the installed go command with the pinned release
// selected, which makes the go command download and run that release.
func execGo(args ...string) *exec.Cmd {
	cmd := exec.Command("go", args...)
	cmd.Env = append(os.Environ(), "GOTOOLCHAIN="+toolchain.Release)
	return cmd
}

func trimNewline(b []byte) []byte {
	return bytes.TrimRight(b, "\r\n")
}
