package sourceguides

import (
	"fmt"
	"go/ast"
	"go/token"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"golang.org/x/tools/go/packages"
)

// A Source is one Go release's source tree, loaded for reading: the Go and
// assembly files of the packages asked for, as built for linux/amd64, each
// with its functions. A Source is read-only once loaded and safe for
// concurrent use.
type Source struct {
	// GOROOT is the absolute root of the tree.
	GOROOT string
	// Release names the tree: the first line of GOROOT/VERSION
	// ("go1.27.3"), or "devel" for a checkout without that file.
	Release string
	// Packages lists the import paths loaded, sorted.
	Packages []string

	fset  *token.FileSet
	files map[string]*File // by Path
}

// A File is one source file of a Source.
type File struct {
	// Path is the file's path below GOROOT/src, with forward slashes:
	// "runtime/proc.go".
	Path string
	// Src holds the file's bytes.
	Src []byte
	// Funcs lists the file's functions in source order: Go function and
	// method declarations with a body, or the TEXT symbols of an assembly
	// file.
	Funcs []*Func

	lineStarts []int // byte offset of each line's first byte
}

// A Func is one function of a File, with the byte range of its text.
type Func struct {
	// Name is the function's name; a method is "Recv.Name" with the
	// receiver's type name, without pointer or type parameters, and an
	// assembly function is its TEXT symbol without package prefix.
	Name string
	// File is the file that holds the function.
	File *File
	// Start and End are the byte offsets of the declaration in File.Src,
	// from "func" (or "TEXT") to the closing brace (or the end of the last
	// instruction before the next TEXT), not counting the doc comment.
	Start, End int
}

// Text returns the source text of the function.
func (fn *Func) Text() string { return string(fn.File.Src[fn.Start:fn.End]) }

// Line returns the 1-based line of the function's first line.
func (fn *Func) Line() int { return fn.File.LineOf(fn.Start) }

// EndLine returns the 1-based line of the function's last line.
func (fn *Func) EndLine() int { return fn.File.LineOf(fn.End - 1) }

// LineOf returns the 1-based line holding byte offset off.
func (f *File) LineOf(off int) int {
	return sort.Search(len(f.lineStarts), func(i int) bool { return f.lineStarts[i] > off })
}

// Line returns the text of 1-based line n without its newline, or "" when
// n is out of range.
func (f *File) Line(n int) string {
	if n < 1 || n > len(f.lineStarts) {
		return ""
	}
	start := f.lineStarts[n-1]
	end := len(f.Src)
	if n < len(f.lineStarts) {
		end = f.lineStarts[n] - 1
	}
	return strings.TrimSuffix(string(f.Src[start:end]), "\r")
}

// NumLines returns the number of lines in the file.
func (f *File) NumLines() int { return len(f.lineStarts) }

// File returns the file at path below GOROOT/src ("runtime/proc.go"), or
// nil when it was not loaded.
func (s *Source) File(path string) *File { return s.files[path] }

// Files returns every loaded file's path, sorted.
func (s *Source) Files() []string {
	paths := make([]string, 0, len(s.files))
	for p := range s.files {
		paths = append(paths, p)
	}
	sort.Strings(paths)
	return paths
}

// Funcs returns every function named name in the loaded packages, in file
// order. Go declarations without a body (implemented in assembly) are not
// functions here; their TEXT symbols are.
func (s *Source) Funcs(name string) []*Func {
	var out []*Func
	for _, p := range s.Files() {
		for _, fn := range s.files[p].Funcs {
			if fn.Name == name {
				out = append(out, fn)
			}
		}
	}
	return out
}

// Load reads the packages named by importPaths (default: "runtime") from
// the tree at goroot, as built for linux/amd64.
//
// It runs the installed go command through golang.org/x/tools/go/packages
// with GOROOT set to goroot and loads syntax only: no type checking, so a
// tree of another release than the installed go command loads as well
// (type-checking it would need that release's compiler export data, which
// the installed go command refuses). Build constraints are evaluated by the
// installed go command, which may differ from the tree's own for a brand
// new constraint.
func Load(goroot string, importPaths ...string) (*Source, error) {
	root, release, err := checkGOROOT(goroot)
	if err != nil {
		return nil, err
	}
	if len(importPaths) == 0 {
		importPaths = []string{"runtime"}
	}
	cfg := &packages.Config{
		Mode: packages.NeedName | packages.NeedFiles | packages.NeedSyntax,
		Dir:  root,
		Env: append(os.Environ(),
			"GOROOT="+root, "GOTOOLCHAIN=local", "GOOS=linux", "GOARCH=amd64",
			"GOFLAGS=", "GOWORK=off", "GO111MODULE=on"),
		Fset: token.NewFileSet(),
	}
	pkgs, err := packages.Load(cfg, importPaths...)
	if err != nil {
		return nil, fmt.Errorf("loading %s from %s: %w", strings.Join(importPaths, " "), root, err)
	}
	src := &Source{GOROOT: root, Release: release, fset: cfg.Fset, files: map[string]*File{}}
	for _, pkg := range pkgs {
		if len(pkg.Errors) > 0 {
			return nil, fmt.Errorf("loading %s from %s: %v", pkg.PkgPath, root, pkg.Errors[0])
		}
		if len(pkg.GoFiles) == 0 {
			return nil, fmt.Errorf("loading %s from %s: no Go files", pkg.PkgPath, root)
		}
		src.Packages = append(src.Packages, pkg.PkgPath)
		if err := src.addPackage(pkg); err != nil {
			return nil, err
		}
	}
	sort.Strings(src.Packages)
	return src, nil
}

// addPackage adds the Go files (from their parsed syntax) and the assembly
// files of pkg.
func (s *Source) addPackage(pkg *packages.Package) error {
	for _, syn := range pkg.Syntax {
		tf := s.fset.File(syn.Pos())
		f, err := s.newFile(tf.Name())
		if err != nil {
			return err
		}
		f.Funcs = goFuncs(f, s.fset, tf, syn)
	}
	for _, name := range pkg.OtherFiles {
		if !strings.HasSuffix(name, ".s") {
			continue
		}
		f, err := s.newFile(name)
		if err != nil {
			return err
		}
		f.Funcs = asmFuncs(f)
	}
	return nil
}

// newFile reads the file at abs and registers it under its path below
// GOROOT/src.
func (s *Source) newFile(abs string) (*File, error) {
	rel, err := filepath.Rel(filepath.Join(s.GOROOT, "src"), abs)
	if err != nil || strings.HasPrefix(rel, "..") {
		return nil, fmt.Errorf("file %s lies outside %s/src", abs, s.GOROOT)
	}
	data, err := os.ReadFile(abs)
	if err != nil {
		return nil, fmt.Errorf("reading source: %w", err)
	}
	f := &File{Path: filepath.ToSlash(rel), Src: data, lineStarts: lineStarts(data)}
	s.files[f.Path] = f
	return f, nil
}

// lineStarts returns the byte offset at which each line of data begins.
func lineStarts(data []byte) []int {
	starts := []int{0}
	for i, b := range data {
		if b == '\n' && i+1 < len(data) {
			starts = append(starts, i+1)
		}
	}
	return starts
}

// goFuncs lists the function declarations with a body in syn.
func goFuncs(f *File, fset *token.FileSet, tf *token.File, syn *ast.File) []*Func {
	var out []*Func
	for _, decl := range syn.Decls {
		fd, ok := decl.(*ast.FuncDecl)
		if !ok || fd.Body == nil {
			continue
		}
		out = append(out, &Func{
			Name:  funcName(fd),
			File:  f,
			Start: tf.Offset(fd.Pos()),
			End:   tf.Offset(fd.End()),
		})
	}
	return out
}

// funcName returns "Name" for a function and "Recv.Name" for a method.
func funcName(fd *ast.FuncDecl) string {
	if fd.Recv == nil || len(fd.Recv.List) == 0 {
		return fd.Name.Name
	}
	t := fd.Recv.List[0].Type
	for {
		switch x := t.(type) {
		case *ast.StarExpr:
			t = x.X
			continue
		case *ast.IndexExpr:
			t = x.X
			continue
		case *ast.IndexListExpr:
			t = x.X
			continue
		case *ast.ParenExpr:
			t = x.X
			continue
		case *ast.Ident:
			return x.Name + "." + fd.Name.Name
		}
		return fd.Name.Name
	}
}
