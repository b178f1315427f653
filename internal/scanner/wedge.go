package scanner

import (
	"time"
	"unicode/utf8"
)

// KeyboardWedge recognises a keyboard-wedge scanner in a stream of key
// presses: a scanner "types" a whole code much faster than a person and
// ends it with Enter. Feed it every rune with the time it arrived and call
// Enter on Enter; it says whether what was typed was a scan. It is pure
// logic with no UI dependency, so the UI can use it on any key events.
type KeyboardWedge struct {
	// MaxGap is the longest pause between keys inside a scan (default 50ms).
	MaxGap time.Duration
	// MinLen is the fewest characters a scan has (default 6).
	MinLen int

	buf  []rune
	last time.Time
}

// Rune records one typed character. A pause longer than MaxGap since the
// previous key starts a new burst.
func (w *KeyboardWedge) Rune(r rune, at time.Time) {
	if r == utf8.RuneError {
		return
	}
	if w.last.IsZero() || at.Sub(w.last) > w.gap() || at.Before(w.last) {
		w.buf = w.buf[:0]
	}
	if len(w.buf) < MaxPayload {
		w.buf = append(w.buf, r)
	}
	w.last = at
}

// Enter ends a burst. It returns the scanned text and true when the burst
// was a scan: at least MinLen characters, each (and the Enter) within
// MaxGap of the one before. Either way the burst is forgotten.
func (w *KeyboardWedge) Enter(at time.Time) (string, bool) {
	defer w.Reset()
	minLen := w.MinLen
	if minLen <= 0 {
		minLen = 6
	}
	if w.last.IsZero() || at.Sub(w.last) > w.gap() || at.Before(w.last) || len(w.buf) < minLen {
		return "", false
	}
	return string(w.buf), true
}

// Pending is how many characters of the current burst are held.
func (w *KeyboardWedge) Pending() int { return len(w.buf) }

// Reset forgets the current burst.
func (w *KeyboardWedge) Reset() {
	clear(w.buf)
	w.buf = w.buf[:0]
	w.last = time.Time{}
}

func (w *KeyboardWedge) gap() time.Duration {
	if w.MaxGap <= 0 {
		return 50 * time.Millisecond
	}
	return w.MaxGap
}
