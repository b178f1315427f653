package printer

import (
	"bytes"
	"context"
	"errors"
	"sync"
	"testing"
	"time"
)

// Paper status replies to DLE EOT 4.
var (
	paperOK  = []byte{0x12}
	paperLow = []byte{0x1E}
	paperOut = []byte{0x72}
)

func testJob(fill byte, n int) []byte {
	job := append([]byte{0x1b, '@'}, bytes.Repeat([]byte{fill}, n)...)
	return append(job, '\n', 0x1d, 'V', 0x42, 0x00)
}

func openTestPrinter(t *testing.T, f *fakePrinter, statusSupported bool) *Printer {
	t.Helper()
	p, err := Open(Config{
		Port:            f.Link,
		Baud:            115200,
		StatusSupported: statusSupported,
		StatusTimeout:   300 * time.Millisecond,
		WriteTimeout:    300 * time.Millisecond,
		RetryMin:        20 * time.Millisecond,
		RetryMax:        100 * time.Millisecond,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { p.Close() })
	return p
}

func TestPrintOverPty(t *testing.T) {
	tests := []struct {
		name      string
		reply     []byte
		status    bool
		wantErr   error
		wantSent  bool
		wantPaper string
	}{
		{"a job to a printer with paper arrives intact", paperOK, true, nil, true, PaperOK},
		{"a reply after a noise byte is still understood", append([]byte{0xff}, paperOK...), true, nil, true, PaperOK},
		{"a printer out of paper refuses the job before it is sent", paperOut, true, ErrPaperOut, false, PaperOut},
		{"a printer low on paper prints the job and warns", paperLow, true, ErrPaperLow, true, PaperLow},
		{"a printer that never answers status gets no job and shows offline", nil, true, ErrOffline, false, PaperUnknown},
		{"a printer without status support gets the job with no status request", nil, false, nil, true, PaperUnknown},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFakePrinter(t, tt.reply)
			p := openTestPrinter(t, f, tt.status)
			job := testJob('A', 3000)
			ctx, cancel := context.WithTimeout(context.Background(), 10*time.Second)
			defer cancel()
			err := p.Print(ctx, job)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("Print error = %v, want %v", err, tt.wantErr)
			}
			if tt.wantSent {
				waitFor(t, "the whole job to arrive", func() bool { return len(f.received()) >= len(job) })
				if got := f.received(); !bytes.Equal(got, job) {
					t.Errorf("printer received %d bytes, not the %d-byte job intact", len(got), len(job))
				}
			} else if got := f.received(); len(got) != 0 {
				t.Errorf("printer received %d job bytes, want none", len(got))
			}
			if !tt.status && f.queryCount() != 0 {
				t.Errorf("%d status requests sent to a printer without status support", f.queryCount())
			}
			st, err := p.Status(ctx)
			if err != nil {
				t.Fatal(err)
			}
			if st.Paper != tt.wantPaper {
				t.Errorf("Status().Paper = %q, want %q", st.Paper, tt.wantPaper)
			}
			if wantOnline := !errors.Is(tt.wantErr, ErrOffline); st.Online != wantOnline {
				t.Errorf("Status().Online = %v, want %v (%+v)", st.Online, wantOnline, st)
			}
			if st.Port != f.Link {
				t.Errorf("Status().Port = %q, want %q", st.Port, f.Link)
			}
		})
	}
}

func TestPrinterUnplugAndReplug(t *testing.T) {
	f := newFakePrinter(t, paperOK)
	var mu sync.Mutex
	var changes []Status
	p := openTestPrinter(t, f, true)
	p.SetOnChange(func(s Status) { mu.Lock(); changes = append(changes, s); mu.Unlock() })
	ctx := context.Background()
	online := func() bool { st, _ := p.Status(ctx); return st.Online }

	if err := p.Print(ctx, testJob('A', 100)); err != nil {
		t.Fatalf("first print: %v", err)
	}

	f.unplug()
	waitFor(t, "the printer to show offline", func() bool { return !online() })
	if err := p.Print(ctx, testJob('B', 100)); !errors.Is(err, ErrOffline) {
		t.Fatalf("print while unplugged: error %v, want ErrOffline", err)
	}

	f.plug()
	waitFor(t, "the printer to reconnect", online)
	job := testJob('C', 2000)
	if err := p.Print(ctx, job); err != nil {
		t.Fatalf("print after replug: %v", err)
	}
	waitFor(t, "the job after replug to arrive", func() bool { return len(f.received()) >= len(job) })
	if got := f.received(); !bytes.Equal(got, job) {
		t.Errorf("after replug the printer received %d bytes, not the %d-byte job", len(got), len(job))
	}
	mu.Lock()
	defer mu.Unlock()
	sawOffline := false
	for _, s := range changes {
		if !s.Online {
			sawOffline = true
		}
	}
	if !sawOffline || !changes[len(changes)-1].Online {
		t.Errorf("OnChange saw %+v, want offline then online", changes)
	}
}

func TestConcurrentPrintsDoNotInterleave(t *testing.T) {
	f := newFakePrinter(t, paperOK)
	p := openTestPrinter(t, f, true)
	jobs := [][]byte{testJob('A', 20000), testJob('B', 20000), testJob('C', 20000)}
	var wg sync.WaitGroup
	errs := make([]error, len(jobs))
	for i, j := range jobs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			errs[i] = p.Print(context.Background(), j)
		}()
	}
	wg.Wait()
	for i, err := range errs {
		if err != nil {
			t.Fatalf("print %d: %v", i, err)
		}
	}
	total := 0
	for _, j := range jobs {
		total += len(j)
	}
	waitFor(t, "all jobs to arrive", func() bool { return len(f.received()) >= total })
	got := f.received()
	for len(got) > 0 {
		matched := false
		for _, j := range jobs {
			if bytes.HasPrefix(got, j) {
				got = got[len(j):]
				matched = true
				break
			}
		}
		if !matched {
			t.Fatalf("jobs interleaved: %d bytes left that do not start with a whole job", len(got))
		}
	}
}

func TestStalledPrinterTimesOut(t *testing.T) {
	f := &fakePrinter{t: t, deaf: true}
	f.Link = t.TempDir() + "/kiosk-printer"
	f.plug()
	t.Cleanup(f.unplug)
	p := openTestPrinter(t, f, false)
	err := p.Print(context.Background(), testJob('A', 1<<20))
	if !errors.Is(err, ErrOffline) {
		t.Fatalf("print to a printer that reads nothing: error %v, want ErrOffline", err)
	}
}

func TestCancelledWhileQueuedIsNotPrinted(t *testing.T) {
	f := newFakePrinter(t, paperOK)
	p := openTestPrinter(t, f, true)
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if err := p.Print(ctx, testJob('A', 10)); !errors.Is(err, context.Canceled) {
		t.Fatalf("error %v, want context.Canceled", err)
	}
	if err := p.Print(context.Background(), testJob('B', 10)); err != nil {
		t.Fatal(err)
	}
	if got := f.received(); !bytes.Equal(got, testJob('B', 10)) {
		t.Errorf("received %q, want only the second job", got)
	}
}

func TestOpenRejectsBadConfig(t *testing.T) {
	tests := []struct {
		name string
		cfg  Config
	}{
		{"no port and no USB id is refused", Config{}},
		{"a USB id without a colon is refused", Config{USB: "04b80e28"}},
		{"a USB id with non-hex digits is refused", Config{USB: "04b8:0eZZ"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if p, err := Open(tt.cfg); err == nil {
				p.Close()
				t.Fatal("Open succeeded")
			}
		})
	}
}

func TestParsePaper(t *testing.T) {
	tests := []struct {
		b      byte
		want   string
		wantOK bool
	}{
		{0x12, PaperOK, true},
		{0x16, PaperLow, true}, // one near-end sensor bit
		{0x1E, PaperLow, true},
		{0x72, PaperOut, true},
		{0x7E, PaperOut, true},
		{0x00, "", false},
		{0xFF, "", false},
		{0x13, "", false},
	}
	for _, tt := range tests {
		got, ok := parsePaper(tt.b)
		if got != tt.want || ok != tt.wantOK {
			t.Errorf("parsePaper(0x%02x) = %q, %v; want %q, %v", tt.b, got, ok, tt.want, tt.wantOK)
		}
	}
}

func TestIdlePrinterReportsPaperLowWithoutPrinting(t *testing.T) {
	f := newFakePrinter(t, paperOK)
	changes := make(chan Status, 64)
	p, err := Open(Config{
		Port:            f.Link,
		StatusSupported: true,
		PollInterval:    20 * time.Millisecond,
		StatusTimeout:   300 * time.Millisecond,
		OnChange:        func(s Status) { changes <- s },
	})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	f.setReply(paperLow)
	timeout := time.After(10 * time.Second)
	for {
		select {
		case s := <-changes:
			if s.Paper == PaperLow {
				if !s.Online || s.LastError == "" {
					t.Errorf("status with paper low = %+v, want online with a message", s)
				}
				if n := len(f.received()); n != 0 {
					t.Errorf("polling sent %d job bytes", n)
				}
				return
			}
		case <-timeout:
			t.Fatal("paper low never reported while idle")
		}
	}
}
