package ui

import (
	"encoding/json"
	"strings"
	"sync"
	"testing"

	"kiosk/assets"
	"kiosk/internal/portal"
	"kiosk/internal/search"
)

var (
	demoIndexOnce sync.Once
	demoIndex     *search.Index
)

// realIndex is the real search index over the demo catalogue (the dataset
// `kiosk -demo` serves), so the presentation is tested on the ranking
// citizens get, not on the fake's substring search.
func realIndex(t *testing.T) *search.Index { return realIndexFor(t) }

func realIndexFor(t testing.TB) *search.Index {
	t.Helper()
	demoIndexOnce.Do(func() {
		var procs []portal.Procedure
		var agencies []portal.Agency
		var fields []portal.Field
		for name, v := range map[string]any{"demo/procedures.json": &procs, "demo/agencies.json": &agencies, "demo/fields.json": &fields} {
			b, err := assets.Demo.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := json.Unmarshal(b, v); err != nil {
				t.Fatal(err)
			}
		}
		d, err := search.LoadDictionary()
		if err != nil {
			t.Fatal(err)
		}
		demoIndex = search.Build(procs, agencies, fields, d)
	})
	if demoIndex == nil {
		t.Fatal("no demo index")
	}
	return demoIndex
}

func present(t *testing.T, q string) resultSet {
	return presentResults(q, realIndex(t).Search(Query{Text: q, Limit: resultLimit}))
}

func names(rs resultSet) []string {
	var out []string
	if rs.Best != nil {
		out = append(out, "best: "+rs.Best.Name)
	}
	for _, r := range rs.Main {
		out = append(out, r.Name)
	}
	return out
}

func TestSearchShowsASmallSetThatMatchesAllTheWords(t *testing.T) {
	rs := present(t, "khai sinh")
	if n := rs.Total(); n == 0 || n > 10 {
		t.Fatalf(`"khai sinh" shows %d procedures, want a handful: %q`, n, names(rs))
	}
	for _, n := range names(rs) {
		if !strings.Contains(strings.ToLower(n), "khai sinh") {
			t.Errorf(`"khai sinh" shows %q among the first results`, n)
		}
	}
	if rs.Approximate {
		t.Error(`"khai sinh" is said to be approximate`)
	}
}

func TestMoreWordsNarrowTheResults(t *testing.T) {
	for _, chain := range [][]string{
		{"khai sinh", "dang ky khai sinh", "dang ky khai sinh luu dong"},
		{"giay phep", "giay phep xay dung", "cap lai giay phep xay dung"},
		{"ket hon", "dang ky ket hon"},
	} {
		prev := -1
		for _, q := range chain {
			rs := present(t, q)
			n := rs.Total() + len(rs.Related)
			if prev >= 0 && n > prev {
				t.Errorf("%q shows %d procedures, more than the %d of the shorter query", q, n, prev)
			}
			prev = n
		}
	}
}

func TestAClearWinnerIsOfferedFirst(t *testing.T) {
	for _, tc := range []struct{ q, want string }{
		{"dang ky khai sinh", "Đăng ký khai sinh"},
		{"Đăng ký kết hôn", "Đăng ký kết hôn"},
	} {
		rs := present(t, tc.q)
		if rs.Best == nil || rs.Best.Name != tc.want {
			t.Errorf("%q: best match %v, want %q (shown %q)", tc.q, rs.Best, tc.want, names(rs))
		}
	}
	if rs := present(t, "khai sinh"); rs.Best != nil {
		t.Errorf(`"khai sinh" names %q as the one answer; six procedures match it equally`, rs.Best.Name)
	}
}

func TestATwoLetterWordMatchesWordsThatStartWithIt(t *testing.T) {
	rs := present(t, "da")
	for _, r := range append(rs.Main, rs.Related...) {
		ok := false
		for _, w := range search.Tokens(r.Name) {
			ok = ok || strings.HasPrefix(w, "da")
		}
		if !ok {
			t.Errorf(`"da" shows %q, which has no word starting with "da"`, r.Name)
		}
	}
}

func TestOneLetterIsTooShortToSearch(t *testing.T) {
	for _, q := range []string{"d", "n", "Đ", " a "} {
		if !tooShort(q) {
			t.Errorf("%q is searched", q)
		}
	}
	for _, q := range []string{"da", "1", "ab c", ""} {
		if tooShort(q) {
			t.Errorf("%q is called too short", q)
		}
	}
}

func TestTheFindScreenCountsWhatItShows(t *testing.T) {
	h := newHarness(t, func(d *Deps, _ *Options) { d.Search = realSearcher{realIndex(t)} })
	h.tap("Tra cứu thủ tục")
	h.typeKeys("d")
	h.mustSee(h.k.t("find.tooshort"))
	h.mustSee(h.k.t("find.byfield"))
	h.tapID("kb.hide")
	h.k.cur.(*findScreen).query.set("dang ky khai sinh")
	h.settle()
	h.mustSee("Có phải bạn cần:")
	h.mustSee("Đăng ký khai sinh")
	rs := h.k.cur.(*findScreen).set
	h.mustSee(h.k.t("find.count", "N", rs.Total()))
	if len(rs.Related) > 0 {
		h.tapID("find.related", "N", len(rs.Related))
		h.mustSee(h.k.t("find.related.heading"))
	}
}

// realSearcher adapts the real index to the screens' Searcher.
type realSearcher struct{ ix *search.Index }

func (r realSearcher) Search(q Query) []Result      { return r.ix.Search(q) }
func (r realSearcher) FieldCounts() map[string]int  { return r.ix.FieldCounts() }
func (r realSearcher) AgencyCounts() map[string]int { return r.ix.AgencyCounts() }
