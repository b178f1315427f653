package search

import "strings"

// maxEdits is the typo budget for a typed word: none for short words (too
// many three-letter syllables are one edit apart), one up to seven letters,
// two beyond.
func maxEdits(n int) int {
	switch {
	case n <= 3:
		return 0
	case n <= 7:
		return 1
	}
	return 2
}

// initials are Vietnamese initial consonants, longest first.
var initials = []string{"ngh", "ng", "nh", "ch", "tr", "th", "ph", "kh", "gh", "gi", "qu",
	"b", "c", "d", "g", "h", "k", "l", "m", "n", "p", "q", "r", "s", "t", "v", "x", "f", "z", "j", "w"}

// initialConfusions are initials that regional pronunciation merges, so people
// spell one for the other: s/x, ch/tr, d/gi/r/v, l/n, c/k.
var initialConfusions = map[string][]string{
	"s": {"x"}, "x": {"s"},
	"ch": {"tr"}, "tr": {"ch"},
	"d": {"gi", "r", "v"}, "gi": {"d", "r", "v"}, "r": {"d", "gi"}, "v": {"d", "gi"},
	"l": {"n"}, "n": {"l"},
	"c": {"k"}, "k": {"c"},
	// Chat spellings: "fep" for phép, "zay" for dạy, "jup" for giúp, "wa" for qua.
	"f": {"ph"}, "z": {"d", "gi"}, "j": {"gi"}, "w": {"qu"},
}

// confusions returns the spellings a citizen may have meant by w (already
// normalised): one swapped initial (s/x, ch/tr, d/gi/r, l/n, c/k), one
// swapped final (n/ng/nh, c/t) or one i/y. Tone marks (hỏi/ngã) are already
// gone after normalisation.
func confusions(w string) []string {
	if len(w) < 2 || len(w) > 8 {
		return nil
	}
	var out []string
	add := func(s string) {
		if s == w {
			return
		}
		for _, o := range out {
			if o == s {
				return
			}
		}
		out = append(out, s)
	}
	for _, in := range initials {
		if strings.HasPrefix(w, in) {
			if len(w) > len(in) {
				for _, alt := range initialConfusions[in] {
					add(alt + w[len(in):])
				}
			}
			break
		}
	}
	switch {
	case strings.HasSuffix(w, "ng") && len(w) > 3:
		add(w[:len(w)-1])
	case strings.HasSuffix(w, "nh") && len(w) > 3:
		add(w[:len(w)-1])
	case strings.HasSuffix(w, "n") && len(w) > 2:
		add(w + "g")
		add(w[:len(w)-1] + "nh")
	case strings.HasSuffix(w, "ch"):
	case strings.HasSuffix(w, "c") && len(w) > 2:
		add(w[:len(w)-1] + "t")
	case strings.HasSuffix(w, "t") && len(w) > 2 && !strings.HasSuffix(w, "th"):
		add(w[:len(w)-1] + "c")
	}
	for i := 0; i < len(w); i++ {
		switch w[i] {
		case 'i':
			if i > 0 && w[i-1] == 'g' && i == 1 {
				continue // the "gi" initial
			}
			add(w[:i] + "y" + w[i+1:])
		case 'y':
			add(w[:i] + "i" + w[i+1:])
		}
	}
	return out
}

// deletes calls fn with every string made by deleting one byte of w.
func deletes(w string, buf []byte, fn func(d []byte)) {
	for i := 0; i < len(w); i++ {
		buf = append(buf[:0], w[:i]...)
		buf = append(buf, w[i+1:]...)
		fn(buf)
	}
}

// editDistance is the optimal-string-alignment (restricted Damerau-
// Levenshtein) distance between a and b, or max+1 once it must exceed max.
func editDistance(a, b string, max int) int {
	la, lb := len(a), len(b)
	if d := la - lb; d > max || -d > max {
		return max + 1
	}
	if la == 0 || lb == 0 {
		return la + lb
	}
	var rows [3][33]int
	if lb > 32 {
		return max + 1
	}
	prev2, prev, cur := rows[0][:lb+1], rows[1][:lb+1], rows[2][:lb+1]
	for j := 0; j <= lb; j++ {
		prev[j] = j
	}
	for i := 1; i <= la; i++ {
		cur[0] = i
		rowMin := cur[0]
		for j := 1; j <= lb; j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			v := min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
			if i > 1 && j > 1 && a[i-1] == b[j-2] && a[i-2] == b[j-1] {
				v = min(v, prev2[j-2]+1)
			}
			cur[j] = v
			rowMin = min(rowMin, v)
		}
		if rowMin > max {
			return max + 1
		}
		prev2, prev, cur = prev, cur, prev2
	}
	if prev[lb] > max {
		return max + 1
	}
	return prev[lb]
}
