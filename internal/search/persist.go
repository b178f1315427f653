package search

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/crc32"
	"slices"
)

// An index is persisted so that a kiosk does not rebuild it from 60,000
// cached procedures at every start (about half of the start-up CPU, and
// the build's transient heap is most of the start-up peak): the kiosk
// encodes it after a build and stores it beside the catalogue it was built
// from, and the next start decodes it instead.
//
// The encoding holds the index's own arrays, little-endian, each with its
// length; what is derived from them (the word lookup, the sorted
// vocabulary, the typo neighbourhood, the field and agency lookups) is
// derived again by Decode, so it cannot disagree with them. A stamp chosen
// by the caller (the kiosk uses its binary's build ID) ties an encoding to
// the code that made it: tokenising, normalising and the dictionary are in
// the binary, and a persisted index from another binary is rebuilt rather
// than trusted. A CRC-32C over the body catches a damaged file, and Decode
// checks every offset and id it reads, so no byte string can make a search
// index out of range.

// ErrStale means an encoded index is intact but was made by another format
// or stamp: rebuild it.
var ErrStale = errors.New("search index made by another version")

// errCorrupt wraps every reason an encoding is unusable other than ErrStale.
var errCorrupt = errors.New("search index encoding damaged")

const (
	persistMagic   = "KSIX"
	persistVersion = 1
)

var castagnoli = crc32.MakeTable(crc32.Castagnoli)

// Encode appends the persistent form of ix to dst, stamped with stamp
// (Decode accepts it only with the same stamp).
func (ix *Index) Encode(dst []byte, stamp string) []byte {
	e := encoder{b: slices.Grow(dst, ix.encodedSizeHint()+len(stamp)+32)}
	e.b = append(e.b, persistMagic...)
	e.u32(persistVersion)
	e.str(stamp)
	sumAt := len(e.b)
	e.u32(0) // CRC of the body, filled in below
	body := len(e.b)

	e.u32(uint32(ix.Len()))
	e.str(ix.text)
	e.u32s(ix.off)
	e.strs(ix.fieldCodes)
	e.strs(ix.fieldNames)
	e.strs(ix.agencyCodes)
	e.strs(ix.agencyNames)
	docs := make([]uint32, 0, len(ix.otherNames))
	for d := range ix.otherNames {
		docs = append(docs, d)
	}
	slices.Sort(docs)
	e.u32(uint32(len(docs)))
	for _, d := range docs {
		e.u32(d)
		e.str(ix.otherNames[d][0])
		e.str(ix.otherNames[d][1])
	}
	e.u8s(ix.docLevel)
	e.u8s(ix.docLevelOld)
	e.u8s(ix.docCentre)
	e.u16s(ix.docField)
	e.u32s(ix.docAgency)
	e.strs(ix.vocab)
	e.lists(ix.prim)
	e.lists(ix.sec)
	e.lists(ix.first)
	e.u32s(ix.nameStart)
	if ix.nameTerm == nil {
		e.b = append(e.b, 16)
		e.u16s(ix.nameTerm16)
	} else {
		e.b = append(e.b, 32)
		e.u32s(ix.nameTerm)
	}
	e.u16s(ix.nameSig)
	e.u32s(ix.sigs)
	e.u32s(ix.kwStart)
	e.u32s(ix.kwTerm)
	e.u32s(ix.byCode)
	binary.LittleEndian.PutUint32(e.b[sumAt:], crc32.Checksum(e.b[body:], castagnoli))
	return e.b
}

// encodedSizeHint is about the size of ix's encoding, to allocate it once.
func (ix *Index) encodedSizeHint() int {
	n := len(ix.text) + 4*len(ix.off) + 4*len(ix.nameStart) + 4*len(ix.kwStart) + 4*len(ix.kwTerm) + 4*len(ix.byCode)
	n += 2*len(ix.nameTerm16) + 4*len(ix.nameTerm) + 2*len(ix.nameSig) + 8*ix.Len()
	for i := range ix.prim {
		n += 4*(len(ix.prim[i])+len(ix.sec[i])+len(ix.first[i])+3) + len(ix.vocab[i]) + 4
	}
	return n
}

// Decode rebuilds an index from Encode's output. It returns an error
// wrapping ErrStale for an encoding of another format or stamp, and another
// error for one that is damaged; it never keeps b. d is the dictionary, as
// for Build.
func Decode(b []byte, stamp string, d *Dictionary) (*Index, error) {
	r := decoder{b: b}
	if string(r.take(len(persistMagic))) != persistMagic {
		return nil, fmt.Errorf("%w: not a search index", errCorrupt)
	}
	if v := r.u32(); v != persistVersion {
		return nil, fmt.Errorf("%w: format %d, this version reads %d", ErrStale, v, persistVersion)
	}
	if s := r.str(); r.err == nil && s != stamp {
		return nil, fmt.Errorf("%w: made by %q", ErrStale, s)
	}
	sum := r.u32()
	if r.err != nil {
		return nil, r.err
	}
	if crc32.Checksum(r.b, castagnoli) != sum {
		return nil, fmt.Errorf("%w: checksum", errCorrupt)
	}

	ix := &Index{dict: d}
	n := int(r.u32())
	ix.text = r.str()
	ix.off = r.u32s()
	ix.fieldCodes = r.strs()
	ix.fieldNames = r.strs()
	ix.agencyCodes = r.strs()
	ix.agencyNames = r.strs()
	if others := r.count(12); others > 0 {
		ix.otherNames = make(map[uint32][2]string, others)
		for range others {
			doc := r.u32()
			ix.otherNames[doc] = [2]string{r.str(), r.str()}
		}
	}
	ix.docLevel = r.u8s()
	ix.docLevelOld = r.u8s()
	ix.docCentre = r.u8s()
	ix.docField = r.u16s()
	ix.docAgency = r.u32s()
	ix.vocab = r.strs()
	ix.prim = r.lists()
	ix.sec = r.lists()
	ix.first = r.lists()
	ix.nameStart = r.u32s()
	switch r.u8() {
	case 16:
		ix.nameTerm16 = r.u16s()
	case 32:
		ix.nameTerm = r.u32s()
	default:
		r.fail("name word width")
	}
	ix.nameSig = r.u16s()
	ix.sigs = r.u32s()
	ix.kwStart = r.u32s()
	ix.kwTerm = r.u32s()
	ix.byCode = r.u32s()
	if r.err == nil && len(r.b) != 0 {
		r.fail("trailing bytes")
	}
	if r.err != nil {
		return nil, r.err
	}
	if err := ix.check(n); err != nil {
		return nil, fmt.Errorf("%w: %v", errCorrupt, err)
	}
	ix.derive()
	return ix, nil
}

// check verifies that every offset and id in a decoded index is in range,
// so that searching it cannot index out of bounds.
func (ix *Index) check(n int) error {
	for _, l := range []int{len(ix.docLevel), len(ix.docLevelOld), len(ix.docCentre), len(ix.docField), len(ix.docAgency), len(ix.byCode)} {
		if l != n {
			return fmt.Errorf("per-procedure arrays of %d, want %d", l, n)
		}
	}
	if n > 0 && len(ix.vocab) == 0 {
		return errors.New("procedures without words")
	}
	if err := checkBounds(ix.off, 2*n+1, uint32(len(ix.text))); err != nil {
		return fmt.Errorf("text offsets: %v", err)
	}
	words := len(ix.nameTerm) + len(ix.nameTerm16)
	if err := checkBounds(ix.nameStart, n+1, uint32(words)); err != nil {
		return fmt.Errorf("name words: %v", err)
	}
	if err := checkBounds(ix.kwStart, n+1, uint32(len(ix.kwTerm))); err != nil {
		return fmt.Errorf("keyword words: %v", err)
	}
	if len(ix.nameSig) != words {
		return errors.New("tone signatures do not match the name words")
	}
	if ix.nameTerm16 != nil && len(ix.vocab) > 1<<16 {
		return errors.New("16-bit name words for a larger vocabulary")
	}
	if len(ix.fieldNames) != len(ix.fieldCodes) || len(ix.agencyNames) != len(ix.agencyCodes) || len(ix.fieldCodes) > 1<<16 {
		return errors.New("field or agency names do not match their codes")
	}
	v := uint32(len(ix.vocab))
	for i := range words {
		if ix.termAt(i) >= v {
			return errors.New("name word out of range")
		}
		if s := ix.nameSig[i]; s != noSig && int(s) >= len(ix.sigs) {
			return errors.New("tone signature out of range")
		}
	}
	for _, t := range ix.kwTerm {
		if t >= v {
			return errors.New("keyword word out of range")
		}
	}
	for d := range n {
		if int(ix.docField[d]) >= len(ix.fieldCodes) || int(ix.docAgency[d]) >= len(ix.agencyCodes) {
			return errors.New("field or agency out of range")
		}
		if c := ix.docCentre[d]; c&^(centreAny|tierMask) != 0 || int(c&tierMask>>tierShift) >= len(tierCodes) {
			return errors.New("tier out of range")
		}
	}
	for d := range ix.otherNames {
		if int(d) >= n {
			return errors.New("named procedure out of range")
		}
	}
	if len(ix.prim) != len(ix.vocab) || len(ix.sec) != len(ix.vocab) || len(ix.first) != len(ix.vocab) {
		return errors.New("postings do not match the vocabulary")
	}
	for _, lists := range [][][]uint32{ix.prim, ix.sec, ix.first} {
		for _, l := range lists {
			// Ascending documents, each once: the reads gallop and merge.
			prev := -1
			for _, p := range l {
				doc := int(p >> 2)
				if doc >= n || doc <= prev {
					return errors.New("posting out of order or range")
				}
				prev = doc
			}
		}
	}
	seen := make([]bool, n)
	for _, d := range ix.byCode {
		if int(d) >= n || seen[d] {
			return errors.New("code order is not a permutation")
		}
		seen[d] = true
	}
	for _, l := range [][]string{ix.vocab, ix.fieldCodes, ix.agencyCodes} {
		set := make(map[string]struct{}, len(l))
		for _, s := range l {
			if _, dup := set[s]; dup {
				return fmt.Errorf("%q twice", s)
			}
			set[s] = struct{}{}
		}
	}
	return nil
}

// checkBounds checks that offs has want entries, starts at 0, never
// decreases and ends at end.
func checkBounds(offs []uint32, want int, end uint32) error {
	if len(offs) != want {
		return fmt.Errorf("%d offsets, want %d", len(offs), want)
	}
	if offs[0] != 0 || offs[len(offs)-1] != end {
		return errors.New("do not span their data")
	}
	for i := 1; i < len(offs); i++ {
		if offs[i] < offs[i-1] {
			return errors.New("decreasing")
		}
	}
	return nil
}

// derive builds what an index computes from its arrays: the lookups by
// word, field and agency code, and what finish derives from the vocabulary.
func (ix *Index) derive() {
	ix.termID = make(map[string]uint32, len(ix.vocab))
	for id, w := range ix.vocab {
		ix.termID[w] = uint32(id)
	}
	ix.fieldIdx = make(map[string]uint16, len(ix.fieldCodes))
	for i, c := range ix.fieldCodes {
		ix.fieldIdx[c] = uint16(i)
	}
	ix.agencyIdx = make(map[string]uint32, len(ix.agencyCodes))
	for i, c := range ix.agencyCodes {
		ix.agencyIdx[c] = uint32(i)
	}
	ix.deriveVocabulary()
	n, terms := ix.Len(), len(ix.vocab)
	ix.scratch.New = func() any { return newScratch(n, terms) }
}

type encoder struct{ b []byte }

func (e *encoder) u32(v uint32) { e.b = binary.LittleEndian.AppendUint32(e.b, v) }

func (e *encoder) str(s string) {
	e.u32(uint32(len(s)))
	e.b = append(e.b, s...)
}

func (e *encoder) u8s(l []uint8) {
	e.u32(uint32(len(l)))
	e.b = append(e.b, l...)
}

func (e *encoder) u16s(l []uint16) {
	e.u32(uint32(len(l)))
	for _, v := range l {
		e.b = binary.LittleEndian.AppendUint16(e.b, v)
	}
}

func (e *encoder) u32s(l []uint32) {
	e.u32(uint32(len(l)))
	for _, v := range l {
		e.u32(v)
	}
}

// strs writes the lengths first and then the bytes, so Decode can make one
// string of all of them and slice it.
func (e *encoder) strs(l []string) {
	e.u32(uint32(len(l)))
	for _, s := range l {
		e.u32(uint32(len(s)))
	}
	for _, s := range l {
		e.b = append(e.b, s...)
	}
}

// lists writes the lengths first and then the values, so Decode can fill
// one array and slice it.
func (e *encoder) lists(ls [][]uint32) {
	e.u32(uint32(len(ls)))
	for _, l := range ls {
		e.u32(uint32(len(l)))
	}
	for _, l := range ls {
		for _, v := range l {
			e.u32(v)
		}
	}
}

// decoder reads what encoder wrote. The first problem sticks in err and
// every later read returns zero values, so Decode checks once at the end.
type decoder struct {
	b   []byte
	err error
}

func (r *decoder) fail(what string) {
	if r.err == nil {
		r.err = fmt.Errorf("%w: %s", errCorrupt, what)
	}
	r.b = nil
}

func (r *decoder) take(n int) []byte {
	if r.err != nil || n < 0 || n > len(r.b) {
		r.fail("truncated")
		return nil
	}
	out := r.b[:n]
	r.b = r.b[n:]
	return out
}

func (r *decoder) u8() uint8 {
	if b := r.take(1); b != nil {
		return b[0]
	}
	return 0
}

func (r *decoder) u32() uint32 {
	if b := r.take(4); b != nil {
		return binary.LittleEndian.Uint32(b)
	}
	return 0
}

// count reads a length of items of at least size bytes each and checks
// that so many can still follow, so a damaged length cannot make Decode
// allocate gigabytes.
func (r *decoder) count(size int) int {
	n := uint64(r.u32())
	if n*uint64(size) > uint64(len(r.b)) {
		r.fail("length past the end")
		return 0
	}
	return int(n)
}

func (r *decoder) str() string { return string(r.take(r.count(1))) }

func (r *decoder) u8s() []uint8 {
	n := r.count(1)
	if n == 0 {
		return nil
	}
	return slices.Clone(r.take(n))
}

func (r *decoder) u16s() []uint16 {
	n := r.count(2)
	raw := r.take(2 * n)
	if n == 0 || raw == nil {
		return nil
	}
	out := make([]uint16, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint16(raw[2*i:])
	}
	return out
}

func (r *decoder) u32s() []uint32 { return r.u32sOf(r.count(4)) }

func (r *decoder) strs() []string {
	n := r.count(4)
	if n == 0 {
		return nil
	}
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.count(1)
		total += lens[i]
	}
	all := string(r.take(total))
	if r.err != nil {
		return nil
	}
	out := make([]string, n)
	at := 0
	for i, l := range lens {
		out[i] = all[at : at+l]
		at += l
	}
	return out
}

func (r *decoder) lists() [][]uint32 {
	n := r.count(4)
	if n == 0 {
		return nil
	}
	lens := make([]int, n)
	total := 0
	for i := range lens {
		lens[i] = r.count(4)
		total += lens[i]
	}
	all := r.u32sOf(total)
	if r.err != nil {
		return nil
	}
	out := make([][]uint32, n)
	at := 0
	for i, l := range lens {
		if l > 0 {
			out[i] = all[at : at+l : at+l]
		}
		at += l
	}
	return out
}

// u32sOf reads n values that have no length of their own.
func (r *decoder) u32sOf(n int) []uint32 {
	raw := r.take(4 * n)
	if raw == nil || n == 0 {
		return nil
	}
	out := make([]uint32, n)
	for i := range out {
		out[i] = binary.LittleEndian.Uint32(raw[4*i:])
	}
	return out
}
