package kiosk

import (
	"debug/elf"
	"fmt"
	"os"
)

// buildStamp identifies the running binary for the stored search index:
// the Go build ID from the executable's ELF note, which changes with any
// change to the code (tokenising, the embedded dictionary, the index
// format). Where there is no such note it falls back to the executable's
// size and modification time, and to "" (no stored index) when even that
// cannot be read.
func buildStamp() string {
	exe, err := os.Executable()
	if err != nil {
		return ""
	}
	if f, err := elf.Open(exe); err == nil {
		defer f.Close()
		if sec := f.Section(".note.go.buildid"); sec != nil {
			if b, err := sec.Data(); err == nil && len(b) > 16 {
				return "go-buildid:" + string(b[16:])
			}
		}
	}
	st, err := os.Stat(exe)
	if err != nil {
		return ""
	}
	return fmt.Sprintf("exe:%d:%d", st.Size(), st.ModTime().UnixNano())
}
