//go:build unix

package config

import (
	"os"
	"os/user"
	"strconv"
	"syscall"
)

// groupName is the name of the group owning the file, or its id.
func groupName(st os.FileInfo) string {
	sys, ok := st.Sys().(*syscall.Stat_t)
	if !ok {
		return "?"
	}
	gid := strconv.FormatUint(uint64(sys.Gid), 10)
	if g, err := user.LookupGroupId(gid); err == nil {
		return g.Name
	}
	return gid
}

// openNonBlocking opens path for reading without waiting for a writer when
// it is a FIFO; readBounded then refuses anything but a regular file.
func openNonBlocking(path string) (*os.File, error) {
	return os.OpenFile(path, os.O_RDONLY|syscall.O_NONBLOCK, 0)
}
