package catalog

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"os/user"
	"path/filepath"
	"strconv"
	"syscall"
)

// ErrNotOwner means the cache file belongs to another user than the one
// this process runs as, so it cannot be opened for writing: typically a
// cache created by `kioskctl` run as root on a kiosk that runs as the kiosk
// user. The full error says who owns it and how to fix it.
var ErrNotOwner = errors.New("the cache file belongs to another user")

// isEmptyOrAbsent reports whether path does not exist or is a 0-byte file.
func isEmptyOrAbsent(path string) bool {
	fi, err := os.Stat(path)
	return errors.Is(err, fs.ErrNotExist) || err == nil && fi.Mode().IsRegular() && fi.Size() == 0
}

// removeCreated removes path, a file this Open found absent or empty and
// could not set up: whatever bbolt wrote before failing (its first pages,
// or a few more before the buckets could not be committed) holds nothing to
// keep, and leaving it would make the next start quarantine it as corrupt.
func removeCreated(path string) {
	if fi, err := os.Lstat(path); err == nil && fi.Mode().IsRegular() {
		_ = os.Remove(path)
	}
}

// diskFull adds what to do to an error caused by a full disk.
func diskFull(path string, err error) error {
	if errors.Is(err, syscall.ENOSPC) || errors.Is(err, syscall.EDQUOT) {
		return fmt.Errorf("%w (the disk holding %s is full: free some space, then restart the kiosk)", err, filepath.Dir(path))
	}
	return err
}

// keepOwner gives a cache file that root opened to the owner of its
// folder. Root runs `kioskctl sync` (or reset, or search) on a kiosk whose
// cache lives in the kiosk user's /var/lib/kiosk; a file it created there —
// fresh, or after moving a corrupt one aside — would belong to root, and the
// kiosk, running as the kiosk user, could not open it and would go out of
// service. A file already owned by root in such a folder (made by an older
// kioskctl) is given back too. Nothing happens for other users or when the
// folder belongs to root.
func (c *Cache) keepOwner() {
	if os.Geteuid() != 0 {
		return
	}
	dir, err := os.Stat(filepath.Dir(c.path))
	if err != nil {
		return
	}
	ds, ok := dir.Sys().(*syscall.Stat_t)
	if !ok || ds.Uid == 0 {
		return
	}
	fi, err := os.Stat(c.path)
	if err != nil {
		return
	}
	if fs, ok := fi.Sys().(*syscall.Stat_t); ok && fs.Uid == ds.Uid && fs.Gid == ds.Gid {
		return
	}
	if err := os.Chown(c.path, int(ds.Uid), int(ds.Gid)); err != nil {
		c.o.Logger.Warn("could not give the cache file to its folder's owner", "path", c.path, "uid", ds.Uid, "err", err)
		return
	}
	c.o.Logger.Info("cache file given to its folder's owner", "path", c.path, "uid", ds.Uid, "gid", ds.Gid)
}

// explainPermission turns a permission error on the cache file into one that
// says who owns the file and how to fix it, wrapping ErrNotOwner when the
// file belongs to someone else.
func explainPermission(path string, err error) error {
	fi, serr := os.Stat(path)
	if serr != nil {
		return err
	}
	st, ok := fi.Sys().(*syscall.Stat_t)
	if !ok {
		return err
	}
	me := os.Geteuid()
	if int(st.Uid) == me {
		return fmt.Errorf("%w (the file is mode %04o: it must be readable and writable by its owner)", err, fi.Mode().Perm())
	}
	msg := fmt.Sprintf("the file belongs to %s, not to %s that this process runs as; it was probably created by kioskctl run as root. "+
		"Give it back with `chown %s: %s`, and run kioskctl as that user (`sudo -u %s kioskctl …`)",
		userName(int(st.Uid)), userName(me), chownArg(me), path, sudoArg(me))
	return &notOwnerError{err: err, msg: msg}
}

// notOwnerError is a permission error on a cache file of another user's,
// with the explanation; it matches both ErrNotOwner and fs.ErrPermission.
type notOwnerError struct {
	err error
	msg string
}

func (e *notOwnerError) Error() string   { return e.err.Error() + ": " + e.msg }
func (e *notOwnerError) Unwrap() []error { return []error{ErrNotOwner, e.err} }

// userName is "name (uid N)", or "uid N" for a user without a name.
func userName(uid int) string {
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		return u.Username + " (uid " + strconv.Itoa(uid) + ")"
	}
	return "uid " + strconv.Itoa(uid)
}

// chownArg is the user's name for chown, or the number when it has none.
func chownArg(uid int) string {
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		return u.Username
	}
	return strconv.Itoa(uid)
}

// sudoArg is the user's name for sudo -u, or "#uid" when it has none.
func sudoArg(uid int) string {
	if u, err := user.LookupId(strconv.Itoa(uid)); err == nil {
		return u.Username
	}
	return "#" + strconv.Itoa(uid)
}

// OwnerProblem says, in a sentence for a technician, why the user who owns
// the cache's folder (the kiosk user, for /var/lib/kiosk) cannot open the
// cache file at path: it belongs to someone else and is not shared with
// them. It returns "" when there is no such problem or nothing to check.
// kioskctl status uses it to explain a kiosk that is out of service.
func OwnerProblem(path string) string {
	fi, err := os.Stat(path)
	if err != nil {
		return ""
	}
	dir, err := os.Stat(filepath.Dir(path))
	if err != nil {
		return ""
	}
	fs, ok1 := fi.Sys().(*syscall.Stat_t)
	ds, ok2 := dir.Sys().(*syscall.Stat_t)
	if !ok1 || !ok2 || fs.Uid == ds.Uid || fi.Mode().Perm()&0o066 == 0o066 {
		return ""
	}
	return fmt.Sprintf("%s belongs to %s, not to %s who owns its folder, so a kiosk running as %s cannot open it; "+
		"give it back with `chown %s: %s` (kioskctl run as root now does this itself)",
		path, userName(int(fs.Uid)), userName(int(ds.Uid)), chownArg(int(ds.Uid)), chownArg(int(ds.Uid)), path)
}
