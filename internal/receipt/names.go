package receipt

import (
	"strings"
	"unicode"
	"unicode/utf8"
)

// nbsp joins the words of a proper name for wrap: a line may break between
// them only when the whole name does not fit on a line.
const nbsp = '\u00A0'

// adminUnits are the words that open a place name: the name that follows
// ("phường Thủ Dầu Một", "tỉnh Bình Dương") is printed on one line.
var adminUnits = [][]string{
	{"thành", "phố"}, {"thị", "xã"}, {"thị", "trấn"}, {"đặc", "khu"},
	{"phường"}, {"xã"}, {"tỉnh"}, {"quận"}, {"huyện"}, {"ấp"}, {"thôn"}, {"khu", "phố"},
}

// keepNames joins with nbsp the words of the proper names in a line of
// text, so that "Trung tâm Phục vụ hành chính công tỉnh Bình Dương" breaks
// before "tỉnh Bình Dương", never as "Bình / Dương": an administrative unit
// word and the capitalised words after it, and any other run of two or more
// capitalised words ("Nguyễn Văn Bá"). A run is kept only up to max runes,
// so a name longer than a line still wraps at its spaces.
func keepNames(s string, max int) string {
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
		for j < len(words) && capital(words[j]) && !strings.HasSuffix(words[j-1], ",") {
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
			b.WriteRune(nbsp)
		default:
			b.WriteByte(' ')
		}
	}
	return b.String()
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
