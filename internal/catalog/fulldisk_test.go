package catalog

import (
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"slices"
	"strings"
	"syscall"
	"testing"
	"time"
)

// TestOpenOnAFullDisk runs in a child process with its own mount namespace
// (a user namespace too when not root), where a real 64 KiB tmpfs is filled
// to the last byte before the cache is opened: bbolt's first write fails
// with ENOSPC, as on a kiosk whose disk is full. Opening used to move that
// 0-byte file aside as "cache.db.corrupt-…" and fail, once per restart.
func TestOpenOnAFullDisk(t *testing.T) {
	const name = "TestOpenOnAFullDisk"
	if inChild(name) {
		fullDiskChild(t)
		return
	}
	runChild(t, os.Args[0], name, func(cmd *exec.Cmd) {
		cmd.SysProcAttr = &syscall.SysProcAttr{Cloneflags: syscall.CLONE_NEWNS}
		if os.Geteuid() != 0 {
			cmd.SysProcAttr.Cloneflags |= syscall.CLONE_NEWUSER
			cmd.SysProcAttr.UidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Geteuid(), Size: 1}}
			cmd.SysProcAttr.GidMappings = []syscall.SysProcIDMap{{ContainerID: 0, HostID: os.Getegid(), Size: 1}}
		}
	})
}

// tinyFS mounts a fresh tmpfs of size bytes on a temporary folder (in this
// process's private mount namespace) and returns the folder.
func tinyFS(t *testing.T, size string) string {
	t.Helper()
	// Mounts made here must not propagate back to the host's namespace.
	if err := syscall.Mount("", "/", "", syscall.MS_REC|syscall.MS_PRIVATE, ""); err != nil {
		t.Fatalf("making / private in the test's mount namespace: %v", err)
	}
	dir := t.TempDir()
	if err := syscall.Mount("tmpfs", dir, "tmpfs", 0, "size="+size+",mode=0755"); err != nil {
		t.Fatalf("mounting a %s tmpfs: %v", size, err)
	}
	t.Cleanup(func() { _ = syscall.Unmount(dir, 0) })
	return dir
}

// fillDisk writes path until the filesystem has no byte left.
func fillDisk(t *testing.T, path string) {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	buf := make([]byte, 512)
	for {
		if _, err := f.Write(buf); err != nil {
			if !errors.Is(err, syscall.ENOSPC) {
				t.Fatalf("filling the disk: %v", err)
			}
			return
		}
	}
}

func names(t *testing.T, dir string) []string {
	t.Helper()
	ents, err := os.ReadDir(dir)
	if err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, e := range ents {
		out = append(out, e.Name())
	}
	slices.Sort(out)
	return out
}

func fullDiskChild(t *testing.T) {
	clock := &fakeClock{now: t0}
	open := func(path string) (*Cache, error) {
		clock.Advance(time.Second) // each "restart" would name a new corrupt file
		return Open(path, Options{LockTimeout: 100 * time.Millisecond, Now: clock.Now})
	}

	t.Run("with no cache, every start fails with ENOSPC and leaves nothing behind", func(t *testing.T) {
		dir := tinyFS(t, "64k")
		fillDisk(t, filepath.Join(dir, "filler"))
		path := filepath.Join(dir, "cache.db")
		for range 3 { // the kiosk restarting under systemd
			c, err := open(path)
			if err == nil {
				c.Close()
				t.Fatal("Open succeeded on a full disk")
			}
			if !errors.Is(err, syscall.ENOSPC) || !strings.Contains(err.Error(), "is full") {
				t.Errorf("error %q, want ENOSPC and a word that the disk is full", err)
			}
		}
		if got := names(t, dir); !slices.Equal(got, []string{"filler"}) {
			t.Errorf("the folder holds %v, want only the filler (no cache.db, no cache.db.corrupt-…)", got)
		}
		// Once space is freed the next start creates the cache normally.
		if err := os.Remove(filepath.Join(dir, "filler")); err != nil {
			t.Fatal(err)
		}
		c, err := open(path)
		if err != nil {
			t.Fatalf("Open after freeing space: %v", err)
		}
		defer c.Close()
		if c.Recovered() != "" {
			t.Errorf("a fresh cache reports a recovered file %s", c.Recovered())
		}
	})

	t.Run("with room for bbolt's first pages only, nothing is left behind either", func(t *testing.T) {
		dir := tinyFS(t, "64k")
		filler := filepath.Join(dir, "filler")
		fillDisk(t, filler)
		fi, err := os.Stat(filler)
		if err != nil {
			t.Fatal(err)
		}
		// Free what bbolt writes first (4 pages): creating the file works,
		// setting up the buckets does not.
		if err := os.Truncate(filler, fi.Size()-4*int64(os.Getpagesize())); err != nil {
			t.Fatal(err)
		}
		path := filepath.Join(dir, "cache.db")
		for range 3 {
			c, err := open(path)
			if err == nil {
				c.Close()
				t.Skip("the cache fit in 4 pages; nothing to check")
			}
			if !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("error %q, want ENOSPC", err)
			}
		}
		if got := names(t, dir); !slices.Equal(got, []string{"filler"}) {
			t.Errorf("the folder holds %v, want only the filler", got)
		}
	})

	t.Run("an existing 0-byte cache is not quarantined", func(t *testing.T) {
		dir := tinyFS(t, "64k")
		path := filepath.Join(dir, "cache.db")
		if err := os.WriteFile(path, nil, 0o600); err != nil {
			t.Fatal(err)
		}
		fillDisk(t, filepath.Join(dir, "filler"))
		if c, err := open(path); err == nil {
			c.Close()
			t.Fatal("Open succeeded on a full disk")
		}
		if got := names(t, dir); !slices.Equal(got, []string{"filler"}) {
			t.Errorf("the folder holds %v, want only the filler", got)
		}
	})

	t.Run("a corrupt cache on a full disk is kept once, not once per start", func(t *testing.T) {
		dir := tinyFS(t, "64k")
		path := filepath.Join(dir, "cache.db")
		if err := os.WriteFile(path, []byte(strings.Repeat("not a bbolt file ", 1000)), 0o600); err != nil {
			t.Fatal(err)
		}
		fillDisk(t, filepath.Join(dir, "filler"))
		for range 3 {
			if c, err := open(path); err == nil {
				c.Close()
				t.Fatal("Open succeeded on a full disk")
			} else if !errors.Is(err, syscall.ENOSPC) {
				t.Errorf("error %q, want ENOSPC", err)
			}
		}
		got := names(t, dir)
		if len(got) != 2 || got[1] != "filler" || !strings.HasPrefix(got[0], "cache.db.corrupt-") {
			t.Fatalf("the folder holds %v, want the one corrupt file kept for diagnosis and the filler", got)
		}
		if fi, err := os.Stat(filepath.Join(dir, got[0])); err != nil || fi.Size() == 0 {
			t.Errorf("the kept file is empty or gone (%v)", err)
		}
	})
}
