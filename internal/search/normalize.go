// Package search finds procedures the way citizens type them: without
// diacritics, with typos and regional spelling confusions, with everyday names
// and abbreviations, one letter at a time. It owns Vietnamese normalisation,
// the in-memory index and the ranking; it knows no storage and no screen and
// indexes whatever procedures it is given.
package search

import (
	"strings"
	"sync"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Tone marks (dấu thanh) as stored in a tone signature's low three bits.
const (
	toneNone  = 0
	toneSac   = 1 // U+0301 acute
	toneHuyen = 2 // U+0300 grave
	toneHoi   = 3 // U+0309 hook above
	toneNga   = 4 // U+0303 tilde
	toneNang  = 5 // U+0323 dot below
)

// Vowel and consonant marks stored per letter position in a tone signature.
const (
	markNone       = 0
	markBreve      = 1 // ă
	markCircumflex = 2 // â ê ô
	markHorn       = 3 // ơ ư
	markStroke     = 4 // đ
)

// maxSigLetters is how many letter positions a tone signature records; longer
// words (none in Vietnamese syllables) compare only their first letters.
const maxSigLetters = 9

type runeKind uint8

const (
	kindSep    runeKind = iota // breaks tokens
	kindLetter                 // letter or digit, kept (folded)
	kindMark                   // combining mark: dropped, token continues
)

// foldEntry says how one rune folds: its lowercase base letter without marks,
// and the marks it carried (for the tone-aware signature).
type foldEntry struct {
	base rune
	kind runeKind
	tone uint8
	mark uint8
}

// foldTableSize covers Latin, Latin Extended Additional (Vietnamese precomposed
// letters) and the combining marks; other runes are folded on the fly.
const foldTableSize = 0x2000

var (
	foldOnce  sync.Once
	foldTable [foldTableSize]foldEntry
)

func markOf(r rune) (tone, mark uint8, ok bool) {
	switch r {
	case 0x0301:
		return toneSac, 0, true
	case 0x0300:
		return toneHuyen, 0, true
	case 0x0309:
		return toneHoi, 0, true
	case 0x0303:
		return toneNga, 0, true
	case 0x0323:
		return toneNang, 0, true
	case 0x0306:
		return 0, markBreve, true
	case 0x0302:
		return 0, markCircumflex, true
	case 0x031B:
		return 0, markHorn, true
	}
	return 0, 0, false
}

func buildFoldTable() {
	for r := rune(0); r < foldTableSize; r++ {
		foldTable[r] = computeFold(r)
	}
}

// computeFold derives a rune's fold with Unicode canonical decomposition (NFD):
// the first rune is the base letter, the rest are the marks it carried.
func computeFold(r rune) foldEntry {
	switch {
	case r == 'đ' || r == 'Đ':
		return foldEntry{base: 'd', kind: kindLetter, mark: markStroke}
	case r < utf8.RuneSelf:
		switch {
		case 'a' <= r && r <= 'z', '0' <= r && r <= '9':
			return foldEntry{base: r, kind: kindLetter}
		case 'A' <= r && r <= 'Z':
			return foldEntry{base: r + 'a' - 'A', kind: kindLetter}
		}
		return foldEntry{kind: kindSep}
	case unicode.Is(unicode.Mn, r):
		t, m, _ := markOf(r)
		return foldEntry{kind: kindMark, tone: t, mark: m}
	case !unicode.IsLetter(r) && !unicode.IsDigit(r):
		return foldEntry{kind: kindSep}
	}
	e := foldEntry{kind: kindLetter, base: unicode.ToLower(r)}
	if r >= 0x80 && r < foldTableSize {
		d := norm.NFD.String(string(r))
		base, n := utf8.DecodeRuneInString(d)
		if base == 'đ' || base == 'Đ' {
			base, e.mark = 'd', markStroke
		}
		e.base = unicode.ToLower(base)
		for _, m := range d[n:] {
			t, vm, _ := markOf(m)
			if t != 0 {
				e.tone = t
			}
			if vm != 0 {
				e.mark = vm
			}
		}
	}
	return e
}

func foldRune(r rune) foldEntry {
	if r < foldTableSize {
		return foldTable[r]
	}
	return computeFold(r)
}

// tokenize splits s into words and calls fn for each with its byte range in s,
// its folded form (lowercase, no tone or vowel marks, đ as d) and its tone
// signature. Precomposed (NFC) and decomposed (NFD) input fold the same way.
// folded is only valid during the call.
func tokenize(s string, fn func(start, end int, folded []byte, sig uint32)) {
	foldOnce.Do(buildFoldTable)
	var buf [64]byte
	word := buf[:0]
	start, letters := -1, 0
	var sig uint32
	flush := func(end int) {
		if start >= 0 && len(word) > 0 {
			fn(start, end, word, sig)
		}
		word, start, letters, sig = word[:0], -1, 0, 0
	}
	for i, r := range s {
		e := foldRune(r)
		switch e.kind {
		case kindSep:
			flush(i)
			continue
		case kindMark:
			if start < 0 {
				continue // a stray mark with no letter before it
			}
			if e.tone != 0 {
				sig = sig&^7 | uint32(e.tone)
			}
			if e.mark != 0 && letters > 0 && letters <= maxSigLetters {
				sig |= uint32(e.mark) << (3 * letters)
			}
			continue
		}
		if start < 0 {
			start = i
		}
		word = utf8.AppendRune(word, e.base)
		letters++
		if e.tone != 0 {
			sig = sig&^7 | uint32(e.tone)
		}
		if e.mark != 0 && letters <= maxSigLetters {
			sig |= uint32(e.mark) << (3 * letters)
		}
	}
	flush(len(s))
}

// Normalize folds s for matching: Vietnamese tone and vowel marks removed
// (NFC or NFD input alike), đ/Đ mapped to d, lowercase, and every run of
// punctuation or white space collapsed to one space. "Đăng ký  khai-sinh!"
// becomes "dang ky khai sinh".
func Normalize(s string) string {
	var b strings.Builder
	b.Grow(len(s))
	tokenize(s, func(_, _ int, w []byte, _ uint32) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
	})
	return b.String()
}

// Tokens returns the normalised words of s, for callers that want them one by
// one (the on-screen keyboard's suggestions, tests).
func Tokens(s string) []string {
	var out []string
	tokenize(s, func(_, _ int, w []byte, _ uint32) { out = append(out, string(w)) })
	return out
}

// ToneKey is the tone-aware form of s: like Normalize, but words keep what
// their marks were, independent of where a mark sits ("hoà" and "hòa" are the
// same word) and of NFC or NFD. Ranking uses it to put an exact-diacritic
// match ("số" for a query "số") above "sổ" and "sở".
func ToneKey(s string) string {
	var b strings.Builder
	tokenize(s, func(_, _ int, w []byte, sig uint32) {
		if b.Len() > 0 {
			b.WriteByte(' ')
		}
		b.Write(w)
		if sig != 0 {
			b.WriteByte('#')
			for sig != 0 {
				b.WriteByte(byte('0' + sig&7))
				sig >>= 3
			}
		}
	})
	return b.String()
}
