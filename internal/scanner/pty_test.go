package scanner

import (
	"os"
	"path/filepath"
	"testing"

	"github.com/creack/pty"
)

// ptyPort plays a serial device on the master side of a real pseudo-terminal
// pair. Link is a stable symlink (like a udev name) that plug re-points to a
// fresh pair, so unplug+plug looks like pulling and reinserting a USB cable.
type ptyPort struct {
	t      *testing.T
	Link   string
	master *os.File
	slave  *os.File
}

func newPtyPort(t *testing.T) *ptyPort {
	t.Helper()
	p := &ptyPort{t: t, Link: filepath.Join(t.TempDir(), "ttyKIOSK")}
	p.plug()
	t.Cleanup(p.unplug)
	return p
}

// plug creates a new pty pair and points Link at its slave.
func (p *ptyPort) plug() {
	p.t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		p.t.Skipf("no pseudo-terminals here: %v", err)
	}
	p.master, p.slave = m, s
	tmp := p.Link + ".new"
	os.Remove(tmp)
	if err := os.Symlink(s.Name(), tmp); err != nil {
		p.t.Fatal(err)
	}
	if err := os.Rename(tmp, p.Link); err != nil {
		p.t.Fatal(err)
	}
}

// unplug closes both ends: the program's open port gets a hangup.
func (p *ptyPort) unplug() {
	if p.master != nil {
		p.master.Close()
		p.slave.Close()
		p.master, p.slave = nil, nil
	}
}

func (p *ptyPort) write(s string) {
	p.t.Helper()
	if _, err := p.master.Write([]byte(s)); err != nil {
		p.t.Fatalf("writing to pty master: %v", err)
	}
}
