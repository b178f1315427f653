package search

import (
	"sync/atomic"

	"kiosk/internal/portal"
)

// Centre is the Trung tâm Phục vụ hành chính công a kiosk stands in, as the
// site config names it ([centre] level and agency_code). A Query with a
// Centre finds only the procedures that centre accepts: its own procedures
// (a commune centre: its commune's; the province's centre: the province's)
// plus every procedure of the province that any centre accepts (không phụ
// thuộc địa giới hành chính, Nghị định 118/2025/NĐ-CP). The zero Centre
// filters nothing.
type Centre struct {
	// Level is CentreProvince or CentreCommune.
	Level string
	// AgencyCode is the portal's code of the centre's agency: the commune's
	// UBND for a commune centre, the province centre's own code otherwise.
	AgencyCode string
}

// Centre levels, the values of Centre.Level (the config's centre.level).
const (
	CentreProvince = "province"
	CentreCommune  = "commune"
)

// IsZero reports whether c names no centre (the whole catalogue).
func (c Centre) IsZero() bool { return c.Level == "" && c.AgencyCode == "" }

// What the index keeps per procedure for the centre filter: the any-centre
// flag and the tier (cấp thực hiện), the procedure's own or, when the portal
// sends none, its agency's.
const (
	centreAny   = 1 << 0
	tierShift   = 1
	tierMask    = 7 << tierShift
	tierUnknown = 0
)

var tierCodes = []string{tierUnknown: "", 1: portal.TierCentral, 2: portal.TierProvince, 3: portal.TierCommune, 4: portal.TierDistrict}

func tierOf(t string) uint8 {
	for i, s := range tierCodes {
		if s == t && s != "" {
			return uint8(i)
		}
	}
	return tierUnknown
}

// initCentre records the tier of every agency's kind, for procedures that
// carry no tier of their own.
func (b *Builder) initCentre(agencies []portal.Agency) {
	b.agencyTier = make(map[string]uint8, len(agencies))
	for _, a := range agencies {
		if t := tierOf(portal.TierOfAgency(a.Kind)); t != tierUnknown {
			b.agencyTier[a.Code] = t
		}
	}
}

// centreFlags is what the centre filter needs of p, in one byte.
func (b *Builder) centreFlags(p *portal.Procedure) uint8 {
	t := tierOf(p.Tier)
	if t == tierUnknown {
		t = b.agencyTier[p.AgencyCode]
	}
	f := t << tierShift
	if p.AnyCentre {
		f |= centreAny
	}
	return f
}

// docTier is doc's tier as a portal.Tier* string ("" when unknown).
func (ix *Index) docTier(d uint32) string { return tierCodes[(ix.docCentre[d]&tierMask)>>tierShift] }

// docAnyCentre reports whether any centre in the province accepts doc.
func (ix *Index) docAnyCentre(d uint32) bool { return ix.docCentre[d]&centreAny != 0 }

// docSet is a set of documents, one bit each.
type docSet struct {
	centre Centre
	bits   []uint64
	n      int
}

func (s *docSet) has(d uint32) bool { return s.bits[d>>6]&(1<<(d&63)) != 0 }

// acceptedBy is the set of procedures centre c accepts, nil for the zero
// Centre (no filter). The index keeps the last set it made: a kiosk stands
// in one centre, so every search after the first reads the same bits.
func (ix *Index) acceptedBy(c Centre) *docSet {
	if c.IsZero() {
		return nil
	}
	if s := ix.centreCache.Load(); s != nil && s.centre == c {
		return s
	}
	n := ix.Len()
	s := &docSet{centre: c, bits: make([]uint64, (n+63)/64)}
	own := -1
	if a, ok := ix.agencyIdx[c.AgencyCode]; ok {
		own = int(a)
	}
	for d := range n {
		if ix.accepts(uint32(d), c, own) {
			s.bits[d>>6] |= 1 << (d & 63)
			s.n++
		}
	}
	ix.centreCache.Store(s)
	return s
}

// accepts reports whether centre c (whose agency is index own, -1 when it
// handles no procedure itself) accepts doc d.
func (ix *Index) accepts(d uint32, c Centre, own int) bool {
	return c.accepts(ix.docAnyCentre(d), own >= 0 && int(ix.docAgency[d]) == own, ix.docTier(d))
}

// Accepts reports whether centre c accepts p, as a Query with c filters:
// for a result's Procedure (whose Tier the index filled from its agency
// when the portal sent none). The zero Centre accepts everything.
func (c Centre) Accepts(p *portal.Procedure) bool {
	return c.IsZero() || c.accepts(p.AnyCentre, p.AgencyCode == c.AgencyCode, p.Tier)
}

// accepts is the rule itself: any-centre procedures everywhere, the
// centre's own agency's, and the province's at the province's centre.
func (c Centre) accepts(anyCentre, ownAgency bool, tier string) bool {
	return anyCentre || ownAgency || c.Level == CentreProvince && tier == portal.TierProvince
}

// CentreLen is the number of procedures centre c accepts (all of them for
// the zero Centre).
func (ix *Index) CentreLen(c Centre) int {
	if s := ix.acceptedBy(c); s != nil {
		return s.n
	}
	return ix.Len()
}

// CentreCounts counts the procedures centre c accepts per field and per
// agency code, for the browse tiles of "procedures this centre accepts".
func (ix *Index) CentreCounts(c Centre) (fields, agencies map[string]int) {
	s := ix.acceptedBy(c)
	fields, agencies = map[string]int{}, map[string]int{}
	for d := range ix.Len() {
		if s != nil && !s.has(uint32(d)) {
			continue
		}
		fields[ix.fieldCodes[ix.docField[d]]]++
		agencies[ix.agencyCodes[ix.docAgency[d]]]++
	}
	return fields, agencies
}

// centreCache is the last set acceptedBy made; see there.
type centreCache = atomic.Pointer[docSet]
