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
	s := &Services{Cache: c, dict: dict, Log: slog.New(slog.NewTextHandler(io.Discard, nil)), indexed: make(chan struct{})}
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
