package main

import (
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
)

// TestRootsSyncLeavesTheCacheToTheKioskUser: a technician's `sudo kioskctl
// sync` on a kiosk with no cache yet created /var/lib/kiosk/cache.db owned
// by root, and the kiosk, running as the kiosk user, went out of service at
// its next start. The cache must belong to the owner of its folder.
func TestRootsSyncLeavesTheCacheToTheKioskUser(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root: this is what `sudo kioskctl sync` does")
	}
	const kioskUID = 54321
	dir, err := os.MkdirTemp("", "kioskctl-owner-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chown(dir, kioskUID, kioskUID); err != nil { // like /var/lib/kiosk
		t.Fatal(err)
	}
	srv := fakeKioskPortal(t, 12)
	cache := filepath.Join(dir, "cache.db")
	if code, _, errOut := runCtl("-config", demoConfig, "-portal", srv.URL, "-cache", cache, "sync"); code != 0 {
		t.Fatalf("sync exit %d: %s", code, errOut)
	}
	fi, err := os.Stat(cache)
	if err != nil {
		t.Fatal(err)
	}
	if st := fi.Sys().(*syscall.Stat_t); st.Uid != kioskUID || st.Gid != kioskUID {
		t.Errorf("after root's sync cache.db belongs to %d:%d, want the kiosk user %d:%d", st.Uid, st.Gid, kioskUID, kioskUID)
	}
}

// TestStatusExplainsACacheTheKioskCannotOpen: with the kiosk out of service
// because its cache belongs to root, `kioskctl status` only said "is the
// kiosk running?"; it now says why it is not, and the fix.
func TestStatusExplainsACacheTheKioskCannotOpen(t *testing.T) {
	if os.Geteuid() != 0 {
		t.Skip("needs root to hand the folder to another user")
	}
	dir, err := os.MkdirTemp("", "kioskctl-owner-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chown(dir, 54321, 54321); err != nil {
		t.Fatal(err)
	}
	cache := filepath.Join(dir, "cache.db")
	if err := os.WriteFile(cache, []byte("x"), 0o600); err != nil { // root's, as an older kioskctl left it
		t.Fatal(err)
	}
	code, _, errOut := runCtl("-config", demoConfig, "-cache", cache, "status")
	want := "the kiosk is probably out of service: " + cache + " belongs to root (uid 0), not to uid 54321 who owns its folder"
	if code != 1 || !strings.Contains(errOut, want) || !strings.Contains(errOut, "chown 54321: "+cache) {
		t.Errorf("exit %d, stderr %q; want 1 and %q with the chown fix", code, errOut, want)
	}
	if err := os.Chown(cache, 54321, 54321); err != nil {
		t.Fatal(err)
	}
	if _, _, errOut := runCtl("-config", demoConfig, "-cache", cache, "status"); strings.Contains(errOut, "out of service") {
		t.Errorf("a cache of the folder owner's is blamed: %q", errOut)
	}
}
