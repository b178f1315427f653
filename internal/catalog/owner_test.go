package catalog

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"
)

// kioskUID stands for the kiosk user: a uid with no name on the test
// machine, which only root can hand files to.
const kioskUID = 54321

func needRoot(t *testing.T) {
	t.Helper()
	if os.Geteuid() != 0 {
		t.Skip("needs root: the test hands files to another user, as `sudo kioskctl` does")
	}
}

func owner(t *testing.T, path string) (uid, gid uint32) {
	t.Helper()
	fi, err := os.Stat(path)
	if err != nil {
		t.Fatal(err)
	}
	st := fi.Sys().(*syscall.Stat_t)
	return st.Uid, st.Gid
}

// kioskDir is a folder that belongs to the kiosk user, like /var/lib/kiosk,
// reachable by that user (t.TempDir's parents are root's and private).
func kioskDir(t *testing.T) string {
	t.Helper()
	dir, err := os.MkdirTemp("", "kiosk-owner-")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { os.RemoveAll(dir) })
	if err := os.Chmod(dir, 0o750); err != nil {
		t.Fatal(err)
	}
	if err := os.Chown(dir, kioskUID, kioskUID); err != nil {
		t.Fatal(err)
	}
	return dir
}

// TestRootGivesTheCacheToItsFoldersOwner: `sudo kioskctl sync` on a kiosk
// with no cache yet created /var/lib/kiosk/cache.db owned by root, and the
// kiosk (user kiosk) went out of service at its next start.
func TestRootGivesTheCacheToItsFoldersOwner(t *testing.T) {
	needRoot(t)
	dir := kioskDir(t)
	path := filepath.Join(dir, "cache.db")
	openClose := func() *Cache {
		t.Helper()
		c, err := Open(path, Options{LockTimeout: 100 * time.Millisecond, Now: (&fakeClock{now: t0}).Now})
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		return c
	}
	t.Run("a cache root creates belongs to the folder's owner", func(t *testing.T) {
		openClose()
		if uid, gid := owner(t, path); uid != kioskUID || gid != kioskUID {
			t.Errorf("cache.db belongs to %d:%d, want %d:%d", uid, gid, kioskUID, kioskUID)
		}
	})
	t.Run("a cache an older kioskctl left to root is given back", func(t *testing.T) {
		if err := os.Chown(path, 0, 0); err != nil {
			t.Fatal(err)
		}
		openClose()
		if uid, _ := owner(t, path); uid != kioskUID {
			t.Errorf("cache.db belongs to uid %d, want %d", uid, kioskUID)
		}
	})
	t.Run("the fresh cache that replaces a corrupt one belongs to the folder's owner", func(t *testing.T) {
		if err := os.WriteFile(path, []byte(strings.Repeat("garbage ", 4096)), 0o600); err != nil {
			t.Fatal(err)
		}
		if c := openClose(); c.Recovered() == "" {
			t.Fatal("the corrupt file was not moved aside")
		}
		if uid, _ := owner(t, path); uid != kioskUID {
			t.Errorf("cache.db belongs to uid %d, want %d", uid, kioskUID)
		}
	})
	t.Run("in a folder of root's the cache stays root's", func(t *testing.T) {
		p := filepath.Join(t.TempDir(), "cache.db")
		c, err := Open(p, Options{LockTimeout: 100 * time.Millisecond})
		if err != nil {
			t.Fatal(err)
		}
		c.Close()
		if uid, _ := owner(t, p); uid != 0 {
			t.Errorf("cache.db in root's folder belongs to uid %d", uid)
		}
	})
}

// TestTheKioskUserIsToldWhoOwnsTheCache runs Open as the kiosk user (a child
// process with that uid) on a cache root left behind: the error must say
// whose file it is and how to fix it, so the out-of-service screen is
// something a technician can act on.
func TestTheKioskUserIsToldWhoOwnsTheCache(t *testing.T) {
	const name = "TestTheKioskUserIsToldWhoOwnsTheCache"
	if inChild(name) {
		path := os.Getenv("KIOSK_TEST_CACHE")
		c, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
		if err == nil {
			c.Close()
			t.Fatal("Open succeeded on a file of root's, mode 0600")
		}
		t.Logf("the kiosk user is told: %v", err)
		if !errors.Is(err, ErrNotOwner) || !errors.Is(err, fs.ErrPermission) {
			t.Errorf("error %v does not wrap ErrNotOwner and fs.ErrPermission", err)
		}
		for _, want := range []string{"the file belongs to root (uid 0), not to uid 54321 that this process runs as", "chown 54321: " + path, "sudo -u #54321 kioskctl"} {
			if !strings.Contains(err.Error(), want) {
				t.Errorf("error %q does not say %q", err, want)
			}
		}
		if _, err := os.Stat(path + ".corrupt-"); err == nil {
			t.Error("the file was moved aside")
		}
		return
	}
	needRoot(t)
	dir := kioskDir(t)
	path := filepath.Join(dir, "cache.db")
	c, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	if err := os.Chown(path, 0, 0); err != nil { // what kioskctl did before it kept the owner
		t.Fatal(err)
	}
	// The child runs this binary as the kiosk user, so it needs a copy it
	// can read and execute.
	bin := filepath.Join(dir, "catalog.test")
	copyFile(t, os.Args[0], bin, 0o755)
	runChild(t, bin, name, func(cmd *exec.Cmd) {
		cmd.Env = append(cmd.Env, "KIOSK_TEST_CACHE="+path)
		cmd.Dir = dir
		cmd.SysProcAttr = &syscall.SysProcAttr{Credential: &syscall.Credential{Uid: kioskUID, Gid: kioskUID}}
	})
	if uid, _ := owner(t, path); uid != 0 {
		t.Errorf("the kiosk user's failed open changed the owner to %d", uid)
	}
	entries, _ := os.ReadDir(dir)
	for _, e := range entries {
		if strings.Contains(e.Name(), "corrupt") {
			t.Errorf("a file of root's was quarantined as %s", e.Name())
		}
	}
}

func copyFile(t *testing.T, from, to string, mode os.FileMode) {
	t.Helper()
	in, err := os.Open(from)
	if err != nil {
		t.Fatal(err)
	}
	defer in.Close()
	out, err := os.OpenFile(to, os.O_CREATE|os.O_WRONLY|os.O_TRUNC, mode)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := io.Copy(out, in); err != nil {
		t.Fatal(err)
	}
	if err := out.Close(); err != nil {
		t.Fatal(err)
	}
	if err := os.Chmod(to, mode); err != nil {
		t.Fatal(err)
	}
}
