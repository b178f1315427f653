package search

import (
	"reflect"
	"sync"
	"testing"
)

// TestConjunctiveReadsFindExactlyWhatReadingEveryPostingFinds runs the
// query set (as typed and finished with a space, with and without a field
// filter) on a 20,000-procedure catalogue of each synthetic mode with the
// conjunctive, intersection and forward reads and without them: every
// result, score and highlight must be the same.
func TestConjunctiveReadsFindExactlyWhatReadingEveryPostingFinds(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-procedure catalogue")
	}
	for _, mode := range benchModes {
		t.Run(mode, func(t *testing.T) { conjunctiveMatchesExhaustive(t, mode) })
	}
}

func conjunctiveMatchesExhaustive(t *testing.T, mode string) {
	ds := benchCorpusMode(t, mode, 20000)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(t))
	t.Cleanup(func() { exhaustive = false })
	var queries []Query
	for _, q := range benchQueries(t) {
		for _, text := range []string{q, q + " "} {
			queries = append(queries, Query{Text: text, Limit: 20}, Query{Text: text, Limit: 100},
				Query{Text: text, FieldCode: "SX_DATDAI"})
		}
	}
	for _, j := range loadJudged(t) {
		queries = append(queries, Query{Text: j.Query + " ", Limit: 3})
	}
	for _, q := range queries {
		matchesExhaustive(t, ix, q)
	}
}

// matchesExhaustive fails t unless q finds the same results, scores and
// highlights with the shortened reads as with reading every posting.
func matchesExhaustive(t *testing.T, ix *Index, q Query) {
	t.Helper()
	defer func() { exhaustive = false }()
	exhaustive = false
	got := ix.Search(q)
	exhaustive = true
	want := ix.Search(q)
	if !reflect.DeepEqual(got, want) {
		t.Errorf("%+v: shortened reads give %q, reading every posting %q", q, names(got), names(want))
	}
}

// FuzzShortenedReadsFindWhatReadingEveryPostingFinds is the comparison above
// for any text, limit and filter: the conjunctive, forward, pruned and
// by-length reads must give exactly the results of reading every posting.
func FuzzShortenedReadsFindWhatReadingEveryPostingFinds(f *testing.F) {
	ds := benchCorpus(f, 2000)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(f))
	for _, q := range []string{"cap d", "tro c", "bang lai xe", "cai chinh ho tich", "giay phep lai se",
		"Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm", "lam giay khai sinh cho con", "thu tuc thanh lap cong ty co phan"} {
		f.Add(q, uint8(20), false)
	}
	var mu sync.Mutex
	f.Fuzz(func(t *testing.T, text string, limit uint8, filtered bool) {
		q := Query{Text: text, Limit: int(limit%120) + 1}
		if filtered {
			q.FieldCode = "SX_DATDAI"
		}
		mu.Lock()
		defer mu.Unlock()
		matchesExhaustive(t, ix, q)
	})
}
