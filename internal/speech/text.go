package speech

import (
	"bufio"
	"bytes"
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kiosk/assets"
)

// Preparer turns screen text into text for the voice: abbreviations
// expanded, dates and money amounts in words, codes read as groups of
// digits, symbols a voice would spell out removed. A synthesiser reads
// "UBND" letter by letter and "H02.36-250815-0012" as one huge number; a
// citizen wants "Ủy ban nhân dân" and the code in short groups.
type Preparer struct {
	// Dialect picks the regional number words (nghìn/ngàn, linh/lẻ).
	Dialect Dialect
	abbr    map[string][2]string // abbreviation -> {vi, en}
}

// LoadPreparer reads the abbreviation table from assets/speech.
func LoadPreparer(d Dialect) (*Preparer, error) {
	abbr, err := parseAbbreviations(assets.SpeechAbbreviations)
	if err != nil {
		return nil, err
	}
	return &Preparer{Dialect: d, abbr: abbr}, nil
}

// DialectOf says which number words suit an espeak-ng voice: the Southern
// voice gets Southern words, the others Northern ones.
func DialectOf(voice string) Dialect {
	if strings.Contains(strings.ToLower(voice), "south") {
		return South
	}
	return North
}

func parseAbbreviations(b []byte) (map[string][2]string, error) {
	m := map[string][2]string{}
	sc := bufio.NewScanner(bytes.NewReader(b))
	for n := 1; sc.Scan(); n++ {
		line := strings.TrimRight(sc.Text(), "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		f := strings.Split(line, "\t")
		if len(f) != 3 || f[0] == "" || f[1] == "" || f[2] == "" {
			return nil, fmt.Errorf("speech abbreviations line %d: want abbreviation, Vietnamese and English separated by tabs, got %q", n, line)
		}
		m[norm.NFC.String(f[0])] = [2]string{norm.NFC.String(f[1]), f[2]}
	}
	return m, sc.Err()
}

var (
	dateRE  = regexp.MustCompile(`(?i)(ngày\s+)?\b(\d{1,2})/(\d{1,2})/(\d{4})\b`)
	timeRE  = regexp.MustCompile(`\b(\d{1,2}):(\d{2})\b`)
	moneyRE = regexp.MustCompile(`\b(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(đồng|đ|VNĐ|VND|vnđ|dong)([^\p{L}\p{N}]|$)`)
	rangeRE = regexp.MustCompile(`(\d)\s*[–—]\s*(\d)`)
	dashRE  = regexp.MustCompile(`\s[–—-]+\s|[–—]`)
	pctRE   = regexp.MustCompile(`(\d)\s*%`)
	// phoneRE is a phone number written in groups ("0274 3822 222").
	// Only spaces separate its groups: dots and hyphens make a code.
	phoneRE = regexp.MustCompile(`(^|[^\p{L}\p{N}.\-/])(0\d{1,4}(?: \d{2,4}){1,3})([^\p{L}\p{N}.\-/]|$)`)
	// tokenRE is one word, number or code: letters and digits, with inner
	// dots, hyphens, slashes and underscores (a code's separators).
	tokenRE = regexp.MustCompile(`[\p{L}\p{N}](?:[\p{L}\p{N}._/-]*[\p{L}\p{N}])?`)
	// junkRE is what a voice must not read: bullets, check boxes, arrows,
	// emoji and other symbols (punctuation that makes pauses stays).
	junkRE  = regexp.MustCompile(`[^\p{L}\p{N}\s.,;:!?()'"“”‘’/&+%–—-]`)
	spaceRE = regexp.MustCompile(`\s+`)
)

var enMonths = [13]string{"", "January", "February", "March", "April", "May", "June", "July",
	"August", "September", "October", "November", "December"}

// Prepare returns text ready for the voice in lang ("vi" or "en").
func (p *Preparer) Prepare(text, lang string) string {
	if lang != "en" {
		lang = "vi"
	}
	s := norm.NFC.String(text)
	s = junkRE.ReplaceAllString(s, " ")
	s = dateRE.ReplaceAllStringFunc(s, func(m string) string {
		g := dateRE.FindStringSubmatch(m)
		d, _ := strconv.Atoi(g[2])
		mo, _ := strconv.Atoi(g[3])
		y, _ := strconv.ParseUint(g[4], 10, 64)
		if d < 1 || d > 31 || mo < 1 || mo > 12 {
			return m
		}
		return p.date(d, mo, y, lang)
	})
	s = timeRE.ReplaceAllStringFunc(s, func(m string) string {
		g := timeRE.FindStringSubmatch(m)
		h, _ := strconv.ParseUint(g[1], 10, 64)
		mi, _ := strconv.ParseUint(g[2], 10, 64)
		if h > 23 || mi > 59 {
			return m
		}
		if lang == "en" {
			switch {
			case mi == 0:
				return EnglishNumber(h) + " hundred"
			case mi < 10:
				return EnglishNumber(h) + " oh " + EnglishNumber(mi)
			}
			return EnglishNumber(h) + " " + EnglishNumber(mi)
		}
		out := p.number(h, lang) + " giờ"
		if mi > 0 {
			out += " " + p.number(mi, lang) + " phút"
		}
		return out
	})
	s = moneyRE.ReplaceAllStringFunc(s, func(m string) string {
		g := moneyRE.FindStringSubmatch(m)
		digits := strings.NewReplacer(".", "", ",", "").Replace(g[1])
		n, err := strconv.ParseUint(digits, 10, 64)
		if err != nil {
			return m
		}
		unit := " đồng"
		if lang == "en" {
			unit = " dong"
		}
		return p.number(n, lang) + unit + g[3]
	})
	s = phoneRE.ReplaceAllStringFunc(s, func(m string) string {
		sub := phoneRE.FindStringSubmatch(m)
		var g []string
		for _, part := range strings.Fields(sub[2]) {
			g = append(g, digitsWords(part, lang))
		}
		return sub[1] + strings.Join(g, ", ") + sub[3]
	})
	to := " đến "
	pct := "$1 phần trăm"
	if lang == "en" {
		to, pct = " to ", "$1 percent"
	}
	s = rangeRE.ReplaceAllString(s, "$1"+to+"$2")
	s = pctRE.ReplaceAllString(s, pct)
	s = dashRE.ReplaceAllString(s, ", ")
	s = tokenRE.ReplaceAllStringFunc(s, func(tok string) string { return p.token(tok, lang) })
	s = spaceRE.ReplaceAllString(s, " ")
	s = strings.ReplaceAll(s, " ,", ",")
	s = strings.ReplaceAll(s, " .", ".")
	return strings.TrimSpace(s)
}

func (p *Preparer) number(n uint64, lang string) string {
	if lang == "en" {
		return EnglishNumber(n)
	}
	return VietnameseNumber(n, p.Dialect)
}

func (p *Preparer) date(d, mo int, y uint64, lang string) string {
	if lang == "en" {
		return enMonths[mo] + " " + EnglishOrdinal(uint64(d)) + ", " + EnglishNumber(y)
	}
	month := p.number(uint64(mo), lang)
	if mo == 4 {
		month = "tư" // "tháng tư", never "tháng bốn"
	}
	return "ngày " + p.number(uint64(d), lang) + " tháng " + month + " năm " + p.number(y, lang)
}

// token reads one word, number or code.
func (p *Preparer) token(tok, lang string) string {
	if e, ok := p.abbr[tok]; ok {
		if lang == "en" {
			return e[1]
		}
		return e[0]
	}
	hasDigit, hasLetter, hasSep := false, false, false
	for _, r := range tok {
		switch {
		case unicode.IsDigit(r):
			hasDigit = true
		case unicode.IsLetter(r):
			hasLetter = true
		default:
			hasSep = true
		}
	}
	switch {
	case !hasDigit:
		return tok
	case !hasLetter && !hasSep && (len(tok) == 1 || tok[0] != '0') && len(tok) <= 9:
		n, _ := strconv.ParseUint(tok, 10, 64)
		return p.number(n, lang)
	}
	return p.code(tok, lang)
}

// code reads a code in its parts: letters by name, digits one by one in
// groups, a pause at every separator and between letters and digits.
func (p *Preparer) code(tok, lang string) string {
	var parts []string
	runes := []rune(tok)
	for i := 0; i < len(runes); {
		r := runes[i]
		j := i + 1
		switch {
		case unicode.IsDigit(r):
			for j < len(runes) && unicode.IsDigit(runes[j]) {
				j++
			}
			parts = append(parts, digitsWords(string(runes[i:j]), lang))
		case unicode.IsLetter(r):
			for j < len(runes) && unicode.IsLetter(runes[j]) {
				j++
			}
			word := string(runes[i:j])
			if e, ok := p.abbr[word]; ok {
				if lang == "en" {
					parts = append(parts, e[1])
				} else {
					parts = append(parts, e[0])
				}
				break
			}
			parts = append(parts, spellLetters(word, lang))
		}
		i = j
	}
	return strings.Join(parts, ", ")
}

func spellLetters(word, lang string) string {
	var w []string
	for _, r := range word {
		if lang == "en" {
			w = append(w, string(unicode.ToUpper(r)))
			continue
		}
		lr := unicode.ToLower(r)
		if name, ok := viLetters[lr]; ok {
			w = append(w, name)
		} else {
			w = append(w, string(r))
		}
	}
	return strings.Join(w, " ")
}
