// Command 09-latency is the program of exercise 9: an HTTP server with a
// /fast endpoint (answers at once) and a /slow one (burns some CPU), and a
// built-in load generator on loopback. It measures /fast latency alone,
// then again while clients keep /slow busy, with a CPU profile and an
// execution trace of the loaded phase.
package main

import (
	"context"
	"flag"
	"fmt"
	"io"
	"net"
	"net/http"
	"os"
	"runtime/pprof"
	"runtime/trace"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	fastN := flag.Int("fast", 400, "requests to /fast per phase")
	fastClients := flag.Int("fast-clients", 2, "concurrent /fast clients")
	slowClients := flag.Int("slow-clients", 4, "concurrent /slow clients in the loaded phase")
	slowWork := flag.Int("slow-work", 5000000, "work units of one /slow request")
	flag.Parse()

	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		fail(err)
	}
	mux := http.NewServeMux()
	mux.HandleFunc("/fast", func(w http.ResponseWriter, r *http.Request) {
		// The region marks this connection's goroutine as a /fast one.
		trace.WithRegion(r.Context(), "fast", func() { io.WriteString(w, "ok") })
	})
	mux.HandleFunc("/slow", func(w http.ResponseWriter, r *http.Request) {
		prog.Burn(*slowWork)
		io.WriteString(w, "done")
	})
	srv := &http.Server{Handler: mux}
	go srv.Serve(ln)
	base := "http://" + ln.Addr().String()

	alone := fastPhase(base, *fastN, *fastClients)

	tf, err := os.Create("trace.out")
	if err != nil {
		fail(err)
	}
	pf, err := os.Create("cpu.pprof")
	if err != nil {
		fail(err)
	}
	if err := pprof.StartCPUProfile(pf); err != nil {
		fail(err)
	}
	if err := trace.Start(tf); err != nil {
		fail(err)
	}
	ctx, stop := context.WithCancel(context.Background())
	var slowWG sync.WaitGroup
	slowDone := 0
	var mu sync.Mutex
	slowClient := newClient()
	for range *slowClients {
		slowWG.Add(1)
		go func() {
			defer slowWG.Done()
			for ctx.Err() == nil {
				if get(slowClient, base+"/slow") == nil {
					mu.Lock()
					slowDone++
					mu.Unlock()
				}
			}
		}()
	}
	time.Sleep(50 * time.Millisecond) // let the slow load build up
	loaded := fastPhase(base, *fastN, *fastClients)
	stop()
	slowWG.Wait()
	trace.Stop()
	pprof.StopCPUProfile()
	tf.Close()
	pf.Close()
	srv.Shutdown(context.Background())

	fmt.Printf("/fast alone: %d samples; under load: %d samples; /slow served: %d\n",
		len(alone), len(loaded), slowDone)
	prog.Emit(map[string]any{"alone_ns": alone, "loaded_ns": loaded, "slow_done": slowDone})
}

// fastPhase sends n requests to /fast from several clients and returns the
// latencies in ns.
func fastPhase(base string, n, clients int) []int64 {
	var mu sync.Mutex
	var lat []int64
	var wg sync.WaitGroup
	c := newClient()
	per := n / clients
	for range clients {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for range per {
				start := time.Now()
				if err := get(c, base+"/fast"); err != nil {
					fail(err)
				}
				d := time.Since(start).Nanoseconds()
				mu.Lock()
				lat = append(lat, d)
				mu.Unlock()
				time.Sleep(time.Millisecond)
			}
		}()
	}
	wg.Wait()
	return lat
}

// newClient returns a client with its own connection pool, so /fast and
// /slow requests never share a connection (and a server goroutine).
func newClient() *http.Client {
	return &http.Client{Transport: &http.Transport{MaxIdleConnsPerHost: 64}}
}

func get(c *http.Client, url string) error {
	resp, err := c.Get(url)
	if err != nil {
		return err
	}
	_, err = io.Copy(io.Discard, resp.Body)
	resp.Body.Close()
	return err
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
