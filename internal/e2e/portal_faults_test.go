package e2e

import (
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/search"
)

const kioskKey = "khoa-bi-mat"

// lookupThenLoseThePortal looks people[0] up while the portal works, so the
// kiosk has a last known status, then applies fault and looks again.
func lookupThenLoseThePortal(t *testing.T, p *portalEnv, k *kioskEnv, fault func()) error {
	t.Helper()
	who := people[0]
	d, err := k.S.Lookups.Dossier(k.Ctx, who.Code, portal.DossierQuery{Secret: who.Secret})
	if err != nil || !d.Detailed {
		t.Fatalf("lookup with a working portal: %+v, %v", d, err)
	}
	fault()
	_, err = k.S.Lookups.Dossier(k.Ctx, who.Code, portal.DossierQuery{Secret: who.Secret})
	return err
}

// assertLastKnownStatus checks the kiosk offers the masked last known status.
func assertLastKnownStatus(t *testing.T, k *kioskEnv, who person, wantStatus int) {
	t.Helper()
	last, at, ok := k.S.Lookups.RecentLookup(who.Code, 0)
	if !ok || at.IsZero() {
		t.Fatalf("no last known status offered for %s", who.Code)
	}
	if last.Status != wantStatus || last.Code != who.Code {
		t.Errorf("last known status %d of %s, want %d", last.Status, last.Code, wantStatus)
	}
	if strings.Contains(last.Applicant, who.Name) || last.Applicant == "" {
		t.Errorf("last known status shows applicant %q, want a masked name", last.Applicant)
	}
}

func TestSlowPortal(t *testing.T) {
	p := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey})
	k := buildKiosk(t, p.URL, func(c *config.Config) {
		c.Portal.Retries = 3
		c.Portal.LookupTimeout = config.Duration{Duration: time.Second}
	})
	k.syncUntilDone(t, 1)

	t.Run("a lookup on a portal slower than the lookup timeout says the portal is unreachable", func(t *testing.T) {
		start := time.Now()
		err := lookupThenLoseThePortal(t, p, k, func() { p.Sim.SetFaults(portalsim.Faults{LatencyMS: 5000}) })
		if !errors.Is(err, portal.ErrOffline) {
			t.Fatalf("lookup on a 5 s portal: %v, want ErrOffline", err)
		}
		record("portal slow (5 s answers, 1 s lookup timeout)", fmt.Sprintf(
			"lookup gave up with \"portal unreachable\" after %.1f s; last known status (masked, with its age) offered; search kept working", time.Since(start).Seconds()),
			"nothing")
	})
	t.Run("the citizen is offered the status looked up a moment ago", func(t *testing.T) {
		assertLastKnownStatus(t, k, people[0], 4)
	})
	t.Run("a code nobody looked up recently has no last known status", func(t *testing.T) {
		if _, _, ok := k.S.Lookups.RecentLookup(people[1].Code, 0); ok {
			t.Error("a status is offered for a dossier never looked up on this kiosk")
		}
	})
	t.Run("search still answers from the local catalogue", func(t *testing.T) {
		if res := k.S.Catalogue.Search(search.Query{Text: "dang ky khai sinh"}); len(res) == 0 {
			t.Error("search found nothing while the portal was slow")
		}
	})
}

func TestFailingPortal(t *testing.T) {
	p := startPortal(t, dataset(t, 400), portalsim.Options{KioskKey: kioskKey, Seed: 3})
	k := buildKiosk(t, p.URL, func(c *config.Config) { c.Portal.Retries = 3 })
	p.Sim.SetFaults(portalsim.Faults{FailRate: 0.5})

	t.Run("a catalogue sync against a portal failing half its requests with 500 and 429 completes", func(t *testing.T) {
		runs := k.syncUntilDone(t, 40)
		st := p.Sim.Stats()
		p.Sim.SetFaults(portalsim.Faults{}) // for the checker's own listing
		if d := diffSets(cachedCodes(t, k), portalCodes(t, p.URL)); d != "" {
			t.Fatalf("after sync: %s", d)
		}
		p.Sim.SetFaults(portalsim.Faults{FailRate: 0.5})
		record("portal answers 500/429 (Retry-After: 1) to half the requests",
			fmt.Sprintf("client retried (honouring Retry-After); sync completed in %d run(s), %d of %d requests failed; cache equals portal", runs, st.Failed, st.Requests),
			"nothing")
	})

	t.Run("ratings given while the portal fails are each counted exactly once", func(t *testing.T) {
		want := saveRatings(t, k, 12)
		deliverAll(t, k, 60)
		assertRatingsExactlyOnce(t, p, want)
	})

	t.Run("ratings whose answer is lost after the portal stored them are not counted twice", func(t *testing.T) {
		p.Sim.SetFaults(portalsim.Faults{})
		var n, dropped atomic.Int64
		p.setMiddleware(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
			if r.Method == http.MethodPost && r.URL.Path == "/api/v1/ratings" && n.Add(1)%2 == 1 {
				next.ServeHTTP(httptest.NewRecorder(), r) // the portal stores it...
				dropped.Add(1)
				hangUp(w) // ...and the answer never reaches the kiosk
				return
			}
			next.ServeHTTP(w, r)
		})
		defer p.setMiddleware(nil)
		before := p.Sim.Stats().Replays
		want := saveRatings(t, k, 10)
		deliverAll(t, k, 60)
		all := assertRatingsExactlyOnce(t, p, want)
		replays := p.Sim.Stats().Replays - before
		if replays < dropped.Load() {
			t.Errorf("%d answers dropped but only %d replays: a lost answer was not re-sent", dropped.Load(), replays)
		}
		record("connection closed after the portal stored a rating (answer lost)",
			fmt.Sprintf("kiosk kept the rating and re-sent it with the same Idempotency-Key; %d answers lost, %d replays answered \"duplicate\"; portal holds %d distinct ratings", dropped.Load(), replays, all),
			"nothing; no rating counted twice")
	})
}

// saveRatings has n citizens rate the service and returns their rating IDs.
func saveRatings(t *testing.T, k *kioskEnv, n int) []string {
	t.Helper()
	ids := make([]string, n)
	for i := range ids {
		ids[i] = fmt.Sprintf("e2e-%s-%03d", strings.ReplaceAll(t.Name(), "/", "-")[:min(40, len(t.Name()))], i)
		if err := k.S.Ratings.SaveRating(portal.Rating{ID: ids[i], Overall: 1 + i%5, Comment: "Cán bộ nhiệt tình"}); err != nil {
			t.Fatal(err)
		}
	}
	return ids
}

// deliverAll runs outbox delivery, moving the kiosk clock past each
// backoff, until the outbox is empty.
func deliverAll(t *testing.T, k *kioskEnv, maxPasses int) {
	t.Helper()
	for i := 0; i < maxPasses; i++ {
		k.S.Deliver.DeliverOnce(k.Ctx)
		if n, _ := k.S.Cache.OutboxDepth(); n == 0 {
			return
		}
		k.Clk.Add(11 * time.Minute) // past the longest backoff
	}
	n, _ := k.S.Cache.OutboxDepth()
	t.Fatalf("outbox still holds %d items after %d delivery passes", n, maxPasses)
}

// assertRatingsExactlyOnce checks the portal holds every wanted rating key
// once, none went to dead letters, and returns how many ratings it holds.
func assertRatingsExactlyOnce(t *testing.T, p *portalEnv, want []string) int {
	t.Helper()
	got := map[string]int{}
	for _, k := range p.Sim.Ratings() {
		got[k]++
	}
	for _, id := range want {
		if got[id] != 1 {
			t.Errorf("rating %s is on the portal %d times, want once", id, got[id])
		}
	}
	return len(got)
}

func TestGarbageFromThePortal(t *testing.T) {
	p := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey, Seed: 11})
	k := buildKiosk(t, p.URL, nil)
	k.syncUntilDone(t, 1)
	before := cachedCodes(t, k)

	t.Run("every garbled answer fails with ErrBadResponse and the cache stays as it was", func(t *testing.T) {
		p.Sim.SetFaults(portalsim.Faults{GarbageRate: 1})
		defer p.Sim.SetFaults(portalsim.Faults{})
		for i := 0; i < 8; i++ {
			if _, err := k.S.Portal.Procedure(k.Ctx, "1.001193.000.00.00.H29"); !errors.Is(err, portal.ErrBadResponse) {
				t.Errorf("garbled answer %d: %v, want ErrBadResponse", i, err)
			}
		}
		if _, err := k.S.Syncer.Run(k.Ctx, true, nil); !errors.Is(err, portal.ErrBadResponse) {
			t.Errorf("sync on garbage: %v, want ErrBadResponse", err)
		}
		if d := diffSets(cachedCodes(t, k), before); d != "" {
			t.Errorf("garbage changed the cache: %s", d)
		}
		if r := k.S.Report(); r.Cache.LastSyncError == "" {
			t.Error("the staff panel does not show the failed sync")
		}
		if res := k.S.Catalogue.Search(search.Query{Text: "ket hon"}); len(res) == 0 {
			t.Error("search lost its results after a garbled sync")
		}
		record("portal answers garbage (truncated JSON, HTML error page, wrong shape, 50 MB body)",
			"every call failed with \"bad response from portal\"; sync failed and the staff panel shows the error; cache and search unchanged",
			"nothing")
	})

	for _, chunked := range []bool{false, true} {
		name := "a 50 MB answer with its length announced is cut off at the size limit and memory stays bounded"
		if chunked {
			name = "a 50 MB streamed answer without a length is cut off at the size limit and memory stays bounded"
		}
		t.Run(name, func(t *testing.T) {
			p.setMiddleware(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
				if !strings.HasPrefix(r.URL.Path, "/api/v1/dossiers/") {
					next.ServeHTTP(w, r)
					return
				}
				streamHugeJSON(w, r, 50<<20, !chunked)
			})
			defer p.setMiddleware(nil)
			base := heapAfterGC()
			var err error
			peak, allocated := heapPeak(func() {
				_, err = k.S.Lookups.Dossier(k.Ctx, people[1].Code, portal.DossierQuery{})
			})
			if !errors.Is(err, portal.ErrBadResponse) {
				t.Fatalf("50 MB answer: %v, want ErrBadResponse", err)
			}
			growth := max(0, int64(peak)-int64(base))
			t.Logf("heap %d MiB before, peak %d MiB during, %d MiB allocated in total", base>>20, peak>>20, allocated>>20)
			if growth > 40<<20 {
				t.Errorf("heap grew by %d MiB reading a 50 MB answer, want under 40 MiB", growth>>20)
			}
			after := heapAfterGC()
			how := "Content-Length"
			if chunked {
				how = "chunked"
			}
			record("portal sends a 50 MB body ("+how+")",
				fmt.Sprintf("lookup failed with \"bad response\" at the 8 MiB limit; heap peak +%d MiB, %d MiB allocated, +%d MiB after GC",
					growth>>20, allocated>>20, max(0, int64(after)-int64(base))>>20), "nothing")
		})
	}
}

// streamHugeJSON writes size bytes of one never-ending JSON string.
func streamHugeJSON(w http.ResponseWriter, r *http.Request, size int, announce bool) {
	w.Header().Set("Content-Type", "application/json")
	if announce {
		w.Header().Set("Content-Length", fmt.Sprint(size))
	}
	w.WriteHeader(http.StatusOK)
	chunk := []byte(strings.Repeat("rác ", 16<<10))
	io.WriteString(w, `{"code":"`)
	for n := 9; n < size; n += len(chunk) {
		c := chunk[:min(len(chunk), size-n)]
		if _, err := w.Write(c); err != nil || r.Context().Err() != nil {
			return
		}
	}
}

func TestPortalClosingConnections(t *testing.T) {
	p := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey})
	k := buildKiosk(t, p.URL, nil)
	k.syncUntilDone(t, 1)
	p.setMiddleware(func(w http.ResponseWriter, r *http.Request, next http.Handler) { hangUp(w) })
	defer p.setMiddleware(nil)

	t.Run("a sync against a portal that closes every connection fails and staff see why", func(t *testing.T) {
		if _, err := k.S.Syncer.Run(k.Ctx, false, nil); !errors.Is(err, portal.ErrOffline) {
			t.Fatalf("sync: %v, want ErrOffline", err)
		}
		if r := k.S.Report(); r.Cache.LastSyncError == "" || r.Cache.Procedures == 0 {
			t.Errorf("report after failed sync: error %q, %d procedures; want the error shown and the catalogue kept",
				r.Cache.LastSyncError, r.Cache.Procedures)
		}
	})
	t.Run("a rating given meanwhile waits in the outbox", func(t *testing.T) {
		want := saveRatings(t, k, 1)
		if n, err := k.S.Deliver.DeliverOnce(k.Ctx); n != 0 || err == nil {
			t.Fatalf("delivery through closed connections: %d, %v", n, err)
		}
		if r := k.S.Report(); r.Outbox.Depth != 1 {
			t.Errorf("outbox depth %d, want 1", r.Outbox.Depth)
		}
		p.setMiddleware(nil)
		deliverAll(t, k, 5)
		assertRatingsExactlyOnce(t, p, want)
		record("portal closes every connection", "sync failed with \"portal unreachable\" shown to staff; catalogue kept; ratings waited in the outbox and were delivered when it answered again", "nothing")
	})
}

func TestPortalGoingOfflineMidSync(t *testing.T) {
	p := startPortal(t, dataset(t, 700), portalsim.Options{KioskKey: kioskKey})
	k := buildKiosk(t, p.URL, nil)
	var pages atomic.Int64
	p.setMiddleware(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		next.ServeHTTP(w, r)
		if r.URL.Path == "/api/v1/procedures" && pages.Add(1) == 3 {
			p.Sim.SetOffline(true) // the network drops right after page 3
		}
	})
	defer p.setMiddleware(nil)

	t.Run("the interrupted sync keeps the pages it got and search works on them", func(t *testing.T) {
		if _, err := k.S.Syncer.Run(k.Ctx, false, nil); !errors.Is(err, portal.ErrOffline) {
			t.Fatalf("interrupted sync: %v, want ErrOffline", err)
		}
		k.S.Catalogue.RebuildIndex()
		if n := len(cachedCodes(t, k)); n != 150 {
			t.Errorf("cache holds %d procedures after 3 pages of 50, want 150", n)
		}
		if res := k.S.Catalogue.Search(search.Query{Text: "khai sinh"}); len(res) == 0 {
			t.Error("search found nothing in the partial catalogue")
		}
	})
	t.Run("after the portal returns the next run resumes and the cache equals the portal", func(t *testing.T) {
		changed := p.Sim.Touch(25) // the province edits procedures meanwhile
		p.Sim.Delete(changed[0])
		p.Sim.SetOffline(false)
		res, err := k.S.Syncer.Run(k.Ctx, false, nil)
		if err != nil || !res.Resumed {
			t.Fatalf("resumed run: %+v, %v; want a resumed listing", res, err)
		}
		if _, err := k.S.Syncer.Run(k.Ctx, false, nil); err != nil {
			t.Fatalf("incremental run: %v", err)
		}
		if d := diffSets(cachedCodes(t, k), portalCodes(t, p.URL)); d != "" {
			t.Errorf("after resume: %s", d)
		}
		record("portal goes offline mid-sync (after page 3 of 15), edits and a deletion meanwhile",
			fmt.Sprintf("kept the 150 procedures received, search worked on them; next run resumed from the saved page token (%d pages), then an incremental run; cache equals portal", res.Pages),
			"nothing")
	})
}

func TestPortalGoingOfflineMidLookup(t *testing.T) {
	p := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey})
	k := buildKiosk(t, p.URL, nil)
	err := lookupThenLoseThePortal(t, p, k, func() {
		p.setMiddleware(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
			if !strings.HasPrefix(r.URL.Path, "/api/v1/dossiers/") {
				next.ServeHTTP(w, r)
				return
			}
			// Half an answer, then the line drops.
			rec := httptest.NewRecorder()
			next.ServeHTTP(rec, r)
			body := rec.Body.Bytes()
			w.Header().Set("Content-Type", "application/json")
			w.Header().Set("Content-Length", fmt.Sprint(len(body)))
			w.WriteHeader(http.StatusOK)
			w.Write(body[:len(body)/2])
			w.(http.Flusher).Flush()
			hangUp(w)
		})
	})
	defer p.setMiddleware(nil)

	t.Run("a lookup whose answer is cut off says the portal is unreachable", func(t *testing.T) {
		if !errors.Is(err, portal.ErrOffline) && !errors.Is(err, portal.ErrBadResponse) {
			t.Fatalf("cut-off lookup: %v, want ErrOffline or ErrBadResponse", err)
		}
		t.Logf("cut-off lookup: %v", err)
	})
	t.Run("the last known status is offered while it is recent", func(t *testing.T) {
		assertLastKnownStatus(t, k, people[0], 4)
	})
	t.Run("a status older than the recent-lookup limit is not offered", func(t *testing.T) {
		k.Clk.Add(k.S.Cfg.Cache.RecentLookupTTL.Duration + time.Minute)
		if _, _, ok := k.S.Lookups.RecentLookup(people[0].Code, 0); ok {
			t.Error("a stale status is still offered")
		}
		record("portal goes offline mid-lookup (answer cut off half way)",
			"lookup failed as unreachable/bad response; last known status offered, masked and with its age, only within recent_lookup_ttl",
			"nothing")
	})
}
