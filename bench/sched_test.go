package bench

import (
	"sync"
	"testing"
)

// BenchmarkSpawn starts one goroutine that does nothing per iteration, all
// from the benchmark goroutine, and waits for them at the end. Idle Ps
// steal the new goroutines from the spawning P's run queue.
func BenchmarkSpawn(b *testing.B) {
	var wg sync.WaitGroup
	for b.Loop() {
		wg.Add(1)
		go wg.Done()
	}
	wg.Wait()
}

// BenchmarkPingPong bounces a token between two goroutines over unbuffered
// channels; one iteration is a round trip. Each send wakes the other
// goroutine, which an idle P may take over from the waker's runnext slot.
func BenchmarkPingPong(b *testing.B) {
	ping, pong := make(chan struct{}), make(chan struct{})
	go func() {
		for range ping {
			pong <- struct{}{}
		}
	}()
	for b.Loop() {
		ping <- struct{}{}
		<-pong
	}
	close(ping)
}

// fanOut is the number of goroutines BenchmarkFanOut spawns per iteration:
// well below a run queue's 256 slots, so none overflows to the global queue
// and every goroutine another P runs got there by a steal.
const fanOut = 16

// BenchmarkFanOut spawns fanOut goroutines with a few microseconds of CPU
// work each from one goroutine and waits for all of them; one iteration is
// one burst. The other Ps run them by stealing, so this is the benchmark
// with the most steals per unit of time.
func BenchmarkFanOut(b *testing.B) {
	var wg sync.WaitGroup
	sinks := make([]uint64, fanOut)
	for b.Loop() {
		wg.Add(fanOut)
		for i := range fanOut {
			go func() {
				defer wg.Done()
				sinks[i] = work(2000)
			}()
		}
		wg.Wait()
	}
}

// work runs n steps of a linear congruential generator: CPU work whose
// amount is fixed by n rather than by a clock, so that a slower scheduler
// shows as a slower benchmark.
func work(n int) uint64 {
	x := uint64(n)
	for range n {
		x = x*6364136223846793005 + 1442695040888963407
	}
	return x
}
