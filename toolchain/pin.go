// Package toolchain pins the Go release that gopatched patches and checks
// that a copy of it is the one the pin names.
//
// The pinned release is fetched by the go command itself
// (GOTOOLCHAIN=go1.27.3 go env GOROOT), which downloads the toolchain
// module and checks it against the checksum database. This package checks
// it once more, against the hash written here, before the build script
// (build.sh, run by make toolchain) copies the source: a tree or module
// archive that was altered after the download is refused.
//
// After the build, Sentinel proves that a go command really carries the
// patch series, the usual failure of patched forks being a patch that
// silently did not take effect.
package toolchain

// The pin: the release, the module that carries it and its dirhash.
const (
	// Release is the Go release the patch series applies to.
	Release = "go1.27.3"
	// Module is the module path under which the go command fetches toolchains.
	Module = "golang.org/toolchain"
	// ModuleVersion is the version of Module holding Release for linux/amd64.
	ModuleVersion = "v0.0.1-go1.27.3.linux-amd64"
	// Hash is the h1: dirhash of ModuleVersion, as go.sum would record it.
	Hash = "h1:r0ub+FnqzZxoWm/dSUOI9DcIqYWn/mNYGFJcv7PyBzs="
)
