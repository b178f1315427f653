package search

// The forward read, for a dictionary reading (every word of its phrase
// required): instead of reading every posting of every word, take the
// documents of the rarest required word and look the other words up in each
// of those documents' own name and keyword words (and, for the few words
// posted from document, field and agency names, in those short postings).
// It finds exactly what reading the postings finds for the documents it
// keeps (conjunctive_test.go compares them), at a cost that grows with the
// rarest word instead of the most common one, and without sorting the
// rarest word's documents as the galloping conjunctive read did.

import (
	"math/bits"
	"slices"
)

// fent is one way a word of the query may match one indexed word: word i of
// the variant, with its weights and flags in a name and in keywords.
type fent struct {
	next         int32 // next entry for the same term, -1 at the end
	word         uint8
	nameW, kwW   float32
	nameFl, kwFl uint8
}

// secCursor walks one candidate's secondary postings (field, agency and
// document names) along the documents read, in ascending order.
type secCursor struct {
	word uint8
	wts  [4]float32
	fls  [4]uint8
	list []uint32
	pos  int
}

// postingsOf is the number of postings a word's candidates would read.
func (ix *Index) postingsOf(m *matcher) int {
	n := 0
	for _, c := range m.cands {
		for _, l := range ix.lists(c, false) {
			n += len(l)
		}
	}
	return n
}

// markRarest sets in set (cleared first) the documents that can have every
// need word, the forward read's candidates (a bitset, so in ascending order
// without a sort): those of the word with the fewest postings, narrowed by
// the next rarest words while marking one costs less than reading forward
// the documents it may leave out. Marking a posting is a bit set, reading a
// document forward looks up each of its name and keyword words, so a word is
// marked while its postings are fewer than the candidates' words. The
// candidates stay a superset of the documents with every word (evaluate and
// readByLength check each one), so the results are those of the rarest word
// alone; only the number of documents read changes (conjunctive_test.go).
// tmp is a second bitset of the same size, clobbered.
func (ix *Index) markRarest(set, tmp []uint64, need []int, ms []*matcher) {
	var order [maxQueryWords]struct{ i, n int }
	for k, i := range need {
		order[k].i, order[k].n = i, ix.postingsOf(ms[i])
	}
	byPostings := order[:len(need)]
	slices.SortFunc(byPostings, func(a, b struct{ i, n int }) int { return a.n - b.n })
	clear(set)
	ix.markDocs(set, ms[byPostings[0].i])
	perDoc := ix.wordsPerDoc()
	for _, w := range byPostings[1:] {
		if float64(w.n) > float64(popCount(set))*perDoc {
			break
		}
		clear(tmp)
		ix.markDocs(tmp, ms[w.i])
		for x := range set {
			set[x] &= tmp[x]
		}
	}
}

// markDocs sets the bits of the documents m's candidates are posted in.
func (ix *Index) markDocs(set []uint64, m *matcher) {
	for _, c := range m.cands {
		for _, l := range ix.lists(c, false) {
			for _, p := range l {
				d := p >> 2
				set[d>>6] |= 1 << (d & 63)
			}
		}
	}
}

// evaluate fills the variant state of each document in set that has the
// words of needMask, as readPostings would for the words of read, skipping
// documents this variant already holds.
func (ix *Index) evaluate(s *scratch, vgen uint32, set []uint64, read []int, needMask uint16, ms []*matcher) {
	f := ix.prepareForward(s, read, ms)
	defer f.release(s)
	for x, word := range set {
		for word != 0 {
			d := uint32(x<<6 | bits.TrailingZeros64(word))
			word &= word - 1
			if s.vari[d].stamp == vgen {
				continue
			}
			vs, found := f.doc(ix, s, d)
			if found == 0 || found&needMask != needMask {
				continue
			}
			vs.stamp = vgen
			s.vari[d] = vs
			s.vDocs = append(s.vDocs, d)
		}
	}
}

// forward is the forward read prepared for one variant's words: what each
// indexed word stands for, by term (entries chained per term from s.fhead),
// and cursors over the secondary postings.
type forward struct {
	read    []int
	touched []uint32
	cursors []secCursor
}

func (ix *Index) prepareForward(s *scratch, read []int, ms []*matcher) *forward {
	f := &forward{read: read}
	ents := s.fents[:0]
	for _, i := range read {
		for _, c := range ms[i].cands {
			wts, fls := c.weights()
			head := s.fhead[c.id]
			if head == 0 {
				f.touched = append(f.touched, c.id)
			}
			ents = append(ents, fent{next: head - 1, word: uint8(i),
				nameW: wts[clsName], kwW: wts[clsKeyword], nameFl: fls[clsName], kwFl: fls[clsKeyword]})
			s.fhead[c.id] = int32(len(ents))
			if l := ix.lists(c, false)[1]; len(l) > 0 {
				f.cursors = append(f.cursors, secCursor{word: uint8(i), wts: wts, fls: fls, list: l})
			}
		}
	}
	s.fents = ents
	return f
}

// release clears the term chains for the next read.
func (f *forward) release(s *scratch) {
	for _, t := range f.touched {
		s.fhead[t] = 0
	}
}

// doc is doc d's variant state for the words read, as readPostings and fold
// make it, and the words found (bits). Documents may come in any order.
func (f *forward) doc(ix *Index, s *scratch, d uint32) (vs variantState, found uint16) {
	ents := s.fents
	var best [maxQueryWords]float32
	var fl [maxQueryWords]uint8
	hit := func(i uint8, w float32, f uint8) {
		best[i] = max(best[i], w)
		fl[i] |= f
	}
	lo, hi := ix.nameWords(d)
	for p := lo; p < hi; p++ {
		for e := s.fhead[ix.termAt(p)] - 1; e >= 0; e = ents[e].next {
			hit(ents[e].word, ents[e].nameW, ents[e].nameFl)
		}
	}
	for _, t := range ix.kwTerm[ix.kwStart[d]:ix.kwStart[d+1]] {
		for e := s.fhead[t] - 1; e >= 0; e = ents[e].next {
			hit(ents[e].word, ents[e].kwW, ents[e].kwFl)
		}
	}
	for k := range f.cursors {
		c := &f.cursors[k]
		if c.pos > 0 && c.list[c.pos-1]>>2 >= d {
			c.pos = 0 // an earlier document than the last one
		}
		if c.pos = gallop(c.list, c.pos, d); c.pos < len(c.list) && c.list[c.pos]>>2 == d {
			cls := c.list[c.pos] & 3
			hit(c.word, c.wts[cls], c.fls[cls])
		}
	}
	for _, i := range f.read {
		if best[i] > 0 {
			found |= 1 << i
		}
	}
	// The same sums, in the same order, as touch and fold make.
	for _, i := range f.read {
		if best[i] > 0 {
			vs.acc += best[i] * s.muls[i]
			vs.addFlags(fl[i], 1<<i)
		}
	}
	return vs, found
}
