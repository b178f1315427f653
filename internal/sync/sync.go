// Package sync keeps the local catalogue in step with the portal and delivers
// the outbox (ratings, heartbeats) to it.
//
// Catalogue sync pages through the portal's procedure listing and commits
// its pages a few at a time, each batch together with the sync state that
// follows its last page, so a kill -9 at any moment loses nothing committed
// and the next run resumes from the saved page token (fetching again only
// the pages received after the last commit). The first run (or one after a recovered or rebuilt cache) is a full
// listing; later runs ask only for changes since the last cursor. Failures
// back off with full jitter so a down portal is never hammered.
package sync

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	gosync "sync"
	"time"

	"kiosk/internal/backoff"
	"kiosk/internal/catalog"
	"kiosk/internal/portal"
)

// Source is where procedures, agencies and fields come from;
// *portal.Client satisfies it.
type Source interface {
	Procedures(ctx context.Context, since time.Time, pageToken string, pageSize int) (portal.ProcedurePage, error)
	Agencies(ctx context.Context) ([]portal.Agency, error)
	Fields(ctx context.Context) ([]portal.Field, error)
}

// Errors a run returns when the portal's listing cannot be trusted. In every
// case the cache keeps what it had and the next run starts the listing again.
var (
	// ErrStuckListing means the portal returned a page token it had already
	// returned in this listing (A→B→A), which would page forever.
	ErrStuckListing = errors.New("portal listing repeats a page token")
	// ErrEndlessListing means the listing went on for more pages than
	// Options.MaxPages (or far more than the portal's own total).
	ErrEndlessListing = errors.New("portal listing does not end")
	// ErrEmptyListing means a full listing returned no procedures at all
	// while the cache holds some: a broken portal, not a province that
	// abolished every procedure, so nothing is wiped.
	ErrEmptyListing = errors.New("portal listed no procedures; keeping the cached catalogue")
	// ErrOverlongPage means a page held more items than were asked for.
	ErrOverlongPage = errors.New("portal page holds more items than asked for")
	// ErrAbsurdCursor means the portal's server_time is far ahead of both
	// its own Date header and the kiosk's clock.
	ErrAbsurdCursor = errors.New("portal server_time is far in the future")
)

// MaxCursorSkew is how far a listing's server_time may run ahead of the
// portal's Date header (or, without one, of the kiosk's clock) before it is
// refused as a cursor: a cursor in year 9999 would hide every later change.
const MaxCursorSkew = 24 * time.Hour

// Options tune a Syncer. Zero values get the documented defaults.
type Options struct {
	PageSize    int           // procedures per page (default 500)
	Interval    time.Duration // between successful runs in Loop (default 15m)
	BackoffBase time.Duration // first retry ceiling after a failure (default 5s)
	BackoffMax  time.Duration // retry ceiling cap (default 10m)
	SweepBatch  int           // deletions per transaction after a full listing (default 5000)
	// CommitItems is how many procedures of consecutive pages are committed
	// together in one transaction (default 2500, five pages of 500; ten
	// cost the same CPU and left a 16 % larger file, as bbolt reuses the
	// pages a transaction frees only after it commits), and CommitEvery how
	// long a received page may wait for its commit (default 2s; a slow
	// portal's pages are committed one by one). Every page the run has
	// received is committed before it returns, success or not.
	CommitItems int
	CommitEvery time.Duration
	// MaxPages bounds one listing (default 2000 pages; with the default page
	// size that is a million procedures, 500 times a province's catalogue).
	MaxPages int

	Now   func() time.Time                     // clock (default time.Now)
	Rand  func() float64                       // jitter in [0,1) (default math/rand/v2)
	After func(time.Duration) <-chan time.Time // timer (default time.After)

	// OnProgress receives progress of runs started by Loop (the UI's sync
	// indicator); Run takes its own callback.
	OnProgress func(Progress)
	Logger     *slog.Logger
}

func (o *Options) defaults() {
	if o.PageSize <= 0 {
		o.PageSize = 500
	}
	if o.Interval <= 0 {
		o.Interval = 15 * time.Minute
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = 5 * time.Second
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = 10 * time.Minute
	}
	if o.SweepBatch <= 0 {
		o.SweepBatch = 5000
	}
	if o.CommitItems <= 0 {
		o.CommitItems = 2500
	}
	if o.CommitEvery <= 0 {
		o.CommitEvery = 2 * time.Second
	}
	if o.MaxPages <= 0 {
		o.MaxPages = 2000
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.After == nil {
		o.After = time.After
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
}

// Progress reports a run in progress. Pages and Items count the listing
// (including pages committed before a resume); Total is the portal's count
// when it gives one, and Percent is 0..100.
type Progress struct {
	Pages   int
	Items   int
	Total   int
	Percent float64
	Full    bool
	Done    bool
}

// Result sums up one run.
type Result struct {
	Full     bool          // a full listing (rather than incremental)
	Resumed  bool          // continued a listing interrupted earlier
	Pages    int           // pages fetched by this run
	Items    int           // procedures upserted by this run
	Deleted  int           // tombstones plus procedures swept after a full listing
	Skipped  int           // invalid records the portal sent, skipped (not fatal)
	Cursor   time.Time     // the cursor after the run
	Took     time.Duration // wall time of the run
	Finished time.Time     // when the run ended
}

// Status is the Syncer's state for the staff panel and health.
type Status struct {
	Running   bool
	Progress  Progress
	Last      Result
	LastError string    // "" when the last run succeeded
	LastRun   time.Time // when the last run ended
	Failures  int       // consecutive failed runs
	// Suspect says why the portal's answers are not trusted right now (an
	// empty full listing, an endless or cycling listing, an absurd cursor);
	// "" when the last run succeeded. Health shows it.
	Suspect string
	NextRun time.Time // when Loop runs next (zero outside Loop)
}

// Syncer syncs one cache from one source.
type Syncer struct {
	src Source
	c   *catalog.Cache
	o   Options

	runMu   gosync.Mutex // one run at a time
	trigger chan struct{}

	mu       gosync.Mutex
	status   Status
	wantFull bool
}

// New returns a Syncer; nothing runs until Run or Loop.
func New(src Source, c *catalog.Cache, o Options) *Syncer {
	o.defaults()
	return &Syncer{src: src, c: c, o: o, trigger: make(chan struct{}, 1)}
}

// Status returns the latest run's outcome and any run in progress.
func (s *Syncer) Status() Status {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.status
}

// Trigger asks Loop to run now (the staff panel's "sync now"), cutting short
// any wait or backoff.
func (s *Syncer) Trigger() {
	select {
	case s.trigger <- struct{}{}:
	default:
	}
}

// TriggerFull asks Loop to run a full sync now.
func (s *Syncer) TriggerFull() {
	s.mu.Lock()
	s.wantFull = true
	s.mu.Unlock()
	s.Trigger()
}

// Run performs one sync: full if asked, if the cache needs one or if it has
// never synced; otherwise incremental from the saved cursor. A listing
// interrupted earlier is resumed from its saved page token. progress may be nil.
func (s *Syncer) Run(ctx context.Context, full bool, progress func(Progress)) (Result, error) {
	s.runMu.Lock()
	defer s.runMu.Unlock()
	start := s.o.Now()
	s.mu.Lock()
	s.status.Running = true
	s.status.Progress = Progress{}
	s.mu.Unlock()

	report := func(p Progress) {
		s.mu.Lock()
		s.status.Progress = p
		s.mu.Unlock()
		if progress != nil {
			progress(p)
		}
	}
	res, err := s.run(ctx, full, report)
	end := s.o.Now()
	res.Took, res.Finished = end.Sub(start), end
	if rerr := s.c.SetSyncResult(err, end); rerr != nil && err == nil {
		err = fmt.Errorf("recording sync result: %w", rerr)
	}

	s.mu.Lock()
	s.status.Running = false
	s.status.LastRun = end
	if err != nil {
		s.status.LastError = err.Error()
		s.status.Failures++
		s.status.Suspect = ""
		if suspect(err) {
			s.status.Suspect = err.Error()
		}
	} else {
		s.status.Last, s.status.LastError, s.status.Failures, s.status.Suspect = res, "", 0, ""
	}
	s.mu.Unlock()
	if err != nil {
		s.o.Logger.Warn("catalogue sync failed", "err", err, "pages", res.Pages, "items", res.Items)
	} else {
		s.o.Logger.Info("catalogue synced", "full", res.Full, "resumed", res.Resumed, "pages", res.Pages,
			"items", res.Items, "deleted", res.Deleted, "skipped", res.Skipped, "took", res.Took)
	}
	return res, err
}

// suspect reports whether err says the portal's listing is untrustworthy
// (rather than unreachable).
func suspect(err error) bool {
	for _, e := range []error{ErrStuckListing, ErrEndlessListing, ErrEmptyListing, ErrOverlongPage, ErrAbsurdCursor} {
		if errors.Is(err, e) {
			return true
		}
	}
	return false
}

// abandon drops an untrustworthy listing so the next run starts afresh
// instead of resuming a poisoned page token, and returns err.
func (s *Syncer) abandon(st catalog.SyncState, err error) error {
	if serr := s.c.SetSyncState(startListing(st, st.Full)); serr != nil {
		s.o.Logger.Warn("could not reset the sync listing", "err", serr)
	}
	return err
}

// cursorOK reports whether t is a believable cursor: not far ahead of the
// portal's Date header when it sent one, else of the kiosk's clock.
func (s *Syncer) cursorOK(t, portalDate time.Time) bool {
	ref := portalDate
	if ref.IsZero() {
		ref = s.o.Now()
	}
	return !t.After(ref.Add(MaxCursorSkew))
}

func (s *Syncer) run(ctx context.Context, full bool, report func(Progress)) (Result, error) {
	var res Result
	st, err := s.c.SyncState()
	if err != nil {
		return res, fmt.Errorf("reading sync state: %w", err)
	}
	// A full listing that finished before a crash may still owe its sweep.
	if st.SweepGeneration != 0 && st.PageToken == "" {
		n, err := s.sweep(st.SweepGeneration)
		res.Deleted += n
		if err != nil {
			return res, err
		}
		st.SweepGeneration = 0
	}

	resumed := st.PageToken != ""
	if resumed && (full || st.NeedsFull) && !st.Full {
		resumed = false // a full sync wins over an interrupted incremental listing
	}
	if !resumed {
		if st, err = s.begin(st, full || st.NeedsFull || st.Cursor.IsZero()); err != nil {
			return res, err
		}
	}
	res.Full, res.Resumed = st.Full, resumed

	if err := s.refreshAgenciesAndFields(ctx); err != nil {
		return res, err
	}

	report(progressOf(st))
	retriedToken := false
	seen := map[string]bool{}
	// Pages are fetched ahead by a goroutine (the fetch waits for the portal
	// and decodes, the commit waits for the disk) and committed a batch at a
	// time: each commit rewrites every B+tree page its procedures land on,
	// and the listing's order (by update time) scatters codes all over the
	// tree, so a commit costs nearly as much for one page as for ten.
	// Whatever is committed is committed with the sync state after its last
	// page, so the saved page token and the cursor always match the data;
	// pages received but not yet committed are committed before any return
	// (a failed fetch, a refused page, a cancelled run), and a kill -9 loses
	// only them: the next run fetches them again from the saved token.
	var pend pendingPages
	flush := func() error {
		if pend.pages == 0 {
			return nil
		}
		if err := s.c.ApplyPage(pend.items, st); err != nil {
			return fmt.Errorf("storing procedures pages %d-%d: %w", st.PagesDone-pend.pages+1, st.PagesDone, err)
		}
		for _, p := range pend.items {
			if p.Deleted {
				res.Deleted++
			} else {
				res.Items++
			}
		}
		res.Pages += pend.pages
		res.Skipped += pend.skipped
		pend = pendingPages{}
		return nil
	}
	// fail commits what was received and checked before returning err.
	fail := func(err error) (Result, error) {
		if ferr := flush(); ferr != nil {
			return res, errors.Join(err, ferr)
		}
		return res, err
	}
	// giveUp commits what was received, then drops the listing (abandon).
	giveUp := func(err error) (Result, error) {
		if ferr := flush(); ferr != nil {
			return res, errors.Join(err, ferr)
		}
		return res, s.abandon(st, err)
	}
	depth := s.readAhead()
	ahead := s.fetchAhead(ctx, st.Since, st.PageToken, depth)
	defer func() { ahead.stop() }() // no request outlives the run
	for {
		if err := ctx.Err(); err != nil {
			return fail(err)
		}
		token := st.PageToken
		f, ok := <-ahead.pages
		if !ok { // the fetcher stopped because ctx ended
			return fail(ctx.Err())
		}
		page, err := f.page, f.err
		if err != nil {
			if token != "" && resumed && res.Pages == 0 && pend.pages == 0 && !retriedToken && errors.Is(err, portal.ErrBadRequest) {
				// The saved token expired: start the listing again.
				s.o.Logger.Info("saved page token refused; restarting the listing", "full", st.Full)
				if st, err = s.begin(st, st.Full); err != nil {
					return fail(err)
				}
				retriedToken = true
				ahead.stop()
				ahead = s.fetchAhead(ctx, st.Since, st.PageToken, depth)
				continue
			}
			return fail(fmt.Errorf("fetching procedures page %d: %w", st.PagesDone+1, err))
		}
		pageNo := st.PagesDone + 1
		if len(page.Items) > s.o.PageSize {
			return giveUp(fmt.Errorf("page %d: %d items, asked for %d: %w", pageNo, len(page.Items), s.o.PageSize, ErrOverlongPage))
		}
		seen[token] = true
		if page.NextPageToken != "" && seen[page.NextPageToken] {
			return giveUp(fmt.Errorf("page %d: %w", pageNo, ErrStuckListing))
		}
		if page.NextPageToken != "" && (pageNo >= s.o.MaxPages ||
			(page.Total > 0 && pageNo > 2*(page.Total/s.o.PageSize+1)+10)) {
			return giveUp(fmt.Errorf("page %d of a listing of %d items: %w", pageNo, page.Total, ErrEndlessListing))
		}
		if !s.cursorOK(page.ServerTime, page.Date) {
			return giveUp(fmt.Errorf("page %d: server_time %s: %w", pageNo, page.ServerTime.UTC().Format(time.RFC3339), ErrAbsurdCursor))
		}
		next := st
		if token == "" {
			next.InProgressSince = page.ServerTime
		}
		next.PagesDone++
		next.ItemsDone += len(page.Items)
		if page.Total > 0 {
			next.Total = page.Total
		}
		last := page.NextPageToken == ""
		if last {
			cursor := next.InProgressSince
			if cursor.IsZero() {
				cursor = page.ServerTime
			}
			next.Cursor = cursor
			next.PageToken = ""
			next.InProgressSince = time.Time{}
			if next.Full {
				next.NeedsFull = false
				if !next.Fresh {
					next.SweepGeneration = next.Generation
				}
			}
			next.Full, next.Fresh = false, false
			next.Since = time.Time{}
			if st.Full && next.ItemsDone == 0 {
				stats, err := s.c.Stats()
				if err != nil {
					return fail(fmt.Errorf("counting cached procedures: %w", err))
				}
				if stats.Procedures > 0 {
					return giveUp(fmt.Errorf("full listing of %d pages, %d procedures cached: %w",
						pageNo, stats.Procedures, ErrEmptyListing))
				}
			}
		} else {
			next.PageToken = page.NextPageToken
		}
		if pend.pages == 0 {
			pend.since = s.o.Now()
			if !last { // a batch of pages follows: no regrowing
				pend.items = make([]portal.Procedure, 0, s.o.CommitItems+s.o.PageSize)
			}
		}
		pend.items = append(pend.items, page.Items...)
		pend.pages++
		pend.skipped += page.Skipped
		st = next
		if last || len(pend.items) >= s.o.CommitItems || s.o.Now().Sub(pend.since) >= s.o.CommitEvery {
			if err := flush(); err != nil {
				return res, err
			}
		}
		p := progressOf(st)
		p.Full = res.Full
		if last {
			res.Cursor = st.Cursor
			if st.SweepGeneration != 0 {
				n, err := s.sweep(st.SweepGeneration)
				res.Deleted += n
				if err != nil {
					return res, err
				}
			}
			p.Done, p.Percent = true, 100
			report(p)
			return res, nil
		}
		report(p)
	}
}

// pendingPages are pages received and checked but not yet committed.
type pendingPages struct {
	items   []portal.Procedure
	pages   int
	skipped int
	since   time.Time // when the first of them arrived
}

// readAhead is how many pages the fetcher may hold ahead of the commits:
// enough to keep fetching while a batch is committed.
func (s *Syncer) readAhead() int {
	return min(max(1, s.o.CommitItems/s.o.PageSize), 16)
}

// fetched is one page (or the error) from the fetcher.
type fetched struct {
	page portal.ProcedurePage
	err  error
}

// fetcher pages through one listing in its own goroutine, up to depth
// pages ahead of the reader. It stops after an error, the last page, a
// page token it has already asked for (the run refuses that listing), or
// when stopped.
type fetcher struct {
	pages  chan fetched
	cancel context.CancelFunc
	done   chan struct{}
}

func (s *Syncer) fetchAhead(ctx context.Context, since time.Time, token string, depth int) *fetcher {
	fctx, cancel := context.WithCancel(ctx)
	f := &fetcher{pages: make(chan fetched, depth), cancel: cancel, done: make(chan struct{})}
	go func() {
		defer close(f.done)
		defer close(f.pages)
		asked := map[string]bool{}
		for {
			asked[token] = true
			p, err := s.src.Procedures(fctx, since, token, s.o.PageSize)
			if fctx.Err() != nil {
				return
			}
			select {
			case f.pages <- fetched{p, err}:
			case <-fctx.Done():
				return
			}
			if err != nil || p.NextPageToken == "" || asked[p.NextPageToken] {
				return
			}
			token = p.NextPageToken
		}
	}()
	return f
}

// stop cancels the fetcher and waits for its goroutine to end.
func (f *fetcher) stop() {
	f.cancel()
	<-f.done
}

// begin starts a new listing (startListing). A full listing that starts on
// an empty cache is marked Fresh: nothing older can be left to sweep, so
// its procedures need no generation marks (a quarter of the pages a commit
// writes) and no sweep follows it. Procedures without a mark count as the
// oldest generation, so the next full listing sweeps them as usual.
func (s *Syncer) begin(st catalog.SyncState, full bool) (catalog.SyncState, error) {
	st = startListing(st, full)
	if full {
		has, err := s.c.HasProcedures()
		if err != nil {
			return st, fmt.Errorf("reading the cache: %w", err)
		}
		st.Fresh = !has
	}
	return st, nil
}

// startListing resets the listing part of st for a new full or incremental
// listing. A new full listing takes a new generation so that everything it
// does not see can be swept afterwards.
func startListing(st catalog.SyncState, full bool) catalog.SyncState {
	st.PageToken = ""
	st.InProgressSince = time.Time{}
	st.ItemsDone, st.PagesDone, st.Total = 0, 0, 0
	st.Full, st.Fresh = full, false
	if full {
		st.Generation++
		st.Since = time.Time{}
	} else {
		st.Since = st.Cursor
	}
	return st
}

func progressOf(st catalog.SyncState) Progress {
	p := Progress{Pages: st.PagesDone, Items: st.ItemsDone, Total: st.Total, Full: st.Full}
	if st.Total > 0 {
		p.Percent = min(100, 100*float64(st.ItemsDone)/float64(st.Total))
	}
	return p
}

func (s *Syncer) refreshAgenciesAndFields(ctx context.Context) error {
	agencies, err := s.src.Agencies(ctx)
	if err != nil {
		return fmt.Errorf("fetching agencies: %w", err)
	}
	fields, err := s.src.Fields(ctx)
	if err != nil {
		return fmt.Errorf("fetching fields: %w", err)
	}
	// An empty list from the portal never wipes the cached one: the kiosk's
	// browse screens would go blank because of a broken portal.
	// Counting walks the cache's buckets (procedures included), so it is done
	// only when an empty list makes it matter.
	var stats catalog.Stats
	if len(agencies) == 0 || len(fields) == 0 {
		if stats, err = s.c.Stats(); err != nil {
			return fmt.Errorf("counting cached agencies and fields: %w", err)
		}
	}
	if len(agencies) == 0 && stats.Agencies > 0 {
		s.o.Logger.Warn("portal listed no agencies; keeping the cached ones", "cached", stats.Agencies)
	} else if err := s.c.ReplaceAgencies(agencies); err != nil {
		return fmt.Errorf("storing agencies: %w", err)
	}
	if len(fields) == 0 && stats.Fields > 0 {
		s.o.Logger.Warn("portal listed no fields; keeping the cached ones", "cached", stats.Fields)
	} else if err := s.c.ReplaceFields(fields); err != nil {
		return fmt.Errorf("storing fields: %w", err)
	}
	return nil
}

// sweep deletes procedures a finished full listing of generation gen did not
// see, in batches, then clears the pending sweep. Repeating it is harmless.
func (s *Syncer) sweep(gen uint64) (int, error) {
	total, from := 0, ""
	for {
		n, next, err := s.c.SweepProcedures(gen, from, s.o.SweepBatch)
		total += n
		if err != nil {
			return total, fmt.Errorf("deleting procedures missing from the full listing: %w", err)
		}
		if next == "" {
			break
		}
		from = next
	}
	st, err := s.c.SyncState()
	if err != nil {
		return total, err
	}
	if st.SweepGeneration == gen {
		st.SweepGeneration = 0
		if err := s.c.SetSyncState(st); err != nil {
			return total, err
		}
	}
	return total, nil
}

// Loop runs a sync now and then every Options.Interval until ctx ends. After
// a failure it waits a backoff with full jitter instead (internal/backoff); Trigger
// and TriggerFull cut any wait short.
func (s *Syncer) Loop(ctx context.Context) {
	var wait time.Duration
	for {
		if wait > 0 {
			select {
			case <-ctx.Done():
				return
			case <-s.o.After(wait):
			case <-s.trigger:
			}
		}
		if ctx.Err() != nil {
			return
		}
		s.mu.Lock()
		full := s.wantFull
		s.wantFull = false
		s.mu.Unlock()
		_, err := s.Run(ctx, full, s.o.OnProgress)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			if full {
				// Staff asked for a full resync: it still stands after a
				// failed attempt (the portal may be down right now).
				s.mu.Lock()
				s.wantFull = true
				s.mu.Unlock()
			}
			wait = backoff.Policy{Base: s.o.BackoffBase, Max: s.o.BackoffMax, Min: MinBackoff}.Wait(s.Status().Failures, s.o.Rand)
		} else {
			wait = s.o.Interval
		}
		s.mu.Lock()
		s.status.NextRun = s.o.Now().Add(wait)
		s.mu.Unlock()
	}
}

// MinBackoff is the shortest wait between sync runs or delivery attempts
// (internal/backoff's floor), so that even an unlucky jitter draw never
// retries in a tight loop.
const MinBackoff = time.Second
