package kiosk

import (
	"runtime"
	"sync"
	"testing"

	"golang.org/x/sys/unix"
)

// niceHere is the nice value of the calling goroutine's OS thread (the raw
// system call returns 20 minus it).
func niceHere() (int, error) {
	p, err := unix.Getpriority(unix.PRIO_PROCESS, unix.Gettid())
	return 20 - p, err
}

func TestBackgroundWorkRunsAtALowerPriorityOnAThreadOfItsOwn(t *testing.T) {
	nices := make(chan int)
	for range 20 {
		inBackground(func() {
			n, err := niceHere()
			if err != nil {
				t.Error(err)
			}
			nices <- n
		})
		if n := <-nices; n != backgroundNice {
			t.Fatalf("background work runs at nice %d, want %d", n, backgroundNice)
		}
	}
	// The threads end with the work (the main thread, which cannot end, is
	// parked for good), so no later goroutine runs at the lower priority.
	var wg sync.WaitGroup
	var mu sync.Mutex
	lowered := 0
	for range 400 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			runtime.Gosched()
			if n, err := niceHere(); err == nil && n == backgroundNice {
				mu.Lock()
				lowered++
				mu.Unlock()
			}
		}()
	}
	wg.Wait()
	if lowered > 0 {
		t.Errorf("%d later goroutines ran on a thread left at nice %d", lowered, backgroundNice)
	}
}
