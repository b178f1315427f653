package printer

import (
	"bytes"
	"os"
	"path/filepath"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// fakePrinter plays a receipt printer on the master side of a real
// pseudo-terminal pair; the printer under test opens the slave through
// go.bug.st/serial via Link, a symlink (like a udev name) that plug
// re-points to a fresh pair, so unplug+plug looks like pulling and
// reinserting the USB cable.
type fakePrinter struct {
	t    *testing.T
	Link string

	mu      sync.Mutex
	master  *os.File
	slave   *os.File
	stream  []byte // everything received, status requests included
	queries int
	reply   []byte // sent for each DLE EOT 4; nil means never answer
	deaf    bool   // do not read at all (a stalled printer)
}

func newFakePrinter(t *testing.T, reply []byte) *fakePrinter {
	t.Helper()
	f := &fakePrinter{t: t, Link: filepath.Join(t.TempDir(), "kiosk-printer"), reply: reply}
	f.plug()
	t.Cleanup(f.unplug)
	return f
}

func (f *fakePrinter) plug() {
	f.t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		f.t.Skipf("no pseudo-terminals here: %v", err)
	}
	tmp := f.Link + ".new"
	os.Remove(tmp)
	if err := os.Symlink(s.Name(), tmp); err != nil {
		f.t.Fatal(err)
	}
	if err := os.Rename(tmp, f.Link); err != nil {
		f.t.Fatal(err)
	}
	f.mu.Lock()
	f.master, f.slave = m, s
	f.stream = nil // a fresh printer: count only what it gets from now on
	deaf := f.deaf
	f.mu.Unlock()
	if !deaf {
		go f.serve(m)
	}
}

func (f *fakePrinter) unplug() {
	f.mu.Lock()
	m, s := f.master, f.slave
	f.master, f.slave = nil, nil
	f.mu.Unlock()
	if m != nil {
		m.Close()
		s.Close()
	}
}

func (f *fakePrinter) serve(m *os.File) {
	buf := make([]byte, 4096)
	for {
		n, err := m.Read(buf)
		if err != nil {
			return
		}
		f.mu.Lock()
		before := len(f.stream)
		f.stream = append(f.stream, buf[:n]...)
		// Count requests that end in this read (they may straddle reads).
		from := max(0, before-2)
		found := bytes.Count(f.stream[from:], statusRequest)
		f.queries += found
		reply := f.reply
		f.mu.Unlock()
		for range found {
			if reply != nil {
				m.Write(reply)
			}
		}
	}
}

func (f *fakePrinter) setReply(b []byte) {
	f.mu.Lock()
	f.reply = b
	f.mu.Unlock()
}

// received is what the printer got besides status requests: what it prints.
func (f *fakePrinter) received() []byte {
	f.mu.Lock()
	defer f.mu.Unlock()
	return bytes.ReplaceAll(f.stream, statusRequest, nil)
}

func (f *fakePrinter) queryCount() int {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.queries
}

// waitFor polls cond until it holds; it fails the test after 10s. It
// asserts that something happens, not how fast.
func waitFor(t *testing.T, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(10 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
