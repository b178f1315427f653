package main

import (
	"errors"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"

	"kiosk/internal/catalog"
	"kiosk/internal/config"
	"kiosk/internal/ui"
)

// startFailureDetail is what the out-of-service screen shows when the
// services could not be built: for the faults a technician fixes on the PC
// (a cache file of another account's, a full disk) a Vietnamese and English
// explanation first, then the error itself.
func startFailureDetail(err error, cfg *config.Config) string {
	hint := ""
	switch {
	case errors.Is(err, catalog.ErrNotOwner):
		name, sudo := currentUser()
		hint = ui.OutOfServiceHint("cacheowner", "Path", cfg.Cache.Path, "User", name, "SudoUser", sudo)
	case errors.Is(err, syscall.ENOSPC), errors.Is(err, syscall.EDQUOT):
		hint = ui.OutOfServiceHint("diskfull", "Dir", filepath.Dir(cfg.Cache.Path))
	}
	if hint == "" {
		return err.Error()
	}
	return hint + "\n\n" + err.Error()
}

// currentUser is this process's user name for chown and for sudo -u: the
// name, or for a uid without one the number and "#number".
func currentUser() (chown, sudo string) {
	if u, err := user.Current(); err == nil && u.Username != "" {
		return u.Username, u.Username
	}
	uid := strconv.Itoa(syscall.Geteuid())
	return uid, "#" + uid
}
