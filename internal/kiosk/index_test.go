package kiosk

import (
	"bufio"
	"io"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/search"
)

// TestTheIndexStreamedFromTheCacheFindsWhatTheFullRecordsFind builds the
// kiosk's index the way start-up does (summaries streamed out of the cache)
// and checks every judged query and query-set line gives exactly the results
// of an index built from the fully decoded procedures.
func TestTheIndexStreamedFromTheCacheFindsWhatTheFullRecordsFind(t *testing.T) {
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	ds.AddSynthetic(1500, 3)
	c, err := catalog.Open(filepath.Join(t.TempDir(), "cache.db"), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	for i := 0; i < len(ds.Procedures); i += 500 {
		if err := c.ApplyPage(ds.Procedures[i:min(i+500, len(ds.Procedures))], catalog.SyncState{}); err != nil {
			t.Fatal(err)
		}
	}
	if err := c.ReplaceAgencies(ds.Agencies); err != nil {
		t.Fatal(err)
	}
	if err := c.ReplaceFields(ds.Fields); err != nil {
		t.Fatal(err)
	}
	dict, err := search.LoadDictionary()
	if err != nil {
		t.Fatal(err)
	}
	s := &Catalogue{cache: c, dict: dict, log: slog.New(slog.NewTextHandler(io.Discard, nil)), indexed: make(chan struct{})}
	select {
	case <-s.SearchReady():
		t.Fatal("search ready before any index was built")
	default:
	}
	s.RebuildIndex()
	select {
	case <-s.SearchReady():
	default:
		t.Fatal("search not ready after the index was built")
	}

	procs, _ := c.Procedures()
	agencies, _ := c.Agencies()
	fields, _ := c.Fields()
	full := search.Build(procs, agencies, fields, dict)
	if got := s.index.Load().Len(); got != full.Len() || got != len(ds.Procedures) {
		t.Fatalf("streamed index has %d procedures, full one %d, dataset %d", got, full.Len(), len(ds.Procedures))
	}
	var queries []string
	for _, f := range []string{"../search/testdata/judged.tsv", "../search/testdata/queries.txt"} {
		fh, err := os.Open(f)
		if err != nil {
			t.Fatal(err)
		}
		sc := bufio.NewScanner(fh)
		for sc.Scan() {
			if l := sc.Text(); strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
				q, _, _ := strings.Cut(l, "\t")
				queries = append(queries, q, q+" ")
			}
		}
		fh.Close()
	}
	for _, q := range queries {
		got, want := s.Search(search.Query{Text: q}), full.Search(search.Query{Text: q})
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%q: streamed index found %d results, full records %d (first differ)", q, len(got), len(want))
		}
	}
	if !reflect.DeepEqual(s.FieldCounts(), full.FieldCounts()) || !reflect.DeepEqual(s.AgencyCounts(), full.AgencyCounts()) {
		t.Error("browse counts differ between the streamed and the full index")
	}
}

// TestTheNextStartLoadsTheStoredIndexUnlessAnythingChanged walks what a
// kiosk does across restarts: the first start builds the index and stores
// it, the next one loads it (and finds exactly what a build finds), and
// another binary, a changed catalogue or a damaged stored copy each make it
// build again instead of trusting the copy.
func TestTheNextStartLoadsTheStoredIndexUnlessAnythingChanged(t *testing.T) {
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	ds.AddSynthetic(800, 5)
	c, err := catalog.Open(filepath.Join(t.TempDir(), "cache.db"), catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	if err := c.ApplyPage(ds.Procedures, catalog.SyncState{}); err != nil {
		t.Fatal(err)
	}
	if err := c.ReplaceAgencies(ds.Agencies); err != nil {
		t.Fatal(err)
	}
	if err := c.ReplaceFields(ds.Fields); err != nil {
		t.Fatal(err)
	}
	dict, err := search.LoadDictionary()
	if err != nil {
		t.Fatal(err)
	}
	// start is one kiosk start with the given binary stamp: what its log
	// said about the index, and the catalogue it searches.
	start := func(stamp string) (string, *Catalogue) {
		var log strings.Builder
		s := &Catalogue{cache: c, dict: dict, log: slog.New(slog.NewTextHandler(&log, nil)), indexed: make(chan struct{}), stamp: stamp}
		s.LoadIndex()
		<-s.SearchReady()
		return log.String(), s
	}
	same := func(t *testing.T, s *Catalogue) {
		t.Helper()
		procs, _ := c.Procedures()
		agencies, _ := c.Agencies()
		fields, _ := c.Fields()
		full := search.Build(procs, agencies, fields, dict)
		for _, q := range []string{"khai sinh", "cap lai giay phep lai xe", "so do", "dang ky t", "1.0", "thu tuc thanh lap cong ty co phan "} {
			if got, want := s.Search(search.Query{Text: q}), full.Search(search.Query{Text: q}); !reflect.DeepEqual(got, want) {
				t.Errorf("%q: %d results, a build from the cache %d", q, len(got), len(want))
			}
		}
	}

	if log, _ := start("build-A"); !strings.Contains(log, "search index built") {
		t.Fatalf("the first start did not build the index:\n%s", log)
	}
	log, s := start("build-A")
	if !strings.Contains(log, "search index loaded") || strings.Contains(log, "search index built") {
		t.Fatalf("the second start did not load the stored index:\n%s", log)
	}
	same(t, s)

	if log, _ := start("build-B"); !strings.Contains(log, "another version") || !strings.Contains(log, "search index built") {
		t.Fatalf("another binary trusted the stored index:\n%s", log)
	}
	if log, _ := start("build-A"); !strings.Contains(log, "another version") {
		// build-B stored its own; build-A must not take it either.
		t.Fatalf("build-A took build-B's index:\n%s", log)
	}

	// A sync page lands: the stored index no longer matches the catalogue.
	added := ds.Procedures[0]
	added.Code, added.Name = "9.999999.000.00.00.H99", "Cấp phép nuôi chim yến trong khu dân cư"
	if err := c.ApplyPage([]portal.Procedure{added}, catalog.SyncState{}); err != nil {
		t.Fatal(err)
	}
	log, s = start("build-A")
	if !strings.Contains(log, "search index built") {
		t.Fatalf("a changed catalogue loaded the stored index:\n%s", log)
	}
	if res := s.Search(search.Query{Text: "chim yen"}); len(res) == 0 || res[0].Code != added.Code {
		t.Fatalf("the procedure synced since the stored index is not found: %v", res)
	}
	same(t, s)

	// Damaged bytes stored as the current index: a warning and a build.
	gen, err := c.EachSummaryAt(func(*portal.Procedure) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := c.PutSearchIndex(gen, []byte("KSIX\x01\x00\x00\x00garbage")); err != nil || !ok {
		t.Fatal(ok, err)
	}
	log, s = start("build-A")
	if !strings.Contains(log, "unusable") || !strings.Contains(log, "search index built") {
		t.Fatalf("a damaged stored index was not rebuilt:\n%s", log)
	}
	same(t, s)
}

func TestTheBinaryIsStampedByItsGoBuildID(t *testing.T) {
	s := buildStamp()
	if !strings.HasPrefix(s, "go-buildid:") || len(s) < len("go-buildid:")+20 {
		t.Fatalf("stamp %q, want the test binary's Go build ID", s)
	}
	if buildStamp() != s {
		t.Fatal("the stamp changes within one binary")
	}
}

func TestAnOlderIndexFinishingLateDoesNotReplaceANewerOne(t *testing.T) {
	c := &Catalogue{}
	newer, older := search.Build(nil, nil, nil, nil), search.Build(nil, nil, nil, nil)
	if !c.swap(newer, 5) {
		t.Fatal("the first index was not swapped in")
	}
	if c.swap(older, 4) || c.index.Load() != newer {
		t.Fatal("an index of generation 4 replaced one of generation 5")
	}
	if !c.swap(older, 5) || c.index.Load() != older {
		t.Fatal("a rebuild of the same generation was refused")
	}
}
