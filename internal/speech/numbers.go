package speech

import "strings"

// Number reading in words, the way a Vietnamese or English speaker says an
// amount or a date aloud. Codes are not numbers: they are read digit by
// digit (see digitsWords).

var viDigits = [10]string{"không", "một", "hai", "ba", "bốn", "năm", "sáu", "bảy", "tám", "chín"}

// viUnits are the names of the groups of three digits, from the right.
var viUnits = []string{"", "nghìn", "triệu", "tỷ", "nghìn tỷ", "triệu tỷ", "tỷ tỷ"}

// Dialect picks the regional forms where Vietnamese has two: the North says
// "nghìn" and "linh" (một trăm linh năm), the South "ngàn" and "lẻ".
type Dialect int

const (
	North Dialect = iota
	South
)

// viTriple reads 0..999. full reads the hundreds even when they are zero
// ("không trăm"), which Vietnamese does for every group after the first.
func viTriple(n int, full bool, d Dialect) []string {
	h, t, u := n/100, n/10%10, n%10
	var w []string
	if h > 0 || full {
		w = append(w, viDigits[h], "trăm")
	}
	switch {
	case t == 0 && u == 0:
	case t == 0:
		if h > 0 || full {
			if d == South {
				w = append(w, "lẻ")
			} else {
				w = append(w, "linh")
			}
		}
		w = append(w, viDigits[u])
	case t == 1:
		w = append(w, "mười")
		switch u {
		case 0:
		case 5:
			w = append(w, "lăm")
		default:
			w = append(w, viDigits[u])
		}
	default:
		w = append(w, viDigits[t], "mươi")
		switch u {
		case 0:
		case 1:
			w = append(w, "mốt")
		case 4:
			w = append(w, "tư")
		case 5:
			w = append(w, "lăm")
		default:
			w = append(w, viDigits[u])
		}
	}
	return w
}

// groups splits n (>= 0) into groups of three digits, most significant first.
func groups(n uint64) []int {
	if n == 0 {
		return []int{0}
	}
	var g []int
	for n > 0 {
		g = append([]int{int(n % 1000)}, g...)
		n /= 1000
	}
	return g
}

// VietnameseNumber reads n in Vietnamese words: 21 "hai mươi mốt",
// 105 "một trăm linh năm", 1500000 "một triệu năm trăm nghìn".
func VietnameseNumber(n uint64, d Dialect) string {
	if n == 0 {
		return viDigits[0]
	}
	g := groups(n)
	var w []string
	for i, v := range g {
		if v == 0 {
			continue
		}
		w = append(w, viTriple(v, i > 0, d)...)
		if u := viUnits[len(g)-1-i]; u != "" {
			if d == South {
				u = strings.ReplaceAll(u, "nghìn", "ngàn")
			}
			w = append(w, u)
		}
	}
	return strings.Join(w, " ")
}

var (
	enOnes = [20]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten",
		"eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"}
	enTens  = [10]string{"", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"}
	enUnits = []string{"", "thousand", "million", "billion", "trillion", "quadrillion", "quintillion"}
)

func enTriple(n int) []string {
	var w []string
	if h := n / 100; h > 0 {
		w = append(w, enOnes[h], "hundred")
	}
	r := n % 100
	switch {
	case r == 0:
	case r < 20:
		w = append(w, enOnes[r])
	case r%10 == 0:
		w = append(w, enTens[r/10])
	default:
		w = append(w, enTens[r/10]+"-"+enOnes[r%10])
	}
	return w
}

// EnglishNumber reads n in English words: 150000 "one hundred fifty thousand".
func EnglishNumber(n uint64) string {
	if n == 0 {
		return enOnes[0]
	}
	g := groups(n)
	var w []string
	for i, v := range g {
		if v == 0 {
			continue
		}
		w = append(w, enTriple(v)...)
		if u := enUnits[len(g)-1-i]; u != "" {
			w = append(w, u)
		}
	}
	return strings.Join(w, " ")
}

// EnglishOrdinal reads n as an ordinal: 1 "first", 22 "twenty-second".
func EnglishOrdinal(n uint64) string {
	s := EnglishNumber(n)
	cut := strings.LastIndexAny(s, " -") + 1
	head, last := s[:cut], s[cut:]
	irregular := map[string]string{"one": "first", "two": "second", "three": "third", "five": "fifth",
		"eight": "eighth", "nine": "ninth", "twelve": "twelfth"}
	switch {
	case irregular[last] != "":
		last = irregular[last]
	case strings.HasSuffix(last, "y"):
		last = strings.TrimSuffix(last, "y") + "ieth"
	default:
		last += "th"
	}
	return head + last
}

// viLetters are the Vietnamese names of letters, for codes read aloud.
var viLetters = map[rune]string{
	'a': "a", 'ă': "á", 'â': "ớ", 'b': "bê", 'c': "xê", 'd': "dê", 'đ': "đê", 'e': "e", 'ê': "ê",
	'f': "ép", 'g': "giê", 'h': "hát", 'i': "i", 'j': "gi", 'k': "ca", 'l': "e lờ", 'm': "em mờ",
	'n': "en nờ", 'o': "o", 'ô': "ô", 'ơ': "ơ", 'p': "pê", 'q': "quy", 'r': "e rờ", 's': "ét xì",
	't': "tê", 'u': "u", 'ư': "ư", 'v': "vê", 'w': "vê kép", 'x': "ích xì", 'y': "i dài", 'z': "dét",
}

var enDigits = [10]string{"zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine"}

// digitsWords reads a run of digits one by one, in groups of three (four
// digits or fewer stay one group) separated by commas so the voice pauses:
// "000123" is "không không không, một hai ba".
func digitsWords(s, lang string) string {
	names := viDigits
	if lang == "en" {
		names = enDigits
	}
	var out []string
	var grp []string
	n := len(s)
	for i := 0; i < n; i++ {
		grp = append(grp, names[s[i]-'0'])
		rest := n - i - 1
		if n > 4 && rest > 0 && (i+1)%3 == 0 && rest >= 1 {
			out = append(out, strings.Join(grp, " "))
			grp = nil
		}
	}
	if len(grp) > 0 {
		out = append(out, strings.Join(grp, " "))
	}
	return strings.Join(out, ", ")
}
