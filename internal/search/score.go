package search

// Candidate scoring: what each typed word may stand for (matcher), reading
// postings into per-document state, and choosing the few candidates per
// reading of the query that verify.go re-ranks. This file changes when
// recall or speed does.

import (
	"math"
	"math/bits"
	"slices"
	"strings"
)

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
	// For the conjunctive read: the documents kept so far, whether each was
	// found in the word being read, and a per-document stamp.
	cDocs []uint32
	hit   []bool
	mark  []uint32
	// partial holds one variant's documents with only some required words.
	partial []uint32
	// all and cur are bitsets over the documents (see enoughWithAll).
	all, cur []uint64
	// fhead and fents are the forward read's entries by term (forward.go);
	// fhead is zero for every term between reads.
	fhead []int32
	fents []fent
	// planes count, per document, the words read that it has (prune.go);
	// shortened are the readings that left documents out (settle).
	planes    [countPlanes][]uint64
	shortened []shortReading
}

func newScratch(docs, terms int) *scratch {
	s := &scratch{
		vari: make([]variantState, docs), query: make([]queryState, docs), mark: make([]uint32, docs),
		all: make([]uint64, (docs+63)/64), cur: make([]uint64, (docs+63)/64),
		termQ: make([]float32, terms), termFl: make([]uint8, terms), fhead: make([]int32, terms),
	}
	for p := range s.planes {
		s.planes[p] = make([]uint64, (docs+63)/64)
	}
	return s
}

func (s *scratch) next() uint32 {
	s.gen++
	if s.gen == 0 { // wrapped: forget every stamp
		clear(s.vari)
		clear(s.query)
		clear(s.mark)
		s.gen = 1
	}
	return s.gen
}

// topK returns the k docs with the largest keys (in no particular order),
// reordering keys and docs together in place (quickselect). Equal keys go to
// the smaller doc, so the docs returned do not depend on the order given.
func topK(keys []uint64, docs []uint32, k int) []uint32 {
	lo, hi := 0, len(docs)-1
	for lo < hi {
		m := (lo + hi) / 2
		pk, pd := keys[m], docs[m]
		i, j := lo, hi
		for i <= j {
			for keys[i] > pk || keys[i] == pk && docs[i] < pd {
				i++
			}
			for keys[j] < pk || keys[j] == pk && docs[j] > pd {
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
// The best k documents of this variant are added to s.chosen; limit is the
// number of results the search returns.
func (ix *Index) accumulate(s *scratch, qgen uint32, vi uint8, v variant, ms []*matcher, q Query, fi, ai, k, limit int) {
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

	muls := s.setMuls(v)
	// Filler words ("xin", "hướng dẫn") only order what the required words
	// found, so they too are checked against names afterwards.
	var read []int
	for i, w := range v.words {
		if i != deferred && !(w.optional && required != 0) {
			read = append(read, i)
		}
	}
	// A dictionary reading stands for its whole phrase: only documents with
	// every word of it ("giấy chứng nhận quyền sử dụng đất" for "sổ đỏ") are
	// scored under it; the reading as typed scores partial matches.
	var must []int
	if vi > 0 {
		for _, i := range read {
			if v.words[i].syn {
				must = append(must, i)
			}
		}
	}
	// How the postings are read: 0 every one, 1 only documents with every
	// word of the dictionary's phrase, 2 only documents with every word read,
	// 3 pruned (prune.go), 4 by name length (bylength.go).
	//
	// The read by name length needs a reading without filler words (their
	// weights are checked against names afterwards, see below); chk is the
	// deferred word it checks as it goes.
	byLength := !alone && required != 0
	for i, w := range v.words {
		if i != deferred && w.optional && required != 0 {
			byLength = false
		}
	}
	chk := lengthCheck{word: -1}
	if deferred >= 0 {
		chk = lengthCheck{word: deferred, m: ms[deferred], others: required &^ (1 << deferred)}
	}
	var need uint16
	for _, i := range must {
		need |= 1 << i
	}
	shortened := false // documents were left out that another reading may choose
	settled := false   // the read by length found k documents with the best score
	complete := false  // the read by length read every document it was given
	budget := 0        // documents the read by length may read
	gather := func(how int) {
		switch how {
		case 1:
			if alone {
				ix.readConjunctive(s, vgen, read, must, ms, alone)
			} else {
				ix.evaluate(s, vgen, s.all, read, need, ms) // the forward read (forward.go)
			}
		case 2:
			ix.readIntersection(s, vgen, read, ms)
		case 3:
			shortened = ix.readPruned(s, vgen, read, ms, q, fi, ai, k)
		case 4:
			settled, complete = ix.readByLength(s, vgen, s.all, need, read, ms, chk, required, q, fi, ai, k, budget)
			if !settled && !complete && need != 0 {
				// Given up: the rest of the forward read, in document order.
				from := len(s.vDocs)
				ix.evaluate(s, vgen, s.all, read, need, ms)
				ix.checkWords(s, s.vDocs[from:], v, ms, deferred, required)
				complete = true
			}
			shortened = settled
			return // the deferred word is checked as it goes
		default:
			for _, i := range read {
				ix.readPostings(s, vgen, uint8(i), ms[i].cands, alone)
			}
		}
		for _, d := range s.vDocs {
			vs := &s.vari[d]
			vs.fold(muls[vs.curWord])
		}
		if len(must) > 0 && how == 0 { // the dictionary rule, the long way (tests)
			s.vDocs = slices.DeleteFunc(s.vDocs, func(d uint32) bool { return s.vari[d].any&need != need })
		}
		ix.checkWords(s, s.vDocs, v, ms, deferred, required)
	}
	// Documents with only some of the required words rank below every
	// document with all of them, in this reading and after verification
	// (their tier stays tierPartial), so they are looked at only when fewer
	// than limit documents have all the words: otherwise none of them can
	// reach the results.
	full := func() int {
		n := 0
		for _, d := range s.vDocs {
			if s.vari[d].any&required == required && ix.passes(d, q, fi, ai) {
				n++
			}
		}
		return n
	}
	switch {
	case exhaustive:
		gather(0)
	case len(must) > 0:
		// The documents of the phrase's rarest word (the forward read's
		// candidates), by name length when that pays.
		if !alone {
			ix.markRarest(s.all, s.cur, must, ms)
		}
		if byLength {
			n := popCount(s.all)
			var pays bool
			if pays, budget = ix.byLengthPays(read, ms, chk, need, n, k, float64(n)*ix.wordsPerDoc()*lengthReadCost); n >= k && pays {
				gather(4)
				break
			}
		}
		gather(1)
	case required != 0 && !alone && (len(read) >= 2 || byLength):
		withAll := ix.withAll(s, read, ms)
		var pays bool
		if byLength && withAll >= k {
			pays, budget = ix.byLengthPays(read, ms, chk, 0, withAll, k, ix.postingsCost(read, ms, chk, withAll))
		}
		if pays {
			// Documents by name length, shortest first, until k have the
			// best score there is (bylength.go).
			gather(4)
			if settled || complete && full() >= limit {
				break
			}
			vgen = s.next()
			s.vDocs = s.vDocs[:0]
		}
		if len(read) == 1 {
			gather(0)
			break
		}
		// Most queries of two or more words have at least limit documents
		// with every word: only those can be chosen, so only their
		// postings are read. If fewer have them, or filters or a deferred
		// word leave fewer, the partial matches count: the pruned read
		// finds the best of them without reading every posting.
		if withAll >= limit {
			gather(2)
			if full() >= limit {
				break
			}
			vgen = s.next()
			s.vDocs = s.vDocs[:0]
		}
		gather(3)
	default:
		gather(0)
	}
	for t := range s.tiers {
		s.tiers[t] = s.tiers[t][:0]
	}
	partial := s.partial[:0]
	n := 0
	for _, d := range s.vDocs {
		vs := &s.vari[d]
		if vs.any&required != required {
			if vs.any&required != 0 {
				partial = append(partial, d)
			}
			continue
		}
		if !ix.passes(d, q, fi, ai) {
			continue
		}
		s.rank(d, matchTier(vs, required), qgen, vi, v)
		n++
	}
	if n < limit {
		for _, d := range partial {
			if ix.passes(d, q, fi, ai) {
				s.rank(d, tierPartial, qgen, vi, v)
			}
		}
	}
	s.partial = partial
	if shortened {
		s.shortened = append(s.shortened, shortReading{vi: vi, v: v, ms: ms, read: read,
			need: need, deferred: deferred, required: required, partials: n < limit})
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

// rank scores doc d of variant vi in tier, folds it into the query's
// state and files it under its tier.
func (s *scratch) rank(d uint32, tier int, qgen uint32, vi uint8, v variant) {
	vs := &s.vari[d]
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

// readPostings reads the postings of word wi's candidates into the variant
// state. Loose candidates read names and keywords only; with firstOnly, only
// names that start with them.
func (ix *Index) readPostings(s *scratch, vgen uint32, wi uint8, cands []cand, firstOnly bool) {
	for _, c := range cands {
		wts, fls := c.weights()
		for _, list := range ix.lists(c, firstOnly) {
			for _, p := range list {
				s.touch(vgen, p>>2, wi, wts[p&3], fls[p&3])
			}
		}
	}
}

// weights are what a posting of candidate c counts, and the flags it sets,
// by the class of the posting.
func (c cand) weights() (wts [4]float32, fls [4]uint8) {
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
	return wts, fls
}

// lists are the postings candidate c reads (see readPostings).
func (ix *Index) lists(c cand, firstOnly bool) [2][]uint32 {
	switch {
	case firstOnly && c.loose:
		return [2][]uint32{ix.first[c.id], nil}
	case c.loose:
		return [2][]uint32{ix.prim[c.id], nil}
	}
	return [2][]uint32{ix.prim[c.id], ix.sec[c.id]}
}

// touch records a posting of word wi in doc d with weight wt and flags fl.
// Per document, postings must come word by word, in the order of the words.
func (s *scratch) touch(vgen, d uint32, wi uint8, wt float32, fl uint8) {
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

// readConjunctive reads the words read into the variant state as
// readPostings would, but only for the documents that have every word of
// must: it collects the documents of the must word with the fewest postings,
// keeps those found in each other must word's postings (galloping through the
// sorted lists), and reads the survivors' postings word by word. (Reading
// every word this way for the reading as typed was measured too: on a
// catalogue where common words are in a third of all names it is no faster
// than reading every posting.)
func (ix *Index) readConjunctive(s *scratch, vgen uint32, read, must []int, ms []*matcher, firstOnly bool) {
	type word struct{ i, total int }
	var ws [maxQueryWords]word
	for j, i := range must {
		ws[j] = word{i: i}
		for _, c := range ms[i].cands {
			for _, l := range ix.lists(c, firstOnly) {
				ws[j].total += len(l)
			}
		}
	}
	order := ws[:len(must)]
	slices.SortFunc(order, func(a, b word) int { return a.total - b.total })
	mark := s.next()
	docs := s.cDocs[:0]
	for _, c := range ms[order[0].i].cands {
		for _, l := range ix.lists(c, firstOnly) {
			for _, p := range l {
				if d := p >> 2; s.mark[d] != mark {
					s.mark[d] = mark
					docs = append(docs, d)
				}
			}
		}
	}
	slices.Sort(docs)
	for _, w := range order[1:] {
		if len(docs) == 0 {
			break
		}
		hit := s.hit[:0]
		for range docs {
			hit = append(hit, false)
		}
		for _, c := range ms[w.i].cands {
			for _, l := range ix.lists(c, firstOnly) {
				pos := 0
				for j, d := range docs {
					if pos = gallop(l, pos, d); pos == len(l) {
						break
					}
					if l[pos]>>2 == d {
						hit[j] = true
					}
				}
			}
		}
		kept := docs[:0]
		for j, d := range docs {
			if hit[j] {
				kept = append(kept, d)
			}
		}
		docs, s.hit = kept, hit
	}
	for _, i := range read {
		for _, c := range ms[i].cands {
			wts, fls := c.weights()
			for _, l := range ix.lists(c, firstOnly) {
				pos := 0
				for _, d := range docs {
					if pos = gallop(l, pos, d); pos == len(l) {
						break
					}
					if p := l[pos]; p>>2 == d {
						s.touch(vgen, d, uint8(i), wts[p&3], fls[p&3])
					}
				}
			}
		}
	}
	s.cDocs = docs
}

// exhaustive turns the conjunctive read off: every posting is read and the
// dictionary readings' documents are filtered afterwards (tests compare the
// two ways).
var exhaustive = false

// withAll marks in s.all the documents that have every word read (a bit per
// document: a word's postings are read once, without touching the
// per-document state), counts in s.planes how many of the words each
// document has, and returns the number with all of them.
func (ix *Index) withAll(s *scratch, read []int, ms []*matcher) int {
	all, cur := s.all, s.cur
	for p := range s.planes {
		clear(s.planes[p])
	}
	for j, i := range read {
		clear(cur)
		for _, c := range ms[i].cands {
			for _, l := range ix.lists(c, false) {
				for _, p := range l {
					d := p >> 2
					cur[d>>6] |= 1 << (d & 63)
				}
			}
		}
		addPlanes(&s.planes, cur)
		if j == 0 {
			copy(all, cur)
			continue
		}
		for x := range all {
			all[x] &= cur[x]
		}
	}
	return popCount(all)
}

// readIntersection reads the postings of the words read, like readPostings,
// for the documents withAll marked only.
func (ix *Index) readIntersection(s *scratch, vgen uint32, read []int, ms []*matcher) {
	ix.readSet(s, vgen, s.all, read, ms)
}

// readSet reads the postings of the words read, like readPostings, for the
// documents in the bitset all only.
func (ix *Index) readSet(s *scratch, vgen uint32, all []uint64, read []int, ms []*matcher) {
	for _, i := range read {
		for _, c := range ms[i].cands {
			wts, fls := c.weights()
			for _, l := range ix.lists(c, false) {
				for _, p := range l {
					if d := p >> 2; all[d>>6]&(1<<(d&63)) != 0 {
						s.touch(vgen, d, uint8(i), wts[p&3], fls[p&3])
					}
				}
			}
		}
	}
}

// gallop returns the first index at or after from whose posting is for doc
// d or a later one (len(l) if none), searching exponentially then binary.
func gallop(l []uint32, from int, d uint32) int {
	key := d << 2
	if from >= len(l) || l[from] >= key {
		return from
	}
	step := 1
	lo, hi := from, from+1
	for hi < len(l) && l[hi] < key {
		lo = hi
		step *= 2
		hi += step
	}
	hi = min(hi, len(l))
	// l[lo] < key; the answer is in (lo, hi].
	for lo+1 < hi {
		m := int(uint(lo+hi) >> 1)
		if l[m] < key {
			lo = m
		} else {
			hi = m
		}
	}
	return hi
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

// setMuls sets s.muls, the weight of each word of v (filler words count
// little), and returns it.
func (s *scratch) setMuls(v variant) *[maxQueryWords]float32 {
	for i, w := range v.words {
		s.muls[i] = 1
		if w.optional {
			s.muls[i] = optionalMul
		}
	}
	return &s.muls
}

// checkWords scores, in docs, the words of v that are checked against names
// instead of read from postings: the deferred short prefix first, then the
// filler words (see checkNames).
func (ix *Index) checkWords(s *scratch, docs []uint32, v variant, ms []*matcher, deferred int, required uint16) {
	if deferred >= 0 {
		bit := uint16(1) << deferred
		ix.checkNames(s, docs, ms[deferred], bit, required&^bit)
	}
	for i, w := range v.words {
		if i != deferred && w.optional && required != 0 {
			ix.checkNames(s, docs, ms[i], uint16(1)<<i, required)
		}
	}
}

// checkNames scores word bit in docs by looking for its candidates among
// the name and keyword words of the documents that have all the other
// required words (others), instead of reading postings: a short prefix being
// typed refines what the words before it found, and a filler word only
// reorders it. Its weight is in s.muls.
func (ix *Index) checkNames(s *scratch, docs []uint32, m *matcher, bit, others uint16) {
	s.setCheck(m)
	defer s.clearCheck(m)
	mul := s.muls[bits.TrailingZeros16(bit)]
	for _, d := range docs {
		if s.vari[d].any&others == others {
			ix.checkDoc(s, d, &s.vari[d], mul, bit)
		}
	}
}

// setCheck scores the candidates of the word checkNames looks for by term.
func (s *scratch) setCheck(m *matcher) {
	for _, c := range m.cands {
		s.termQ[c.id] = classWeight[clsName] * c.q
		s.termFl[c.id] = fName | fAny
		if c.exact {
			s.termFl[c.id] |= fNameExact | fAnyExact
		}
	}
}

func (s *scratch) clearCheck(m *matcher) {
	for _, c := range m.cands {
		s.termQ[c.id], s.termFl[c.id] = 0, 0
	}
}

// checkDoc adds to vs the best match in doc d's name and keywords of the
// word setCheck scored, with weight mul and word bit.
func (ix *Index) checkDoc(s *scratch, d uint32, vs *variantState, mul float32, bit uint16) {
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
		vs.acc += best * mul
		vs.addFlags(fl, bit)
	}
}
