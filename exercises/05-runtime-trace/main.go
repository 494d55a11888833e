// Command 05-runtime-trace is the program of exercise 5: many goroutines
// each call a local HTTP test server that sleeps a few milliseconds, then
// yield once and burn some CPU, while runtime/trace records everything to a file.
package main

import (
	"flag"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"runtime/trace"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	n := flag.Int("n", 200, "client goroutines")
	sleep := flag.Duration("sleep", 5*time.Millisecond, "server handler sleep")
	work := flag.Int("work", 1000000, "work units each client burns after its call")
	out := flag.String("trace", "trace.out", "trace file")
	flag.Parse()

	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		time.Sleep(*sleep)
		io.WriteString(w, "ok")
	}))
	defer srv.Close()
	client := &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: *n}}

	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	if err := trace.Start(f); err != nil {
		fail(err)
	}
	var wg sync.WaitGroup
	var mu sync.Mutex
	failures := 0
	for range *n {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, err := client.Get(srv.URL)
			if err == nil {
				_, err = io.ReadAll(resp.Body)
				resp.Body.Close()
			}
			if err != nil {
				mu.Lock()
				failures++
				mu.Unlock()
			}
			// Yield once, so the trace holds a stop of every kind.
			runtime.Gosched()
			prog.Burn(*work)
		}()
	}
	wg.Wait()
	trace.Stop()
	if err := f.Close(); err != nil {
		fail(err)
	}
	fmt.Printf("%d calls, %d failed; trace in %s\n", *n, failures, *out)
	prog.Emit(map[string]any{"failures": failures})
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
