package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/creack/pty"
)

// ptyPrinter plays a receipt printer on a pseudo-terminal master: it
// collects what arrives and answers DLE EOT 4 with reply.
type ptyPrinter struct {
	Path string
	mu   sync.Mutex
	got  []byte
}

var dleEOT4 = []byte{0x10, 0x04, 0x04}

func newPtyPrinter(t *testing.T, reply byte) *ptyPrinter {
	t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	t.Cleanup(func() { m.Close(); s.Close() })
	p := &ptyPrinter{Path: s.Name()}
	go func() {
		buf := make([]byte, 4096)
		for {
			n, err := m.Read(buf)
			if err != nil {
				return
			}
			p.mu.Lock()
			before := len(p.got)
			p.got = append(p.got, buf[:n]...)
			found := bytes.Count(p.got[max(0, before-2):], dleEOT4)
			p.mu.Unlock()
			for range found {
				m.Write([]byte{reply})
			}
		}
	}()
	return p
}

func (p *ptyPrinter) job() []byte {
	p.mu.Lock()
	defer p.mu.Unlock()
	return bytes.ReplaceAll(p.got, dleEOT4, nil)
}

func TestPrinterCommand(t *testing.T) {
	const (
		paperOK  = 0x12
		paperLow = 0x1E
		paperOut = 0x72
	)
	tests := []struct {
		name      string
		verb      string
		reply     byte
		profile   string
		wantCode  int
		wantOut   string
		wantErr   string
		wantPrint bool
	}{
		{"the test page prints on a printer with paper", "test", paperOK, "epson-tm-t20iii", 0, "Test page printed", "", true},
		{"the test page prints with a warning when paper is low", "test", paperLow, "epson-tm-t88v", 0, "Test page printed", "nearly finished", true},
		{"the test page is refused when paper is out", "test", paperOut, "epson-tm-t20iii", 1, "", "out of paper", false},
		{"status shows paper low", "status", paperLow, "epson-tm-t20iii", 0, "low / sắp hết giấy", "", false},
		{"status of a printer out of paper fails", "status", paperOut, "generic-80", 1, "out / hết giấy", "", false},
		{"status of a printer without status support says so", "status", paperOK, "generic-58", 0, "does not answer status", "", false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			fp := newPtyPrinter(t, tt.reply)
			var out, errb bytes.Buffer
			code := run([]string{"-config", filepath.Join(t.TempDir(), "none.toml"), "printer", tt.verb, "-port", fp.Path, "-profile", tt.profile, "-baud", "115200"}, &out, &errb)
			if code != tt.wantCode {
				t.Fatalf("exit %d, want %d\nstdout: %s\nstderr: %s", code, tt.wantCode, out.String(), errb.String())
			}
			if !strings.Contains(out.String(), tt.wantOut) {
				t.Errorf("stdout lacks %q:\n%s", tt.wantOut, out.String())
			}
			if !strings.Contains(errb.String(), tt.wantErr) {
				t.Errorf("stderr lacks %q:\n%s", tt.wantErr, errb.String())
			}
			job := fp.job()
			if tt.wantPrint && !bytes.HasPrefix(job, []byte{0x1b, '@'}) {
				t.Errorf("printer got %d bytes not starting with ESC @", len(job))
			}
			if !tt.wantPrint && len(job) != 0 {
				t.Errorf("printer got %d job bytes, want none", len(job))
			}
		})
	}
}

func TestPrinterCommandVirtual(t *testing.T) {
	dir := t.TempDir()
	var out, errb bytes.Buffer
	code := run([]string{"-config", filepath.Join(dir, "none.toml"), "printer", "test", "-port", "virtual", "-out", dir, "-profile", "generic-58"}, &out, &errb)
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	pngs, _ := filepath.Glob(filepath.Join(dir, "receipt-*.png"))
	if len(pngs) != 1 || !strings.Contains(out.String(), pngs[0]) {
		t.Fatalf("PNGs %v, output %q", pngs, out.String())
	}
	if st, err := os.Stat(pngs[0]); err != nil || st.Size() == 0 {
		t.Errorf("empty PNG: %v", err)
	}
}

func TestPrinterCommandMissingPort(t *testing.T) {
	var out, errb bytes.Buffer
	missing := filepath.Join(t.TempDir(), "ttyUSB9")
	code := run([]string{"-config", missing + ".toml", "printer", "status", "-port", missing, "-profile", "generic-80"}, &out, &errb)
	if code != 1 || !strings.Contains(out.String(), "no / không") {
		t.Fatalf("exit %d, stdout %q, stderr %q", code, out.String(), errb.String())
	}
}
