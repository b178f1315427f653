package kiosk

import (
	"errors"
	"log/slog"
	"runtime/debug"
	"sync"
	"sync/atomic"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/metrics"
	"kiosk/internal/portal"
	"kiosk/internal/search"
)

// Catalogue is the citizen's view of the synced procedures: the search index
// built from the cache, the browse counts, and a procedure's full record.
type Catalogue struct {
	cache   *catalog.Cache
	dict    *search.Dictionary
	index   atomic.Pointer[search.Index]
	metrics *metrics.Metrics
	log     *slog.Logger
	// indexed is closed when the first index build has finished (see
	// SearchReady); nil for a Catalogue not made by Build.
	indexed     chan struct{}
	indexedOnce sync.Once
	// stamp ties a stored index to the binary that made it (see
	// buildStamp); "" stores and loads none.
	stamp string
	// swapMu orders index swaps: a build or load of an older catalogue
	// generation that finishes after a newer one does not replace it.
	swapMu  sync.Mutex
	swapped bool
	gen     uint64
}

// swap makes ix, built from catalogue generation gen, the current index
// unless a newer one is already in place.
func (c *Catalogue) swap(ix *search.Index, gen uint64) bool {
	c.swapMu.Lock()
	defer c.swapMu.Unlock()
	if c.swapped && gen < c.gen {
		return false
	}
	c.swapped, c.gen = true, gen
	c.index.Store(ix)
	return true
}

// Search runs a query on the current index; it never touches disk or network.
// Before the first index is built it finds nothing.
func (c *Catalogue) Search(q search.Query) []search.Result {
	ix := c.index.Load()
	if ix == nil {
		return nil
	}
	res := ix.Search(q)
	if q.Text != "" {
		c.metrics.Lookup("search", map[bool]string{true: "ok", false: "none"}[len(res) > 0])
	}
	return res
}

// FieldCounts is the number of procedures per field, for browse tiles.
func (c *Catalogue) FieldCounts() map[string]int {
	if ix := c.index.Load(); ix != nil {
		return ix.FieldCounts()
	}
	return nil
}

// AgencyCounts is the number of procedures per agency, for browse tiles.
func (c *Catalogue) AgencyCounts() map[string]int {
	if ix := c.index.Load(); ix != nil {
		return ix.AgencyCounts()
	}
	return nil
}

// Procedure reads one procedure from the cache and counts the view.
func (c *Catalogue) Procedure(code string) (portal.Procedure, error) {
	p, err := c.cache.Procedure(code)
	if err == nil {
		c.metrics.ProcedureView(code)
		c.metrics.Lookup("procedure", "ok")
	}
	return p, err
}

// Fields lists the cached fields.
func (c *Catalogue) Fields() ([]portal.Field, error) { return c.cache.Fields() }

// Agencies lists the cached agencies.
func (c *Catalogue) Agencies() ([]portal.Agency, error) { return c.cache.Agencies() }

// LoadIndex makes the first index at start-up: the one stored in the cache
// if this binary stored it for the catalogue as it is now (decoding it takes
// a tenth of a build's CPU and none of its transient memory), else a build
// from the cache (RebuildIndex), which stores it for the next start.
func (c *Catalogue) LoadIndex() {
	if !c.loadStored() {
		c.RebuildIndex()
	}
}

func (c *Catalogue) loadStored() bool {
	if c.stamp == "" {
		return false
	}
	start := time.Now()
	var ix *search.Index
	found, gen, err := c.cache.ReadSearchIndex(func(b []byte) error {
		var err error
		ix, err = search.Decode(b, c.stamp, c.dict)
		return err
	})
	switch {
	case errors.Is(err, search.ErrStale):
		c.log.Info("the stored search index was made by another version; rebuilding it")
		return false
	case err != nil:
		c.log.Warn("the stored search index is unusable; rebuilding it", "err", err)
		return false
	case !found:
		return false
	}
	c.swap(ix, gen)
	c.markIndexed()
	took := time.Since(start)
	// Hand the start-up's garbage back now, as a build does, rather than
	// keep it resident until the heap grows into it.
	debug.FreeOSMemory()
	c.log.Info("search index loaded", "procedures", ix.Len(), "ms", took.Milliseconds())
	return true
}

// RebuildIndex rebuilds the search index from the cache and swaps it in;
// searches running meanwhile use the old one. It streams summaries out of
// the cache in one read transaction instead of decoding every procedure
// first (155 MB at 60,000 procedures): the index copies the little it keeps.
// The new index is then stored in the cache for the next start, unless the
// catalogue changed while it was built.
func (c *Catalogue) RebuildIndex() {
	defer c.markIndexed()
	agencies, _ := c.cache.Agencies()
	fields, _ := c.cache.Fields()
	start := time.Now()
	b := search.NewBuilder(agencies, fields, c.dict)
	gen, err := c.cache.EachSummaryAt(func(p *portal.Procedure) error { b.Add(p); return nil })
	if err != nil {
		c.log.Warn("search index not rebuilt", "err", err)
		return
	}
	ix := b.Index()
	if !c.swap(ix, gen) {
		c.log.Info("search index not swapped in: a newer one is already in place")
		return
	}
	c.markIndexed()
	took := time.Since(start)
	debug.FreeOSMemory()
	if err := c.cache.ReleaseMemory(); err != nil {
		c.log.Warn("cache pages not released", "err", err)
	}
	c.log.Info("search index built", "procedures", ix.Len(), "ms", took.Milliseconds())
	if c.stamp == "" {
		return
	}
	start = time.Now()
	blob := ix.Encode(nil, c.stamp)
	stored, err := c.cache.PutSearchIndex(gen, blob)
	size := len(blob)
	blob = nil
	debug.FreeOSMemory() // the encoding, as large as the index
	switch {
	case err != nil:
		// Only the next start's speed is lost: it builds the index again.
		c.log.Warn("search index not stored", "err", err)
	case !stored:
		c.log.Info("search index not stored: the catalogue changed while it was built")
	default:
		c.log.Info("search index stored", "bytes", size, "ms", time.Since(start).Milliseconds())
	}
}

// SearchReady is closed once the first search index build has finished
// (built, or failed and logged), a fraction of a second after start. Until
// then a search finds nothing because nothing is indexed yet, not because
// nothing matches: the find screen says it is preparing.
func (c *Catalogue) SearchReady() <-chan struct{} {
	if c.indexed == nil { // a Catalogue not made by Build: nothing to wait for
		ch := make(chan struct{})
		close(ch)
		return ch
	}
	return c.indexed
}

func (c *Catalogue) markIndexed() {
	if c.indexed != nil {
		c.indexedOnce.Do(func() { close(c.indexed) })
	}
}
