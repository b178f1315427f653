package search

// The read by name length, for a reading without filler words whose words
// are all in at least k documents: "tro c", "cap d",
// "cai chinh ho tich". Among documents with the same score the shorter name
// ranks first, so reading documents with every word in order of name length
// (shortest first, then by document, as topK breaks ties) and stopping once
// k of them have the best score any document can have leaves out only
// documents that cannot be chosen. A document's score is at most the sum of
// its words' best weights, reached only with the best candidate of every
// word in its name. Until the stop, each document read gets exactly the
// state reading every posting and checking the deferred word gives it
// (conjunctive_test.go compares every result with that).

// lengthCheck is the deferred word (a short prefix after the others) the
// read by length checks in each document's name as it goes; word is -1 when
// there is none.
type lengthCheck struct {
	word   int
	m      *matcher
	others uint16
}

// readByLength fills the variant state of the documents in set (those with
// every word read, or the forward read's candidates) that have the words of
// need, in order of name length, checking chk as checkNames would, and stops
// once k of them that pass the filters have the best score there is. It
// reports whether it stopped so and whether it read every document of set;
// it gives up after budget documents.
func (ix *Index) readByLength(s *scratch, vgen uint32, set []uint64, need uint16, read []int, ms []*matcher, chk lengthCheck, required uint16, q Query, fi, ai, k, budget int) (settled, complete bool) {
	// The best score there is, summed in the order the document's are; the
	// best tier needs an exact candidate for every required word.
	var top float32
	exact := true
	bound := func(m *matcher, mul float32) {
		var b float32
		ex := false
		for _, c := range m.cands {
			b = max(b, classWeight[clsName]*c.q)
			ex = ex || c.exact
		}
		top += b * mul
		exact = exact && ex
	}
	for _, i := range read {
		bound(ms[i], s.muls[i])
	}
	if chk.word >= 0 {
		bound(chk.m, s.muls[chk.word])
		s.setCheck(chk.m)
		defer s.clearCheck(chk.m)
	}
	best := tierFuzzy
	if exact {
		best = tierAllWords
	}
	f := ix.prepareForward(s, read, ms)
	defer f.release(s)
	hits, seen := 0, 0
	for _, d := range ix.lengthOrder() {
		if set[d>>6]&(1<<(d&63)) == 0 {
			continue
		}
		if seen++; seen > budget {
			return false, false
		}
		vs, found := f.doc(ix, s, d)
		if found == 0 || found&need != need {
			continue
		}
		if chk.word >= 0 && vs.any&chk.others == chk.others {
			ix.checkDoc(s, d, &vs, s.muls[chk.word], 1<<chk.word)
		}
		vs.stamp = vgen
		s.vari[d] = vs
		s.vDocs = append(s.vDocs, d)
		if vs.acc >= top && vs.any&required == required && matchTier(&vs, required) == best && ix.passes(d, q, fi, ai) {
			if hits++; hits == k {
				return true, false
			}
		}
	}
	return false, true
}

// matchTier is the tier of a document with all the required words.
func matchTier(vs *variantState, required uint16) int {
	switch {
	case vs.nameExact&required == required:
		return tierAllWords
	case vs.anyExact&required == required:
		return tierAnywhere
	}
	return tierFuzzy
}

// nameCounts is, per term, the number of names it is posted in; made on
// first use (one pass over the name and keyword postings, about a
// millisecond at 60,000).
func (ix *Index) nameCounts() []uint32 {
	ix.nameDFOnce.Do(func() {
		ix.nameDF = make([]uint32, len(ix.prim))
		for id, l := range ix.prim {
			for _, p := range l {
				if p&3 == clsName {
					ix.nameDF[id]++
				}
			}
		}
	})
	return ix.nameDF
}

// lengthOrder lists the documents by name length, shortest first, then by
// document; made on first use (a counting sort, well under a millisecond
// at 60,000).
func (ix *Index) lengthOrder() []uint32 {
	ix.byLenOnce.Do(func() {
		n := ix.Len()
		longest := 0
		for d := range n {
			longest = max(longest, int(ix.nameLen(uint32(d))))
		}
		start := make([]int, longest+2)
		for d := range n {
			start[int(ix.nameLen(uint32(d)))+1]++
		}
		for l := 1; l < len(start); l++ {
			start[l] += start[l-1]
		}
		order := make([]uint32, n)
		for d := range n {
			l := ix.nameLen(uint32(d))
			order[start[l]] = uint32(d)
			start[l]++
		}
		ix.byLen = order
	})
	return ix.byLen
}

// byLengthPays estimates whether the read by length costs less than the
// read it replaces (other, in postings read in order): it reads documents
// of the set (n of them) until about k have the best candidate of every
// word, each costing about its name and keyword words. The share of
// documents with the best candidates is estimated word by word as if the
// words were independent.
func (ix *Index) byLengthPays(read []int, ms []*matcher, chk lengthCheck, need uint16, n, k int, other float64) (pays bool, budget int) {
	share := 1.0
	if need != 0 {
		// The forward read's candidates have the rarest word only: the
		// others are there about as often as in the catalogue.
		rarest := true
		for _, i := range read {
			if need&(1<<i) != 0 && rarest && ix.postingsOf(ms[i]) <= n {
				rarest = false
				continue
			}
			share *= min(1, float64(ix.postingsOf(ms[i]))/float64(ix.Len()))
		}
	}
	bestShare := func(m *matcher) {
		var top float32
		for _, c := range m.cands {
			top = max(top, c.q)
		}
		all, best := 0, 0
		names := ix.nameCounts()
		for _, c := range m.cands {
			for _, l := range ix.lists(c, false) {
				all += len(l)
			}
			if c.q == top {
				best += int(names[c.id])
			}
		}
		if all > 0 {
			share *= float64(best) / float64(all)
		}
	}
	for _, i := range read {
		bestShare(ms[i])
	}
	if chk.word >= 0 {
		bestShare(chk.m)
	}
	scan := float64(n)
	if share > 0 {
		scan = min(scan, float64(k)/share)
	}
	// It must be expected to cost less than half the other read, and gives
	// up (the other read takes over) after twice as many documents as
	// expected or half the other read's cost, whichever comes first: a wrong
	// estimate costs at most half as much again. (Short names come first, and
	// they have fewer words: the estimate errs on the hopeful side.)
	parity := other / (ix.wordsPerDoc() * lengthReadCost)
	return scan < parity/2, int(min(float64(n), 2*scan+64, parity/2))
}

// postingsCost is what reading the postings of the words read costs, with a
// name check per document (n with every word) for a deferred word.
func (ix *Index) postingsCost(read []int, ms []*matcher, chk lengthCheck, n int) float64 {
	c := 0.0
	for _, i := range read {
		c += float64(ix.postingsOf(ms[i]))
	}
	if chk.word >= 0 {
		c += float64(n) * ix.wordsPerDoc()
	}
	return c
}

// lengthReadCost is a word of a document read by length against a posting
// read in order (random access to names and term chains).
var lengthReadCost = 3.0
