package sync

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
)

var t0 = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

func mustOpenCache(t *testing.T, path string) *catalog.Cache {
	t.Helper()
	c, err := catalog.Open(path, catalog.Options{LockTimeout: 100 * time.Millisecond, Now: func() time.Time { return t0 }})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func cached(t *testing.T, c *catalog.Cache) map[string]string {
	t.Helper()
	ps, err := c.Procedures()
	if err != nil {
		t.Fatal(err)
	}
	out := map[string]string{}
	for _, p := range ps {
		out[p.Code] = p.Name
	}
	return out
}

func sameSet(a, b map[string]string) string {
	for k, v := range a {
		if w, ok := b[k]; !ok || w != v {
			return fmt.Sprintf("%s: cache %q, portal %q (present %v)", k, v, w, ok)
		}
	}
	for k := range b {
		if _, ok := a[k]; !ok {
			return fmt.Sprintf("%s missing from cache", k)
		}
	}
	return ""
}

func newSyncer(src Source, c *catalog.Cache) *Syncer {
	clock := t0
	return New(src, c, Options{PageSize: 10, Now: func() time.Time { return clock }, Rand: func() float64 { return 0.5 }})
}

func TestFirstRunIsFullThenIncrementalWithTombstones(t *testing.T) {
	ctx := context.Background()
	fp := newFakePortal(35, t0)
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	s := newSyncer(fp, c)

	res, err := s.Run(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Full || res.Pages != 4 || res.Items != 35 || !res.Cursor.Equal(t0) {
		t.Errorf("first run = %+v, want full, 4 pages, 35 items, cursor %v", res, t0)
	}
	if d := sameSet(cached(t, c), fp.live()); d != "" {
		t.Fatalf("after full sync: %s", d)
	}
	if ag, _ := c.Agencies(); len(ag) != 1 {
		t.Errorf("agencies not stored: %v", ag)
	}

	fp.now = t0.Add(time.Hour)
	fp.change([]string{"1.000002.000.00.00.H48", "1.000030.000.00.00.H48"}, []string{"1.000005.000.00.00.H48"})
	fp.calls = nil
	res, err = s.Run(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Full || res.Items != 2 || res.Deleted != 1 || !res.Cursor.Equal(t0.Add(time.Hour)) {
		t.Errorf("incremental run = %+v, want 2 updates, 1 deletion, cursor moved to %v", res, t0.Add(time.Hour))
	}
	if len(fp.calls) != 1 || !strings.HasPrefix(fp.calls[0], t0.Format(time.RFC3339)) {
		t.Errorf("incremental listing calls = %v, want one call with updated_since = the first cursor", fp.calls)
	}
	if d := sameSet(cached(t, c), fp.live()); d != "" {
		t.Errorf("after incremental sync: %s", d)
	}
	if st, _ := c.Stats(); st.LastError != "" || !st.LastSync.Equal(t0) {
		t.Errorf("stats after success = %+v", st)
	}
}

func TestKilledBetweenPagesResumesAndLosesNothing(t *testing.T) {
	for _, k := range []int{1, 2, 3} {
		t.Run(fmt.Sprintf("a crash after page %d resumes from the saved token", k), func(t *testing.T) {
			ctx := context.Background()
			path := filepath.Join(t.TempDir(), "cache.db")
			fp := newFakePortal(45, t0)
			fp.failAfter, fp.failErr = k, fmt.Errorf("connection reset: %w", portal.ErrOffline)
			c := mustOpenCache(t, path)
			if _, err := newSyncer(fp, c).Run(ctx, false, nil); !errors.Is(err, portal.ErrOffline) {
				t.Fatalf("interrupted run error = %v, want ErrOffline", err)
			}
			if got := len(cached(t, c)); got != k*10 {
				t.Errorf("after %d committed pages the cache has %d procedures, want %d", k, got, k*10)
			}
			c.Close() // the process dies

			// Meanwhile the portal deletes one procedure that was already
			// fetched and changes one that was not.
			fp.now = t0.Add(time.Minute)
			fp.change([]string{"1.000044.000.00.00.H48"}, []string{"1.000000.000.00.00.H48"})
			fp.mu.Lock()
			fp.failAfter, fp.calls = 0, nil
			fp.mu.Unlock()

			c2 := mustOpenCache(t, path)
			res, err := newSyncer(fp, c2).Run(ctx, false, nil)
			if err != nil {
				t.Fatal(err)
			}
			if !res.Resumed || !res.Full {
				t.Errorf("second run = %+v, want a resumed full listing", res)
			}
			if want := fmt.Sprintf("|1.%06d.000.00.00.H48", k*10-1); !strings.HasSuffix(fp.calls[0], want) {
				t.Errorf("first call after restart = %q, want the saved page token %q", fp.calls[0], want)
			}
			if res.Pages != 5-k {
				t.Errorf("resumed run fetched %d pages, want only the %d remaining", res.Pages, 5-k)
			}
			// The deletion after the listing started comes as a tombstone
			// in the next incremental run.
			if res, err = newSyncer(fp, c2).Run(ctx, false, nil); err != nil || res.Full {
				t.Fatalf("incremental run after resume = %+v, %v", res, err)
			}
			if d := sameSet(cached(t, c2), fp.live()); d != "" {
				t.Errorf("after resume: %s", d)
			}
		})
	}
}

func TestFullSyncRemovesWhatThePortalNoLongerLists(t *testing.T) {
	ctx := context.Background()
	fp := newFakePortal(25, t0)
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	s := newSyncer(fp, c)
	if _, err := s.Run(ctx, false, nil); err != nil {
		t.Fatal(err)
	}
	fp.mu.Lock()
	for _, code := range []string{"1.000001.000.00.00.H48", "1.000017.000.00.00.H48", "1.000024.000.00.00.H48"} {
		delete(fp.procs, code) // gone without a tombstone
	}
	fp.mu.Unlock()
	res, err := s.Run(ctx, true, nil)
	if err != nil {
		t.Fatal(err)
	}
	if !res.Full || res.Deleted != 3 {
		t.Errorf("forced full run = %+v, want 3 swept", res)
	}
	if d := sameSet(cached(t, c), fp.live()); d != "" {
		t.Errorf("after full sync: %s", d)
	}
}

func TestSweepOwedByACrashedRunIsFinishedNextTime(t *testing.T) {
	ctx := context.Background()
	fp := newFakePortal(5, t0)
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	// Stale procedure from generation 1; a full listing of generation 2
	// finished but the process died before sweeping.
	c.ApplyPage([]portal.Procedure{{Code: "old", Name: "Thủ tục đã bãi bỏ"}}, catalog.SyncState{Generation: 1})
	c.ApplyPage(nil, catalog.SyncState{Generation: 2, SweepGeneration: 2, Cursor: t0})
	res, err := newSyncer(fp, c).Run(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := cached(t, c)["old"]; ok || res.Deleted != 1 {
		t.Errorf("the owed sweep did not run: %+v", res)
	}
}

func TestExpiredPageTokenRestartsTheListing(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "cache.db")
	fp := newFakePortal(30, t0)
	fp.failAfter, fp.failErr = 1, portal.ErrOffline
	c := mustOpenCache(t, path)
	newSyncer(fp, c).Run(ctx, false, nil)
	fp.failAfter, fp.badTokens = 0, true
	fp.mu.Lock()
	fp.procs["1.000000.000.00.00.H48"] = portal.Procedure{Code: "1.000000.000.00.00.H48", Deleted: true, UpdatedAt: t0}
	fp.mu.Unlock()
	// With badTokens the portal can only serve first pages; use a page size
	// that fits everything so the restarted listing completes.
	s := New(fp, c, Options{PageSize: 100})
	if _, err := s.Run(ctx, false, nil); err != nil {
		t.Fatalf("run after an expired token = %v, want a restarted listing", err)
	}
	if d := sameSet(cached(t, c), fp.live()); d != "" {
		t.Errorf("after restarted listing: %s", d)
	}
}

func TestPortalOfflineLeavesTheCacheAndRecordsTheError(t *testing.T) {
	ctx := context.Background()
	fp := newFakePortal(12, t0)
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	s := newSyncer(fp, c)
	if _, err := s.Run(ctx, false, nil); err != nil {
		t.Fatal(err)
	}
	fp.offline = true
	_, err := s.Run(ctx, false, nil)
	if !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("offline run error = %v, want ErrOffline", err)
	}
	if got := len(cached(t, c)); got != 12 {
		t.Errorf("offline run changed the cache to %d procedures", got)
	}
	st, _ := c.Stats()
	if st.LastError == "" || !st.LastSync.Equal(t0) {
		t.Errorf("stats after offline run = %+v, want the error and the last good sync", st)
	}
	if s.Status().Failures != 1 || s.Status().LastError == "" {
		t.Errorf("status after offline run = %+v", s.Status())
	}
}

func TestProgressClimbsToOneHundredPercent(t *testing.T) {
	fp := newFakePortal(40, t0)
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	var got []Progress
	if _, err := newSyncer(fp, c).Run(context.Background(), false, func(p Progress) { got = append(got, p) }); err != nil {
		t.Fatal(err)
	}
	last := got[len(got)-1]
	if !last.Done || last.Percent != 100 || last.Items != 40 || last.Pages != 4 || last.Total != 40 {
		t.Errorf("final progress = %+v", last)
	}
	for i := 1; i < len(got); i++ {
		if got[i].Percent < got[i-1].Percent {
			t.Errorf("progress went backwards: %+v then %+v", got[i-1], got[i])
		}
	}
	if got[2].Percent != 50 {
		t.Errorf("after 2 of 4 pages progress = %+v, want 50%%", got[2])
	}
}

func TestRepeatedPageTokenStopsInsteadOfLoopingForever(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	_, err := newSyncer(stuckSource{}, c).Run(context.Background(), false, nil)
	if !errors.Is(err, ErrStuckListing) {
		t.Errorf("error = %v, want ErrStuckListing", err)
	}
}

type stuckSource struct{}

func (stuckSource) Procedures(ctx context.Context, since time.Time, token string, size int) (portal.ProcedurePage, error) {
	return portal.ProcedurePage{NextPageToken: "again", ServerTime: t0}, nil
}
func (stuckSource) Agencies(ctx context.Context) ([]portal.Agency, error) { return nil, nil }
func (stuckSource) Fields(ctx context.Context) ([]portal.Field, error)    { return nil, nil }

func TestLoopBacksOffWhileOfflineAndSyncsOnTrigger(t *testing.T) {
	fp := newFakePortal(5, t0)
	fp.offline = true
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	waits := make(chan time.Duration)
	fire := make(chan time.Time)
	s := New(fp, c, Options{Interval: time.Hour, Rand: func() float64 { return 0.999999 },
		After: func(d time.Duration) <-chan time.Time { waits <- d; return fire }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Loop(ctx); close(done) }()

	var got []time.Duration
	for i := 0; i < 4; i++ {
		got = append(got, (<-waits).Round(time.Second))
		fire <- t0
	}
	want := []time.Duration{5 * time.Second, 10 * time.Second, 20 * time.Second, 40 * time.Second}
	for i := range want {
		if got[i] != want[i] {
			t.Errorf("wait %d = %v, want %v (waits %v)", i, got[i], want[i], got)
		}
	}
	if calls := len(fp.calls); calls != 0 {
		// Agencies fail first, so no listing call is made while offline.
		t.Logf("listing calls while offline: %d", calls)
	}
	<-waits // the fifth wait is in progress; the portal comes back and staff press "sync now"
	fp.mu.Lock()
	fp.offline = false
	fp.mu.Unlock()
	s.TriggerFull()
	if d := <-waits; d != time.Hour {
		t.Errorf("after a successful triggered sync the wait = %v, want the interval", d)
	}
	cancel()
	go func() {
		for range waits {
		}
	}()
	<-done
	if st := s.Status(); st.Failures != 0 || !st.Last.Full || st.Last.Items != 5 {
		t.Errorf("status after trigger = %+v", st)
	}
}

func TestAFullResyncAskedForWhileOfflineIsNotForgotten(t *testing.T) {
	fp := newFakePortal(5, t0)
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	waits := make(chan time.Duration)
	fire := make(chan time.Time)
	s := New(fp, c, Options{Interval: time.Hour, Rand: func() float64 { return 0.5 },
		After: func(d time.Duration) <-chan time.Time { waits <- d; return fire }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { s.Loop(ctx); close(done) }()

	if d := <-waits; d != time.Hour { // first run (full) succeeded
		t.Fatalf("first wait %v, want the interval", d)
	}
	fp.mu.Lock()
	fp.offline = true
	fp.mu.Unlock()
	s.TriggerFull() // staff press "full resync" while the portal is down
	if d := <-waits; d == time.Hour {
		t.Fatal("the full resync did not fail while offline")
	}
	fp.mu.Lock()
	fp.offline = false
	fp.mu.Unlock()
	fire <- t0 // the retry
	if d := <-waits; d != time.Hour {
		t.Fatalf("retry wait %v, want the interval after a success", d)
	}
	if st := s.Status(); !st.Last.Full {
		t.Errorf("the retry was incremental; the full resync staff asked for was forgotten (%+v)", st.Last)
	}
	cancel()
	go func() {
		for range waits {
		}
	}()
	<-done
}

// watchingSource records, at every page request, what the cache had
// committed: the saved sync state and how many procedures it holds.
type watchingSource struct {
	*fakePortal
	c       *catalog.Cache
	mu      gosync.Mutex
	samples []catalog.SyncState
	counts  []int
}

func (w *watchingSource) Procedures(ctx context.Context, since time.Time, token string, size int) (portal.ProcedurePage, error) {
	// The state is read before and after the count; a commit in between
	// changes it, and then the sample is not taken.
	before, err1 := w.c.SyncState()
	n, err2 := w.c.Stats()
	after, err3 := w.c.SyncState()
	if err1 == nil && err2 == nil && err3 == nil && before.PagesDone == after.PagesDone {
		w.mu.Lock()
		w.samples, w.counts = append(w.samples, after), append(w.counts, n.Procedures)
		w.mu.Unlock()
	}
	return w.fakePortal.Procedures(ctx, since, token, size)
}

func TestPagesAreCommittedInBatchesWithTheStateAfterTheirLastPage(t *testing.T) {
	ctx := context.Background()
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	src := &watchingSource{fakePortal: newFakePortal(95, t0), c: c}
	s := New(src, c, Options{PageSize: 10, CommitItems: 30, Now: func() time.Time { return t0 }})
	res, err := s.Run(ctx, false, nil)
	if err != nil {
		t.Fatal(err)
	}
	if res.Pages != 10 || res.Items != 95 {
		t.Errorf("run = %+v, want 10 pages, 95 items", res)
	}
	if len(src.samples) == 0 {
		t.Fatal("no page request saw a settled cache")
	}
	for i, st := range src.samples {
		if st.PagesDone%3 != 0 {
			t.Errorf("a page request saw %d pages committed, want a multiple of the batch (3 pages)", st.PagesDone)
		}
		if src.counts[i] != st.ItemsDone {
			t.Errorf("the saved state says %d procedures done (page %d, token %q), the cache holds %d",
				st.ItemsDone, st.PagesDone, st.PageToken, src.counts[i])
		}
	}

	t.Run("pages received before a failure are committed with their token", func(t *testing.T) {
		c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
		fp := newFakePortal(95, t0)
		fp.failAfter, fp.failErr = 5, fmt.Errorf("connection reset: %w", portal.ErrOffline)
		s := New(fp, c, Options{PageSize: 10, CommitItems: 30, Now: func() time.Time { return t0 }})
		if _, err := s.Run(ctx, false, nil); !errors.Is(err, portal.ErrOffline) {
			t.Fatalf("run error = %v, want ErrOffline", err)
		}
		st, err := c.SyncState()
		if err != nil {
			t.Fatal(err)
		}
		if got := len(cached(t, c)); got != 50 || st.PagesDone != 5 || st.PageToken != "2026-11-22T07:00:00Z|1.000049.000.00.00.H48" {
			t.Errorf("after 5 pages and a failure: %d cached, state %d pages, token %q; want 50, 5 and the token after page 5",
				got, st.PagesDone, st.PageToken)
		}
	})
}

func TestOnlyAFullListingOnAnEmptyCacheIsFresh(t *testing.T) {
	ctx := context.Background()
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	s := New(newFakePortal(45, t0), c, Options{PageSize: 10, CommitItems: 20, Now: func() time.Time { return t0 }})
	// Progress is reported in the run's goroutine, after any commit: the
	// saved state read there is the committed one.
	var fresh, marked bool
	watch := func(Progress) {
		if st, err := c.SyncState(); err == nil && st.PageToken != "" { // a listing in progress
			fresh, marked = fresh || st.Fresh, marked || !st.Fresh
		}
	}
	if _, err := s.Run(ctx, false, watch); err != nil {
		t.Fatal(err)
	}
	if !fresh || marked {
		t.Errorf("first listing into an empty cache: fresh %v, marked %v; want fresh only", fresh, marked)
	}
	if st, _ := c.SyncState(); st.Fresh || st.SweepGeneration != 0 {
		t.Errorf("after the fresh listing: %+v, want no fresh flag and no sweep owed", st)
	}
	fresh, marked = false, false
	if _, err := s.Run(ctx, true, watch); err != nil {
		t.Fatal(err)
	}
	if fresh || !marked {
		t.Errorf("full listing over a filled cache: fresh %v, marked %v; want marked only", fresh, marked)
	}
}
