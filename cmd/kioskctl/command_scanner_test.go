package main

import (
	"bytes"
	"os"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"
)

// syncBuffer is a bytes.Buffer safe to read while a command writes to it.
type syncBuffer struct {
	mu sync.Mutex
	b  bytes.Buffer
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.String()
}

func TestScannerListenFromStdin(t *testing.T) {
	old := stdin
	t.Cleanup(func() { stdin = old })
	stdin = strings.NewReader(strings.Join([]string{
		"https://dvc.example.gov.vn/tra-cuu?code=000.00.53.h48-220921-0099&secretKey=Ab12Cd",
		"001090012345|123456789|Nguyễn Văn An|01011990|Nam|Số 1 Phố Huế, Hà Nội|15082021",
		"000.00.53.H48-221399-0001",
		"8934563138165",
	}, "\n") + "\n")
	var out, errb bytes.Buffer
	if code := run([]string{"scanner", "listen", "-port", "-", "-count", "4"}, &out, &errb); code != 0 {
		t.Fatalf("exit %d: %s", code, errb.String())
	}
	got := out.String()
	for _, want := range []string{
		"dossier     000.00.53.H48-220921-0099  secret=Ab****",
		"citizen-id  *********345",
		"rejected    malformed dossier code",
		"rejected    unrecognised payload",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("output lacks %q:\n%s", want, got)
		}
	}
	for _, secret := range []string{"Nguyễn", "Phố Huế", "001090012345", "Ab12Cd", "01011990"} {
		if strings.Contains(got+errb.String(), secret) {
			t.Errorf("output shows %q:\n%s", secret, got)
		}
	}
}

func TestScannerListenOverPty(t *testing.T) {
	m, s, err := pty.Open()
	if err != nil {
		t.Skipf("no pseudo-terminals: %v", err)
	}
	defer m.Close()
	defer s.Close()
	var out, errb syncBuffer
	done := make(chan int, 1)
	go func() {
		done <- run([]string{"scanner", "listen", "-port", s.Name(), "-suffix", "CRLF", "-count", "1"}, &out, &errb)
	}()
	deadline := time.Now().Add(10 * time.Second)
	for !strings.Contains(errb.String(), "connected") {
		if time.Now().After(deadline) {
			t.Fatalf("never connected: %s", errb.String())
		}
		time.Sleep(5 * time.Millisecond)
	}
	writeAll(t, m, "000.00.53.H48-", "220921-0099\r\n")
	select {
	case code := <-done:
		if code != 0 {
			t.Fatalf("exit %d: %s", code, errb.String())
		}
	case <-time.After(10 * time.Second):
		t.Fatal("scanner listen did not stop after -count 1")
	}
	if !strings.Contains(out.String(), "dossier     000.00.53.H48-220921-0099") {
		t.Errorf("output = %q", out.String())
	}
}

func TestScannerNeedsListen(t *testing.T) {
	var out, errb bytes.Buffer
	if code := run([]string{"scanner"}, &out, &errb); code != 2 {
		t.Errorf("exit %d, want 2", code)
	}
}

func writeAll(t *testing.T, f *os.File, parts ...string) {
	t.Helper()
	for _, p := range parts {
		if _, err := f.Write([]byte(p)); err != nil {
			t.Fatal(err)
		}
		time.Sleep(5 * time.Millisecond)
	}
}
