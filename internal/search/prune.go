package search

// The pruned read, for a reading as typed whose words are all found together
// in fewer than limit documents. Those few come first; every other result can
// only be a partial match, ranked by how many of the words it has and how
// well. Reading every posting of every word into per-document state costs
// tens of thousands of documents for a long official name of common words
// ("Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"), nearly all of
// them never shown. Instead, count per document how many of the words it has
// (bit planes, from the same bitset pass that found too few with all of them),
// evaluate documents from the most words down with the forward read
// (forward.go), and stop once no document with fewer words can reach the
// k-th best partial match found: a document's score is at most the sum of its
// words' best weights. Each document evaluated gets exactly the state reading
// every posting gives it, and no document skipped could have been chosen
// (conjunctive_test.go compares every result with reading every posting).

import (
	"math"
	"math/bits"
	"slices"
)

// countPlanes is the number of bit planes of a per-document word count
// (maxQueryWords < 1<<countPlanes).
const countPlanes = 4

// addPlanes adds the bitset cur to the per-document counts held in planes.
func addPlanes(planes *[countPlanes][]uint64, cur []uint64) {
	for x, carry := range cur {
		for p := 0; p < countPlanes && carry != 0; p++ {
			t := planes[p][x] & carry
			planes[p][x] ^= carry
			carry = t
		}
	}
}

// withCount sets in set the documents whose count in planes is c.
func withCount(planes *[countPlanes][]uint64, c int, set []uint64) {
	for x := range set {
		m := ^uint64(0)
		for p := range countPlanes {
			if c>>p&1 != 0 {
				m &= planes[p][x]
			} else {
				m &^= planes[p][x]
			}
		}
		set[x] = m
	}
}

// prunedMargin keeps the stopping rule clear of float rounding: the bound
// must be below the k-th score by more than sums of a dozen float32s can err.
const prunedMargin = 1.001

// readPruned fills the variant state, as reading every posting would, of
// every document with all the words of read, and of enough documents with
// fewer of them, from the most words down, that the k best partial matches
// among those that pass the filters are certain to be among them. s.planes
// must hold the counts of read's words (withAll). It reports whether
// documents were left out (settlePruned then completes the query state of
// the chosen ones).
func (ix *Index) readPruned(s *scratch, vgen uint32, read []int, ms []*matcher, q Query, fi, ai, k int) bool {
	// ubs[c] bounds the read-word score of a document with c of the words:
	// the c largest of their best weights.
	var ub [maxQueryWords]float32
	for j, i := range read {
		for _, c := range ms[i].cands {
			ub[j] = max(ub[j], classWeight[clsName]*c.q)
		}
		ub[j] *= s.muls[i]
	}
	best := ub[:len(read)]
	slices.Sort(best)
	slices.Reverse(best)
	var ubs [maxQueryWords + 1]float32
	for c := 1; c <= len(read); c++ {
		ubs[c] = ubs[c-1] + best[c-1]
	}
	postings := 0
	for _, i := range read {
		postings += ix.postingsOf(ms[i])
	}
	// The partial matches evaluated that pass the filters: their scores as
	// keys (positive float32 bits keep their order) for topK.
	keys, docs := s.keys[:0], s.cDocs[:0]
	defer func() { s.keys, s.cDocs = keys, docs }()
	for c := len(read); c >= 1; c-- {
		if c < len(read) && len(keys) >= k {
			// The k-th best partial so far against the best a document with c
			// words can do.
			topK(keys, docs, k)
			kth := slices.Min(keys[:k])
			if ubs[c]*prunedMargin < math.Float32frombits(uint32(kth>>32)) {
				return true
			}
		}
		withCount(&s.planes, c, s.cur)
		// Evaluating a document costs about its name and keyword words; when
		// this level costs more than reading every posting, read the
		// postings of the documents of this level and below instead, and
		// stop there.
		if pop := popCount(s.cur); float64(pop)*ix.wordsPerDoc() > float64(postings) {
			for c2 := c - 1; c2 >= 1; c2-- {
				withCount(&s.planes, c2, s.all)
				for x, w := range s.all {
					s.cur[x] |= w
				}
			}
			ix.readSet(s, vgen, s.cur, read, ms)
			return false
		}
		from := len(s.vDocs)
		ix.evaluate(s, vgen, s.cur, read, 0, ms)
		if c == len(read) {
			continue // with every word read: full matches, or short of a deferred word
		}
		for _, d := range s.vDocs[from:] {
			if ix.passes(d, q, fi, ai) {
				keys = append(keys, uint64(math.Float32bits(s.vari[d].acc))<<32)
				docs = append(docs, d)
			}
		}
	}
	return false
}

// shortReading is a reading whose read left documents out that another
// reading may choose (the pruned read, the read by length).
type shortReading struct {
	vi       uint8
	v        variant
	ms       []*matcher
	read     []int
	need     uint16 // the dictionary phrase's words (forward.go)
	deferred int
	required uint16
	partials bool // partial matches were ranked (fewer than limit full ones)
}

// settle gives each chosen document the query state reading every posting
// would have given it in the readings that left documents out: such a
// reading may score it higher than the readings that found it, or find all
// its words in the name (then it is verified under that reading too). It
// reads the chosen documents as gather does, checks the deferred and filler
// words and ranks as rank does, without filing them under a tier.
func (ix *Index) settle(s *scratch, qgen uint32) {
	if len(s.shortened) == 0 || len(s.chosen) == 0 {
		return
	}
	set := s.cur
	clear(set)
	for _, d := range s.chosen {
		set[d>>6] |= 1 << (d & 63)
	}
	for _, p := range s.shortened {
		vgen := s.next()
		s.vDocs = s.vDocs[:0]
		s.setMuls(p.v)
		ix.evaluate(s, vgen, set, p.read, p.need, p.ms)
		ix.checkWords(s, s.vDocs, p.v, p.ms, p.deferred, p.required)
		for _, d := range s.vDocs {
			vs := &s.vari[d]
			tier := tierPartial
			switch {
			case vs.any&p.required == p.required:
				tier = matchTier(vs, p.required)
			case vs.any&p.required == 0 || !p.partials:
				continue // not ranked under this reading
			}
			score := float32(tier*tierScale) + vs.acc*p.v.weight/float32(len(p.v.words))
			qs := &s.query[d]
			if qs.stamp != qgen {
				continue
			}
			if score > qs.score || score == qs.score && p.vi < qs.variant {
				qs.score, qs.variant = score, p.vi
			}
			if tier == tierAllWords {
				qs.inName |= 1 << p.vi
			}
		}
	}
	s.shortened = s.shortened[:0]
}

func popCount(set []uint64) int {
	n := 0
	for _, w := range set {
		n += bits.OnesCount64(w)
	}
	return n
}

// wordsPerDoc is the mean number of name and keyword words per document.
func (ix *Index) wordsPerDoc() float64 {
	if ix.Len() == 0 {
		return 0
	}
	return float64(int(ix.nameStart[ix.Len()])+len(ix.kwTerm)) / float64(ix.Len())
}
