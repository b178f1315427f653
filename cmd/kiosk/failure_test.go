package main

import (
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"syscall"
	"testing"

	"kiosk/internal/catalog"
	"kiosk/internal/config"
)

func TestStartFailureDetailExplainsWhatATechnicianFixes(t *testing.T) {
	cfg := config.Default()
	cfg.Cache.Path = "/var/lib/kiosk/cache.db"
	notOwner := fmt.Errorf("opening cache: %w: %w", catalog.ErrNotOwner, fs.ErrPermission)
	full := fmt.Errorf("creating cache: write: %w", syscall.ENOSPC)
	other := errors.New("opening printer: no such device")
	chown, sudo := currentUser()
	for _, tc := range []struct {
		name string
		err  error
		want []string
	}{
		{"a cache of another account's", notOwner, []string{"chown " + chown + ": /var/lib/kiosk/cache.db", "sudo -u " + sudo + " kioskctl", "Kiosk không mở được tệp dữ liệu", notOwner.Error()}},
		{"a full disk", full, []string{"Ổ đĩa chứa /var/lib/kiosk đã đầy", full.Error()}},
		{"anything else shows the error alone", other, []string{other.Error()}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got := startFailureDetail(tc.err, cfg)
			for _, w := range tc.want {
				if !strings.Contains(got, w) {
					t.Errorf("detail %q lacks %q", got, w)
				}
			}
			if tc.err == other && got != other.Error() {
				t.Errorf("detail %q, want the error alone", got)
			}
		})
	}
}
