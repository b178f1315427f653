package scanner

import (
	"time"
	"unicode/utf8"
)

// Defaults for a zero KeyboardWedge.
const (
	// DefaultWedgeGap is the longest pause between the keys of one typed
	// line. A scanner types far faster; a person typing a code on the demo
	// keyboard stays within it too, so both count as one line.
	DefaultWedgeGap = 400 * time.Millisecond
	// DefaultWedgeMax is the most characters a line keeps (the newest).
	DefaultWedgeMax = 2048
)

// KeyboardWedge collects what a keyboard-wedge scanner types: it "types" a
// whole code as key presses and ends it with Enter. A pause longer than
// MaxGap between keys means what came before was someone typing, not part of
// this line, so it is dropped. It is pure logic with no UI dependency:
// internal/ui feeds it every key event with the time it arrived, and is the
// only place that does.
type KeyboardWedge struct {
	// MaxGap is the longest pause between keys of one line (0: DefaultWedgeGap).
	MaxGap time.Duration
	// MaxLen is the most characters kept; older ones are dropped
	// (0: DefaultWedgeMax).
	MaxLen int

	buf  []rune
	last time.Time
}

// Rune records one typed character. A pause longer than MaxGap since the
// previous key starts a new line.
func (w *KeyboardWedge) Rune(r rune, at time.Time) {
	if r == utf8.RuneError {
		return
	}
	gap := w.MaxGap
	if gap <= 0 {
		gap = DefaultWedgeGap
	}
	if w.last.IsZero() || at.Sub(w.last) > gap || at.Before(w.last) {
		w.buf = w.buf[:0]
	}
	w.last = at
	w.buf = append(w.buf, r)
	max := w.MaxLen
	if max <= 0 {
		max = DefaultWedgeMax
	}
	if len(w.buf) > max {
		w.buf = append(w.buf[:0], w.buf[len(w.buf)-max:]...)
	}
}

// Backspace removes the last character of the line (a person correcting
// what they typed).
func (w *KeyboardWedge) Backspace() {
	if len(w.buf) > 0 {
		w.buf = w.buf[:len(w.buf)-1]
	}
}

// Enter ends the line: it returns what was typed and true, or "" and false
// when nothing was. Either way the line is forgotten.
func (w *KeyboardWedge) Enter() (string, bool) {
	defer w.Reset()
	if len(w.buf) == 0 {
		return "", false
	}
	return string(w.buf), true
}

// Pending is how many characters of the current line are held.
func (w *KeyboardWedge) Pending() int { return len(w.buf) }

// Reset forgets the current line (idle reset, screen change).
func (w *KeyboardWedge) Reset() {
	clear(w.buf)
	w.buf = w.buf[:0]
	w.last = time.Time{}
}
