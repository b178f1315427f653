package scanner

import (
	"testing"
	"time"
)

// stateLog records OnState calls for a test to wait on.
type stateLog chan bool

func (l stateLog) wait(t *testing.T, want bool) {
	t.Helper()
	timeout := time.After(10 * time.Second)
	for {
		select {
		case up := <-l:
			if up == want {
				return
			}
		case <-timeout:
			t.Fatalf("scanner never became connected=%v", want)
		}
	}
}

func nextScan(t *testing.T, s *Scanner) Scan {
	t.Helper()
	select {
	case sc := <-s.Scans():
		return sc
	case <-time.After(10 * time.Second):
		t.Fatal("no scan arrived")
	}
	return Scan{}
}

func openPtyScanner(t *testing.T, dev *ptyPort, suffix string) (*Scanner, stateLog) {
	t.Helper()
	states := make(stateLog, 16)
	s, err := Open(OpenSerial(dev.Link, "", 9600), Options{
		Suffix:   suffix,
		OnState:  func(up bool, err error) { states <- up },
		RetryMin: 20 * time.Millisecond,
		RetryMax: 100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	states.wait(t, true)
	return s, states
}

func TestSerialScannerOverPty(t *testing.T) {
	tests := []struct {
		name   string
		suffix string
		writes []string
		want   string
	}{
		{"a code split over several writes arrives whole", "CR", []string{"000.00.5", "3.H48-2209", "21-0099\r"}, testCode},
		{"a CRLF-ended code arrives without the suffix", "CRLF", []string{testCode + "\r\n"}, testCode},
		{"an ETX-ended URL is parsed", "ETX", []string{"\x02https://dvc.example.gov.vn/ho-so/" + testCode + "\x03"}, testCode},
		{"noise before a code is dropped and the code arrives", "CR", []string{"\x00\x00\xfe\r", testCode + "\r"}, testCode},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dev := newPtyPort(t)
			s, _ := openPtyScanner(t, dev, tt.suffix)
			for _, w := range tt.writes {
				dev.write(w)
				time.Sleep(5 * time.Millisecond) // let reads see partial frames
			}
			sc := nextScan(t, s)
			if sc.Err != nil || sc.Payload.DossierCode != tt.want {
				t.Errorf("scan = %+v, want code %s", sc, tt.want)
			}
		})
	}
}

func TestSerialScannerUnplugMidFrameAndReplug(t *testing.T) {
	dev := newPtyPort(t)
	s, states := openPtyScanner(t, dev, "CR")

	dev.write("000.00.53.H48-2209")
	time.Sleep(20 * time.Millisecond) // the partial frame is read before the cable goes
	dev.unplug()
	states.wait(t, false)
	if s.Connected() {
		t.Error("Connected() true after unplug")
	}

	dev.plug()
	states.wait(t, true)
	dev.write("21-0099\r" + testCode + "\r")
	sc := nextScan(t, s)
	if sc.Raw == "000.00.53.H48-220921-0099" && sc.Err == nil {
		t.Fatalf("the frame cut by the unplug was joined with data after the replug")
	}
	if sc.Raw != "21-0099" {
		t.Errorf("first scan after replug = %q, want the tail %q (rejected)", sc.Raw, "21-0099")
	}
	sc = nextScan(t, s)
	if sc.Err != nil || sc.Payload.DossierCode != testCode {
		t.Errorf("scan after replug = %+v, want %s", sc, testCode)
	}
}

func TestSerialScannerCloseStopsReconnecting(t *testing.T) {
	dev := newPtyPort(t)
	s, _ := openPtyScanner(t, dev, "CR")
	dev.unplug()
	if err := s.Close(); err != nil {
		t.Logf("close: %v", err)
	}
	if _, ok := <-s.Scans(); ok {
		t.Error("Scans still open after Close")
	}
}
