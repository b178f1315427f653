package config

import "strings"

// suggest returns the candidate a technician most likely meant by word, or ""
// when nothing is close. A candidate is close when it is a few edits away or
// when one is a prefix of the other ("baudrate" -> "baud").
func suggest(word string, candidates []string) string {
	w := strings.ToLower(word)
	best, bestScore := "", 1<<30
	for _, c := range candidates {
		lc := strings.ToLower(c)
		score := editDistance(w, lc)
		limit := max(1, len(lc)/3)
		if len(w) >= 3 && len(lc) >= 3 && (strings.HasPrefix(w, lc) || strings.HasPrefix(lc, w)) {
			score = min(score, 1)
		}
		if score <= limit && score < bestScore {
			best, bestScore = c, score
		}
	}
	return best
}

// editDistance is the Levenshtein distance between a and b, by bytes.
func editDistance(a, b string) int {
	if len(a) > 256 || len(b) > 256 {
		return 1 << 20 // nobody mistypes a key that badly; keep fuzzing cheap
	}
	prev := make([]int, len(b)+1)
	cur := make([]int, len(b)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(a); i++ {
		cur[0] = i
		for j := 1; j <= len(b); j++ {
			cost := 1
			if a[i-1] == b[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(b)]
}
