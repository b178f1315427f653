// Package blevecmp compares the kiosk's search with github.com/blevesearch/bleve
// on the same catalogue and queries, for docs/performance.md. It has only test
// files, so bleve is a benchmark-only dependency and never linked into the
// kiosk.
package blevecmp

import (
	"bufio"
	"fmt"
	"os"
	"runtime"
	"slices"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/blevesearch/bleve/v2"
	"github.com/blevesearch/bleve/v2/analysis/analyzer/custom"
	"github.com/blevesearch/bleve/v2/analysis/char/asciifolding"
	"github.com/blevesearch/bleve/v2/analysis/token/lowercase"
	"github.com/blevesearch/bleve/v2/analysis/tokenizer/unicode"
	"github.com/blevesearch/bleve/v2/index/scorch"
	"github.com/blevesearch/bleve/v2/search/query"
	"golang.org/x/sys/unix"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/search"
)

// foldAnalyzer is bleve's answer to Vietnamese without diacritics: the
// ASCII-folding char filter (which maps đ to d and strips tone and vowel
// marks from precomposed letters), the Unicode word tokenizer, lowercase.
const foldAnalyzer = "vi_fold"

// Weights mirror the kiosk's: the name far above keywords, field and agency
// names, and document names.
const (
	boostName      = 10
	boostNameFuzzy = 3
	boostPrefix    = 5
	boostKeywords  = 6
	boostMeta      = 3
	boostDocuments = 1.5
)

type bleveDoc struct {
	Name      string `json:"name"`
	Keywords  string `json:"keywords"`
	Meta      string `json:"meta"`
	Documents string `json:"documents"`
}

// engine is one search engine under comparison.
type engine struct {
	name   string
	search func(q string, limit int) []string // codes, best first
}

// newBleve indexes procs in an in-memory bleve index with the folding
// analyzer on every field. The engine's queries include bleve's automatic
// typo tolerance on the name; withoutFuzzy is the same index queried without
// it (cheaper, typos not forgiven), as a floor for bleve's latency.
func newBleve(tb testing.TB, procs []portal.Procedure) (fuzzy, withoutFuzzy engine) {
	tb.Helper()
	im := bleve.NewIndexMapping()
	if err := im.AddCustomAnalyzer(foldAnalyzer, map[string]any{
		"type":          custom.Name,
		"char_filters":  []string{asciifolding.Name},
		"tokenizer":     unicode.Name,
		"token_filters": []string{lowercase.Name},
	}); err != nil {
		tb.Fatal(err)
	}
	im.DefaultAnalyzer = foldAnalyzer
	dm := bleve.NewDocumentMapping()
	for _, f := range []string{"name", "keywords", "meta", "documents"} {
		fm := bleve.NewTextFieldMapping()
		fm.Analyzer = foldAnalyzer
		fm.Store = false
		fm.IncludeInAll = false
		fm.IncludeTermVectors = false
		dm.AddFieldMappingsAt(f, fm)
	}
	im.DefaultMapping = dm
	// Scorch, bleve's default index type, kept in memory (empty path).
	idx, err := bleve.NewUsing("", im, scorch.Name, scorch.Name, nil)
	if err != nil {
		tb.Fatal(err)
	}
	batch := idx.NewBatch()
	for i, p := range procs {
		docs := make([]string, 0, len(p.Documents))
		for _, d := range p.Documents {
			docs = append(docs, d.Name)
		}
		if err := batch.Index(p.Code, bleveDoc{
			Name:      p.Name,
			Keywords:  strings.Join(p.Keywords, ", "),
			Meta:      p.FieldName + ", " + p.AgencyName,
			Documents: strings.Join(docs, ", "),
		}); err != nil {
			tb.Fatal(err)
		}
		if batch.Size() >= 2000 || i == len(procs)-1 {
			if err := idx.Batch(batch); err != nil {
				tb.Fatal(err)
			}
			batch = idx.NewBatch()
		}
	}
	analyzer := im.AnalyzerNamed(foldAnalyzer)
	searcher := func(useFuzzy bool) func(string, int) []string {
		return func(text string, limit int) []string {
			toks := analyzer.Analyze([]byte(text))
			if len(toks) == 0 {
				return nil
			}
			match := func(field string, boost float64, fuzzy bool) query.Query {
				q := bleve.NewMatchQuery(text)
				q.SetField(field)
				q.SetBoost(boost)
				q.Analyzer = foldAnalyzer
				if fuzzy {
					q.SetAutoFuzziness(true)
				}
				return q
			}
			// Search as you type: the last word is a prefix.
			prefix := bleve.NewPrefixQuery(string(toks[len(toks)-1].Term))
			prefix.SetField("name")
			prefix.SetBoost(boostPrefix)
			qs := []query.Query{
				match("name", boostName, false),
				prefix,
				match("keywords", boostKeywords, false),
				match("meta", boostMeta, false),
				match("documents", boostDocuments, false),
			}
			if useFuzzy {
				qs = append(qs, match("name", boostNameFuzzy, true))
			}
			res, err := idx.Search(bleve.NewSearchRequestOptions(bleve.NewDisjunctionQuery(qs...), limit, 0, false))
			if err != nil {
				tb.Fatal(err)
			}
			out := make([]string, len(res.Hits))
			for i, h := range res.Hits {
				out[i] = h.ID
			}
			return out
		}
	}
	return engine{name: "bleve", search: searcher(true)}, engine{name: "bleve-nofuzzy", search: searcher(false)}
}

func newOurs(tb testing.TB, ds *portalsim.Dataset) engine {
	tb.Helper()
	d, err := search.LoadDictionary()
	if err != nil {
		tb.Fatal(err)
	}
	return oursWith("ours", ds, d)
}

// oursWith builds our index with dictionary d (nil: no synonyms).
func oursWith(name string, ds *portalsim.Dataset, d *search.Dictionary) engine {
	ix := search.Build(ds.Procedures, ds.Agencies, ds.Fields, d)
	return engine{name: name, search: func(text string, limit int) []string {
		rs := ix.Search(search.Query{Text: text, Limit: limit})
		out := make([]string, len(rs))
		for i, r := range rs {
			out[i] = r.Code
		}
		return out
	}}
}

type corpusKey struct {
	mode string
	n    int
}

var (
	corpusMu sync.Mutex
	corpora  = map[corpusKey]*portalsim.Dataset{}
	bleves   = map[corpusKey][2]engine{}
)

// corpus is the demo dataset topped up with synthetic procedures of the
// recombined mode (seed 1) to n, exactly as the search package's own
// benchmarks build it.
func corpus(tb testing.TB, n int) *portalsim.Dataset {
	return corpusMode(tb, portalsim.SyntheticRecombined, n)
}

// corpusMode is corpus in the given synthetic mode.
func corpusMode(tb testing.TB, mode string, n int) *portalsim.Dataset {
	tb.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if ds, ok := corpora[corpusKey{mode, n}]; ok {
		return ds
	}
	ds, err := portalsim.Demo()
	if err != nil {
		tb.Fatal(err)
	}
	if n > 0 {
		if len(ds.Procedures) > n {
			ds.Procedures = ds.Procedures[:n]
		}
		if err := ds.AddSyntheticMode(mode, n-len(ds.Procedures), 1); err != nil {
			tb.Fatal(err)
		}
	}
	corpora[corpusKey{mode, n}] = ds
	return ds
}

func bleveFor(tb testing.TB, mode string, n int) [2]engine {
	ds := corpusMode(tb, mode, n)
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if e, ok := bleves[corpusKey{mode, n}]; ok {
		return e
	}
	start := time.Now()
	fuzzy, exact := newBleve(tb, ds.Procedures)
	tb.Logf("bleve indexed %d procedures in %s", len(ds.Procedures), time.Since(start).Round(time.Millisecond))
	bleves[corpusKey{mode, n}] = [2]engine{fuzzy, exact}
	return bleves[corpusKey{mode, n}]
}

func readLines(tb testing.TB, path string) []string {
	tb.Helper()
	f, err := os.Open(path)
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var out []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			out = append(out, l)
		}
	}
	return out
}

// TestJudgedTop3 reports, for each engine, the share of judged queries whose
// intended procedure is among the first three results on the demo dataset,
// and fails if ours does not beat bleve.
func TestJudgedTop3(t *testing.T) {
	ds := corpus(t, 0)
	fuzzy, exact := newBleve(t, ds.Procedures)
	// ours-nodict shows how much of ours is the dictionary: the judged
	// queries and the dictionary were written by the same person.
	engines := []engine{newOurs(t, ds), oursWith("ours-nodict", ds, nil), fuzzy, exact}
	lines := readLines(t, "../testdata/judged.tsv")
	share := map[string]float64{}
	for _, e := range engines {
		hits := 0
		for _, l := range lines {
			q, want, _ := strings.Cut(l, "\t")
			if slices.Contains(e.search(q+" ", 3), want) {
				hits++
			} else if testing.Verbose() {
				t.Logf("%s misses %q (%s)", e.name, q, want)
			}
		}
		share[e.name] = float64(hits) / float64(len(lines))
		t.Logf("%s: top-3 accuracy %d/%d = %.1f%%", e.name, hits, len(lines), 100*share[e.name])
	}
	for _, b := range []string{"bleve", "bleve-nofuzzy"} {
		if share["ours"] <= share[b] {
			t.Errorf("ours %.1f%% does not beat %s %.1f%% on the judged queries", 100*share["ours"], b, 100*share[b])
		}
	}
}

func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

func percentile(lat []time.Duration, p float64) float64 {
	slices.Sort(lat)
	return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Nanoseconds()) / 1e3
}

// BenchmarkCompare runs the same fixed queries on the same catalogue through
// both engines, one query per iteration round-robin, and reports per-query
// percentiles (wall clock, and the thread's CPU time, which is what one core
// spends regardless of other load). Use -benchtime=Nx with N a multiple of
// the query count (281). Both of portalsim's synthetic modes are measured:
// recombined (~500 distinct words) and realistic (a long tail of rare words,
// names of 5–40 words).
func BenchmarkCompare(b *testing.B) {
	qs := readLines(b, "../testdata/queries.txt")
	for _, mode := range portalsim.SyntheticModes {
		for _, n := range []int{2000, 60000} {
			compare(b, qs, mode, n)
		}
	}
}

func compare(b *testing.B, qs []string, mode string, n int) {
	ds := corpusMode(b, mode, n)
	bl := bleveFor(b, mode, n)
	for _, e := range []engine{newOurs(b, ds), bl[0], bl[1]} {
		b.Run(fmt.Sprintf("corpus=%s/procedures=%d/engine=%s", mode, n, e.name), func(b *testing.B) {
			runtime.LockOSThread()
			defer runtime.UnlockOSThread()
			wall := make([]time.Duration, 0, b.N)
			cpu := make([]time.Duration, 0, b.N)
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				c0, w0 := threadCPU(), time.Now()
				e.search(qs[i%len(qs)], 20)
				wall = append(wall, time.Since(w0))
				cpu = append(cpu, threadCPU()-c0)
			}
			b.StopTimer()
			b.ReportMetric(percentile(wall, 0.5), "wall-p50-µs")
			b.ReportMetric(percentile(wall, 0.99), "wall-p99-µs")
			b.ReportMetric(percentile(cpu, 0.5), "cpu-p50-µs")
			b.ReportMetric(percentile(cpu, 0.99), "cpu-p99-µs")
		})
	}
}
