// Command 15-errgroup is the program of exercise 15: a hand-made limit of L
// concurrent goroutines (a buffered channel as a semaphore and a WaitGroup)
// against errgroup.WithContext with SetLimit(L), on many small tasks; then
// both again with the parent context cancelled partway through.
package main

import (
	"context"
	"flag"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"golang.org/x/sync/errgroup"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	tasks := flag.Int("tasks", 10000, "tasks")
	limit := flag.Int("limit", 16, "concurrent goroutines")
	work := flag.Int("work", 20000, "work units per task")
	rounds := flag.Int("rounds", 3, "timing rounds; the best counts")
	flag.Parse()

	task := func() { prog.Burn(*work) }
	var handBest, groupBest time.Duration
	for range *rounds {
		d, _ := handmade(context.Background(), *tasks, *limit, task, -1, nil)
		if handBest == 0 || d < handBest {
			handBest = d
		}
		d, _ = withGroup(context.Background(), *tasks, *limit, task, -1, nil)
		if groupBest == 0 || d < groupBest {
			groupBest = d
		}
	}

	// Cancel the parent once a tenth of the tasks have started.
	cancelAt := *tasks / 10
	ctx, cancel := context.WithCancel(context.Background())
	_, handRan := handmade(ctx, *tasks, *limit, task, cancelAt, cancel)
	ctx, cancel = context.WithCancel(context.Background())
	_, groupRan := withGroup(ctx, *tasks, *limit, task, cancelAt, cancel)
	cancel()

	fmt.Printf("hand-made %v, errgroup %v; after cancel: hand-made ran %d, errgroup ran %d of %d\n",
		handBest, groupBest, handRan, groupRan, *tasks)
	prog.Emit(map[string]any{"hand_ns": handBest.Nanoseconds(), "group_ns": groupBest.Nanoseconds(),
		"tasks": *tasks, "cancel_at": cancelAt, "hand_ran": handRan, "group_ran": groupRan})
}

// handmade runs the tasks under a channel semaphore. It ignores ctx, as such
// code usually does; cancel, when set, is called as task cancelAt starts.
func handmade(ctx context.Context, n, limit int, task func(), cancelAt int, cancel func()) (time.Duration, int64) {
	var ran atomic.Int64
	sem := make(chan struct{}, limit)
	var wg sync.WaitGroup
	start := time.Now()
	for i := range n {
		sem <- struct{}{}
		wg.Add(1)
		go func() {
			defer func() { <-sem; wg.Done() }()
			if i == cancelAt && cancel != nil {
				cancel()
			}
			ran.Add(1)
			task()
		}()
	}
	wg.Wait()
	return time.Since(start), ran.Load()
}

// withGroup runs the tasks in an errgroup with a limit. A task returns the
// context's error once it is cancelled, and the submitting loop stops.
func withGroup(parent context.Context, n, limit int, task func(), cancelAt int, cancel func()) (time.Duration, int64) {
	var ran atomic.Int64
	g, ctx := errgroup.WithContext(parent)
	g.SetLimit(limit)
	start := time.Now()
	for i := range n {
		if ctx.Err() != nil {
			break
		}
		g.Go(func() error {
			if i == cancelAt && cancel != nil {
				cancel()
			}
			if err := ctx.Err(); err != nil {
				return err
			}
			ran.Add(1)
			task()
			return nil
		})
	}
	g.Wait()
	return time.Since(start), ran.Load()
}
