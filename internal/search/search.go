package search

import (
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
	// Centre, when set, keeps only the procedures that centre accepts
	// (centre.go).
	Centre Centre

	accepted *docSet // Centre resolved by Search
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
	q.accepted = ix.acceptedBy(q.Centre)
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
	s.shortened = s.shortened[:0]
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
		ix.accumulate(s, qgen, uint8(vi), v, ms, q, fi, ai, perVariant, limit)
	}
	ix.settle(s, qgen)
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
		(q.Level == 0 || int(ix.docLevel[d]) == q.Level) &&
		(q.accepted == nil || q.accepted.has(d))
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
