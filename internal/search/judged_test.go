package search

import (
	"bufio"
	"os"
	"strings"
	"testing"

	"kiosk/internal/portalsim"
)

// judgedQuery is one line of testdata/judged.tsv.
type judgedQuery struct{ Query, Code string }

func loadJudged(tb testing.TB) []judgedQuery {
	tb.Helper()
	f, err := os.Open("testdata/judged.tsv")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []judgedQuery
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		l := sc.Text()
		if strings.TrimSpace(l) == "" || strings.HasPrefix(l, "#") {
			continue
		}
		q, code, ok := strings.Cut(l, "\t")
		if !ok {
			tb.Fatalf("judged.tsv: no tab in %q", l)
		}
		out = append(out, judgedQuery{q, code})
	}
	return out
}

// TestJudgedQueriesOnTheDemoDataset checks that the procedure a citizen
// means is among the first three results for nearly every judged query.
func TestJudgedQueriesOnTheDemoDataset(t *testing.T) {
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(t))
	judged := loadJudged(t)
	if len(judged) < 60 {
		t.Fatalf("%d judged queries, want at least 60", len(judged))
	}
	known := map[string]bool{}
	for _, p := range ds.Procedures {
		known[p.Code] = true
	}
	hits := 0
	for _, j := range judged {
		if !known[j.Code] {
			t.Errorf("judged.tsv names %s, which the demo dataset does not have", j.Code)
			continue
		}
		rs := ix.Search(Query{Text: j.Query + " ", Limit: 3})
		found := false
		for _, r := range rs {
			found = found || r.Code == j.Code
		}
		if found {
			hits++
		} else {
			t.Logf("miss: %q wants %s, got %q", j.Query, j.Code, names(rs))
		}
	}
	share := float64(hits) / float64(len(judged))
	t.Logf("top-3 accuracy: %d/%d = %.1f%%", hits, len(judged), 100*share)
	if share < 0.9 {
		t.Errorf("top-3 accuracy %.1f%%, want at least 90%%", 100*share)
	}
}

// TestDictionaryPhrasesSurviveALargeCatalogue guards against the dictionary's
// reading of a query being crowded out: in a big catalogue thousands of names
// contain "sổ" and "do", and the land certificate must still come first.
func TestDictionaryPhrasesSurviveALargeCatalogue(t *testing.T) {
	if testing.Short() {
		t.Skip("builds a 20,000-procedure catalogue")
	}
	ds := benchCorpus(t, 20000)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(t))
	tests := []struct{ query, code string }{
		{"so do", "1.012751.000.00.00.H29"},
		{"sổ hồng", "1.012751.000.00.00.H29"},
		{"cccd", "1.012874.000.00.00.H29"},
		{"lam giay khai sinh", "1.001193.000.00.00.H29"},
		{"sang ten so do", "1.012752.000.00.00.H29"},
	}
	for _, tt := range tests {
		t.Run(tt.query, func(t *testing.T) {
			rs := ix.Search(Query{Text: tt.query + " ", Limit: 3})
			for _, r := range rs {
				if r.Code == tt.code {
					return
				}
			}
			t.Errorf("%s not in the top 3: %q", tt.code, names(rs))
		})
	}
}
