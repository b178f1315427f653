package ui

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// This file is Vietnamese composition as pure logic: no widgets, no Fyne.
// The on-screen keyboard hands every key to a composer, which keeps the keys
// of the word being typed and composes the word again from them on each key,
// the way established input methods (Unikey, BambooEngine's bamboo-core) do:
//
//	aa→â aw→ă ee→ê oo→ô ow→ơ uw→ư uow→ươ dd→đ w→ư
//	ư or uơ followed by another letter becomes ươ ("nguwoif" → "người")
//	s f r x j put a tone on the right vowel (modern placement), z removes it;
//	pressing a key again undoes it and types the letter, and the rest of the
//	word is then typed as it is ("ass" → "as", "asss" → "ass");
//	a key is only an effect when the result is still Vietnamese spelling
//	("catr" stays "catr": a syllable ending in t takes only sắc or nặng), and
//	a word that is not Vietnamese at all comes back as typed ("birth").
//
// The Vietnamese layout's tone keys send the combining tone marks below; they
// compose the same way whether or not Telex is on, so a citizen who does not
// know Telex taps "c", "a", "sắc" and gets "cá".

// Tone indexes in toneForms strings.
const (
	toneNone  = 0
	toneGrave = 1 // f: huyền
	toneAcute = 2 // s: sắc
	toneHook  = 3 // r: hỏi
	toneTilde = 4 // x: ngã
	toneDot   = 5 // j: nặng
)

// Combining marks sent by the Vietnamese layout's tone keys.
const (
	markGrave = '\u0300'
	markAcute = '\u0301'
	markHook  = '\u0309'
	markTilde = '\u0303'
	markDot   = '\u0323'
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
	}
	return 0, false
}

// markTone maps a tone key of the Vietnamese layout to a tone index.
func markTone(k rune) (int, bool) {
	switch k {
	case markGrave:
		return toneGrave, true
	case markAcute:
		return toneAcute, true
	case markHook:
		return toneHook, true
	case markTilde:
		return toneTilde, true
	case markDot:
		return toneDot, true
	}
	return 0, false
}

// letter is one letter of the word being composed, tone-free and in lower
// case (â, ư, đ ...), with its case.
type letter struct {
	r  rune
	up bool
	// loneW marks an ư typed as a lone w, so that "ww" gives back "w".
	loneW bool
}

// syllable is the state of one word while its keys are replayed.
type syllable struct {
	letters []letter
	tone    int
	// locked: a key undid its own effect, so the rest of the word is typed
	// as it is ("reffresh" → "refresh").
	locked bool
}

// Spelling tables, after bamboo-core's spelling.go: the consonants a syllable
// may start and end with, and its vowel nuclei grouped by the final
// consonants each group allows.
var (
	initials = map[string]bool{"": true, "b": true, "c": true, "ch": true, "d": true, "đ": true, "g": true,
		"gh": true, "gi": true, "h": true, "k": true, "kh": true, "l": true, "m": true, "n": true, "ng": true,
		"ngh": true, "nh": true, "p": true, "ph": true, "qu": true, "r": true, "s": true, "t": true, "th": true,
		"tr": true, "v": true, "x": true}
	stopFinals    = map[string]bool{"c": true, "ch": true, "k": true, "p": true, "t": true}
	nucleusGroups = []struct {
		nuclei string
		finals map[string]bool
	}{
		{"ê i ua uê uy y", set("ch nh m n p t")},
		{"a iê oa uyê yê", set("ch nh c ng m n p t")},
		{"â ă e o oo ô ơ oe u ư uâ uô ươ oă", set("c ng m n p t")},
		{"ă", set("k")}, // Đắk Lắk
		{"i", set("c")},
		{"uơ ai ao au âu ay ây eo êu ia iêu iu oai oao oay oeo oi ôi ơi ưa uây ui ưi uôi ươi ươu ưu uya uyu yêu", nil},
	}
)

func set(words string) map[string]bool {
	m := map[string]bool{}
	for _, w := range strings.Fields(words) {
		m[w] = true
	}
	return m
}

// stripMark gives the vowel without its shape mark (â → a, ư → u).
func stripMark(r rune) rune {
	switch r {
	case 'ă', 'â':
		return 'a'
	case 'ê':
		return 'e'
	case 'ô', 'ơ':
		return 'o'
	case 'ư':
		return 'u'
	}
	return r
}

func (s *syllable) str(from, to int) string {
	var b strings.Builder
	for _, l := range s.letters[from:to] {
		b.WriteRune(l.r)
	}
	return b.String()
}

// parts splits the word into initial consonants [0,v0), vowel nucleus
// [v0,v1) and final consonants [v1,len); v0 == v1 when there is no vowel.
// The u of "qu" and the i of "gi" before another vowel are consonants.
func (s *syllable) parts() (int, int) {
	w := s.letters
	end := -1
	for i := len(w) - 1; i >= 0; i-- {
		if isVowel(w[i].r) {
			end = i + 1
			break
		}
	}
	if end < 0 {
		return len(w), len(w)
	}
	start := end - 1
	for start > 0 && isVowel(w[start-1].r) {
		start--
	}
	if end-start >= 2 && start > 0 {
		prev, first := w[start-1].r, w[start].r
		gie := start == 1 && stripMark(w[start+1].r) == 'e' && end < len(w) // g + iê + ng stays g-iê-ng
		if (prev == 'q' && first == 'u') || (prev == 'g' && first == 'i' && start == 1 && !gie) {
			start++
		}
	}
	return start, end
}

// valid says whether the word is Vietnamese spelling so far: a known initial,
// a nucleus that is (or may still become, once marks are added) a known one,
// a final that nucleus allows, and a tone that final allows.
func (s *syllable) valid() bool {
	v0, v1 := s.parts()
	ini, nuc, fin := s.str(0, v0), []rune(s.str(v0, v1)), s.str(v1, len(s.letters))
	if v0 == v1 { // consonants only: they must begin some initial
		if s.tone != toneNone {
			return false
		}
		for i := range initials {
			if strings.HasPrefix(i, ini) {
				return true
			}
		}
		return false
	}
	if !initials[ini] {
		return false
	}
	if fin != "" && s.tone != toneNone && s.tone != toneAcute && s.tone != toneDot && stopFinals[fin] {
		return false
	}
	for _, g := range nucleusGroups {
		for _, v := range strings.Fields(g.nuclei) {
			vr := []rune(v)
			if len(nuc) > len(vr) || (fin != "" && len(nuc) != len(vr)) {
				continue
			}
			ok := true
			for i, r := range nuc {
				if r != vr[i] && r != stripMark(vr[i]) {
					ok = false
					break
				}
			}
			if ok && (fin == "" || g.finals[fin]) {
				return true
			}
		}
	}
	return false
}

// tonePosition chooses which letter carries the tone. It follows
// bamboo-core's default "standard tone style", which is also how the portal's
// procedure names are written: a vowel with a shape mark takes it (người,
// tiếng), then the second vowel before a final consonant (toán), the middle one
// of three (khoái), else the first (hòa, thủy, mía).
func (s *syllable) tonePosition() int {
	v0, v1 := s.parts()
	if v0 == v1 {
		return -1
	}
	mark := -1
	for i := v0; i < v1; i++ {
		switch s.letters[i].r {
		case 'ă', 'â', 'ê', 'ô', 'ơ', 'ư':
			mark = i
		}
	}
	if mark >= 0 {
		return mark
	}
	switch n := v1 - v0; {
	case n == 1:
		return v0
	case n >= 3:
		return v0 + 1
	}
	if v1 < len(s.letters) { // a final consonant follows: tone on the second vowel
		return v0 + 1
	}
	return v0
}

func (s *syllable) hasVowel() bool {
	v0, v1 := s.parts()
	return v0 < v1
}

func (s *syllable) add(r rune, up bool) {
	s.letters = append(s.letters, letter{r: r, up: up})
	s.fixUO()
}

// literal types the key itself, as the last step of an undo or when it is no
// effect here.
func (s *syllable) literal(k rune) { s.add(unicode.ToLower(k), unicode.IsUpper(k)) }

// fixUO makes "uơ" and "ưo" into "ươ" once another letter follows them
// ("thuow" → "thuơ" but "tuowng" → "tương", "nguwoi" → "ngươi").
func (s *syllable) fixUO() {
	w := s.letters
	for i := 0; i+2 < len(w); i++ {
		if i > 0 && w[i-1].r == 'q' {
			continue
		}
		if (w[i].r == 'u' && w[i+1].r == 'ơ') || (w[i].r == 'ư' && w[i+1].r == 'o') {
			w[i].r, w[i+1].r = 'ư', 'ơ'
			w[i].loneW = false
		}
	}
}

// try applies change and keeps it only if the word is still valid.
func (s *syllable) try(change func()) bool {
	saved := append([]letter(nil), s.letters...)
	tone := s.tone
	change()
	if s.valid() {
		return true
	}
	s.letters, s.tone = saved, tone
	return false
}

func (s *syllable) press(k rune, telex bool) {
	if t, ok := markTone(k); ok { // the Vietnamese layout's tone keys
		switch {
		case !s.hasVowel():
		case s.tone == t:
			s.tone = toneNone
		default:
			s.tone = t
		}
		return
	}
	lk, up := unicode.ToLower(k), unicode.IsUpper(k)
	if in, ok := vowelOf[lk]; ok && (in.tone != toneNone || in.base != stripMark(in.base)) {
		// A precomposed letter (from the layout's letter row, or text
		// already in the field).
		if in.tone != toneNone {
			s.tone = in.tone
		}
		s.add(in.base, up)
		return
	}
	if !telex || s.locked {
		s.add(lk, up)
		return
	}
	if t, ok := toneKey(lk); ok {
		switch {
		case !s.hasVowel():
			s.literal(k)
		case s.tone == t:
			s.tone = toneNone
			s.locked = true
			s.literal(k)
		case !s.try(func() { s.tone = t }):
			s.literal(k)
		}
		return
	}
	switch lk {
	case 'z':
		if s.tone != toneNone && s.hasVowel() {
			s.tone = toneNone
			return
		}
	case 'a', 'e', 'o':
		if s.hat(k) {
			return
		}
	case 'w':
		if s.horn(k) {
			return
		}
	case 'd':
		if s.stroke(k) {
			return
		}
	}
	s.literal(k)
}

// hat handles aa, ee, oo (and their undo) on the nucleus.
func (s *syllable) hat(k rune) bool {
	lk := unicode.ToLower(k)
	hat := map[rune]rune{'a': 'â', 'e': 'ê', 'o': 'ô'}[lk]
	v0, v1 := s.parts()
	for i := v1 - 1; i >= v0; i-- {
		r := s.letters[i].r
		if stripMark(r) != lk {
			continue
		}
		if r == hat { // pressed again: undo
			s.letters[i].r = lk
			s.locked = true
			s.literal(k)
			return true
		}
		return s.try(func() {
			s.letters[i].r = hat
			if hat == 'ô' && i > v0 && s.letters[i-1].r == 'ư' { // ươ + o → uô
				s.letters[i-1].r = 'u'
			}
		})
	}
	return false
}

// horn handles aw, ow, uw, uow, a lone w (and their undo).
func (s *syllable) horn(k rune) bool {
	v0, v1 := s.parts()
	w := s.letters
	if v0 == v1 { // no vowel yet: a lone w is ư
		return s.try(func() { s.letters = append(s.letters, letter{r: 'ư', up: unicode.IsUpper(k), loneW: true}) })
	}
	for i := v0; i+1 < v1; i++ {
		switch {
		case w[i].r == 'u' && w[i+1].r == 'o':
			if s.try(func() {
				s.letters[i+1].r = 'ơ'
				if i+2 < len(s.letters) {
					s.letters[i].r = 'ư'
				}
			}) {
				return true
			}
		case w[i].r == 'ư' && w[i+1].r == 'o':
			if s.try(func() { s.letters[i+1].r = 'ơ' }) {
				return true
			}
		case w[i].r == 'ư' && w[i+1].r == 'ơ': // pressed again: undo both
			w[i].r, w[i+1].r = 'u', 'o'
			s.locked = true
			s.literal(k)
			return true
		}
	}
	for i := v1 - 1; i >= v0; i-- {
		to := map[rune]rune{'a': 'ă', 'â': 'ă', 'o': 'ơ', 'ô': 'ơ', 'u': 'ư'}[w[i].r]
		if to != 0 && s.try(func() { s.letters[i].r = to }) {
			return true
		}
	}
	for i := v1 - 1; i >= v0; i-- { // pressed again: undo
		switch w[i].r {
		case 'ă', 'ơ', 'ư':
			if w[i].loneW && i == len(w)-1 { // "ww" → "w"
				s.letters = w[:i]
			} else {
				w[i].r = stripMark(w[i].r)
			}
			s.locked = true
			s.literal(k)
			return true
		}
	}
	return false
}

// stroke handles dd → đ (and its undo): at the start of the word, or in a
// word without vowels anywhere, for abbreviations (HĐND, ĐKKD, BLĐTBXH).
func (s *syllable) stroke(k rune) bool {
	if len(s.letters) == 0 {
		return false
	}
	at := 0
	if last := len(s.letters) - 1; !s.hasVowel() {
		if s.letters[last].r != 'd' && s.letters[last].r != 'đ' {
			return false
		}
		at = last
	}
	switch s.letters[at].r {
	case 'd':
		if !s.hasVowel() {
			s.letters[at].r = 'đ'
			return true
		}
		return s.try(func() { s.letters[at].r = 'đ' })
	case 'đ':
		s.letters[at].r = 'd'
		s.locked = true
		s.literal(k)
		return true
	}
	return false
}

func (s *syllable) String() string {
	pos := s.tonePosition()
	var b strings.Builder
	for i, l := range s.letters {
		r := l.r
		if i == pos && s.tone != toneNone {
			r = withTone[r][s.tone]
		}
		if l.up {
			r = unicode.ToUpper(r)
		}
		b.WriteRune(r)
	}
	return b.String()
}

// composeWord replays the keys of one word. With telex, a word with vowels
// whose keys make no Vietnamese syllable and undid nothing comes back exactly
// as typed, so English words survive ("birth", "facebook").
func composeWord(keys []rune, telex bool) string {
	var s syllable
	for _, k := range keys {
		s.press(k, telex)
	}
	if telex && !s.locked && s.hasVowel() && !s.valid() && isASCII(keys) {
		return string(keys)
	}
	return s.String()
}

func isASCII(keys []rune) bool {
	for _, k := range keys {
		if k > unicode.MaxASCII {
			return false
		}
	}
	return true
}

// isWordKey says whether a key belongs to the word being composed: letters
// and the layout's tone marks. Anything else ends the word.
func isWordKey(k rune) bool {
	_, tone := markTone(k)
	return tone || unicode.IsLetter(k)
}

// composer turns key presses into text for one field. It remembers the keys
// of the word being typed so that each key can recompose the whole word.
type composer struct {
	keys  []rune
	telex bool   // the mode keys were typed in
	out   string // what keys composed to: if the field changed since, start again from its text
}

// Type applies one key to text and returns the new text. telex says whether
// letters are Telex keys; tone marks and precomposed letters always compose.
func (c *composer) Type(text string, key rune, telex bool) string {
	if !isWordKey(key) {
		c.keys, c.out = nil, ""
		return text + string(key)
	}
	cut := 0
	if i := strings.LastIndexFunc(text, func(r rune) bool { return !isWordKey(r) }); i >= 0 {
		_, n := utf8.DecodeRuneInString(text[i:])
		cut = i + n
	}
	head, word := text[:cut], text[cut:]
	if word != c.out || c.keys == nil || telex != c.telex {
		c.telex = telex
		c.keys = []rune(word)
		if composeWord(c.keys, false) != word { // not something we can recompose: leave it alone
			c.keys, c.out = nil, ""
			if _, tone := markTone(key); tone {
				return text
			}
			return text + string(key)
		}
	}
	c.keys = append(c.keys, key)
	c.out = composeWord(c.keys, telex)
	return head + c.out
}

// Backspace removes the last character (rune) of text; the word is then
// recomposed from what is left.
func (c *composer) Backspace(text string) string {
	c.keys, c.out = nil, ""
	r := []rune(text)
	if len(r) == 0 {
		return text
	}
	return string(r[:len(r)-1])
}

// TelexType composes keys typed one by one into text, as the keyboard does in
// Telex mode; tests and tools use it.
func TelexType(keys string) string {
	var c composer
	out := ""
	for _, k := range keys {
		out = c.Type(out, k, true)
	}
	return out
}
