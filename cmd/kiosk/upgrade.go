package main

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
)

// restartFlagName is the file the package's postinst creates in the kiosk's
// runtime directory (/run/kiosk) when a new version has been installed while
// the kiosk runs. The kiosk restarts into the new version the next time it
// is at rest, so an unattended upgrade never cuts off a citizen mid-flow.
const restartFlagName = "restart-when-idle"

// restartFlagPath is the flag's path under systemd's RuntimeDirectory= (set in
// RUNTIME_DIRECTORY), or "" when not run by the packaged unit.
func restartFlagPath() string {
	dir := os.Getenv("RUNTIME_DIRECTORY")
	if dir == "" {
		return ""
	}
	return filepath.Join(filepath.SplitList(dir)[0], restartFlagName)
}

// restartIfRequested quits (systemd's Restart=always starts the new binary)
// when the restart flag exists and atRest says nobody is using the kiosk. It
// removes the flag first so the new process does not restart again. Call it
// on the UI goroutine, so that no tap can land between the check and quit.
func restartIfRequested(flag string, atRest func() bool, quit func(), log *slog.Logger) bool {
	if flag == "" {
		return false
	}
	if _, err := os.Stat(flag); err != nil {
		return false
	}
	if !atRest() {
		return false
	}
	if err := os.Remove(flag); err != nil && !errors.Is(err, fs.ErrNotExist) {
		// Quitting without removing it would restart in a loop.
		log.Warn("upgrade restart flag cannot be removed; not restarting", "path", flag, "err", err)
		return false
	}
	log.Info("restarting at rest into the newly installed version", "flag", flag)
	quit()
	return true
}

// everyTick calls f every interval until ctx ends.
func everyTick(ctx context.Context, every time.Duration, f func()) {
	t := time.NewTicker(every)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			f()
		}
	}
}

// restartOutOfServiceOnUpgrade restarts a kiosk showing the out-of-service
// screen as soon as a new version is installed: nobody can be using it, and
// the new version may be the fix.
func restartOutOfServiceOnUpgrade(a fyne.App, log *slog.Logger) {
	flag := restartFlagPath()
	if flag == "" {
		return
	}
	go everyTick(context.Background(), 5*time.Second, func() {
		fyne.Do(func() { restartIfRequested(flag, func() bool { return true }, a.Quit, log) })
	})
}
