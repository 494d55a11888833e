// Command 03-gosched is the program of exercise 3: at GOMAXPROCS=1 two
// goroutines each log their letter five times, first without yielding and
// then with runtime.Gosched after each line, and the program reports the
// order of the lines and runtime.NumGoroutine at three moments.
package main

import (
	"fmt"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/gopatched/gopatched/exercises/internal/prog"
)

func main() {
	runtime.GOMAXPROCS(1)
	atStart := runtime.NumGoroutine()
	plain, _ := race(false)
	yielding, live := race(true)
	atEnd := settle()
	fmt.Printf("without Gosched: %s\nwith Gosched:    %s\n", plain, yielding)
	fmt.Printf("goroutines: %d at start, %d while both run, %d at end\n", atStart, live, atEnd)
	prog.Emit(map[string]any{"plain": plain, "yielding": yielding,
		"at_start": atStart, "live": live, "at_end": atEnd})
}

// race starts A and B behind a gate, lets a reporter count the goroutines
// while both wait, then opens the gate and returns the order of their lines.
func race(yield bool) (order string, live int) {
	var (
		mu    sync.Mutex
		lines []string
		wg    sync.WaitGroup
	)
	gate := make(chan struct{})
	for _, letter := range []string{"A", "B"} {
		wg.Add(1)
		go func() {
			defer wg.Done()
			<-gate
			for range 5 {
				mu.Lock()
				lines = append(lines, letter)
				mu.Unlock()
				if yield {
					runtime.Gosched()
				}
			}
		}()
	}
	counted := make(chan int)
	go func() {
		// Main, A, B and this reporter are all alive here.
		counted <- runtime.NumGoroutine()
	}()
	live = <-counted
	close(gate)
	wg.Wait()
	return strings.Join(lines, ""), live
}

// settle waits until the finished goroutines have left the count, which
// happens a moment after they signal the WaitGroup, and returns it.
func settle() int {
	for range 1000 {
		if n := runtime.NumGoroutine(); n == 1 {
			return n
		}
		time.Sleep(time.Millisecond)
	}
	return runtime.NumGoroutine()
}
