package kiosk

import (
	"runtime"

	"golang.org/x/sys/unix"
)

// backgroundNice is the scheduling priority of the kiosk's background index
// work: on a two-core kiosk PC the screens, the GL driver's threads and the
// scanner come first, and the index takes what they leave.
const backgroundNice = 10

// inBackground runs fn on an OS thread of its own at a lower scheduling
// priority (Linux gives each thread its own nice value). The goroutine never
// unlocks the thread, so the runtime ends the thread with it instead of
// handing a low-priority thread to other goroutines. If the priority cannot
// be lowered, fn runs anyway.
func inBackground(fn func()) {
	go func() {
		runtime.LockOSThread()
		_ = unix.Setpriority(unix.PRIO_PROCESS, unix.Gettid(), backgroundNice)
		fn()
	}()
}
