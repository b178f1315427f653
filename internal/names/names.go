// Package names finds the proper names in Vietnamese text (a place name after
// its administrative unit word, a run of capitalised words) so that wrapped
// text, on a receipt or on screen, never breaks a line inside one.
package names

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// NBSP joins the words of a proper name in Keep's result: a line may break
// between them only when the whole name does not fit on a line.
const NBSP = '\u00A0'

// adminUnits are the words that open a place name: the name that follows
// ("phường Thủ Dầu Một", "tỉnh Bình Dương") is printed on one line.
var adminUnits = [][]string{
	{"thành", "phố"}, {"thị", "xã"}, {"thị", "trấn"}, {"đặc", "khu"},
	{"phường"}, {"xã"}, {"tỉnh"}, {"quận"}, {"huyện"}, {"ấp"}, {"thôn"}, {"khu", "phố"},
}

// Keep joins with NBSP the words of the proper names in a line of
// text, so that "Trung tâm Phục vụ hành chính công tỉnh Bình Dương" breaks
// before "tỉnh Bình Dương", never as "Bình / Dương": an administrative unit
// word and the capitalised words after it, and any other run of two or more
// capitalised words ("Nguyễn Văn Bá"). A run is kept only up to max runes,
// so a name longer than a line still wraps at its spaces.
func Keep(s string, max int) string {
	words := strings.Split(s, " ")
	if len(words) < 2 {
		return s
	}
	glue := make([]bool, len(words)) // glue[i]: join words[i] to words[i+1]
	capital := func(w string) bool {
		r, _ := utf8.DecodeRuneInString(w)
		return unicode.IsUpper(r) || unicode.IsDigit(r)
	}
	for i := 0; i < len(words); {
		n := unitAt(words, i)
		j := i + n
		if n == 0 {
			if !capital(words[i]) {
				i++
				continue
			}
			j = i + 1
		}
		for j < len(words) && capital(words[j]) && !endsClause(words[j-1]) {
			j++
		}
		if j-i >= 2 && (n == 0 || j > i+n) && runeLen(words[i:j]) <= max {
			for k := i; k < j-1; k++ {
				glue[k] = true
			}
		}
		i = max1(j, i+1)
	}
	var b strings.Builder
	for i, w := range words {
		b.WriteString(w)
		switch {
		case i == len(words)-1:
		case glue[i]:
			b.WriteRune(NBSP)
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
}

// endsClause reports whether w ends with punctuation that closes a name
// ("Bá," "15/11/2026)." ): the capitalised word after it starts something new.
func endsClause(w string) bool {
	r, _ := utf8.DecodeLastRuneInString(w)
	return strings.ContainsRune(",.;:!?)", r)
}

// unitAt is the number of words of the administrative unit at words[i], or 0.
func unitAt(words []string, i int) int {
	for _, u := range adminUnits {
		if i+len(u) > len(words) {
			continue
		}
		ok := true
		for k, w := range u {
			ok = ok && strings.ToLower(words[i+k]) == w
		}
		if ok {
			return len(u)
		}
	}
	return 0
}

func runeLen(ws []string) int {
	n := len(ws) - 1
	for _, w := range ws {
		n += utf8.RuneCountInString(w)
	}
	return n
}

func max1(a, b int) int {
	if a > b {
		return a
	}
	return b
}

// Wrap breaks s into lines that fit, never inside a proper name (Keep):
// fits says whether a line is short enough (runes on paper, pixels on
// screen). A name that does not fit on a line by itself is broken at its
// own spaces; a single word too long for a line stands on a line alone (the
// caller decides how to show it).
func Wrap(s string, fits func(line string) bool) []string {
	var out []string
	for _, para := range strings.Split(s, "\n") {
		var cur string
		add := func(w string) {
			switch {
			case cur == "":
				cur = w
			case fits(cur + " " + w):
				cur += " " + w
			default:
				out = append(out, cur)
				cur = w
			}
		}
		for _, unit := range Units(para) {
			if cur != "" && fits(cur+" "+unit) || cur == "" && fits(unit) {
				add(unit)
				continue
			}
			if cur != "" && fits(unit) {
				out = append(out, cur)
				cur = unit
				continue
			}
			for _, w := range strings.Fields(unit) { // longer than a line
				add(w)
			}
		}
		out = append(out, cur)
	}
	return out
}

// Units splits s into what a line break may not split: single words and
// whole proper names ("phường Thủ Dầu Một"), each with plain spaces.
func Units(s string) []string {
	// strings.Fields would split at NBSP too (unicode.IsSpace).
	us := strings.Fields(strings.ReplaceAll(Keep(s, int(^uint(0)>>1)), string(NBSP), "\x00"))
	for i, u := range us {
		us[i] = strings.ReplaceAll(u, "\x00", " ")
	}
	return us
}

// Joined reports whether the space at rune index i of s lies inside a
// proper name (Keep), and the name's rune span [from, to).
func Joined(s string, i int) (from, to int, ok bool) {
	r := []rune(Keep(s, int(^uint(0)>>1)))
	if i < 0 || i >= len(r) || r[i] != NBSP {
		return 0, 0, false
	}
	from, to = i, i
	for from > 0 && r[from-1] != ' ' {
		from--
	}
	for to < len(r) && r[to] != ' ' {
		to++
	}
	return from, to, true
}

// Place reports whether name (a span Joined found) is a place name: it
// opens with an administrative unit word ("phường Thủ Dầu Một").
func Place(name string) bool { return unitAt(strings.Fields(name), 0) > 0 }
