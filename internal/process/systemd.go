package process

import (
	"context"
	"os"
	"strconv"
	"time"

	"github.com/coreos/go-systemd/v22/daemon"
)

// UnderSystemd reports whether systemd started the process (and so will
// restart it when it exits).
func UnderSystemd() bool { return os.Getenv("INVOCATION_ID") != "" }

// NotifyReady tells systemd (Type=notify) that start-up is done; it does
// nothing when systemd is not listening.
func NotifyReady() { _, _ = daemon.SdNotify(false, daemon.SdNotifyReady) }

// Watchdog pings systemd's watchdog at a third of its interval until ctx
// ends; it returns at once when the unit has no watchdog. Each ping is sent
// through post, which runs it on the UI goroutine (fyne.Do): a hung UI stops
// the pings and systemd restarts the kiosk. A UI whose loop still runs but
// that no longer answers taps is caught by alive (the screen's input probe,
// health.InputProbe.Responsive): while it says false no ping is sent either.
// A nil alive is always true.
func Watchdog(ctx context.Context, post func(func()), alive func() bool) {
	every := watchdogInterval(os.Getenv, os.Getpid(), os.Getppid())
	if every <= 0 {
		return
	}
	t := time.NewTicker(every / 3)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			post(func() {
				if alive == nil || alive() {
					_, _ = daemon.SdNotify(false, daemon.SdNotifyWatchdog)
				}
			})
		}
	}
}

// watchdogInterval is the unit's watchdog interval (WATCHDOG_USEC) when this
// process is the one to ping it, else 0. systemd names the unit's main
// process in WATCHDOG_PID; under kiosk.service that is cage and the kiosk is
// its child, pinging through NotifyAccess=all. go-systemd's
// SdWatchdogEnabled accepts only WATCHDOG_PID itself, so the kiosk never
// pinged and systemd would have killed the session WatchdogSec after start.
func watchdogInterval(getenv func(string) string, pid, ppid int) time.Duration {
	usec, err := strconv.ParseInt(getenv("WATCHDOG_USEC"), 10, 64)
	if err != nil || usec <= 0 {
		return 0
	}
	if w := getenv("WATCHDOG_PID"); w != "" {
		p, err := strconv.Atoi(w)
		if err != nil || (p != pid && p != ppid) {
			return 0
		}
	}
	return time.Duration(usec) * time.Microsecond
}
