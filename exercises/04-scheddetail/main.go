// Command 04-scheddetail is the program of exercise 4: it holds goroutines
// in known states for a while, so that GODEBUG=scheddetail=1,schedtrace=N
// shows each kind: CPU burners (running, and runnable when they outnumber
// the Ps), goroutines blocked on a channel, in a select, on a mutex, on a
// WaitGroup and in a sleep, and one blocked in a raw read system call.
package main

import (
	"flag"
	"fmt"
	"os"
	"sync"
	"syscall"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	life := flag.Duration("for", time.Second, "how long to hold the goroutines")
	flag.Parse()

	stop := make(chan struct{})
	started := 0
	spawn := func(n int, f func()) {
		for range n {
			started++
			go f()
		}
	}

	// Running and runnable: more burners than Ps.
	spawn(6, func() {
		for {
			select {
			case <-stop:
				return
			default:
				prog.Burn(100000)
			}
		}
	})
	// Waiting, for different reasons.
	never := make(chan int)
	spawn(10, func() { <-never })
	spawn(10, func() {
		select {
		case <-never:
		case <-stop:
		}
	})
	var mu sync.Mutex
	mu.Lock()
	spawn(10, func() { mu.Lock(); defer mu.Unlock() })
	var wg sync.WaitGroup
	wg.Add(1)
	spawn(10, func() { wg.Wait() })
	spawn(10, func() { time.Sleep(time.Hour) })

	// In a system call: a blocking read on a raw pipe, which bypasses the
	// network poller, so the goroutine sits in the kernel.
	var fds [2]int
	if err := syscall.Pipe(fds[:]); err != nil {
		fmt.Fprintln(os.Stderr, "making a pipe:", err)
		os.Exit(1)
	}
	spawn(1, func() {
		var b [1]byte
		syscall.Read(fds[0], b[:])
	})

	time.Sleep(*life)
	fmt.Printf("held %d goroutines for %v\n", started, *life)
	prog.Emit(map[string]any{"goroutines": started})
	os.Exit(0)
}
