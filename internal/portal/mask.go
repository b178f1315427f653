package portal

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// MaskName masks a person's full name the way Vietnamese portals do: the family
// name stays, each middle name keeps its first letter, the given name keeps only
// its first letter: "Nguyễn Văn An" -> "Nguyễn V** A". A name that already
// contains '*' is returned as it is, so masking twice is harmless.
func MaskName(name string) string {
	name = strings.TrimSpace(strings.ToValidUTF8(name, ""))
	if name == "" || strings.ContainsRune(name, '*') {
		return name
	}
	words := strings.Fields(name)
	if len(words) == 1 {
		return firstRune(words[0]) + "**"
	}
	out := make([]string, 0, len(words))
	out = append(out, words[0])
	for _, w := range words[1 : len(words)-1] {
		out = append(out, firstRune(w)+"**")
	}
	out = append(out, firstRune(words[len(words)-1]))
	return strings.Join(out, " ")
}

// MaskID masks an ID number (CCCD/CMND, passport) keeping the last three
// characters: "001090012345" -> "*********345".
func MaskID(id string) string { return maskKeep(id, 0, 3) }

// MaskPhone masks a phone number keeping the first two and last two digits:
// "0912345678" -> "09******78".
func MaskPhone(phone string) string { return maskKeep(phone, 2, 2) }

func maskKeep(s string, head, tail int) string {
	s = strings.TrimSpace(strings.ToValidUTF8(s, ""))
	if s == "" || strings.ContainsRune(s, '*') {
		return s
	}
	r := []rune(s)
	if len(r) <= head+tail {
		return strings.Repeat("*", len(r))
	}
	for i := head; i < len(r)-tail; i++ {
		if !unicode.IsSpace(r[i]) {
			r[i] = '*'
		}
	}
	return string(r)
}

func firstRune(s string) string {
	r, _ := utf8.DecodeRuneInString(s)
	if r == utf8.RuneError {
		return ""
	}
	return string(unicode.ToUpper(r))
}
