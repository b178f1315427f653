package search

import (
	"slices"
	"strings"
	"unicode/utf8"
)

// Limits that keep a pathological query (a pasted paragraph) cheap.
const (
	maxQueryWords = 12
	maxVariants   = 8
	maxQueryBytes = 256
)

// qword is one word of a parsed query.
type qword struct {
	text     string // normalised
	sig      uint32 // tone signature; 0 when typed without marks
	optional bool   // a filler word ("xin", "làm"): scores if present, not required
	prefix   bool   // the word being typed: matches longer words too
	syn      bool   // came from the dictionary, not typed
}

// variant is one reading of the query: as typed, or with an alias replaced by
// its canonical phrase.
type variant struct {
	words  []qword
	weight float32
}

// parsedQuery is what parseQuery makes of the text in the search box.
type parsedQuery struct {
	variants []variant
	// code is set when the text looks like a procedure code ("1.0016",
	// "2.002154.000.00.00.h48"); it is matched as a code prefix.
	code string
}

// parseQuery turns typed text into words and variants. The last word is a
// prefix unless the text ends with a space or punctuation (the citizen has
// finished it). Filler words become optional unless nothing else is left.
func parseQuery(text string, d *Dictionary) parsedQuery {
	if len(text) > maxQueryBytes {
		text = text[:maxQueryBytes]
		for len(text) > 0 && !utf8.ValidString(text) {
			text = text[:len(text)-1]
		}
	}
	var pq parsedQuery
	if c := codeQuery(text); c != "" {
		pq.code = c
	}
	var words []qword
	tokenize(text, func(_, _ int, w []byte, sig uint32) {
		if len(words) < maxQueryWords {
			words = append(words, qword{text: string(w), sig: sig})
		}
	})
	if len(words) == 0 {
		return pq
	}
	if last := lastRune(text); last != 0 && foldRune(last).kind != kindSep {
		words[len(words)-1].prefix = true
	}
	if d != nil {
		markOptional(words, d)
	}
	pq.variants = append(pq.variants, variant{words: words, weight: 1})
	if d != nil {
		pq.variants = append(pq.variants, expand(words, d)...)
	}
	return pq
}

func lastRune(s string) rune {
	r, _ := utf8.DecodeLastRuneInString(s)
	if r == utf8.RuneError {
		return 0
	}
	return r
}

// codeQuery reports the lowercase code prefix when text is a single token of
// digits, dots and letters with at least one digit and one dot.
func codeQuery(text string) string {
	t := strings.TrimSpace(text)
	if t == "" || len(t) > 40 || !strings.Contains(t, ".") {
		return ""
	}
	digit := false
	for _, r := range t {
		switch {
		case '0' <= r && r <= '9':
			digit = true
		case r == '.' || 'a' <= r && r <= 'z' || 'A' <= r && r <= 'Z':
		default:
			return ""
		}
	}
	if !digit || !('0' <= t[0] && t[0] <= '9') {
		return ""
	}
	return strings.ToLower(t)
}

func markOptional(words []qword, d *Dictionary) {
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.text
	}
	for i := range words {
		if d.stop[words[i].text] {
			words[i].optional = true
		}
		for _, p := range d.stopPhrases {
			if hasWordsAt(texts, i, p) {
				for j := i; j < i+len(p); j++ {
					words[j].optional = true
				}
			}
		}
	}
	for _, w := range words {
		if !w.optional {
			return
		}
	}
	for i := range words { // only filler: take it literally
		words[i].optional = false
	}
}

type aliasMatch struct {
	at, n     int
	canonical []string
}

// expand returns the variants the dictionary suggests: each alias found
// replaced on its own, and all non-overlapping aliases replaced together.
func expand(words []qword, d *Dictionary) []variant {
	texts := make([]string, len(words))
	for i, w := range words {
		texts[i] = w.text
	}
	var found []aliasMatch
	for i, t := range texts {
		for _, a := range d.expand[t] {
			if hasWordsAt(texts, i, a.words) && !phraseOutside(texts, a.canonical, i, i+len(a.words)) &&
				!alreadyWorded(texts, a, i) {
				found = append(found, aliasMatch{at: i, n: len(a.words), canonical: a.canonical})
			}
		}
	}
	// An alias inside a longer one ("sổ đỏ" in "làm sổ đỏ", "lái xe" in
	// "bằng lái xe") adds nothing the longer one does not.
	found = slices.DeleteFunc(found, func(m aliasMatch) bool {
		for _, o := range found {
			if o.n > m.n && o.at <= m.at && m.at+m.n <= o.at+o.n {
				return true
			}
		}
		return false
	})
	if len(found) == 0 {
		return nil
	}
	seen := map[string]bool{key(words): true}
	var out []variant
	add := func(ms []aliasMatch) {
		if len(out) >= maxVariants-1 {
			return
		}
		v := replace(words, ms)
		if k := key(v); !seen[k] {
			seen[k] = true
			out = append(out, variant{words: v, weight: 0.95})
		}
	}
	// Longer aliases first: "sổ đỏ" before "sổ", "thẻ căn cước công dân"
	// before "căn cước công dân".
	for n := maxQueryWords; n >= 1; n-- {
		for _, m := range found {
			if m.n == n {
				add([]aliasMatch{m})
			}
		}
	}
	// All together, greedily longest first without overlaps.
	var all []aliasMatch
	used := make([]bool, len(words))
	for n := maxQueryWords; n >= 1; n-- {
		for _, m := range found {
			if m.n != n {
				continue
			}
			free := true
			for j := m.at; j < m.at+m.n; j++ {
				free = free && !used[j]
			}
			if free {
				for j := m.at; j < m.at+m.n; j++ {
					used[j] = true
				}
				all = append(all, m)
			}
		}
	}
	if len(all) > 1 {
		add(all)
	}
	return out
}

func replace(words []qword, ms []aliasMatch) []qword {
	var out []qword
	for i := 0; i < len(words); {
		var hit *aliasMatch
		for k := range ms {
			if ms[k].at == i {
				hit = &ms[k]
			}
		}
		if hit == nil {
			out = append(out, words[i])
			i++
			continue
		}
		for _, c := range hit.canonical {
			out = append(out, qword{text: c, syn: true})
		}
		i += hit.n
	}
	if len(out) > maxQueryWords {
		out = out[:maxQueryWords]
	}
	return out
}

func key(ws []qword) string {
	var b strings.Builder
	for _, w := range ws {
		b.WriteString(w.text)
		if w.prefix {
			b.WriteByte('*')
		}
		b.WriteByte(' ')
	}
	return b.String()
}

// alreadyWorded reports whether the query around alias a (at i) already has
// at least half of the canonical phrase's other words: the citizen used the
// official wording ("thay đổi, cải chính hộ tịch"), and the dictionary's
// reading would only repeat it.
func alreadyWorded(words []string, a alias, i int) bool {
	outside := make(map[string]bool, len(words))
	for j, w := range words {
		if j < i || j >= i+len(a.words) {
			outside[w] = true
		}
	}
	inAlias := make(map[string]bool, len(a.words))
	for _, w := range a.words {
		inAlias[w] = true
	}
	others, have := 0, 0
	for _, c := range a.canonical {
		if inAlias[c] {
			continue
		}
		others++
		if outside[c] {
			have++
		}
	}
	return others > 0 && 2*have >= others
}

// phraseOutside reports whether phrase occurs in words other than inside
// [from, to): the query already says it ("trợ cấp thất nghiệp" need not
// become "trợ cấp trợ cấp thất nghiệp").
func phraseOutside(words, phrase []string, from, to int) bool {
	for i := range words {
		if hasWordsAt(words, i, phrase) && (i < from || i+len(phrase) > to) {
			return true
		}
	}
	return false
}
