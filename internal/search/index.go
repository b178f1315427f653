package search

import (
	"slices"
	"strings"
	"sync"

	"kiosk/internal/portal"
)

// Where a word was found in a procedure, best first. A posting records only
// the best place a word occurs in each procedure.
const (
	clsName    = 0 // the procedure's name
	clsKeyword = 1 // keywords the portal attached (everyday names)
	clsMeta    = 2 // its field (lĩnh vực) and agency names
	clsDoc     = 3 // names of the documents to bring
)

// classWeight is how much a word found in each place counts: the name far
// more than anything else.
var classWeight = [4]float32{clsName: 10, clsKeyword: 6, clsMeta: 3, clsDoc: 1.5}

// Index is an in-memory search index over a catalogue. It is immutable once
// built and safe for concurrent searches.
type Index struct {
	dict *Dictionary

	// What a result shows of each procedure, kept compactly instead of the
	// procedures themselves: doc d's code and name are text[off[2d]:off[2d+1]]
	// and text[off[2d+1]:off[2d+2]], all in one string the index owns.
	text string
	off  []uint32
	// Field and agency names: the name of each field and agency code (the
	// first one seen), and the few procedures that name theirs differently.
	fieldNames  []string // by fieldIdx
	agencyNames []string // by agencyIdx
	otherNames  map[uint32][2]string
	docLevelOld []uint8

	vocab  []string          // term id -> normalised word
	termID map[string]uint32 // normalised word -> term id
	sorted []uint32          // term ids in byte order of their words, for prefix ranges
	// Postings, doc<<2 | class in ascending doc order, split so that loose
	// matches (prefixes, typos) need only read the short lists: prim holds
	// name and keyword occurrences, sec field, agency and document names.
	prim [][]uint32
	sec  [][]uint32
	// first lists, per term, the documents whose name starts with it.
	first [][]uint32

	// Words of each name, flattened: doc d's words are [nameStart[d], nameStart[d+1]).
	nameStart []uint32
	// Term ids of the name words: nameTerm16 when the vocabulary fits in 16
	// bits (a Vietnamese catalogue's does: its words are syllables), else
	// nameTerm. Read them with termAt.
	nameTerm   []uint32
	nameTerm16 []uint16
	// nameSig holds each word's tone signature as an index into sigs: a
	// catalogue has a few thousand distinct ones. noSig stands for one past
	// the first 65,535 (never seen in practice; it only loses a tone bonus).
	nameSig []uint16
	sigs    []uint32
	// Where the words are in the name is not kept: the few results shown
	// tokenise their names again to highlight them.
	// Keyword words of each doc, flattened the same way.
	kwStart []uint32
	kwTerm  []uint32

	docField  []uint16 // index into fieldCodes
	docAgency []uint32 // index into agencyCodes
	docLevel  []uint8
	docCentre []uint8 // any-centre flag and tier, for the centre filter (centre.go)

	fieldCodes  []string
	agencyCodes []string
	fieldIdx    map[string]uint16
	agencyIdx   map[string]uint32

	dels   map[string][]uint32 // one-deletion neighbourhood -> term ids
	long   []uint32            // term ids of words long enough for two edits
	byCode []uint32            // doc ids in order of code, ignoring ASCII case

	scratch sync.Pool
	// byLen lists the documents by name length (bylength.go).
	byLenOnce sync.Once
	byLen     []uint32
	// nameDF counts each term's names (bylength.go).
	nameDFOnce sync.Once
	nameDF     []uint32

	centreCache centreCache
}

// Build indexes procedures (tombstones are skipped) with the names of their
// fields and agencies; fields and agencies name the codes a procedure carries
// when the procedure itself does not. A nil dictionary disables synonyms.
// The index keeps nothing of procs, agencies and fields: it copies what a
// result shows (code, name, agency, field, levels) into compact records of its
// own, so the caller may modify or drop them once Build returns.
func Build(procs []portal.Procedure, agencies []portal.Agency, fields []portal.Field, d *Dictionary) *Index {
	b := NewBuilder(agencies, fields, d)
	for i := range procs {
		b.Add(&procs[i])
	}
	return b.Index()
}

// Builder builds an Index one procedure at a time, so a catalogue can be
// indexed while it is read from the cache instead of decoded into memory
// first. Build(procs, ...) and a Builder given the same procedures in the same
// order make the same index.
type Builder struct {
	ix         *Index
	fieldName  map[string]string
	agencyName map[string]string
	text       []byte
	nameOf     map[string]string   // distinct field and agency names, copied once
	sigID      map[uint32]uint16   // tone signature -> index into ix.sigs
	terms      map[string][]uint32 // distinct keyword, field, agency and document names, tokenised once
	agencyTier map[string]uint8    // agency code -> tier of its kind (centre.go)
}

// NewBuilder starts an index whose procedures are named by agencies and
// fields when they carry only codes; d as in Build.
func NewBuilder(agencies []portal.Agency, fields []portal.Field, d *Dictionary) *Builder {
	b := &Builder{
		ix:        &Index{dict: d, termID: map[string]uint32{}, fieldIdx: map[string]uint16{}, agencyIdx: map[string]uint32{}},
		fieldName: map[string]string{}, agencyName: map[string]string{},
		nameOf: map[string]string{}, sigID: map[uint32]uint16{}, terms: map[string][]uint32{},
	}
	for _, f := range fields {
		b.fieldName[f.Code] = f.Name
	}
	for _, a := range agencies {
		b.agencyName[a.Code] = a.Name
	}
	b.initCentre(agencies)
	b.ix.off = []uint32{0}
	b.ix.nameStart = []uint32{0}
	b.ix.kwStart = []uint32{0}
	return b
}

// intern returns a copy of s that the index owns, one per distinct string.
func (b *Builder) intern(s string) string {
	if c, ok := b.nameOf[s]; ok {
		return c
	}
	c := strings.Clone(s)
	b.nameOf[c] = c
	return c
}

// termsOf tokenises a field, agency, keyword or document name: they repeat
// across procedures, so each distinct string is tokenised once.
func (b *Builder) termsOf(s string) []uint32 {
	if ids, ok := b.terms[s]; ok {
		return ids
	}
	var ids []uint32
	tokenize(s, func(_, _ int, w []byte, _ uint32) {
		id := b.ix.term(w)
		if !slices.Contains(ids, id) {
			ids = append(ids, id)
		}
	})
	// The key is copied: s may point into the caller's buffer.
	b.terms[strings.Clone(s)] = ids
	return ids
}

// Add indexes p unless it is a tombstone. The index keeps nothing of p: its
// strings may point into a buffer the caller reuses once Add returns.
func (b *Builder) Add(p *portal.Procedure) {
	if p.Deleted {
		return
	}
	ix := b.ix
	doc := uint32(len(ix.docLevel))
	for _, s := range [...]string{p.Code, p.Name} {
		b.text = append(b.text, s...)
		ix.off = append(ix.off, uint32(len(b.text)))
	}
	first := true
	tokenize(p.Name, func(_, _ int, w []byte, sig uint32) {
		id := ix.term(w)
		if first {
			ix.first[id] = append(ix.first[id], doc<<2|clsName)
			first = false
		}
		ix.nameTerm = append(ix.nameTerm, id)
		si, ok := b.sigID[sig]
		if !ok {
			si = noSig
			if len(ix.sigs) < noSig {
				si = uint16(len(ix.sigs))
				ix.sigs = append(ix.sigs, sig)
			}
			b.sigID[sig] = si
		}
		ix.nameSig = append(ix.nameSig, si)
		ix.post(id, doc, clsName)
	})
	ix.nameStart = append(ix.nameStart, uint32(len(ix.nameTerm)))
	for _, k := range p.Keywords {
		for _, id := range b.termsOf(k) {
			ix.post(id, doc, clsKeyword)
			ix.kwTerm = append(ix.kwTerm, id)
		}
	}
	ix.kwStart = append(ix.kwStart, uint32(len(ix.kwTerm)))
	fn := p.FieldName
	if fn == "" {
		fn = b.fieldName[p.FieldCode]
	}
	an := p.AgencyName
	if an == "" {
		an = b.agencyName[p.AgencyCode]
	}
	for _, id := range b.termsOf(fn) {
		ix.post(id, doc, clsMeta)
	}
	for _, id := range b.termsOf(an) {
		ix.post(id, doc, clsMeta)
	}
	for _, dd := range p.Documents {
		for _, id := range b.termsOf(dd.Name) {
			ix.post(id, doc, clsDoc)
		}
	}
	fi, ok := ix.fieldIdx[p.FieldCode]
	if !ok {
		fi = uint16(len(ix.fieldCodes))
		c := strings.Clone(p.FieldCode)
		ix.fieldIdx[c] = fi
		ix.fieldCodes = append(ix.fieldCodes, c)
		ix.fieldNames = append(ix.fieldNames, b.intern(fn))
	}
	ai, ok := ix.agencyIdx[p.AgencyCode]
	if !ok {
		ai = uint32(len(ix.agencyCodes))
		c := strings.Clone(p.AgencyCode)
		ix.agencyIdx[c] = ai
		ix.agencyCodes = append(ix.agencyCodes, c)
		ix.agencyNames = append(ix.agencyNames, b.intern(an))
	}
	if fn != ix.fieldNames[fi] || an != ix.agencyNames[ai] {
		if ix.otherNames == nil {
			ix.otherNames = map[uint32][2]string{}
		}
		ix.otherNames[doc] = [2]string{b.intern(fn), b.intern(an)}
	}
	ix.docField = append(ix.docField, fi)
	ix.docAgency = append(ix.docAgency, ai)
	ix.docLevel = append(ix.docLevel, uint8(p.Level))
	ix.docLevelOld = append(ix.docLevelOld, uint8(p.LevelOld))
	ix.docCentre = append(ix.docCentre, b.centreFlags(p))
}

// Index finishes the index. The Builder must not be used afterwards.
func (b *Builder) Index() *Index {
	ix := b.ix
	ix.text = string(b.text)
	b.text = nil
	ix.off = exact(ix.off)
	ix.docField, ix.docAgency = exact(ix.docField), exact(ix.docAgency)
	ix.docLevel, ix.docLevelOld = exact(ix.docLevel), exact(ix.docLevelOld)
	ix.docCentre = exact(ix.docCentre)
	ix.finish()
	b.ix = nil
	return ix
}

const noSig = 0xffff

// sigAt is the tone signature of the name word at flattened position i, 0
// if unknown.
func (ix *Index) sigAt(i int) uint32 {
	if si := ix.nameSig[i]; si != noSig {
		return ix.sigs[si]
	}
	return 0
}

// termAt is the term id of the name word at flattened position i.
func (ix *Index) termAt(i int) uint32 {
	if ix.nameTerm == nil {
		return uint32(ix.nameTerm16[i])
	}
	return ix.nameTerm[i]
}

// nameLen is the byte length of doc's name (at most 0xffff), for ties.
func (ix *Index) nameLen(d uint32) uint16 {
	return uint16(min(ix.off[2*d+2]-ix.off[2*d+1], 0xffff))
}

// code and name return what the index keeps of doc's procedure.
func (ix *Index) code(d uint32) string { return ix.text[ix.off[2*d]:ix.off[2*d+1]] }
func (ix *Index) name(d uint32) string { return ix.text[ix.off[2*d+1]:ix.off[2*d+2]] }

// compareFold compares a and b byte by byte with ASCII letters folded to
// lower case (codes are ASCII: "1.001612.000.00.00.H48").
func compareFold(a, b string) int {
	for i := range min(len(a), len(b)) {
		x, y := lowerASCII(a[i]), lowerASCII(b[i])
		if x != y {
			return int(x) - int(y)
		}
	}
	return len(a) - len(b)
}

func lowerASCII(c byte) byte {
	if 'A' <= c && c <= 'Z' {
		return c + 'a' - 'A'
	}
	return c
}

// hasPrefixFold reports whether s starts with the lowercase prefix,
// ignoring ASCII case in s.
func hasPrefixFold(s, prefix string) bool {
	return len(s) >= len(prefix) && compareFold(s[:len(prefix)], prefix) == 0
}

// exact returns l without spare capacity, copying it if it has any: the
// index lives as long as the kiosk, growth slack would too.
func exact[T any](l []T) []T {
	if cap(l) == len(l) {
		return l
	}
	if len(l) == 0 {
		return nil
	}
	return append(make([]T, 0, len(l)), l...)
}

// procedure builds the summary a result carries: code, name, agency, field
// and levels, without documents, steps or fees (the detail screen reads the
// full record from the cache). Each call returns a new value.
func (ix *Index) procedure(d uint32) *portal.Procedure {
	fi, ai := ix.docField[d], ix.docAgency[d]
	p := &portal.Procedure{
		Code: ix.code(d), Name: ix.name(d),
		AgencyCode: ix.agencyCodes[ai], AgencyName: ix.agencyNames[ai],
		FieldCode: ix.fieldCodes[fi], FieldName: ix.fieldNames[fi],
		Level: int(ix.docLevel[d]), LevelOld: int(ix.docLevelOld[d]),
		Tier: ix.docTier(d), AnyCentre: ix.docAnyCentre(d),
	}
	if o, ok := ix.otherNames[d]; ok {
		p.FieldName, p.AgencyName = o[0], o[1]
	}
	return p
}

// finish derives the lookup structures that depend only on the vocabulary
// and the documents: sorted terms, the typo neighbourhood, the code order.
func (ix *Index) finish() {
	ix.deriveVocabulary()
	n := ix.Len()
	ix.byCode = make([]uint32, n)
	for i := range ix.byCode {
		ix.byCode[i] = uint32(i)
	}
	slices.SortFunc(ix.byCode, func(a, b uint32) int { return compareFold(ix.code(a), ix.code(b)) })
	ix.nameTerm, ix.nameSig, ix.kwTerm = exact(ix.nameTerm), exact(ix.nameSig), exact(ix.kwTerm)
	if len(ix.vocab) <= 1<<16 {
		ix.nameTerm16 = make([]uint16, len(ix.nameTerm))
		for i, t := range ix.nameTerm {
			ix.nameTerm16[i] = uint16(t)
		}
		ix.nameTerm = nil
	}
	ix.sigs = exact(ix.sigs)
	ix.nameStart, ix.kwStart = exact(ix.nameStart), exact(ix.kwStart)
	for id := range ix.prim {
		ix.prim[id], ix.first[id] = exact(ix.prim[id]), exact(ix.first[id])
	}
	// A word in the documents or agency names of more than a tenth of the
	// catalogue ("giấy", "đơn", "tỉnh") says nothing about what was meant:
	// drop those postings so common words stay cheap.
	common := max(200, n/10)
	for id, l := range ix.sec {
		if len(l) > common {
			ix.sec[id] = nil
		} else {
			ix.sec[id] = exact(l)
		}
	}
	ix.vocab, ix.prim, ix.sec, ix.first = exact(ix.vocab), exact(ix.prim), exact(ix.sec), exact(ix.first)
	ix.scratch.New = func() any { return newScratch(n, len(ix.vocab)) }
}

// deriveVocabulary builds what depends only on the vocabulary: the words in
// byte order (prefix ranges) and the typo neighbourhood.
func (ix *Index) deriveVocabulary() {
	ix.sorted = make([]uint32, len(ix.vocab))
	for i := range ix.sorted {
		ix.sorted[i] = uint32(i)
	}
	slices.SortFunc(ix.sorted, func(a, b uint32) int { return strings.Compare(ix.vocab[a], ix.vocab[b]) })

	ix.dels = make(map[string][]uint32, len(ix.vocab)*4)
	ix.long = nil
	var buf []byte
	for id, w := range ix.vocab {
		if len(w) < 4 || !fuzzable(w) {
			continue
		}
		if len(w) >= 6 {
			ix.long = append(ix.long, uint32(id))
		}
		deletes(w, buf, func(d []byte) {
			k := string(d)
			if l := ix.dels[k]; len(l) == 0 || l[len(l)-1] != uint32(id) {
				ix.dels[k] = append(l, uint32(id))
			}
		})
	}
}

// fuzzable reports whether typos are worth tolerating in w: words, not numbers.
func fuzzable(w string) bool {
	for i := 0; i < len(w); i++ {
		if c := w[i]; c < 'a' || c > 'z' {
			return false
		}
	}
	return true
}

func (ix *Index) term(w []byte) uint32 {
	if id, ok := ix.termID[string(w)]; ok {
		return id
	}
	id := uint32(len(ix.vocab))
	s := string(w)
	ix.vocab = append(ix.vocab, s)
	ix.termID[s] = id
	ix.prim = append(ix.prim, nil)
	ix.sec = append(ix.sec, nil)
	ix.first = append(ix.first, nil)
	return id
}

// post records that term id occurs in doc in place cls. Places are indexed
// best first per document, so a later, worse place for the same document is
// dropped.
func (ix *Index) post(id, doc uint32, cls uint32) {
	p := ix.prim[id]
	if len(p) > 0 && p[len(p)-1]>>2 == doc {
		return
	}
	if cls <= clsKeyword {
		ix.prim[id] = append(p, doc<<2|cls)
		return
	}
	l := ix.sec[id]
	if len(l) > 0 && l[len(l)-1]>>2 == doc {
		return
	}
	ix.sec[id] = append(l, doc<<2|cls)
}

// Len is the number of procedures indexed.
func (ix *Index) Len() int { return len(ix.docLevel) }

// Terms is the number of distinct normalised words indexed.
func (ix *Index) Terms() int { return len(ix.vocab) }

// FieldCounts counts procedures per field code, for the browse tiles.
func (ix *Index) FieldCounts() map[string]int {
	out := map[string]int{}
	for _, f := range ix.docField {
		out[ix.fieldCodes[f]]++
	}
	return out
}

// AgencyCounts counts procedures per agency code, for the browse tiles.
func (ix *Index) AgencyCounts() map[string]int {
	out := map[string]int{}
	for _, a := range ix.docAgency {
		out[ix.agencyCodes[a]]++
	}
	return out
}

// nameWords returns the range of doc's name words in the flattened arrays.
func (ix *Index) nameWords(doc uint32) (int, int) {
	return int(ix.nameStart[doc]), int(ix.nameStart[doc+1])
}
