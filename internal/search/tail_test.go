package search

import (
	"fmt"
	"os"
	"slices"
	"testing"
	"time"
)

// TestSlowestQueries lists the slowest queries of the query set at 60,000
// procedures (median CPU of five runs each). It measures, it asserts
// nothing: run it with KIOSK_SEARCH_TAIL=1 -v to see what forms the p99.
func TestSlowestQueries(t *testing.T) {
	if os.Getenv("KIOSK_SEARCH_TAIL") == "" {
		t.Skip("set KIOSK_SEARCH_TAIL=1 to list the slowest queries")
	}
	ds := benchCorpus(t, 60000)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(t))
	qs := benchQueries(t)
	type qt struct {
		q string
		d time.Duration
	}
	var out []qt
	for _, q := range qs {
		var ds []time.Duration
		for range 5 {
			c0 := threadCPU()
			ix.Search(Query{Text: q, Limit: 20})
			ds = append(ds, threadCPU()-c0)
		}
		slices.Sort(ds)
		out = append(out, qt{q, ds[2]})
	}
	slices.SortFunc(out, func(a, b qt) int { return int(b.d - a.d) })
	for _, x := range out[:25] {
		fmt.Printf("%8.0f µs  %q  variants=%d\n", float64(x.d.Nanoseconds())/1e3, x.q, len(parseQuery(x.q, ix.dict).variants))
	}
}
