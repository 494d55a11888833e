package toolchain

import (
	"fmt"
	"io"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"strings"

	"golang.org/x/mod/sumdb/dirhash"
)

// modulePrefix is the name every file carries inside the module archive,
// and so inside the dirhash.
const modulePrefix = Module + "@" + ModuleVersion

// HashTree computes the h1: dirhash of an extracted toolchain tree at dir.
//
// When the go command extracts a toolchain module it writes a go.mod beside
// every _go.mod it finds (the archive cannot hold nested go.mod files). Those
// copies are not part of the module, so they are left out; everything else
// under dir is hashed under the module's name, as go.sum hashes the archive.
func HashTree(dir string) (string, error) {
	var files []string
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil {
			return err
		}
		if !d.Type().IsRegular() {
			if d.Type()&fs.ModeSymlink != 0 {
				return fmt.Errorf("unexpected symlink %s in toolchain tree", p)
			}
			return nil
		}
		rel, err := filepath.Rel(dir, p)
		if err != nil {
			return err
		}
		rel = filepath.ToSlash(rel)
		if path.Base(rel) == "go.mod" {
			twin := filepath.Join(filepath.Dir(p), "_go.mod")
			if _, err := os.Stat(twin); err == nil {
				return nil
			}
		}
		files = append(files, rel)
		return nil
	})
	if err != nil {
		return "", fmt.Errorf("listing toolchain tree %s: %w", dir, err)
	}
	names := make([]string, len(files))
	for i, f := range files {
		names[i] = modulePrefix + "/" + f
	}
	open := func(name string) (io.ReadCloser, error) {
		return os.Open(filepath.Join(dir, filepath.FromSlash(strings.TrimPrefix(name, modulePrefix+"/"))))
	}
	h, err := dirhash.Hash1(names, open)
	if err != nil {
		return "", fmt.Errorf("hashing toolchain tree %s: %w", dir, err)
	}
	return h, nil
}

// VerifyTree checks that the extracted tree at dir hashes to want.
func VerifyTree(dir, want string) error {
	got, err := HashTree(dir)
	if err != nil {
		return err
	}
	if got != want {
		return fmt.Errorf("toolchain tree %s has hash %s, but the pin says %s: "+
			"the source was altered after download; delete it "+
			"(chmod -R u+w %s && rm -rf %s) and run make toolchain again to fetch a clean copy",
			dir, got, want, dir, dir)
	}
	return nil
}

// VerifyZip checks that the module archive at zipPath hashes to want.
func VerifyZip(zipPath, want string) error {
	got, err := dirhash.HashZip(zipPath, dirhash.Hash1)
	if err != nil {
		return fmt.Errorf("hashing toolchain archive %s: %w", zipPath, err)
	}
	if got != want {
		return fmt.Errorf("toolchain archive %s has hash %s, but the pin says %s: "+
			"the archive was altered; run 'go clean -modcache' or delete the file, then make toolchain",
			zipPath, got, want)
	}
	return nil
}
