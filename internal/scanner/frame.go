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

// suffixByte maps a configured suffix to the byte that ends a frame. The
// line suffixes (CR, LF, CRLF) are only checked here: whichever is
// configured, the framer ends a frame at CR and at LF alike, because real
// scanners are configured inconsistently (a CR-configured kiosk meets an LF
// scanner). ETX is different: STX/ETX framing may carry line breaks inside a
// frame (multi-line QR codes), so there only ETX ends a frame.
func suffixByte(s string) (byte, error) {
	switch strings.ToUpper(strings.TrimSpace(s)) {
	case "", "CR":
		return '\r', nil
	case "LF", "CRLF":
		return '\n', nil
	case "ETX":
		return etx, nil
	}
	return 0, fmt.Errorf("unknown scanner suffix %q (want CR, LF, CRLF or ETX)", s)
}

const (
	stx = 0x02
	etx = 0x03
)

// framer splits a byte stream into frames. It holds at most max bytes and
// resynchronises after noise, so the next good scan is read:
//   - a control byte that cannot be part of a scan (NUL, ESC, ...; or STX in
//     ETX mode, which starts a new frame) drops what came before it as noise;
//   - a frame with invalid UTF-8 is dropped as noise;
//   - a frame longer than max keeps sliding over its last bytes; at its end
//     the part after the last invalid UTF-8 (binary line noise) is still a
//     scan, and a long run with no boundary at all is dropped and counted
//     as too long.
//
// Every drop is counted (tooLong, noise) so the scanner reports it.
type framer struct {
	etxMode  bool // frames end at ETX only; otherwise at CR or LF
	max      int
	buf      []byte
	overflow bool // the current frame outgrew max; buf holds its tail

	// counters, for logs and tests
	tooLong, noise int
}

func newFramer(term byte, max int) *framer {
	if max <= 0 {
		max = DefaultMaxFrame
	}
	return &framer{etxMode: term == etx, max: max, buf: make([]byte, 0, max)}
}

// feed consumes p and calls emit for each complete, clean frame. The slice
// passed to emit is only valid during the call. It works byte by byte, so
// the frames never depend on how the stream was split into reads.
func (f *framer) feed(p []byte, emit func(frame []byte)) {
	for _, c := range p {
		switch {
		case f.ends(c):
			f.end(emit)
		case c == stx && f.etxMode:
			f.dropNoise()
		case (c < 0x20 && c != '\t' && c != '\r' && c != '\n' && c != stx) || c == 0x7f:
			f.dropNoise()
		default:
			if len(f.buf) == f.max {
				// Keep the newer half: a scan glued behind noise is at
				// the end, and halving keeps the copying amortised.
				if !f.overflow {
					f.overflow = true
					f.tooLong++
				}
				n := copy(f.buf, f.buf[f.max/2:])
				f.buf = f.buf[:n]
			}
			f.buf = append(f.buf, c)
		}
	}
}

func (f *framer) ends(c byte) bool {
	if f.etxMode {
		return c == etx
	}
	return c == '\r' || c == '\n'
}

// dropNoise discards the frame so far at a noise boundary.
func (f *framer) dropNoise() {
	if len(bytes.Trim(f.buf, " \t\r\n\x02")) > 0 || f.overflow {
		f.noise++
	}
	f.buf = f.buf[:0]
	f.overflow = false
}

// end finishes the current frame at a terminator.
func (f *framer) end(emit func([]byte)) {
	b := f.buf
	if f.overflow {
		// Resynchronise on the last invalid UTF-8 sequence: what follows
		// it is the scan glued behind the noise. Without such a boundary
		// the frame is one long run and is dropped (counted as too long).
		// A short frame with invalid UTF-8 is dropped whole by clean: a
		// few stray bytes are likelier noise than a scan.
		if i := lastInvalidUTF8(b); i >= 0 {
			f.noise++
			b = b[i:]
		} else {
			b = nil
		}
	}
	if frame := f.clean(b); frame != nil {
		emit(frame)
	}
	f.buf = f.buf[:0]
	f.overflow = false
}

// lastInvalidUTF8 returns the index just past the last invalid UTF-8
// sequence in b, or -1 when b is valid.
func lastInvalidUTF8(b []byte) int {
	at := -1
	for i := 0; i < len(b); {
		r, n := utf8.DecodeRune(b[i:])
		i += n
		if r == utf8.RuneError && n <= 1 {
			at = i
		}
	}
	return at
}

// reset drops a partial frame, e.g. after the device went away mid-frame.
func (f *framer) reset() {
	f.buf = f.buf[:0]
	f.overflow = false
}

// clean trims framing leftovers (STX before an ETX frame, surrounding
// blanks and line breaks) and returns nil for an empty frame. The framer
// has already split off control bytes and invalid UTF-8; the checks here
// keep that guarantee local.
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
