package kiosk

import (
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

// RebuildIndex rebuilds the search index from the cache and swaps it in;
// searches running meanwhile use the old one. It streams summaries out of
// the cache in one read transaction instead of decoding every procedure
// first (155 MB at 60,000 procedures): the index copies the little it keeps.
func (c *Catalogue) RebuildIndex() {
	defer c.markIndexed()
	agencies, _ := c.cache.Agencies()
	fields, _ := c.cache.Fields()
	start := time.Now()
	b := search.NewBuilder(agencies, fields, c.dict)
	if err := c.cache.EachSummary(func(p *portal.Procedure) error { b.Add(p); return nil }); err != nil {
		c.log.Warn("search index not rebuilt", "err", err)
		return
	}
	ix := b.Index()
	c.index.Store(ix)
	took := time.Since(start)
	debug.FreeOSMemory()
	if err := c.cache.ReleaseMemory(); err != nil {
		c.log.Warn("cache pages not released", "err", err)
	}
	c.log.Info("search index built", "procedures", ix.Len(), "ms", took.Milliseconds())
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
