package search

import (
	"math"
	"slices"
	"strings"

	"kiosk/internal/portal"
)

// Query is what the citizen typed plus the browse filters. Empty Text with a
// filter lists the filtered procedures by name.
type Query struct {
	Text       string
	FieldCode  string
	AgencyCode string
	Level      int // portal.LevelInfo, LevelPartial, LevelFull; 0 = any
	Limit      int // 0 = DefaultLimit
}

// DefaultLimit is the number of results when Query.Limit is 0.
const DefaultLimit = 20

// Span is a byte range [Start, End) of a procedure name to highlight.
type Span struct {
	Start, End int
}

// Result is one procedure found, best first.
type Result struct {
	Code string
	Name string
	// Score orders results within one search: thousands are the match tier
	// (6 code prefix, 5 whole name, 4 phrase, 3 all words in the name, 2 all
	// words anywhere, 1 all words with typos, 0 some words), the rest how
	// well and where the words matched. It is not comparable across queries.
	Score float64
	// Matched lists the words of the name (as written, with diacritics) that
	// matched the query; Spans gives their byte ranges in Name.
	Matched []string
	Spans   []Span
	// Procedure is a summary made for this result: code, name, agency and
	// field (codes and names) and levels, without documents, steps or fees.
	// It is the caller's to keep or change.
	Procedure *portal.Procedure
}

// Match tiers, best first. A result's tier dominates its score; within a
// tier, how well and where the words matched decides, then the shorter name.
const (
	tierPartial  = 0 // some required words matched
	tierFuzzy    = 1 // all required words, some only with typos
	tierAnywhere = 2 // all required words, some outside the name
	tierAllWords = 3 // all required words in the name
	tierPhrase   = 4 // the words in order, side by side in the name
	tierWhole    = 5 // the name is exactly the query
	tierCode     = 6 // the code starts with what was typed
)

const tierScale = 1000

// Match qualities of one typed word against one indexed word.
const (
	qExact       = 1.0
	qConfusion   = 0.85 // s/x, ch/tr, d/gi/r, l/n, n/ng, c/t, i/y
	qFuzzy1      = 0.6
	qFuzzy2      = 0.45
	qPrefixMin   = 0.7 // a prefix scores between these by how much was typed
	qPrefixRange = 0.2
	qConfPrefix  = 0.65
	optionalMul  = 0.3 // filler words count little
	toneBonus    = 0.4 // per word whose diacritics match exactly
	phraseBonus  = 3.0 // words side by side in the name, any quality
	startBonus   = 1.0 // the first word typed is the first word of the name
	verifyMin    = 100 // candidates re-ranked with word positions, shared by the query's readings
)

// Match flags per (typed word, document).
const (
	fNameExact = 1 << iota // in the name, exactly, as a prefix or a spelling confusion
	fName                  // in the name, any quality
	fAnyExact              // anywhere, exactly-ish
	fAny                   // anywhere
)

// cand is one indexed word a typed word may stand for.
type cand struct {
	id    uint32
	q     float32
	exact bool // exact, prefix or spelling confusion (not an edit-distance typo)
	// loose candidates (longer words for a prefix, typos) are looked up in
	// names and keywords only: a document list full of "đơn", "đề nghị" must
	// not drown what was typed.
	loose bool
}

type matcher struct {
	cands []cand
	best  map[uint32]cand
}

// Per-document state while scoring one variant (one reading of the query)
// and the whole query. Each is one struct so a posting touches one place.
type (
	// variantState also holds the word being read: its best weight so far
	// (cur, curFl) is folded into acc when the next word reaches the doc.
	variantState struct {
		stamp                    uint32
		acc                      float32
		cur                      float32 // then the variant's score, once all words are in
		nameExact, anyExact, any uint16
		curWord, curFl           uint8
	}
	queryState struct {
		stamp   uint32
		score   float32
		variant uint8
		inName  uint8 // variants (bits) whose words are all in the name
		chosen  bool  // among some variant's best, to be re-ranked
	}
)

type scratch struct {
	gen   uint32
	vari  []variantState
	query []queryState
	// termQ and termFl score a word's candidates by term id when a word is
	// checked against names instead of read from postings; zero otherwise.
	termQ  []float32
	termFl []uint8

	muls   [maxQueryWords]float32 // per word of the variant
	vDocs  []uint32
	chosen []uint32                // docs to re-rank
	tiers  [tierWhole + 1][]uint32 // one variant's docs by tier
	keys   []uint64
}

func newScratch(docs, terms int) *scratch {
	return &scratch{
		vari: make([]variantState, docs), query: make([]queryState, docs),
		termQ: make([]float32, terms), termFl: make([]uint8, terms),
	}
}

func (s *scratch) next() uint32 {
	s.gen++
	if s.gen == 0 { // wrapped: forget every stamp
		clear(s.vari)
		clear(s.query)
		s.gen = 1
	}
	return s.gen
}

// Search returns the procedures that best match q, best first.
func (ix *Index) Search(q Query) []Result {
	limit := q.Limit
	if limit <= 0 {
		limit = DefaultLimit
	}
	fi, ai, ok := ix.filters(q)
	if !ok {
		return nil
	}
	pq := parseQuery(q.Text, ix.dict)
	if pq.code != "" {
		if rs := ix.searchCode(pq.code, q, fi, ai, limit); len(rs) > 0 {
			return rs
		}
	}
	if len(pq.variants) == 0 {
		if strings.TrimSpace(q.Text) != "" {
			return nil // only punctuation
		}
		return ix.browse(q, fi, ai, limit)
	}
	if ix.Len() == 0 {
		return nil
	}

	s := ix.scratch.Get().(*scratch)
	defer ix.scratch.Put(s)
	s.chosen = s.chosen[:0]
	qgen := s.next()
	// Each reading of the query (as typed, with an alias replaced) gets its
	// own best candidates re-ranked: "sổ đỏ" typed matches thousands of
	// names with "sổ" and "do" about as well, before positions show that
	// the dictionary's "giấy chứng nhận quyền sử dụng đất" is a phrase.
	perVariant := max(verifyMin/len(pq.variants), limit*2)
	matchers := map[string]*matcher{}
	for vi, v := range pq.variants {
		ms := make([]*matcher, len(v.words))
		for i, w := range v.words {
			k := w.text
			if w.prefix {
				k += "*"
			}
			m, ok := matchers[k]
			if !ok {
				m = ix.matcher(w)
				matchers[k] = m
			}
			ms[i] = m
		}
		ix.accumulate(s, qgen, uint8(vi), v, ms, q, fi, ai, perVariant)
	}
	docs := s.chosen
	type hit struct {
		Result
		doc uint32
		at  []int // positions of the name's words to highlight
	}
	hits := make([]hit, 0, len(docs))
	for _, d := range docs {
		// Verify the variant that scored best, and every variant whose words
		// are all in the name: word positions may make it a phrase.
		var best Result
		var bestAt []int
		found := false
		for vi, v := range pq.variants {
			qs := s.query[d]
			if vi != int(qs.variant) && qs.inName&(1<<vi) == 0 {
				continue
			}
			ms := make([]*matcher, len(v.words))
			for i, w := range v.words {
				kk := w.text
				if w.prefix {
					kk += "*"
				}
				ms[i] = matchers[kk]
			}
			coarse := qs.score
			if vi != int(qs.variant) {
				coarse = -1 // recomputed from the name
			}
			if r, at := ix.verify(d, v, ms, coarse); !found || r.Score > best.Score {
				best, bestAt, found = r, at, true
			}
		}
		hits = append(hits, hit{best, d, bestAt})
	}
	slices.SortFunc(hits, func(a, b hit) int {
		if a.Score != b.Score {
			if a.Score > b.Score {
				return -1
			}
			return 1
		}
		if la, lb := len(a.Name), len(b.Name); la != lb {
			return la - lb
		}
		return strings.Compare(a.Code, b.Code)
	})
	if len(hits) > limit {
		hits = hits[:limit]
	}
	results := make([]Result, len(hits))
	for i, h := range hits {
		results[i] = h.Result
		results[i].Procedure = ix.procedure(h.doc)
		ix.highlight(&results[i], h.doc, h.at)
	}
	return results
}

// topK returns the k docs with the largest keys (in no particular order),
// reordering keys and docs together in place (quickselect).
func topK(keys []uint64, docs []uint32, k int) []uint32 {
	lo, hi := 0, len(docs)-1
	for lo < hi {
		p := keys[(lo+hi)/2]
		i, j := lo, hi
		for i <= j {
			for keys[i] > p {
				i++
			}
			for keys[j] < p {
				j--
			}
			if i <= j {
				keys[i], keys[j] = keys[j], keys[i]
				docs[i], docs[j] = docs[j], docs[i]
				i++
				j--
			}
		}
		switch {
		case k-1 <= j:
			hi = j
		case k-1 >= i:
			lo = i
		default:
			return docs[:k]
		}
	}
	return docs[:k]
}

// filters resolves the filter codes; ok is false when a filter names a code
// no procedure has (nothing can match).
func (ix *Index) filters(q Query) (fi, ai int, ok bool) {
	fi, ai = -1, -1
	if q.FieldCode != "" {
		f, found := ix.fieldIdx[q.FieldCode]
		if !found {
			return 0, 0, false
		}
		fi = int(f)
	}
	if q.AgencyCode != "" {
		a, found := ix.agencyIdx[q.AgencyCode]
		if !found {
			return 0, 0, false
		}
		ai = int(a)
	}
	return fi, ai, true
}

func (ix *Index) passes(d uint32, q Query, fi, ai int) bool {
	return (fi < 0 || int(ix.docField[d]) == fi) &&
		(ai < 0 || int(ix.docAgency[d]) == ai) &&
		(q.Level == 0 || int(ix.docLevel[d]) == q.Level)
}

// matcher finds the indexed words a typed word may stand for.
func (ix *Index) matcher(w qword) *matcher {
	m := &matcher{best: map[uint32]cand{}}
	add := func(id uint32, q float32, exact, loose bool) {
		if c, ok := m.best[id]; ok && c.q >= q {
			return
		}
		m.best[id] = cand{id: id, q: q, exact: exact, loose: loose}
	}
	_, known := ix.termID[w.text]
	if id, ok := ix.termID[w.text]; ok {
		add(id, qExact, true, false)
	}
	if w.prefix {
		ix.prefixRange(w.text, func(id uint32) {
			known = true
			add(id, qPrefixMin+qPrefixRange*float32(len(w.text))/float32(len(ix.vocab[id])), true, true)
		})
	}
	if !w.syn {
		for _, c := range confusions(w.text) {
			if id, ok := ix.termID[c]; ok {
				add(id, qConfusion, true, true)
			}
			if w.prefix && len(c) >= 3 {
				ix.prefixRange(c, func(id uint32) { add(id, qConfPrefix, true, true) })
			}
		}
		// Typos are looked for only when the word typed is not a word of the
		// catalogue: a real word was most likely meant.
		if e := maxEdits(len(w.text)); e > 0 && !known && fuzzable(w.text) {
			ix.fuzzy(w.text, e, func(id uint32, q float32, exact bool) { add(id, q, exact, true) })
		}
	}
	m.cands = make([]cand, 0, len(m.best))
	for _, c := range m.best {
		m.cands = append(m.cands, c)
	}
	return m
}

// prefixRange calls fn for every indexed word that starts with p and is longer.
func (ix *Index) prefixRange(p string, fn func(id uint32)) {
	lo, _ := slices.BinarySearchFunc(ix.sorted, p, func(id uint32, t string) int {
		return strings.Compare(ix.vocab[id], t)
	})
	for i := lo; i < len(ix.sorted); i++ {
		w := ix.vocab[ix.sorted[i]]
		if !strings.HasPrefix(w, p) {
			break
		}
		if len(w) > len(p) {
			fn(ix.sorted[i])
		}
	}
}

// fuzzy finds indexed words within e edits of w through the deletion
// neighbourhood (one edit) and a scan of long words (two edits).
func (ix *Index) fuzzy(w string, e int, add func(uint32, float32, bool)) {
	check := func(id uint32) {
		t := ix.vocab[id]
		if t == w {
			return
		}
		switch editDistance(w, t, e) {
		case 1:
			add(id, qFuzzy1, false)
		case 2:
			add(id, qFuzzy2, false)
		}
	}
	// A word with a letter too many: one of w's deletions is the word.
	// A substitution or transposition: w and the word share a deletion.
	var buf []byte
	deletes(w, buf, func(d []byte) {
		if id, ok := ix.termID[string(d)]; ok {
			check(id)
		}
		for _, id := range ix.dels[string(d)] {
			check(id)
		}
	})
	// A letter missing: w is one of the word's deletions.
	for _, id := range ix.dels[w] {
		check(id)
	}
	if e >= 2 {
		for _, id := range ix.long {
			if d := len(ix.vocab[id]) - len(w); d >= -2 && d <= 2 {
				check(id)
			}
		}
	}
}

// shortPrefix is a word of one or two letters still being typed: it stands
// for hundreds of words, so it is not read from postings in full.
func shortPrefix(w qword) bool { return w.prefix && len(w.text) <= 2 }

// accumulate adds one variant's matches to the per-query scores.
// The best k documents of this variant are added to s.chosen.
func (ix *Index) accumulate(s *scratch, qgen uint32, vi uint8, v variant, ms []*matcher, q Query, fi, ai, k int) {
	vgen := s.next()
	s.vDocs = s.vDocs[:0]
	var required uint16
	for i, w := range v.words {
		if !w.optional {
			required |= 1 << i
		}
	}
	// A short prefix after other words ("dang ky t") is checked against the
	// names of the documents the other words found, after them.
	deferred := -1
	if last := len(v.words) - 1; last > 0 && shortPrefix(v.words[last]) && required&^(1<<last) != 0 {
		deferred = last
	}
	// Alone ("d"), it matches the first word of names, as people type a
	// name from its start.
	alone := len(v.words) == 1 && shortPrefix(v.words[0])

	muls := &s.muls
	for i, w := range v.words {
		muls[i] = 1
		if w.optional {
			muls[i] = optionalMul
		}
	}
	// Filler words ("xin", "hướng dẫn") only order what the required words
	// found, so they too are checked against names afterwards.
	for i, w := range v.words {
		if i == deferred || w.optional && required != 0 {
			continue
		}
		ix.readPostings(s, vgen, uint8(i), ms[i].cands, alone)
	}
	for _, d := range s.vDocs {
		vs := &s.vari[d]
		vs.fold(muls[vs.curWord])
	}
	if deferred >= 0 {
		ix.checkNames(s, ms[deferred], v.words[deferred], uint16(1)<<deferred, required&^(1<<deferred))
	}
	for i, w := range v.words {
		if i != deferred && w.optional && required != 0 {
			ix.checkNames(s, ms[i], w, uint16(1)<<i, required)
		}
	}
	for t := range s.tiers {
		s.tiers[t] = s.tiers[t][:0]
	}
	for _, d := range s.vDocs {
		vs := &s.vari[d]
		if vs.any&required == 0 || !ix.passes(d, q, fi, ai) {
			continue
		}
		tier := tierPartial
		switch {
		case vs.nameExact&required == required:
			tier = tierAllWords
		case vs.anyExact&required == required:
			tier = tierAnywhere
		case vs.any&required == required:
			tier = tierFuzzy
		}
		// The mean over the variant's words keeps a long dictionary phrase
		// from outscoring the two words typed.
		score := float32(tier*tierScale) + vs.acc*v.weight/float32(len(v.words))
		vs.cur = score
		qs := &s.query[d]
		if qs.stamp != qgen {
			*qs = queryState{stamp: qgen, score: score, variant: vi}
		} else if score > qs.score {
			qs.score, qs.variant = score, vi
		}
		if tier == tierAllWords {
			qs.inName |= 1 << vi
		}
		s.tiers[tier] = append(s.tiers[tier], d)
	}
	// This variant's best k: whole tiers from the top while they fit, then
	// the best of the next tier by score and shorter name.
	choose := func(d uint32) {
		if qs := &s.query[d]; !qs.chosen {
			qs.chosen = true
			s.chosen = append(s.chosen, d)
		}
	}
	for t := len(s.tiers) - 1; t >= 0 && k > 0; t-- {
		docs := s.tiers[t]
		if len(docs) > k {
			s.keys = s.keys[:0]
			for _, d := range docs {
				s.keys = append(s.keys, uint64(math.Float32bits(s.vari[d].cur))<<32|uint64(0xffff-ix.nameLen(d))<<16)
			}
			docs = topK(s.keys, docs, k)
		}
		for _, d := range docs {
			choose(d)
		}
		k -= len(docs)
	}
}

// readPostings reads the postings of word wi's candidates into the variant
// state. Loose candidates read names and keywords only; with firstOnly, only
// names that start with them.
func (ix *Index) readPostings(s *scratch, vgen uint32, wi uint8, cands []cand, firstOnly bool) {
	for _, c := range cands {
		var wts [4]float32
		var fls [4]uint8
		for cls := range wts {
			wts[cls] = classWeight[cls] * c.q
			fls[cls] = fAny
			if c.exact {
				fls[cls] |= fAnyExact
			}
		}
		fls[clsName] |= fName
		if c.exact {
			fls[clsName] |= fNameExact
		}
		lists := [2][]uint32{ix.prim[c.id], ix.sec[c.id]}
		switch {
		case firstOnly && c.loose:
			lists = [2][]uint32{ix.first[c.id], nil}
		case c.loose:
			lists[1] = nil
		}
		for _, list := range lists {
			for _, p := range list {
				d, cls := p>>2, p&3
				wt, fl := wts[cls], fls[cls]
				vs := &s.vari[d]
				switch {
				case vs.stamp != vgen:
					*vs = variantState{stamp: vgen, cur: wt, curWord: wi, curFl: fl}
					s.vDocs = append(s.vDocs, d)
				case vs.curWord != wi:
					vs.fold(s.muls[vs.curWord])
					vs.cur, vs.curWord, vs.curFl = wt, wi, fl
				default:
					vs.cur = max(vs.cur, wt)
					vs.curFl |= fl
				}
			}
		}
	}
}

// fold adds the word in progress to the totals.
func (vs *variantState) fold(mul float32) {
	if vs.cur > 0 {
		vs.acc += vs.cur * mul
		vs.addFlags(vs.curFl, 1<<vs.curWord)
	}
	vs.cur, vs.curFl = 0, 0
}

func (vs *variantState) addFlags(fl uint8, bit uint16) {
	if fl&fNameExact != 0 {
		vs.nameExact |= bit
	}
	if fl&fAnyExact != 0 {
		vs.anyExact |= bit
	}
	vs.any |= bit
}

// kwRatio is a keyword's weight relative to a name word's.
var kwRatio = classWeight[clsKeyword] / classWeight[clsName]

// checkNames scores word w (bit) by looking for its candidates among the
// name and keyword words of the documents that have all the other required
// words (others), instead of reading postings: a short prefix being typed
// refines what the words before it found, and a filler word only reorders it.
func (ix *Index) checkNames(s *scratch, m *matcher, w qword, bit, others uint16) {
	for _, c := range m.cands {
		s.termQ[c.id] = classWeight[clsName] * c.q
		s.termFl[c.id] = fName | fAny
		if c.exact {
			s.termFl[c.id] |= fNameExact | fAnyExact
		}
	}
	mul := float32(1)
	if w.optional {
		mul = optionalMul
	}
	for _, d := range s.vDocs {
		if s.vari[d].any&others != others {
			continue
		}
		lo, hi := ix.nameWords(d)
		var best float32
		var fl uint8
		for i := lo; i < hi; i++ {
			t := ix.termAt(i)
			if q := s.termQ[t]; q > best {
				best, fl = q, s.termFl[t]
			}
		}
		for _, t := range ix.kwTerm[ix.kwStart[d]:ix.kwStart[d+1]] {
			if q := s.termQ[t] * kwRatio; q > best {
				best, fl = q, s.termFl[t]&^(fName|fNameExact)
			}
		}
		if best > 0 {
			vs := &s.vari[d]
			vs.acc += best * mul
			vs.addFlags(fl, bit)
		}
	}
	for _, c := range m.cands {
		s.termQ[c.id], s.termFl[c.id] = 0, 0
	}
}

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

// searchCode lists procedures whose code starts with prefix.
func (ix *Index) searchCode(prefix string, q Query, fi, ai, limit int) []Result {
	lo, _ := slices.BinarySearchFunc(ix.byCode, prefix, func(d uint32, t string) int {
		return compareFold(ix.code(d), t)
	})
	var out []Result
	for i := lo; i < len(ix.byCode) && len(out) < limit; i++ {
		d := ix.byCode[i]
		if !hasPrefixFold(ix.code(d), prefix) {
			break
		}
		if ix.passes(d, q, fi, ai) {
			out = append(out, Result{Code: ix.code(d), Name: ix.name(d), Score: tierCode * tierScale, Procedure: ix.procedure(d)})
		}
	}
	return out
}

// browse lists the procedures that pass the filters, by name.
func (ix *Index) browse(q Query, fi, ai, limit int) []Result {
	if fi < 0 && ai < 0 && q.Level == 0 {
		return nil
	}
	var docs []uint32
	for d := range ix.Len() {
		if ix.passes(uint32(d), q, fi, ai) {
			docs = append(docs, uint32(d))
		}
	}
	keys := make(map[uint32]string, len(docs))
	for _, d := range docs {
		keys[d] = Normalize(ix.name(d))
	}
	slices.SortFunc(docs, func(a, b uint32) int { return strings.Compare(keys[a], keys[b]) })
	if len(docs) > limit {
		docs = docs[:limit]
	}
	out := make([]Result, 0, len(docs))
	for _, d := range docs {
		out = append(out, Result{Code: ix.code(d), Name: ix.name(d), Procedure: ix.procedure(d)})
	}
	return out
}
