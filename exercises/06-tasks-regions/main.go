// Command 06-tasks-regions is the program of exercise 6: requests handled
// as runtime/trace tasks, each with a "db" region (a sleep) and a "cpu"
// region (some work), and a log of the request id.
package main

import (
	"context"
	"flag"
	"fmt"
	"os"
	"runtime/trace"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	n := flag.Int("n", 50, "requests")
	par := flag.Int("par", 4, "requests in flight at once")
	db := flag.Duration("db", 8*time.Millisecond, "db region sleep")
	work := flag.Int("work", 2000000, "work units in the cpu region")
	out := flag.String("trace", "trace.out", "trace file")
	flag.Parse()

	f, err := os.Create(*out)
	if err != nil {
		fail(err)
	}
	if err := trace.Start(f); err != nil {
		fail(err)
	}
	sem := make(chan struct{}, *par)
	var wg sync.WaitGroup
	for i := range *n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			handle(context.Background(), i, *db, *work)
		}()
	}
	wg.Wait()
	trace.Stop()
	if err := f.Close(); err != nil {
		fail(err)
	}
	fmt.Printf("%d requests traced in %s\n", *n, *out)
	prog.Emit(map[string]any{"requests": *n})
}

// handle is one request: a task with its two regions.
func handle(ctx context.Context, id int, db time.Duration, work int) {
	ctx, task := trace.NewTask(ctx, "handle")
	defer task.End()
	trace.Log(ctx, "request", fmt.Sprint(id))
	trace.WithRegion(ctx, "db", func() { time.Sleep(db) })
	trace.WithRegion(ctx, "cpu", func() { prog.Burn(work) })
}

func fail(err error) {
	fmt.Fprintln(os.Stderr, err)
	os.Exit(1)
}
