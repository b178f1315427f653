package scanner

import (
	"io"
	"strings"
)

// Virtual is a scanner for demos and tests: lines given to Feed come out of
// Scans exactly as if a serial scanner had read them (framing, debounce,
// parsing).
type Virtual struct {
	*Scanner
	w *io.PipeWriter
}

// NewVirtual returns a virtual scanner with default options.
func NewVirtual() *Virtual {
	pr, pw := io.Pipe()
	s, err := New(pr, Options{Suffix: "ETX"})
	if err != nil {
		panic(err) // the options are constant
	}
	return &Virtual{Scanner: s, w: pw}
}

// Feed scans line. It may hold several lines (a multi-line QR). Feed blocks
// while the Scans channel is full.
func (v *Virtual) Feed(line string) {
	line = strings.ReplaceAll(line, "\x03", "")
	v.w.Write([]byte(line + "\x03"))
}

// Close stops the virtual scanner and closes Scans.
func (v *Virtual) Close() error {
	v.w.Close()
	return v.Scanner.Close()
}

// FromReader reads one scan per line from r (stdin piped from a keyboard or
// another program) until r ends, then closes Scans.
func FromReader(r io.Reader) *Scanner {
	s, err := New(r, Options{Suffix: "LF"})
	if err != nil {
		panic(err)
	}
	return s
}
