package e2e

import (
	"fmt"
	"math/rand"
	"net/http"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	ksync "kiosk/internal/sync"
)

// TestKilledRealKioskBinary kills the real cmd/kiosk process — window,
// background loops and all — with SIGKILL while it is syncing a large
// catalogue and delivering ratings queued while the network was down, then
// starts it again, as systemd does after a crash or a power cut. The
// in-process crash tests (crash_test.go) aim their kills precisely; this one
// checks that the assembled program behaves the same.
func TestKilledRealKioskBinary(t *testing.T) {
	if testing.Short() {
		t.Skip("starts Xvfb and the kiosk binary several times; skipped with -short")
	}
	for _, tool := range []string{"Xvfb", "xdotool"} {
		if _, err := exec.LookPath(tool); err != nil {
			t.Skipf("needs %s (Debian packages xvfb and xdotool): %v", tool, err)
		}
	}
	const procedures, ratings, kills = 20000, 150, 4
	rng := rand.New(rand.NewSource(time.Now().UnixNano()))
	display := startXvfb(t)
	bin := buildKioskBinary(t)
	p := startPortal(t, dataset(t, procedures), portalsim.Options{}) // any kiosk key
	// A portal a little slow to answer, as over a province's network, so
	// that sync and delivery are still under way when the kill comes.
	p.setMiddleware(func(w http.ResponseWriter, r *http.Request, next http.Handler) {
		switch {
		case strings.HasPrefix(r.URL.Path, "/api/v1/procedures"):
			time.Sleep(120 * time.Millisecond) // a page of 500
		default:
			time.Sleep(40 * time.Millisecond)
		}
		next.ServeHTTP(w, r)
	})
	prn := newPtyDevice(t, "kiosk-printer", true)
	prn.discard = true
	prn.setStatus(func() []byte { return paperOK })
	scn := newPtyDevice(t, "kiosk-scanner", false)
	dir := t.TempDir()
	cfgPath := writeWindowConfig(t, dir, p.URL, prn.Link, scn.Link)
	cachePath := filepath.Join(dir, "cache.db")

	// Ratings citizens gave while the network was down, waiting in the outbox.
	cache, err := catalog.Open(cachePath, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	ids := make([]string, ratings)
	for i := range ids {
		ids[i] = fmt.Sprintf("demo-01-crash-%03d", i)
		if err := ksync.EnqueueRating(cache, portal.Rating{ID: ids[i], KioskID: "demo-01", Overall: 1 + i%5, CreatedAt: time.Now().UTC()}); err != nil {
			t.Fatal(err)
		}
	}
	cache.Close()

	type kill struct {
		after           time.Duration
		ratingsOnPortal int
		cached          int // procedures in the cache after the kill
	}
	var done []kill
	for i := 0; i < kills; i++ {
		k := startKioskWindow(t, bin, cfgPath, display, dir)
		wait := time.Duration(200+rng.Intn(1500)) * time.Millisecond
		time.Sleep(wait)
		k.kill()
		assertCacheIntact(t, cachePath)
		done = append(done, kill{after: wait, ratingsOnPortal: p.Sim.Stats().Ratings, cached: cachedCount(t, cachePath)})
		// The province keeps editing while the kiosk is down.
		changed := p.Sim.Touch(20)
		p.Sim.Delete(changed[0])
	}

	// The last start is left to finish.
	k := startKioskWindow(t, bin, cfgPath, display, dir)
	poll(t, 3*time.Minute, "the restarted kiosk to finish its sync and empty its outbox", func() bool {
		return k.metric("kiosk_cache_age_seconds") >= 0 && k.metric("kiosk_outbox_depth") == 0 && p.Sim.Stats().Ratings >= ratings
	})
	k.stop()
	assertCacheIntact(t, cachePath)

	t.Run("every rating queued before the crashes reached the portal exactly once", func(t *testing.T) {
		assertRatingsExactlyOnce(t, p, ids)
		if r := p.Sim.Stats().Replays; r > kills {
			t.Errorf("%d replays after %d kills: ratings were re-sent beyond the one in flight at each kill", r, kills)
		}
	})
	t.Run("the next incremental sync makes the cache equal the portal", func(t *testing.T) {
		// The kiosk runs its next incremental sync at sync.interval (15 min
		// in this config); run that one here on the same file.
		cfg := siteConfig(dir, p.URL)
		cfg.Cache.Path = cachePath
		env := buildKioskFrom(t, dir, cfg)
		if moved := env.S.Cache.Recovered(); moved != "" {
			t.Fatalf("the cache was moved aside as corrupt: %s", moved)
		}
		env.syncUntilDone(t, 2)
		if d := diffSets(cachedCodes(t, env), portalCodes(t, p.URL)); d != "" {
			t.Errorf("cache differs from the portal: %s", d)
		}
	})

	var b strings.Builder
	for i, d := range done {
		if i > 0 {
			b.WriteString(", ")
		}
		fmt.Fprintf(&b, "%.1f s after the start screen (%d procedures cached, %d/%d ratings delivered)", d.after.Seconds(), d.cached, d.ratingsOnPortal, ratings)
	}
	record(fmt.Sprintf("kill -9 of the real kiosk binary (window and loops) during a %d-procedure sync and delivery of %d queued ratings (%d kills)", procedures, ratings, kills),
		"killed "+b.String()+"; every restart opened the cache intact (no recovery), resumed the sync and the delivery; the last run finished both; the next incremental sync made the cache equal the portal",
		fmt.Sprintf("nothing: the portal holds each of the %d ratings once (%d replays answered from the stored key)", ratings, p.Sim.Stats().Replays))
}

// cachedCount is the number of procedures in a cache file no kiosk holds.
func cachedCount(t *testing.T, path string) int {
	t.Helper()
	c, err := catalog.Open(path, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st, err := c.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return st.Procedures
}
