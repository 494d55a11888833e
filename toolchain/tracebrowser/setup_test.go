package tracebrowser

import (
	"bufio"
	"context"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"
	"time"

	stealtracer "github.com/gopatched/gopatched/steal-tracer"
)

// repoRoot is the repository root, two levels above this package.
func repoRoot(t *testing.T) string {
	t.Helper()
	root, err := filepath.Abs(filepath.Join("..", ".."))
	if err != nil {
		t.Fatal(err)
	}
	return root
}

// patchedGo returns ./bin/go, failing the test when it is missing.
func patchedGo(t *testing.T, root string) string {
	t.Helper()
	goBin := filepath.Join(root, "bin", "go")
	if _, err := os.Stat(goBin); err != nil {
		t.Fatalf("no patched toolchain at %s: run `make toolchain` first (%v)", goBin, err)
	}
	return goBin
}

// chromium finds the browser: $CHROMIUM, else chromium or chromium-browser
// on $PATH. It fails the test when there is none.
func chromium(t *testing.T) string {
	t.Helper()
	names := []string{"chromium", "chromium-browser"}
	if env := os.Getenv("CHROMIUM"); env != "" {
		names = []string{env}
	}
	for _, name := range names {
		if path, err := exec.LookPath(name); err == nil {
			return path
		}
	}
	t.Fatalf("no Chromium (looked for %s): install it with `apt-get install chromium` "+
		"or name the binary in $CHROMIUM", strings.Join(names, ", "))
	return ""
}

// goEnv is the environment for running ./bin/go: nothing inherited that
// could switch or redirect the toolchain.
func goEnv(extra ...string) []string {
	var env []string
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "GOROOT=") && !strings.HasPrefix(kv, "GOTOOLCHAIN=") &&
			!strings.HasPrefix(kv, "GOFLAGS=") {
			env = append(env, kv)
		}
	}
	return append(env, extra...)
}

// recordTrace builds exercise 8's program with the patched toolchain and
// runs it with the trace on; it returns the trace file.
func recordTrace(t *testing.T, root, goBin string) string {
	t.Helper()
	dir := t.TempDir()
	prog := filepath.Join(dir, "steal")
	build := exec.Command(goBin, "build", "-o", prog, "./exercises/08-work-stealing")
	build.Dir = root
	build.Env = goEnv("GOTOOLCHAIN=local")
	if out, err := build.CombinedOutput(); err != nil {
		t.Fatalf("building exercise 8 with %s: %v\n%s", goBin, err, out)
	}
	file := filepath.Join(dir, "steal.trace")
	run := exec.Command(prog, "-trace", file, "-bursts", "20", "-work", "2ms")
	run.Env = goEnv("GOMAXPROCS=4")
	if out, err := run.CombinedOutput(); err != nil {
		t.Fatalf("running exercise 8: %v\n%s", err, out)
	}
	return file
}

// mark is a steal's instant event as the viewer should show it: its row
// and its title.
type mark struct {
	Row   string
	Title string
}

// arrow is a steal's flow arrow: the rows it joins.
type arrow struct {
	From, To string
}

// expectedMarks reads the trace with stealtracer and returns, sorted, the
// instant event and the arrow each steal should give in the per-P view.
func expectedMarks(t *testing.T, file string) (instants []mark, arrows []arrow) {
	t.Helper()
	f, err := os.Open(file)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	r, err := stealtracer.NewReader(f)
	if err != nil {
		t.Fatalf("reading %s: %v", file, err)
	}
	for {
		it, err := r.Next()
		if err == io.EOF {
			break
		}
		if err != nil {
			t.Fatalf("reading %s: %v", file, err)
		}
		if s := it.Steal; s != nil {
			instants = append(instants, mark{
				Row:   fmt.Sprintf("Proc %d", s.Thief),
				Title: fmt.Sprintf("steal %d G from P%d", len(s.Moved), s.Victim),
			})
			arrows = append(arrows, arrow{
				From: fmt.Sprintf("Proc %d", s.Victim),
				To:   fmt.Sprintf("Proc %d", s.Thief),
			})
		}
	}
	sortMarks(instants, arrows)
	return instants, arrows
}

// sortMarks sorts both lists, so that the page's and the file's compare.
func sortMarks(instants []mark, arrows []arrow) {
	sort.Slice(instants, func(i, j int) bool {
		a, b := instants[i], instants[j]
		return a.Row < b.Row || a.Row == b.Row && a.Title < b.Title
	})
	sort.Slice(arrows, func(i, j int) bool {
		a, b := arrows[i], arrows[j]
		return a.From < b.From || a.From == b.From && a.To < b.To
	})
}

// listening matches the line where go tool trace names its address.
var listening = regexp.MustCompile(`listening on (http://\S+)`)

// serveTrace starts `go tool trace` on a free localhost port and returns
// its URL once the main page answers. The server stops with the test.
func serveTrace(t *testing.T, goBin, file string) string {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	cmd := exec.CommandContext(ctx, goBin, "tool", "trace", "-http=127.0.0.1:0", file)
	// BROWSER=true: go tool trace would otherwise try to open a browser.
	cmd.Env = goEnv("GOTOOLCHAIN=local", "BROWSER=true")
	stderr, err := cmd.StderrPipe()
	if err != nil {
		t.Fatal(err)
	}
	if err := cmd.Start(); err != nil {
		t.Fatalf("starting go tool trace: %v", err)
	}
	t.Cleanup(func() {
		cancel()
		cmd.Wait()
	})

	// Read its log until it names the URL; keep the log for errors.
	var log strings.Builder
	urls := make(chan string, 1)
	go func() {
		sc := bufio.NewScanner(stderr)
		for sc.Scan() {
			log.WriteString(sc.Text() + "\n")
			if m := listening.FindStringSubmatch(sc.Text()); m != nil {
				urls <- m[1]
			}
		}
		close(urls)
	}()
	url, ok := <-urls
	if !ok {
		t.Fatalf("go tool trace exited without serving:\n%s", log.String())
	}

	// The server starts answering after it has prepared the views.
	deadline := time.Now().Add(time.Minute)
	for {
		resp, err := http.Get(url)
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return url
			}
		}
		if time.Now().After(deadline) {
			t.Fatalf("go tool trace at %s did not answer within a minute: %v", url, err)
		}
		time.Sleep(100 * time.Millisecond)
	}
}
