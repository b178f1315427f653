package ui

import (
	"strings"
	"unicode"
)

// This file is the Telex input method as pure logic: no widgets, no Fyne.
// The on-screen keyboard calls TelexType for each key in Vietnamese mode.

// Tone indexes in toneForms strings.
const (
	toneNone  = 0
	toneGrave = 1 // f: huyền
	toneAcute = 2 // s: sắc
	toneHook  = 3 // r: hỏi
	toneTilde = 4 // x: ngã
	toneDot   = 5 // j: nặng
)

// toneForms lists each base vowel followed by its five toned forms.
var toneForms = []string{
	"aàáảãạ", "ăằắẳẵặ", "âầấẩẫậ",
	"eèéẻẽẹ", "êềếểễệ",
	"iìíỉĩị",
	"oòóỏõọ", "ôồốổỗộ", "ơờớởỡợ",
	"uùúủũụ", "ưừứửữự",
	"yỳýỷỹỵ",
}

type vowelInfo struct {
	base rune // base vowel with its shape mark (â, ơ, ...) but no tone
	tone int
}

var (
	vowelOf  = map[rune]vowelInfo{} // any toned/untoned vowel -> info (lower case)
	withTone = map[rune][6]rune{}   // base vowel -> forms by tone
)

func init() {
	for _, s := range toneForms {
		r := []rune(s)
		var forms [6]rune
		copy(forms[:], r)
		withTone[r[0]] = forms
		for i, v := range r {
			vowelOf[v] = vowelInfo{base: r[0], tone: i}
		}
	}
}

func isVowel(r rune) bool {
	_, ok := vowelOf[unicode.ToLower(r)]
	return ok
}

// toneKey maps a Telex tone key to a tone index.
func toneKey(k rune) (int, bool) {
	switch unicode.ToLower(k) {
	case 'f':
		return toneGrave, true
	case 's':
		return toneAcute, true
	case 'r':
		return toneHook, true
	case 'x':
		return toneTilde, true
	case 'j':
		return toneDot, true
	case 'z':
		return toneNone, true
	}
	return 0, false
}

// setVowel returns v with the given base shape and tone, keeping v's case.
func setVowel(v rune, base rune, tone int) rune {
	upper := unicode.IsUpper(v)
	out := withTone[base][tone]
	if upper {
		return unicode.ToUpper(out)
	}
	return out
}

func info(r rune) vowelInfo { return vowelOf[unicode.ToLower(r)] }

// TelexType applies one key press to text the way a Telex input method does and
// returns the new text. Only the last word (after the last space) is composed.
// Keys that are not Telex commands are appended as they are.
//
//	aa→â aw→ă ee→ê oo→ô ow→ơ uw→ư uow→ươ dd→đ w→ư
//	s f r x j put a tone on the right vowel (modern placement), z removes it;
//	pressing a command twice undoes it and types the letter ("ass" → "as").
func TelexType(text string, key rune) string {
	i := strings.LastIndexAny(text, " \n\t")
	head, word := text[:i+1], text[i+1:]
	return head + telexWord([]rune(word), key)
}

func telexWord(w []rune, key rune) string {
	lk := unicode.ToLower(key)
	if len(w) == 0 {
		return string(key)
	}
	if t, ok := toneKey(key); ok {
		if out, ok := applyTone(w, t, key); ok {
			return out
		}
		return string(w) + string(key)
	}
	switch lk {
	case 'a', 'e', 'o':
		if out, ok := applyHat(w, lk, key); ok {
			return out
		}
	case 'w':
		if out, ok := applyHorn(w, key); ok {
			return out
		}
	case 'd':
		switch w[0] {
		case 'd', 'D':
			out := append([]rune{}, w...)
			if w[0] == 'd' {
				out[0] = 'đ'
			} else {
				out[0] = 'Đ'
			}
			return string(out)
		case 'đ', 'Đ':
			out := append([]rune{}, w...)
			if w[0] == 'đ' {
				out[0] = 'd'
			} else {
				out[0] = 'D'
			}
			return string(out) + string(key)
		}
	}
	if !unicode.IsLetter(key) {
		return string(w) + string(key)
	}
	return retone(append(append([]rune{}, w...), key))
}

// retone moves an existing tone to where it belongs now that the word has
// grown ("hosa" → "hóa" → "hoá"), as Telex input methods do.
func retone(w []rune) string {
	at, tone := -1, toneNone
	for i, r := range w {
		if isVowel(r) && info(r).tone != toneNone {
			at, tone = i, info(r).tone
		}
	}
	if at < 0 {
		return string(w)
	}
	pos := tonePosition(w)
	if pos < 0 || pos == at {
		return string(w)
	}
	w[at] = setVowel(w[at], info(w[at]).base, toneNone)
	w[pos] = setVowel(w[pos], info(w[pos]).base, tone)
	return string(w)
}

// cluster finds the vowel nucleus of a syllable: the last run of vowels, with
// the u of "qu" and the i of "gi" counted as consonants when another vowel
// follows. It returns [start, end) indexes into w; start == end if none.
func cluster(w []rune) (int, int) {
	end := -1
	for i := len(w) - 1; i >= 0; i-- {
		if isVowel(w[i]) {
			end = i + 1
			break
		}
	}
	if end < 0 {
		return 0, 0
	}
	start := end - 1
	for start > 0 && isVowel(w[start-1]) {
		start--
	}
	if end-start >= 2 && start > 0 {
		prev := unicode.ToLower(w[start-1])
		first := info(w[start]).base
		if (prev == 'q' && first == 'u') || (prev == 'g' && first == 'i') {
			start++
		}
	}
	return start, end
}

// tonePosition chooses which vowel of w carries the tone (modern rules).
func tonePosition(w []rune) int {
	s, e := cluster(w)
	if s == e {
		return -1
	}
	// A vowel with a shape mark takes the tone; in ươ it is the ơ.
	mark := -1
	for i := s; i < e; i++ {
		switch info(w[i]).base {
		case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
			mark = i
		}
	}
	if mark >= 0 {
		if info(w[mark]).base == 'ư' && mark+1 < e && info(w[mark+1]).base == 'ơ' {
			return mark + 1
		}
		return mark
	}
	n := e - s
	switch {
	case n == 1:
		return s
	case n >= 3:
		return s + 1
	}
	// Two vowels.
	if e < len(w) { // a final consonant follows: tone on the second vowel
		return s + 1
	}
	pair := string([]rune{info(w[s]).base, info(w[s+1]).base})
	switch pair {
	case "oa", "oe", "uy":
		return s + 1
	}
	return s
}

func applyTone(w []rune, tone int, key rune) (string, bool) {
	// The current tone, wherever it is, is moved or removed.
	cur, curAt := toneNone, -1
	for i, r := range w {
		if isVowel(r) && info(r).tone != toneNone {
			cur, curAt = info(r).tone, i
		}
	}
	pos := tonePosition(w)
	if pos < 0 {
		return "", false
	}
	out := append([]rune{}, w...)
	if curAt >= 0 {
		out[curAt] = setVowel(out[curAt], info(out[curAt]).base, toneNone)
	}
	switch {
	case tone == toneNone && cur == toneNone:
		return "", false // z with nothing to remove types z
	case tone == cur && tone != toneNone:
		return string(out) + string(key), true // double key undoes
	case tone == toneNone:
		return string(out), true
	}
	out[pos] = setVowel(out[pos], info(out[pos]).base, tone)
	return string(out), true
}

// applyHat handles aa, ee, oo (and their undo) within the vowel nucleus.
func applyHat(w []rune, lk, key rune) (string, bool) {
	s, e := cluster(w)
	hat := map[rune]rune{'a': 'â', 'e': 'ê', 'o': 'ô'}[lk]
	alt := map[rune]rune{'a': 'ă', 'o': 'ơ'}[lk] // 0 for e
	for i := e - 1; i >= s; i-- {
		in := info(w[i])
		out := append([]rune{}, w...)
		switch {
		case in.base == lk || (alt != 0 && in.base == alt):
			out[i] = setVowel(w[i], hat, in.tone)
			return string(out), true
		case in.base == hat:
			out[i] = setVowel(w[i], lk, in.tone)
			return string(out) + string(key), true
		}
	}
	return "", false
}

// applyHorn handles aw, ow, uw, uow and a lone w (and their undo).
func applyHorn(w []rune, key rune) (string, bool) {
	s, e := cluster(w)
	out := append([]rune{}, w...)
	// ư typed earlier followed by o: "uwow" → ươ.
	for i := s; i+1 < e; i++ {
		if info(w[i]).base == 'ư' && info(w[i+1]).base == 'o' {
			out[i+1] = setVowel(w[i+1], 'ơ', info(w[i+1]).tone)
			return string(out), true
		}
	}
	// Undo: the nucleus already has marks made by w.
	for i := e - 1; i >= s; i-- {
		switch info(w[i]).base {
		case 'ă':
			out[i] = setVowel(w[i], 'a', info(w[i]).tone)
			return string(out) + string(key), true
		case 'ơ':
			out[i] = setVowel(w[i], 'o', info(w[i]).tone)
			if i > s && info(w[i-1]).base == 'ư' {
				out[i-1] = setVowel(w[i-1], 'u', info(w[i-1]).tone)
			}
			return string(out) + string(key), true
		case 'ư':
			if i+1 < e && info(w[i+1]).base == 'ơ' {
				continue
			}
			out[i] = setVowel(w[i], 'u', info(w[i]).tone)
			return string(out) + string(key), true
		}
	}
	// uo (as in "dduowc" → "được") becomes ươ together.
	for i := s; i+1 < e; i++ {
		if info(w[i]).base == 'u' && info(w[i+1]).base == 'o' {
			out[i] = setVowel(w[i], 'ư', info(w[i]).tone)
			out[i+1] = setVowel(w[i+1], 'ơ', info(w[i+1]).tone)
			return string(out), true
		}
	}
	for i := e - 1; i >= s; i-- {
		switch info(w[i]).base {
		case 'a':
			out[i] = setVowel(w[i], 'ă', info(w[i]).tone)
			return string(out), true
		case 'o':
			out[i] = setVowel(w[i], 'ơ', info(w[i]).tone)
			return string(out), true
		case 'u':
			out[i] = setVowel(w[i], 'ư', info(w[i]).tone)
			return string(out), true
		}
	}
	if s == e { // a lone w after consonants types ư
		if unicode.IsUpper(key) {
			return string(w) + "Ư", true
		}
		return string(w) + "ư", true
	}
	return "", false
}

// TelexBackspace removes the last character (rune) of text.
func TelexBackspace(text string) string {
	r := []rune(text)
	if len(r) == 0 {
		return text
	}
	return string(r[:len(r)-1])
}
