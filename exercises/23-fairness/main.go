// Command 23-fairness is the program of exercise 23: a worker pool serving
// several priority queues, with priority 0 kept saturated, under three
// policies: round-robin over the queues with non-blocking receives, strict
// priority, and one plain FIFO queue. It counts completed jobs per priority.
package main

import (
	"flag"
	"fmt"
	"sync"
	"sync/atomic"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

// queues is the number of priority levels; 0 is the highest.
const queues = 3

func main() {
	workers := flag.Int("workers", 4, "workers")
	low := flag.Int("low", 50, "jobs offered on each lower priority")
	work := flag.Int("work", 20000, "work units per job")
	life := flag.Duration("for", time.Second, "how long each policy runs")
	flag.Parse()

	out := map[string]any{"low_offered": *low}
	for _, policy := range []string{"round-robin", "strict", "fifo"} {
		done := run(policy, *workers, *low, *work, *life)
		fmt.Printf("%-12s completed per priority: %v\n", policy, done)
		out[policy] = done
	}
	prog.Emit(out)
}

// run serves the queues under one policy for life and returns the completed
// jobs per priority.
func run(policy string, workers, low, work int, life time.Duration) []int64 {
	// Queues are deep so that priority 0, filled before the workers start,
	// never runs dry while a producer waits for a turn on a CPU.
	var qs [queues]chan int
	for i := range qs {
		qs[i] = make(chan int, 1<<16)
	}
	// The FIFO policy has one queue that every producer feeds.
	if policy == "fifo" {
		for i := range qs {
			qs[i] = qs[0]
		}
	}
	stop := make(chan struct{})
	var done [queues]atomic.Int64
	var wg sync.WaitGroup

	// Lower priorities get a fixed batch, offered up front.
	for prio := 1; prio < queues; prio++ {
		for range low {
			qs[prio] <- prio
		}
	}
	// Priority 0 is saturated: full before the workers start (after the
	// lower batches, which matters only for FIFO), and producers refill it as
	// fast as it drains.
	for len(qs[0]) < cap(qs[0])-2*low {
		qs[0] <- 0
	}
	for range 2 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for {
				select {
				case qs[0] <- 0:
				case <-stop:
					return
				}
			}
		}()
	}
	for w := range workers {
		wg.Add(1)
		go func() {
			defer wg.Done()
			next := w % queues
			for {
				select {
				case <-stop:
					return
				default:
				}
				prio, ok := take(policy, &qs, &next)
				if !ok {
					time.Sleep(50 * time.Microsecond)
					continue
				}
				prog.Burn(work)
				done[prio].Add(1)
			}
		}()
	}
	time.Sleep(life)
	close(stop)
	wg.Wait()
	var counts []int64
	for i := range done {
		counts = append(counts, done[i].Load())
	}
	return counts
}

// take receives one job under the policy without blocking.
func take(policy string, qs *[queues]chan int, next *int) (int, bool) {
	switch policy {
	case "round-robin":
		// Try each queue once, starting after the one served last.
		for range queues {
			q := *next
			*next = (*next + 1) % queues
			select {
			case j := <-qs[q]:
				return j, true
			default:
			}
		}
	default: // strict priority, and FIFO where all queues are one
		for q := range queues {
			select {
			case j := <-qs[q]:
				return j, true
			default:
			}
		}
	}
	return 0, false
}
