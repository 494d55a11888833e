// Command 07-lockosthread is the program of exercise 7: a goroutine records
// the Linux thread id it runs on many times, sleeping briefly every 50
// iterations, once free and once locked with runtime.LockOSThread.
package main

import (
	"flag"
	"fmt"
	"runtime"
	"syscall"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	n := flag.Int("n", 1000, "iterations")
	flag.Parse()
	free := distinctTids(*n, false)
	locked := distinctTids(*n, true)
	fmt.Printf("free: %d thread ids; locked: %d thread ids\n", len(free), len(locked))
	prog.Emit(map[string]any{"free": free, "locked": locked})
}

// distinctTids runs the recording goroutine and returns the thread ids it saw.
func distinctTids(n int, lock bool) []int {
	done := make(chan []int)
	go func() {
		if lock {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
		}
		seen := map[int]bool{}
		var order []int
		for i := range n {
			tid := syscall.Gettid()
			if !seen[tid] {
				seen[tid] = true
				order = append(order, tid)
			}
			if i%50 == 49 {
				time.Sleep(100 * time.Microsecond)
			}
		}
		done <- order
	}()
	// Keep other goroutines busy so the free one has reasons to move.
	stop := make(chan struct{})
	for range 4 {
		go func() {
			for {
				select {
				case <-stop:
					return
				default:
					prog.Burn(20000)
					time.Sleep(50 * time.Microsecond)
				}
			}
		}()
	}
	tids := <-done
	close(stop)
	return tids
}
