package search

// Verification of the chosen candidates with word positions (phrase, whole
// name, exact diacritics) and highlighting. This file changes when the order
// of results on screen does.

// verify re-ranks one candidate with the positions of its name's words:
// whole-name and phrase matches, exact diacritics, and what to highlight
// (at, positions of words in the name, ascending).
func (ix *Index) verify(d uint32, v variant, ms []*matcher, coarse float32) (r Result, at []int) {
	r = Result{Code: ix.code(d), Name: ix.name(d)}
	lo, hi := ix.nameWords(d)
	n := hi - lo
	tier, base := tierAllWords, float32(0)
	if coarse >= 0 {
		tier = int(coarse) / tierScale
		base = coarse - float32(tier*tierScale)
	}

	// best[i] = position of word i's best match in the name, -1 if none.
	const none = -1
	best := make([]int, len(v.words))
	bestQ := make([]float32, len(v.words))
	exactAt := func(i, pos int) (float32, bool) {
		c, ok := ms[i].best[ix.termAt(lo+pos)]
		return c.q, ok && c.exact
	}
	for i := range v.words {
		best[i] = none
		for pos := 0; pos < n; pos++ {
			if c, ok := ms[i].best[ix.termAt(lo+pos)]; ok && c.q > bestQ[i] {
				best[i], bestQ[i] = pos, c.q
			}
		}
	}
	if coarse < 0 {
		for i, w := range v.words {
			mul := float32(1)
			if w.optional {
				mul = optionalMul
			}
			base += classWeight[clsName] * bestQ[i] * mul
		}
		base = base * v.weight / float32(len(v.words))
	}
	var req []int
	for i, w := range v.words {
		if !w.optional {
			req = append(req, i)
		}
	}
	// Phrase: the required words side by side, in order.
	phraseAt, phraseExact := -1, false
	if len(req) > 0 && len(req) <= n {
		for start := 0; start+len(req) <= n && !phraseExact; start++ {
			all, exact := true, true
			for j, i := range req {
				q, ex := exactAt(i, start+j)
				if q == 0 {
					all = false
					break
				}
				exact = exact && ex
			}
			if all && (phraseAt < 0 || exact) {
				phraseAt, phraseExact = start, exact
			}
		}
	}
	if phraseAt >= 0 {
		for j, i := range req {
			best[i] = phraseAt + j
		}
		base += phraseBonus
		if phraseExact {
			switch {
			case phraseAt == 0 && len(req) == n:
				tier = tierWhole
			case tier >= tierAllWords:
				tier = tierPhrase
			}
		}
	}
	// Search as you type starts at the beginning of the name.
	if len(v.words) > 0 && best[0] == 0 {
		base += startBonus
	}
	// Exact diacritics: "số" typed ranks "số" above "sổ" and "sở".
	for i, w := range v.words {
		if w.sig != 0 && best[i] >= 0 && ix.sigAt(lo+best[i]) == w.sig {
			if c, ok := ms[i].best[ix.termAt(lo+best[i])]; ok && c.q == qExact {
				base += toneBonus
			}
		}
	}
	marked := make([]bool, n)
	for _, pos := range best {
		if pos >= 0 {
			marked[pos] = true
		}
	}
	for pos := 0; pos < n; pos++ {
		if marked[pos] {
			at = append(at, pos)
		}
	}
	r.Score = float64(tier*tierScale) + float64(base)
	return r, at
}

// highlight fills r's Matched and Spans with the words of doc's name at the
// positions at (ascending), tokenising the name again as Build did.
func (ix *Index) highlight(r *Result, d uint32, at []int) {
	if len(at) == 0 {
		return
	}
	name := ix.name(d)
	pos := 0
	tokenize(name, func(s, e int, _ []byte, _ uint32) {
		if len(at) > 0 && at[0] == pos {
			r.Spans = append(r.Spans, Span{Start: s, End: e})
			r.Matched = append(r.Matched, name[s:e])
			at = at[1:]
		}
		pos++
	})
}
