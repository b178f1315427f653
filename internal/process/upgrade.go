package process

import (
	"context"
	"errors"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"time"
)

// RestartFlagName is the file the package's postinst creates in the kiosk's
// runtime directory (/run/kiosk) when a new version has been installed while
// the kiosk runs. The kiosk restarts into the new version the next time it
// is at rest, so an unattended upgrade never cuts off a citizen mid-flow.
const RestartFlagName = "restart-when-idle"

// restartFlagEvery is how often RestartWhenIdle looks for the flag.
const restartFlagEvery = 5 * time.Second

// RestartFlagPath is the flag's path under systemd's RuntimeDirectory= (set
// in RUNTIME_DIRECTORY), or "" when not run by the packaged unit.
func RestartFlagPath() string {
	dir := os.Getenv("RUNTIME_DIRECTORY")
	if dir == "" {
		return ""
	}
	return filepath.Join(filepath.SplitList(dir)[0], RestartFlagName)
}

// RequestRestart drops the restart flag, so that RestartWhenIdle restarts
// the kiosk the next time nobody is using it. It reports false, doing
// nothing, when the kiosk was not started by the packaged unit (nothing
// would start it again).
func RequestRestart() (bool, error) {
	flag := RestartFlagPath()
	if flag == "" {
		return false, nil
	}
	f, err := os.OpenFile(flag, os.O_CREATE|os.O_WRONLY, 0o640)
	if err != nil {
		return false, err
	}
	return true, f.Close()
}

// RestartWhenIdle quits (systemd's Restart=always then starts the newly
// installed binary) once the package has dropped the restart flag and atRest
// says nobody is using the kiosk, until ctx ends. The check and the quit run
// through post on the UI goroutine, so no tap can land between them. It
// returns at once when the kiosk was not started by the packaged unit.
func RestartWhenIdle(ctx context.Context, post func(func()), atRest func() bool, quit func(), log *slog.Logger) {
	flag := RestartFlagPath()
	if flag == "" {
		return
	}
	t := time.NewTicker(restartFlagEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			post(func() { restartIfRequested(flag, atRest, quit, log) })
		}
	}
}

// restartIfRequested quits when flag exists and atRest holds. It removes the
// flag first so the new process does not restart again.
func restartIfRequested(flag string, atRest func() bool, quit func(), log *slog.Logger) bool {
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
	log.Info("restarting at rest (a new version was installed, or the kiosk asked for it)", "flag", flag)
	quit()
	return true
}
