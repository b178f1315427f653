package e2e

import (
	"context"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"runtime"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/kiosk"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// clock is the kiosk's injected clock; tests move it to skip backoff waits
// and to age remembered lookups. It follows real time between moves, since
// the simulator runs on real time.
type clock struct {
	mu   sync.Mutex
	skew time.Duration
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return time.Now().Add(c.skew) }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.skew += d
	c.mu.Unlock()
}

// person is an applicant whose personal data must never leave the portal
// unmasked.
type person struct {
	Code, Name, IDNumber, Phone, Secret string
}

// people are the test applicants; their names, ID numbers and phones are
// what the privacy scan looks for.
var people = []person{
	{"000.10.00.H29-261115-0101", "Nguyễn Thị Hồng Nhung", "074190012345", "0912345678", "QX7P2K"},
	{"000.10.00.H29-261116-0102", "Trần Văn Quyết", "074088054321", "0987654321", "M3ZR8T"},
	{"000.10.00.H29-261117-0103", "Lê Hoàng Bảo Châu", "079301009876", "0903111222", "H6WN4D"},
	{"000.10.00.H29-261118-0104", "Phạm Minh Tuấn", "074090001111", "0938777666", "ABCD1234"},
}

// dataset is the bundled demo catalogue (133 procedures) plus the test
// applicants' dossiers and n-133 synthetic procedures when n is larger.
func dataset(t testing.TB, n int) *portalsim.Dataset {
	t.Helper()
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if extra := n - len(ds.Procedures); extra > 0 {
		ds.AddSynthetic(extra, 7)
	}
	ref := ds.Reference
	if ref.IsZero() {
		ref = portalsim.DemoReference
	}
	proc := ds.Procedures[0]
	for i, p := range people {
		fin := ref.Add(-24 * time.Hour)
		d := portalsim.DossierRecord{
			Dossier: portal.Dossier{Code: p.Code, ProcedureCode: proc.Code, ProcedureName: proc.Name,
				AgencyCode: proc.AgencyCode, AgencyName: "UBND phường Thủ Dầu Một", Status: 4 + i, StatusLabel: "Đang xử lý",
				ReceivedAt: ref.Add(-72 * time.Hour), DueAt: ref.Add(24 * time.Hour), PickupPlace: "Quầy số 2",
				Note: "Hồ sơ đầy đủ"},
			ApplicantName: p.Name, ApplicantIDNumber: p.IDNumber, ApplicantPhone: p.Phone, Secret: p.Secret,
		}
		if i == 3 {
			d.Status, d.StatusLabel, d.FinishedAt = 9, "Đã xử lý xong", &fin
		}
		ds.Dossiers = append(ds.Dossiers, d)
	}
	return ds
}

// portalEnv is a simulator served over loopback HTTP behind an optional
// wrapping handler that injects faults the simulator's own switches do not
// have (dropping an answer after the portal acted on it, going offline
// between pages, streaming huge bodies).
type portalEnv struct {
	Sim *portalsim.Server
	URL string
	mu  sync.Mutex
	mw  func(w http.ResponseWriter, r *http.Request, next http.Handler)
}

// setMiddleware installs (or with nil removes) the fault-injecting wrapper.
func (p *portalEnv) setMiddleware(f func(w http.ResponseWriter, r *http.Request, next http.Handler)) {
	p.mu.Lock()
	p.mw = f
	p.mu.Unlock()
}

func (p *portalEnv) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	p.mu.Lock()
	mw := p.mw
	p.mu.Unlock()
	if mw != nil {
		mw(w, r, p.Sim)
		return
	}
	p.Sim.ServeHTTP(w, r)
}

func startPortal(t testing.TB, ds *portalsim.Dataset, o portalsim.Options) *portalEnv {
	t.Helper()
	p := &portalEnv{Sim: portalsim.New(ds, o)}
	srv := httptest.NewServer(p)
	t.Cleanup(srv.Close)
	p.URL = srv.URL
	return p
}

// hangUp closes the client's connection without an answer.
func hangUp(w http.ResponseWriter) {
	conn, _, err := w.(http.Hijacker).Hijack()
	if err == nil {
		conn.Close()
	}
}

// kioskEnv is a kiosk.Services built from a site config against a portal.
type kioskEnv struct {
	S    *kiosk.Services
	Dir  string
	Clk  *clock
	Logs *syncBuffer
	Ctx  context.Context
}

// syncBuffer collects log output from several goroutines.
type syncBuffer struct {
	mu sync.Mutex
	b  strings.Builder
}

func (s *syncBuffer) Write(p []byte) (int, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.b.Write(p)
}

func (s *syncBuffer) String() string { s.mu.Lock(); defer s.mu.Unlock(); return s.b.String() }

// siteConfig is a kiosk config for tests: virtual printer, keyboard scanner,
// no client retries unless a test asks for them.
func siteConfig(dir, url string) *config.Config {
	cfg := config.Default()
	cfg.Kiosk.ID, cfg.Kiosk.SiteName, cfg.Kiosk.Hotline = "e2e-01", "Trung tâm Hành chính công thử nghiệm", "1900 1234"
	cfg.Portal.BaseURL = url
	cfg.Portal.KioskKey = "khoa-bi-mat"
	cfg.Portal.Retries = -1
	cfg.Portal.Timeout = config.Duration{Duration: 10 * time.Second}
	cfg.Portal.LookupTimeout = config.Duration{Duration: 5 * time.Second}
	cfg.Cache.Path = filepath.Join(dir, "cache.db")
	cfg.Kiosk.ReceiptDir = filepath.Join(dir, "receipts")
	cfg.Printer.Port = "virtual"
	cfg.Printer.Profile = "epson-tm-t20iii"
	cfg.Scanner.Port = "keyboard"
	cfg.Sync.PageSize = 50
	return cfg
}

// buildKiosk builds the services; edit may change the config first.
func buildKiosk(t testing.TB, url string, edit func(*config.Config)) *kioskEnv {
	t.Helper()
	dir := t.TempDir()
	cfg := siteConfig(dir, url)
	if edit != nil {
		edit(cfg)
	}
	return buildKioskFrom(t, dir, cfg)
}

func buildKioskFrom(t testing.TB, dir string, cfg *config.Config) *kioskEnv {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	logs := &syncBuffer{}
	ring := health.NewErrorRing(20)
	clk := &clock{}
	log := slog.New(ring.Handler(slog.NewJSONHandler(logs, &slog.HandlerOptions{Level: slog.LevelDebug})))
	s, err := kiosk.Build(ctx, cfg, kiosk.Options{Version: "e2e", Logger: log, Errors: ring, Now: clk.Now, NoStatusSocket: true})
	if err != nil {
		t.Fatalf("building the kiosk: %v", err)
	}
	t.Cleanup(s.Close)
	return &kioskEnv{S: s, Dir: dir, Clk: clk, Logs: logs, Ctx: ctx}
}

// syncUntilDone runs incremental syncs (resuming) until one succeeds,
// moving the clock past backoffs; it fails after max attempts.
func (k *kioskEnv) syncUntilDone(t testing.TB, max int) (runs int) {
	t.Helper()
	for runs = 1; runs <= max; runs++ {
		if _, err := k.S.Syncer.Run(k.Ctx, false, nil); err == nil {
			k.S.Catalogue.RebuildIndex()
			return runs
		}
	}
	t.Fatalf("sync did not complete in %d runs; last error: %s", max, k.S.Syncer.Status().LastError)
	return runs
}

// cachedCodes is every procedure code in the kiosk's cache with its name.
func cachedCodes(t testing.TB, k *kioskEnv) map[string]string {
	t.Helper()
	procs, err := k.S.Cache.Procedures()
	if err != nil {
		t.Fatal(err)
	}
	m := make(map[string]string, len(procs))
	for _, p := range procs {
		m[p.Code] = p.Name + "|" + p.UpdatedAt.UTC().Format(time.RFC3339Nano)
	}
	return m
}

// portalCodes is what the portal publishes now, by a fresh full listing.
func portalCodes(t testing.TB, url string) map[string]string {
	t.Helper()
	cl, err := portal.New(portal.Options{BaseURL: url, KioskID: "checker", KioskKey: "khoa-bi-mat", Retries: -1, Timeout: time.Minute})
	if err != nil {
		t.Fatal(err)
	}
	m := map[string]string{}
	token := ""
	for {
		page, err := cl.Procedures(context.Background(), time.Time{}, token, 1000)
		if err != nil {
			t.Fatalf("listing the portal: %v", err)
		}
		for _, p := range page.Items {
			m[p.Code] = p.Name + "|" + p.UpdatedAt.UTC().Format(time.RFC3339Nano)
		}
		if page.NextPageToken == "" {
			return m
		}
		token = page.NextPageToken
	}
}

// diffSets says how two code->value maps differ ("" when equal), naming a
// few examples.
func diffSets(got, want map[string]string) string {
	var missing, extra, changed []string
	for k, v := range want {
		g, ok := got[k]
		switch {
		case !ok:
			missing = append(missing, k)
		case g != v:
			changed = append(changed, k)
		}
	}
	for k := range got {
		if _, ok := want[k]; !ok {
			extra = append(extra, k)
		}
	}
	if len(missing)+len(extra)+len(changed) == 0 {
		return ""
	}
	cut := func(s []string) []string { return s[:min(3, len(s))] }
	return strings.Join([]string{
		"cache has " + itoa(len(got)) + ", portal " + itoa(len(want)),
		"missing " + itoa(len(missing)) + " " + strings.Join(cut(missing), ","),
		"extra " + itoa(len(extra)) + " " + strings.Join(cut(extra), ","),
		"stale " + itoa(len(changed)) + " " + strings.Join(cut(changed), ","),
	}, "; ")
}

func itoa(n int) string { return strconv.Itoa(n) }

// waitFor polls cond until it holds and fails the test after a generous
// limit: it asserts that something happens, not how fast.
func waitFor(t testing.TB, what string, cond func() bool) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for !cond() {
		if time.Now().After(deadline) {
			t.Fatalf("timed out waiting for %s", what)
		}
		time.Sleep(10 * time.Millisecond)
	}
}

// openFDs counts this process's open file descriptors (-1 if unknown).
func openFDs() int {
	ents, err := os.ReadDir("/proc/self/fd")
	if err != nil {
		return -1
	}
	return len(ents)
}

// heapAfterGC is the live heap after a collection.
func heapAfterGC() uint64 {
	runtime.GC()
	var ms runtime.MemStats
	runtime.ReadMemStats(&ms)
	return ms.HeapAlloc
}

// heapPeak samples HeapAlloc while running f and returns the highest value
// seen and the bytes f's process allocated in total.
func heapPeak(f func()) (peak, allocated uint64) {
	var ms runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&ms)
	startTotal := ms.TotalAlloc
	peak = ms.HeapAlloc
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Add(1)
	var mu sync.Mutex
	go func() {
		defer wg.Done()
		var m runtime.MemStats
		for {
			runtime.ReadMemStats(&m)
			mu.Lock()
			peak = max(peak, m.HeapAlloc)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-time.After(2 * time.Millisecond):
			}
		}
	}()
	f()
	close(done)
	wg.Wait()
	runtime.ReadMemStats(&ms)
	return max(peak, ms.HeapAlloc), ms.TotalAlloc - startTotal
}
