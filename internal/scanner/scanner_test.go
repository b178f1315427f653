package scanner

import (
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"
	"unicode/utf8"
)

const testCode = "000.00.53.H48-220921-0099"

// seqClock returns the given instants in order, one per call, then keeps
// returning the last one; scans are stamped in frame order, so each frame
// gets the next instant without any sleeping.
func seqClock(ts ...time.Time) func() time.Time {
	var mu sync.Mutex
	return func() time.Time {
		mu.Lock()
		defer mu.Unlock()
		t := ts[0]
		if len(ts) > 1 {
			ts = ts[1:]
		}
		return t
	}
}

// chunkReader returns the given chunks one Read at a time, with a (0, nil)
// read between each, as go.bug.st/serial does on a read timeout.
type chunkReader struct {
	chunks [][]byte
	empty  bool
}

func (r *chunkReader) Read(p []byte) (int, error) {
	if r.empty = !r.empty; r.empty {
		return 0, nil
	}
	if len(r.chunks) == 0 {
		return 0, io.EOF
	}
	n := copy(p, r.chunks[0])
	r.chunks[0] = r.chunks[0][n:]
	if len(r.chunks[0]) == 0 {
		r.chunks = r.chunks[1:]
	}
	return n, nil
}

func collect(t *testing.T, s *Scanner) []Scan {
	t.Helper()
	var out []Scan
	timeout := time.After(10 * time.Second)
	for {
		select {
		case sc, ok := <-s.Scans():
			if !ok {
				return out
			}
			out = append(out, sc)
		case <-timeout:
			t.Fatal("scanner never finished")
		}
	}
}

func raws(scans []Scan) []string {
	var out []string
	for _, s := range scans {
		out = append(out, s.Raw)
	}
	return out
}

func TestScannerFraming(t *testing.T) {
	other := "000.00.53.H48-220921-0100"
	tests := []struct {
		name   string
		suffix string
		chunks []string
		want   []string
	}{
		{"a code split over many reads comes out whole", "CR", []string{"000.00", ".53.H4", "8-2209", "21-0099", "\r"}, []string{testCode}},
		{"two codes in one read come out as two scans", "CR", []string{testCode + "\r" + other + "\r"}, []string{testCode, other}},
		{"CRLF frames split between CR and LF come out clean", "CRLF", []string{testCode + "\r", "\n" + other + "\r\n"}, []string{testCode, other}},
		{"a CR-configured scanner sending CRLF still gives clean codes", "CR", []string{testCode + "\r\n" + other + "\r\n"}, []string{testCode, other}},
		{"ETX frames with an STX prefix come out without it", "ETX", []string{"\x02" + testCode + "\x03\x02" + other + "\x03"}, []string{testCode, other}},
		{"an LF-ended code is read with the LF suffix", "LF", []string{testCode + "\n"}, []string{testCode}},
		{"a multi-line QR stays one scan with the ETX suffix", "ETX", []string{"Mã hồ sơ: " + testCode + "\nMã bí mật: X1\x03"}, []string{"Mã hồ sơ: " + testCode + "\nMã bí mật: X1"}},
		{"noise with control bytes is dropped", "CR", []string{"\x00\x1b\xff\r", testCode + "\r"}, []string{testCode}},
		{"invalid UTF-8 is dropped", "CR", []string{"\xc3\x28abc\r", testCode + "\r"}, []string{testCode}},
		{"blank frames are ignored", "CR", []string{"\r\r  \r", testCode + "\r"}, []string{testCode}},
		{"a frame without its suffix at the end of the stream is dropped", "CR", []string{testCode + "\r", "000.00.53.H48-22"}, []string{testCode}},
		{"an LF-ended code is not glued to the next with the CR suffix", "CR", []string{testCode + "\n" + other + "\n"}, []string{testCode, other}},
		{"a CR-ended code is not glued to the next with the CRLF suffix", "CRLF", []string{testCode + "\r" + other + "\r\n"}, []string{testCode, other}},
		{"a CR-ended code is read with the LF suffix", "LF", []string{testCode + "\r"}, []string{testCode}},
		{"a code right after control-byte noise with no suffix is read", "CR", []string{strings.Repeat("\x00\x1b\x7f", 700) + testCode + "\r"}, []string{testCode}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			r := &chunkReader{}
			for _, c := range tt.chunks {
				r.chunks = append(r.chunks, []byte(c))
			}
			s, err := New(r, Options{Suffix: tt.suffix, Debounce: -1})
			if err != nil {
				t.Fatal(err)
			}
			got := raws(collect(t, s))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("scans = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScannerDropsAHugeLineWithoutHoldingIt(t *testing.T) {
	huge := bytes.Repeat([]byte("A"), 1<<20)
	r := &chunkReader{}
	for i := 0; i < len(huge); i += 4096 {
		r.chunks = append(r.chunks, huge[i:i+4096])
	}
	r.chunks = append(r.chunks, []byte("\r"+testCode+"\r"))
	s, err := New(r, Options{Debounce: -1})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, s)
	if len(got) != 1 || got[0].Raw != testCode || got[0].Err != nil {
		t.Fatalf("scans = %q, want only %q", raws(got), testCode)
	}
	if c := cap(s.fr.buf); c > DefaultMaxFrame {
		t.Errorf("frame buffer grew to %d bytes, want at most %d", c, DefaultMaxFrame)
	}
}

func TestScannerDebounce(t *testing.T) {
	t0 := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	other := "000.00.53.H48-220921-0100"
	tests := []struct {
		name   string
		frames []string
		times  []time.Duration
		want   []string
	}{
		{"the same code twice within a second is reported once", []string{testCode, testCode}, []time.Duration{0, 300 * time.Millisecond}, []string{testCode}},
		{"the same code after more than a second is reported again", []string{testCode, testCode}, []time.Duration{0, 1500 * time.Millisecond}, []string{testCode, testCode}},
		{"a code held under the scanner is reported once while it repeats", []string{testCode, testCode, testCode, testCode}, []time.Duration{0, 700 * time.Millisecond, 1400 * time.Millisecond, 2100 * time.Millisecond}, []string{testCode}},
		{"a different code in between is not a duplicate", []string{testCode, other, testCode}, []time.Duration{0, 100 * time.Millisecond, 200 * time.Millisecond}, []string{testCode, other, testCode}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var ts []time.Time
			for _, d := range tt.times {
				ts = append(ts, t0.Add(d))
			}
			r := &chunkReader{chunks: [][]byte{[]byte(strings.Join(tt.frames, "\r") + "\r")}}
			s, err := New(r, Options{Now: seqClock(ts...)})
			if err != nil {
				t.Fatal(err)
			}
			got := raws(collect(t, s))
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("scans = %q, want %q", got, tt.want)
			}
		})
	}
}

func TestScannerParsesAndHidesCitizenIDText(t *testing.T) {
	cccd := "001090012345|123456789|Nguyễn Văn An|01011990|Nam|Hà Nội|15082021"
	r := &chunkReader{chunks: [][]byte{[]byte(cccd + "\r" + testCode + "\rhello\r")}}
	s, err := New(r, Options{})
	if err != nil {
		t.Fatal(err)
	}
	got := collect(t, s)
	if len(got) != 3 {
		t.Fatalf("got %d scans, want 3", len(got))
	}
	if got[0].Payload.Kind != CitizenID || got[0].Payload.IDNumber != "001090012345" || got[0].Raw != "" {
		t.Errorf("citizen ID scan = %+v, want the ID number only and no raw text", got[0])
	}
	if got[1].Payload.DossierCode != testCode || got[1].Err != nil {
		t.Errorf("dossier scan = %+v", got[1])
	}
	if !errors.Is(got[2].Err, ErrUnrecognised) {
		t.Errorf("unknown scan error = %v, want ErrUnrecognised", got[2].Err)
	}
}

func TestScannerRejectsUnknownSuffix(t *testing.T) {
	if _, err := New(strings.NewReader(""), Options{Suffix: "TAB"}); err == nil {
		t.Fatal("New accepted suffix TAB")
	}
}

func TestVirtualScanner(t *testing.T) {
	v := NewVirtual()
	defer v.Close()
	go v.Feed("https://dvc.example.gov.vn/tra-cuu?code=" + strings.ToLower(testCode) + "&secretKey=k1")
	select {
	case sc := <-v.Scans():
		if sc.Payload.DossierCode != testCode || sc.Payload.Secret != "k1" {
			t.Errorf("scan = %+v", sc)
		}
	case <-time.After(10 * time.Second):
		t.Fatal("no scan")
	}
}

func TestFromReaderReadsLines(t *testing.T) {
	s := FromReader(strings.NewReader(testCode + "\nnot a code\n"))
	got := collect(t, s)
	if len(got) != 2 || got[0].Payload.DossierCode != testCode || got[1].Err == nil {
		t.Fatalf("scans = %+v", got)
	}
}

func BenchmarkFramer(b *testing.B) {
	stream := bytes.Repeat([]byte(testCode+"\r\n"), 1000)
	f := newFramer('\n', DefaultMaxFrame)
	b.SetBytes(int64(len(stream)))
	b.ReportAllocs()
	n := 0
	for b.Loop() {
		for i := 0; i < len(stream); i += 64 {
			f.feed(stream[i:min(i+64, len(stream))], func([]byte) { n++ })
		}
	}
}

func BenchmarkFramerNoSuffix(b *testing.B) {
	chunk := bytes.Repeat([]byte("A"), 4096)
	f := newFramer('\r', DefaultMaxFrame)
	b.SetBytes(int64(len(chunk)))
	b.ReportAllocs()
	for b.Loop() {
		f.feed(chunk, func([]byte) {})
	}
}

func TestTestdataStreams(t *testing.T) {
	tests := []struct {
		file   string
		suffix string
		want   []string // dossier code, or "code secret"
	}{
		{"crlf-power-on-noise.bin", "CRLF", []string{testCode, "000.00.53.H48-220921-0100"}},
		{"stx-etx-url-and-multiline.bin", "ETX", []string{testCode + " 7F3K9Q", "000.00.53.H48-220921-0100 AB12"}},
		{"cr-continuous-mode.bin", "CR", []string{testCode}},
		{"cr-overlong-then-code.bin", "CR", []string{"000.00.53.H48-220921-0100"}},
		{"cr-binary-noise-then-code.bin", "CR", []string{"000.00.53.H48-220921-0100"}},
	}
	for _, tt := range tests {
		t.Run(tt.file+" gives the expected scans", func(t *testing.T) {
			b, err := os.ReadFile(filepath.Join("testdata", tt.file))
			if err != nil {
				t.Fatal(err)
			}
			r := &chunkReader{}
			for i := 0; i < len(b); i += 7 { // odd-sized reads, as a UART delivers
				r.chunks = append(r.chunks, b[i:min(i+7, len(b))])
			}
			s, err := New(r, Options{Suffix: tt.suffix})
			if err != nil {
				t.Fatal(err)
			}
			var got []string
			for _, sc := range collect(t, s) {
				if sc.Err != nil {
					t.Errorf("scan %q rejected: %v", sc.Raw, sc.Err)
					continue
				}
				got = append(got, strings.TrimSpace(sc.Payload.DossierCode+" "+sc.Payload.Secret))
			}
			if strings.Join(got, "|") != strings.Join(tt.want, "|") {
				t.Errorf("scans = %q, want %q", got, tt.want)
			}
		})
	}
}

// FuzzFramer checks the framer on arbitrary bytes: frames never exceed
// MaxFrame, never carry control bytes or invalid UTF-8, and do not depend
// on how the stream was split into reads.
func FuzzFramer(f *testing.F) {
	f.Add([]byte(testCode+"\r\n\x00\xff\r"), 3)
	f.Add([]byte("\x02abc\x03\x02def"), 1)
	f.Add(bytes.Repeat([]byte("A"), 600), 100)
	f.Fuzz(func(t *testing.T, stream []byte, split int) {
		const max = 64
		whole := newFramer('\r', max)
		var a []string
		whole.feed(stream, func(fr []byte) { a = append(a, string(fr)) })

		split = 1 + abs(split)%16
		parts := newFramer('\r', max)
		var b []string
		for i := 0; i < len(stream); i += split {
			parts.feed(stream[i:min(i+split, len(stream))], func(fr []byte) { b = append(b, string(fr)) })
		}
		if strings.Join(a, "\r") != strings.Join(b, "\r") || len(a) != len(b) {
			t.Fatalf("frames depend on read sizes: %q vs %q", a, b)
		}
		for _, fr := range a {
			if len(fr) > max || fr == "" || !utf8.ValidString(fr) {
				t.Fatalf("bad frame %q", fr)
			}
			for _, c := range []byte(fr) {
				if c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f {
					t.Fatalf("frame %q has control byte 0x%02x", fr, c)
				}
			}
		}
		if cap(whole.buf) > max || cap(parts.buf) > max {
			t.Fatalf("buffer grew past %d", max)
		}
	})
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}
