package search

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

	"golang.org/x/sys/unix"

	"kiosk/internal/portalsim"
)

// Benchmark corpora: the demo dataset topped up with portalsim's synthetic
// procedures to a province (2,000) and to national scale (60,000), in both
// of portalsim's synthetic modes: recombined (a few hundred real phrases,
// ~500 words) and realistic (Zipf-like words, a long tail, names of 5–40
// words).
var (
	benchSizes = []int{2000, 60000}
	benchModes = portalsim.SyntheticModes
)

type corpusKey struct {
	mode string
	n    int
}

var (
	corpusMu    sync.Mutex
	corpusCache = map[corpusKey]*portalsim.Dataset{}
)

// benchCorpus returns a dataset of exactly n procedures of the recombined
// mode (same seed, so every run and the bleve comparison index the same
// catalogue).
func benchCorpus(tb testing.TB, n int) *portalsim.Dataset {
	return benchCorpusMode(tb, portalsim.SyntheticRecombined, n)
}

// benchCorpusMode is benchCorpus in the given synthetic mode.
func benchCorpusMode(tb testing.TB, mode string, n int) *portalsim.Dataset {
	tb.Helper()
	corpusMu.Lock()
	defer corpusMu.Unlock()
	if ds, ok := corpusCache[corpusKey{mode, n}]; ok {
		return ds
	}
	ds, err := portalsim.Demo()
	if err != nil {
		tb.Fatalf("loading the demo dataset: %v", err)
	}
	if len(ds.Procedures) > n {
		ds.Procedures = ds.Procedures[:n]
	}
	if err := ds.AddSyntheticMode(mode, n-len(ds.Procedures), 1); err != nil {
		tb.Fatal(err)
	}
	corpusCache[corpusKey{mode, n}] = ds
	return ds
}

// benchQueries reads testdata/queries.txt.
func benchQueries(tb testing.TB) []string {
	tb.Helper()
	f, err := os.Open("testdata/queries.txt")
	if err != nil {
		tb.Fatal(err)
	}
	defer f.Close()
	var qs []string
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if l := sc.Text(); strings.TrimSpace(l) != "" && !strings.HasPrefix(l, "#") {
			qs = append(qs, l)
		}
	}
	return qs
}

// reportPercentiles reports p50 and p99 of the recorded latencies under
// the given metric prefix.
func reportPercentiles(b *testing.B, prefix string, lat []time.Duration) {
	if len(lat) == 0 {
		return
	}
	slices.Sort(lat)
	at := func(p float64) float64 {
		return float64(lat[min(len(lat)-1, int(p*float64(len(lat))))].Nanoseconds()) / 1e3
	}
	b.ReportMetric(at(0.50), prefix+"p50-µs")
	b.ReportMetric(at(0.99), prefix+"p99-µs")
}

// threadCPU is the CPU time the calling OS thread has used. On a shared
// machine the wall clock counts time spent waiting for a core; the thread's
// CPU clock counts only the work, which is what "on one core" means.
func threadCPU() time.Duration {
	var ts unix.Timespec
	if err := unix.ClockGettime(unix.CLOCK_THREAD_CPUTIME_ID, &ts); err != nil {
		return 0
	}
	return time.Duration(ts.Nano())
}

// timeQueries runs search for b.N queries round-robin and reports wall-clock
// and thread-CPU percentiles per query.
func timeQueries(b *testing.B, qs []string, search func(q string)) {
	runtime.LockOSThread()
	defer runtime.UnlockOSThread()
	wall := make([]time.Duration, 0, b.N)
	cpu := make([]time.Duration, 0, b.N)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		c0, w0 := threadCPU(), time.Now()
		search(qs[i%len(qs)])
		wall = append(wall, time.Since(w0))
		cpu = append(cpu, threadCPU()-c0)
	}
	b.StopTimer()
	reportPercentiles(b, "wall-", wall)
	reportPercentiles(b, "cpu-", cpu)
}

// BenchmarkSearch runs the fixed query set round-robin, one query per
// iteration, and reports per-query latency percentiles. Use
// -benchtime=Nx with N a multiple of the query count.
func BenchmarkSearch(b *testing.B) {
	qs := benchQueries(b)
	d := mustDictionary(b)
	for _, mode := range benchModes {
		for _, n := range benchSizes {
			ds := benchCorpusMode(b, mode, n)
			ix := Build(ds.Procedures, ds.Agencies, ds.Fields, d)
			b.Run(fmt.Sprintf("corpus=%s/procedures=%d", mode, n), func(b *testing.B) {
				timeQueries(b, qs, func(q string) { ix.Search(Query{Text: q, Limit: 20}) })
			})
		}
	}
}

// BenchmarkBuild measures building the index and the heap it keeps.
func BenchmarkBuild(b *testing.B) {
	d := mustDictionary(b)
	for _, mode := range benchModes {
		for _, n := range benchSizes {
			benchBuild(b, d, mode, n)
		}
	}
}

func benchBuild(b *testing.B, d *Dictionary, mode string, n int) {
	ds := benchCorpusMode(b, mode, n)
	b.Run(fmt.Sprintf("corpus=%s/procedures=%d", mode, n), func(b *testing.B) {
		runtime.LockOSThread()
		defer runtime.UnlockOSThread()
		var ix *Index
		c0 := threadCPU()
		for i := 0; i < b.N; i++ {
			ix = Build(ds.Procedures, ds.Agencies, ds.Fields, d)
		}
		b.StopTimer()
		b.ReportMetric(float64((threadCPU()-c0).Microseconds())/1e3/float64(b.N), "cpu-ms/op")
		b.ReportMetric(float64(ix.Terms()), "terms")
		b.ReportMetric(float64(indexHeap(func() any { return Build(ds.Procedures, ds.Agencies, ds.Fields, d) }))/(1<<20), "index-MB")
		runtime.KeepAlive(ix)
	})
}

// indexHeap is the live heap that build's result keeps, measured with
// runtime.MemStats after a GC before and after (the procedures themselves
// are not counted: they exist before the build).
func indexHeap(build func() any) uint64 {
	var before, after runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&before)
	v := build()
	runtime.GC()
	runtime.ReadMemStats(&after)
	runtime.KeepAlive(v)
	return after.HeapAlloc - before.HeapAlloc
}
