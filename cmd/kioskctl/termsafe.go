package main

import (
	"io"
	"strings"
	"unicode"
	"unicode/utf8"
)

// termSafe removes what could drive a technician's terminal from text that
// came from the portal or the cache: C0 and C1 control characters (ESC, the
// one-byte CSI, BEL, CR, NUL ...), bidirectional overrides and isolates
// (RLO and friends, which reorder what is shown), and invalid UTF-8. Tab and
// newline stay. Without its ESC (or C1 CSI) an escape sequence is inert text
// like "[2J", so the technician still sees that something odd was sent.
func termSafe(s string) string {
	clean := true
	for _, r := range s {
		if unsafeRune(r) {
			clean = false
			break
		}
	}
	if clean {
		return s
	}
	var b strings.Builder
	for _, r := range s {
		if !unsafeRune(r) {
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r == '\n' || r == '\t':
		return false
	case r == utf8.RuneError:
		return true
	case unicode.IsControl(r):
		return true
	case unicode.Is(unicode.Bidi_Control, r):
		return true
	}
	return false
}

// safeWriter applies termSafe to everything written through it. Each
// fmt.Fprintf is one Write, so a sequence is never split across calls; even
// if it were, dropping the ESC byte alone disarms it.
type safeWriter struct{ w io.Writer }

func (s safeWriter) Write(p []byte) (int, error) {
	if _, err := io.WriteString(s.w, termSafe(string(p))); err != nil {
		return 0, err
	}
	return len(p), nil
}

// withSafeStdout returns a copy of g whose Stdout goes through termSafe, for
// the commands that print portal or cache text.
func (g *globals) withSafeStdout() *globals {
	c := *g
	c.Stdout = safeWriter{g.Stdout}
	return &c
}
