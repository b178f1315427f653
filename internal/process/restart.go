package process

import (
	"log/slog"
	"os"
	"syscall"
)

// Restart replaces the process with a fresh copy of itself, same arguments
// and environment (same PID, so systemd and cage carry on): the staff panel's
// "restart the app". It returns only when that failed, having logged why.
func Restart() { restart(os.Executable, syscall.Exec, slog.Default()) }

func restart(executable func() (string, error), exec func(string, []string, []string) error, log *slog.Logger) {
	exe, err := executable()
	if err != nil {
		log.Error("restart failed", "err", err)
		return
	}
	log.Warn("restart requested by staff")
	if err := exec(exe, os.Args, os.Environ()); err != nil {
		log.Error("restart failed", "err", err)
	}
}
