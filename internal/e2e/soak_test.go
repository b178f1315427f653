package e2e

import (
	"context"
	"flag"
	"fmt"
	"math/rand"
	"net/http"
	"net/http/httptest"
	"os"
	"runtime"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/search"
)

var soakFor = flag.Duration("soak", 0, "run the soak at real rates for this long (e.g. 1h); also KIOSK_SOAK")

// soakPlan is how long the soak runs and how compressed its clock is.
func soakPlan(t *testing.T) (total time.Duration, speedup int) {
	d := *soakFor
	if env := os.Getenv("KIOSK_SOAK"); d == 0 && env != "" {
		v, err := time.ParseDuration(env)
		if err != nil {
			t.Fatalf("KIOSK_SOAK=%q: %v", env, err)
		}
		d = v
	}
	if d > 0 {
		return d, 1
	}
	if testing.Short() {
		return 20 * time.Second, 100
	}
	return time.Minute, 100
}

type soakSample struct {
	at         time.Duration
	heap       uint64
	goroutines int
	fds        int
}

func sample(start time.Time) soakSample {
	return soakSample{at: time.Since(start).Round(time.Second), heap: heapAfterGC(), goroutines: runtime.NumGoroutine(), fds: openFDs()}
}

// TestSoakBusyCentre plays a busy centre — a dossier lookup every 10 s, a
// print every 30 s, an incremental sync (after the province edits some
// procedures) every minute, searches and ratings in between — against a
// kiosk running all its background loops with a printer on a
// pseudo-terminal, and samples heap, goroutines and open files. The short
// form runs the same mix 100 times faster.
func TestSoakBusyCentre(t *testing.T) {
	total, speedup := soakPlan(t)
	every := func(d time.Duration) time.Duration { return d / time.Duration(speedup) }
	dev := newPtyDevice(t, "kiosk-printer", true)
	dev.discard = true
	dev.setStatus(func() []byte { return paperOK })
	p := startPortal(t, dataset(t, 2000), portalsim.Options{KioskKey: kioskKey, Seed: 9})
	k := buildKiosk(t, p.URL, func(c *config.Config) {
		c.Printer.Port = dev.Link
		c.Portal.Retries = 2
		c.Sync.PageSize = 500
	})
	k.syncUntilDone(t, 3)
	ctx, cancel := context.WithCancel(k.Ctx)
	defer cancel()
	k.S.Run(ctx)
	p.Sim.SetFaults(portalsim.Faults{FailRate: 0.03}) // the odd 500/429, as in life
	waitFor(t, "the printer to connect", func() bool { return k.S.PrinterStatus().Online })

	var lookups, lookupErrs, prints, printErrs, ticketErrs, syncs, searches, ratings atomic.Int64
	rng := rand.New(rand.NewSource(1))
	queries := []string{"khai sinh", "so do", "cccd", "dang ky kinh doanh", "giay phep lai xe", "ket hon", "xay dung", "bao hiem"}
	lookupT := time.NewTicker(every(10 * time.Second))
	printT := time.NewTicker(every(30 * time.Second))
	syncT := time.NewTicker(every(time.Minute))
	searchT := time.NewTicker(every(3 * time.Second))
	rateT := time.NewTicker(every(45 * time.Second))
	sampleEvery := max(total/20, time.Second)
	sampleT := time.NewTicker(sampleEvery)
	defer func() {
		for _, tk := range []*time.Ticker{lookupT, printT, syncT, searchT, rateT, sampleT} {
			tk.Stop()
		}
	}()
	h := health.Handler(k.S.Monitor, k.S.Metrics.Handler())
	start := time.Now()
	var samples []soakSample
	samples = append(samples, sample(start))
	end := time.After(total)
loop:
	for {
		select {
		case <-end:
			break loop
		case <-lookupT.C:
			who := people[rng.Intn(len(people))]
			lookups.Add(1)
			if _, err := k.S.Lookups.Dossier(ctx, who.Code, portal.DossierQuery{Secret: who.Secret}); err != nil {
				lookupErrs.Add(1)
				k.S.Lookups.RecentLookup(who.Code, 0)
			}
			if rng.Intn(3) == 0 {
				k.S.Lookups.ForgetLookups() // an idle reset
			}
		case <-printT.C:
			prints.Add(1)
			var err error
			if rng.Intn(2) == 0 {
				// The portal's 3 % failures reach ticket requests too (a
				// ticket is not retried: a second POST could issue a second
				// number); those are counted apart from printer failures.
				tk, terr := k.S.Tickets.TakeTicket(ctx, portal.TicketRequest{ServiceCode: "HOTICH"})
				if terr != nil {
					ticketErrs.Add(1)
					continue
				}
				err = k.S.Receipts.PrintTicket(ctx, tk, "vi")
			} else {
				res := k.S.Catalogue.Search(search.Query{Text: queries[rng.Intn(len(queries))], Limit: 1})
				if len(res) > 0 {
					var pr portal.Procedure
					if pr, err = k.S.Catalogue.Procedure(res[0].Code); err == nil {
						err = k.S.Receipts.PrintProcedure(ctx, pr, "vi")
					}
				}
			}
			if err != nil {
				printErrs.Add(1)
			}
		case <-syncT.C:
			p.Sim.Touch(20)
			k.S.SyncNow()
			syncs.Add(1)
		case <-searchT.C:
			searches.Add(1)
			k.S.Catalogue.Search(search.Query{Text: queries[rng.Intn(len(queries))], Limit: 20})
			k.S.Catalogue.FieldCounts()
		case <-rateT.C:
			ratings.Add(1)
			k.S.Ratings.SaveRating(portal.Rating{Overall: 1 + rng.Intn(5)})
		case <-sampleT.C:
			for _, path := range []string{"/metrics", "/status"} { // a scraper and a technician
				h.ServeHTTP(httptest.NewRecorder(), httptest.NewRequest(http.MethodGet, path, nil))
			}
			samples = append(samples, sample(start))
		}
	}
	// Let the last sync and delivery settle, then measure once more.
	p.Sim.SetFaults(portalsim.Faults{})
	k.S.SyncNow()
	waitFor(t, "the outbox to drain", func() bool { n, _ := k.S.Cache.OutboxDepth(); return n == 0 })
	time.Sleep(every(10 * time.Second))
	samples = append(samples, sample(start))

	base := samples[min(2, len(samples)-1)] // after warm-up (connections, index)
	last := samples[len(samples)-1]
	var peakHeap uint64
	maxG, maxFD := 0, 0
	for _, s := range samples {
		peakHeap, maxG, maxFD = max(peakHeap, s.heap), max(maxG, s.goroutines), max(maxFD, s.fds)
	}
	t.Logf("%d lookups (%d failed), %d prints (%d tickets refused by the portal, %d print failures), %d syncs, %d searches, %d ratings in %v (%dx)",
		lookups.Load(), lookupErrs.Load(), prints.Load(), ticketErrs.Load(), printErrs.Load(), syncs.Load(), searches.Load(), ratings.Load(), total, speedup)
	for _, s := range samples {
		t.Logf("t=%-6v heap %6.1f MiB  goroutines %3d  fds %3d", s.at, float64(s.heap)/(1<<20), s.goroutines, s.fds)
	}
	t.Run("goroutines do not grow over the run", func(t *testing.T) {
		if d := last.goroutines - base.goroutines; d > 8 {
			t.Errorf("goroutines grew from %d to %d", base.goroutines, last.goroutines)
		}
	})
	t.Run("open files do not grow over the run", func(t *testing.T) {
		if d := last.fds - base.fds; d > 4 {
			t.Errorf("open files grew from %d to %d", base.fds, last.fds)
		}
	})
	t.Run("the live heap stays flat", func(t *testing.T) {
		if d := int64(last.heap) - int64(base.heap); d > 32<<20 {
			t.Errorf("live heap grew by %d MiB", d>>20)
		}
	})
	t.Run("every receipt sent to the working printer printed", func(t *testing.T) {
		if n := printErrs.Load(); n != 0 {
			t.Errorf("%d of %d prints failed on a printer with paper", n, prints.Load())
		}
	})
	t.Run("every rating given during the soak reached the portal", func(t *testing.T) {
		if got := int64(len(p.Sim.Ratings())); got != ratings.Load() {
			t.Errorf("portal has %d ratings, %d were given", got, ratings.Load())
		}
	})
	mib := func(b uint64) string { return fmt.Sprintf("%.1f", float64(b)/(1<<20)) }
	record(fmt.Sprintf("soak: %v at %dx a busy centre's rate (2,000 procedures, 3%% portal failures)", total, speedup),
		fmt.Sprintf("%d lookups (%d failed → last known status), %d prints (%d queue tickets refused by the failing portal, %d printer failures), %d incremental syncs, %d searches, %d ratings; live heap %s → %s MiB (peak %s), goroutines %d → %d (max %d), open files %d → %d (max %d)",
			lookups.Load(), lookupErrs.Load(), prints.Load(), ticketErrs.Load(), printErrs.Load(), syncs.Load(), searches.Load(), ratings.Load(),
			mib(base.heap), mib(last.heap), mib(peakHeap), base.goroutines, last.goroutines, maxG, base.fds, last.fds, maxFD),
		"nothing (every rating delivered)")
}
