package scanner

import (
	"bytes"
	"fmt"
	"strings"
	"unicode/utf8"
)

// Default frame limits.
const (
	DefaultMaxFrame = 512
)

// suffixByte maps a configured suffix to the byte that ends a frame. CRLF
// ends on LF and strips the CR before it.
func suffixByte(s string) (byte, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "CR":
		return '\r', nil
	case "LF", "CRLF":
		return '\n', nil
	case "ETX":
		return 0x03, nil
	}
	return 0, fmt.Errorf("unknown scanner suffix %q (want CR, LF, CRLF or ETX)", s)
}

// framer splits a byte stream into frames ended by one terminator byte. It
// holds at most max bytes: a longer frame is dropped and the framer skips
// to the next terminator, so a stream with no terminator costs no memory.
type framer struct {
	term     byte
	max      int
	buf      []byte
	skipping bool // inside an over-long frame

	// counters, for logs and tests
	tooLong, noise int
}

func newFramer(term byte, max int) *framer {
	if max <= 0 {
		max = DefaultMaxFrame
	}
	return &framer{term: term, max: max, buf: make([]byte, 0, max)}
}

// feed consumes p and calls emit for each complete, clean frame. The slice
// passed to emit is only valid during the call.
func (f *framer) feed(p []byte, emit func(frame []byte)) {
	for len(p) > 0 {
		i := bytes.IndexByte(p, f.term)
		chunk := p
		if i >= 0 {
			chunk = p[:i]
		}
		if !f.skipping {
			if len(f.buf)+len(chunk) > f.max {
				f.skipping = true
				f.tooLong++
				f.buf = f.buf[:0]
			} else {
				f.buf = append(f.buf, chunk...)
			}
		}
		if i < 0 {
			return
		}
		p = p[i+1:]
		if f.skipping {
			f.skipping = false
			continue
		}
		frame := f.clean(f.buf)
		f.buf = f.buf[:0]
		if frame != nil {
			emit(frame)
		}
	}
}

// reset drops a partial frame, e.g. after the device went away mid-frame.
func (f *framer) reset() {
	f.buf = f.buf[:0]
	f.skipping = false
}

// clean trims framing leftovers (CR before LF, STX before an ETX frame,
// surrounding blanks) and returns nil for an empty frame or one with
// control bytes or invalid UTF-8, which is line noise, not a scan.
func (f *framer) clean(b []byte) []byte {
	b = bytes.TrimLeft(b, "\x02")
	b = bytes.Trim(b, " \t\r\n")
	if len(b) == 0 {
		return nil
	}
	for _, c := range b {
		if (c < 0x20 && c != '\t' && c != '\n' && c != '\r') || c == 0x7f {
			f.noise++
			return nil
		}
	}
	if !utf8.Valid(b) {
		f.noise++
		return nil
	}
	return b
}
