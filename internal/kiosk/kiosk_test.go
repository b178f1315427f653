package kiosk

import (
	"context"
	"errors"
	"log/slog"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"sync"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/search"
)

// t0 is in the recent past: the simulator runs on real time and lists only
// what changed before a listing started.
var t0 = time.Now().Add(-48 * time.Hour).Truncate(time.Hour)

// clock is the kiosk's injected clock, moved by tests to skip retry waits.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func testDataset() *portalsim.Dataset {
	fin := t0.Add(-24 * time.Hour)
	return &portalsim.Dataset{
		Reference: t0,
		Fields:    []portal.Field{{Code: "HOTICH", Name: "Hộ tịch"}},
		Agencies:  []portal.Agency{{Code: "000.10.00.H29", Name: "UBND phường Thủ Dầu Một", Kind: "commune"}},
		Procedures: []portal.Procedure{
			{Code: "1.001193.000.00.00.H29", Name: "Đăng ký khai sinh", AgencyCode: "000.10.00.H29", FieldCode: "HOTICH", Level: 3, LevelOld: 3,
				Channels:  []portal.Channel{{Kind: 1, Time: portal.Duration{Value: 1, Unit: "ngày làm việc"}}},
				Documents: []portal.Document{{Name: "Tờ khai đăng ký khai sinh", Originals: 1}}, UpdatedAt: t0.Add(-time.Hour)},
			{Code: "1.000894.000.00.00.H29", Name: "Đăng ký kết hôn", AgencyCode: "000.10.00.H29", FieldCode: "HOTICH", Level: 3, LevelOld: 3,
				Channels: []portal.Channel{{Kind: 1, Time: portal.Duration{Value: 3, Unit: "ngày làm việc"}}}, UpdatedAt: t0.Add(-2 * time.Hour)},
		},
		Dossiers: []portalsim.DossierRecord{{
			Dossier: portal.Dossier{Code: "000.10.00.H29-261115-0001", ProcedureCode: "1.001193.000.00.00.H29", ProcedureName: "Đăng ký khai sinh",
				AgencyCode: "000.10.00.H29", AgencyName: "UBND phường Thủ Dầu Một", Status: 9, StatusLabel: "Đã xử lý xong",
				ReceivedAt: t0.Add(-72 * time.Hour), DueAt: t0.Add(24 * time.Hour), FinishedAt: &fin, PickupPlace: "Quầy số 2"},
			ApplicantName: "Phạm Minh Tuấn", ApplicantIDNumber: "074090001111", Secret: "ABCD1234"}},
	}
}

type env struct {
	s    *Services
	sim  *portalsim.Server
	dir  string
	ctx  context.Context
	logs *strings.Builder
	clk  *clock
}

func startKiosk(t *testing.T) *env {
	t.Helper()
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	sim, url, stop, err := portalsim.StartServer(ctx, "127.0.0.1:0", testDataset(), portalsim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Kiosk.ID, cfg.Kiosk.SiteName = "test-01", "Trung tâm thử nghiệm"
	cfg.Portal.BaseURL = url
	cfg.Portal.Retries = -1
	cfg.Portal.LookupTimeout = config.Duration{Duration: 5 * time.Second}
	cfg.Cache.Path = filepath.Join(dir, "cache.db")
	cfg.Kiosk.ReceiptDir = filepath.Join(dir, "receipts")
	cfg.Printer.Port = "virtual"
	cfg.Printer.Profile = "epson-tm-t20iii"
	cfg.Scanner.Port = "keyboard"
	cfg.Queue = []config.QueueService{{Code: "ho-tich", NameVI: "Hộ tịch, chứng thực", NameEN: "Civil status", Counter: "1"}}
	logs := &strings.Builder{}
	clk := &clock{now: time.Now()}
	s, err := Build(ctx, cfg, Options{Version: "test", Logger: slog.New(slog.NewTextHandler(logs, nil)), Errors: health.NewErrorRing(10), Now: clk.Now})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)
	if _, err := s.Syncer.Run(ctx, true, nil); err != nil {
		t.Fatalf("first sync: %v", err)
	}
	s.Catalogue.RebuildIndex()
	return &env{s: s, sim: sim, dir: dir, ctx: ctx, logs: logs, clk: clk}
}

func TestSearchWorksFromTheSyncedCatalogue(t *testing.T) {
	e := startKiosk(t)
	res := e.s.Catalogue.Search(search.Query{Text: "dang ky khai sinh"})
	if len(res) == 0 || res[0].Code != "1.001193.000.00.00.H29" {
		t.Fatalf("got %+v, want Đăng ký khai sinh first", res)
	}
	if n := e.s.Catalogue.FieldCounts()["HOTICH"]; n != 2 {
		t.Errorf("field tile count %d, want 2", n)
	}
}

func TestDossierLookupFallsBackToTheLastKnownStatusWhenOffline(t *testing.T) {
	e := startKiosk(t)
	const code = "000.10.00.H29-261115-0001"
	d, err := e.s.Lookups.Dossier(e.ctx, code, portal.DossierQuery{Secret: "ABCD1234"})
	if err != nil || !d.Detailed || d.Applicant != "Phạm M** T" {
		t.Fatalf("got %+v, %v; want a detailed, masked dossier", d, err)
	}
	e.sim.SetOffline(true)
	_, err = e.s.Lookups.Dossier(e.ctx, code, portal.DossierQuery{})
	if !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("offline lookup: got %v, want ErrOffline", err)
	}
	last, at, ok := e.s.Lookups.RecentLookup(code, 0)
	if !ok || last.Status != 9 || at.IsZero() {
		t.Errorf("recent lookup: got %+v at %v (%v), want the last known status", last, at, ok)
	}
	if last.Applicant == "Phạm Minh Tuấn" {
		t.Error("the remembered lookup holds the full name")
	}
	if err := e.s.Lookups.ForgetLookups(); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := e.s.Lookups.RecentLookup(code, 0); ok {
		t.Error("lookup still remembered after ForgetLookups (idle reset)")
	}
	if strings.Contains(e.logs.String(), "Phạm Minh Tuấn") || strings.Contains(e.logs.String(), "074090001111") {
		t.Error("personal data reached the log")
	}
}

func TestRatingsSavedOfflineAreDeliveredOnceWhenThePortalReturns(t *testing.T) {
	e := startKiosk(t)
	e.sim.SetOffline(true)
	for _, level := range []int{5, 4} {
		if err := e.s.Ratings.SaveRating(portal.Rating{Overall: level}); err != nil {
			t.Fatal(err)
		}
	}
	if n, err := e.s.Deliver.DeliverOnce(e.ctx); err == nil || n != 0 {
		t.Fatalf("offline delivery: delivered %d, err %v; want nothing delivered and an error", n, err)
	}
	if got := e.s.Report(); got.Outbox.Depth != 2 {
		t.Errorf("outbox depth %d, want 2", got.Outbox.Depth)
	}
	e.sim.SetOffline(false)
	for i := 0; i < 3; i++ {
		e.clk.Add(time.Hour) // past any retry backoff
		e.s.Deliver.DeliverOnce(e.ctx)
	}
	if got := e.sim.Ratings(); len(got) != 2 {
		t.Errorf("portal has %d ratings, want 2", len(got))
	}
	if got := e.s.Report(); got.Outbox.Depth != 0 {
		t.Errorf("outbox depth %d after delivery, want 0", got.Outbox.Depth)
	}
}

func TestTicketPrintsOnTheVirtualPrinter(t *testing.T) {
	e := startKiosk(t)
	tk, err := e.s.Tickets.TakeTicket(e.ctx, portal.TicketRequest{ServiceCode: "ho-tich", Counter: "1"})
	if err != nil || tk.Number == "" {
		t.Fatalf("got %+v, %v", tk, err)
	}
	if tk.ServiceName != "Hộ tịch, chứng thực" {
		t.Errorf("service name %q, want the centre's name for the service", tk.ServiceName)
	}
	if err := e.s.Receipts.PrintTicket(e.ctx, tk, "vi"); err != nil {
		t.Fatal(err)
	}
	pngs, _ := filepath.Glob(filepath.Join(e.dir, "receipts", "*.png"))
	if len(pngs) != 1 {
		t.Fatalf("virtual printer saved %d PNGs, want 1", len(pngs))
	}
	if fi, err := os.Stat(pngs[0]); err != nil || fi.Size() < 1000 {
		t.Errorf("receipt PNG %s looks empty (%v)", pngs[0], err)
	}
}

func TestResetClearsStateButKeepsWorking(t *testing.T) {
	e := startKiosk(t)
	if err := e.s.Ratings.SaveRating(portal.Rating{Overall: 3}); err != nil {
		t.Fatal(err)
	}
	if err := e.s.ResetDevice(); err != nil {
		t.Fatal(err)
	}
	if r := e.s.Report(); r.Outbox.Depth != 0 || r.Cache.Procedures != 0 {
		t.Errorf("after reset: outbox %d, procedures %d; want both 0", r.Outbox.Depth, r.Cache.Procedures)
	}
	if _, err := e.s.Syncer.Run(e.ctx, true, nil); err != nil {
		t.Fatal(err)
	}
	e.s.Catalogue.RebuildIndex()
	if res := e.s.Catalogue.Search(search.Query{Text: "ket hon"}); len(res) == 0 {
		t.Error("search empty after reset and resync")
	}
	if e.s.Cfg.Kiosk.ID != "test-01" {
		t.Error("reset changed the config")
	}
}

func TestStatusSocketServesTheHealthReport(t *testing.T) {
	e := startKiosk(t)
	e.s.Run(e.ctx)
	e.s.Monitor.RefreshPortal(e.ctx)
	sock := health.SocketPath(e.s.Cfg.Cache.Path)
	deadline := time.Now().Add(5 * time.Second)
	for {
		if _, err := os.Stat(sock); err == nil || time.Now().After(deadline) {
			break
		}
		time.Sleep(10 * time.Millisecond)
	}
	r := e.s.Report()
	if !r.Portal.Reachable || r.Cache.Procedures != 2 || r.Printer.State != "ok" || r.Scanner.State != "keyboard" {
		t.Errorf("report %+v", r)
	}
	if _, err := os.Stat(sock); err != nil {
		t.Errorf("status socket not created: %v", err)
	}
}

func TestAPaperOutSeenByTheScreensReachesHealthAtOnce(t *testing.T) {
	e := startKiosk(t)
	e.s.FlagDevice("printer", "paper_out")
	r := e.s.Report()
	if r.Printer.State != "out" || !strings.Contains(strings.Join(r.Problems, "\n"), "out of paper") {
		t.Errorf("printer %+v, problems %v; want out of paper", r.Printer, r.Problems)
	}
}

func TestLookupsNeverReachTheCacheFile(t *testing.T) {
	e := startKiosk(t)
	const code = "000.10.00.H29-261115-0001"
	if _, err := e.s.Lookups.Dossier(e.ctx, code, portal.DossierQuery{Secret: "ABCD1234"}); err != nil {
		t.Fatal(err)
	}
	if _, _, ok := e.s.Lookups.RecentLookup(code, 0); !ok {
		t.Fatal("lookup not remembered for the offline fallback")
	}
	b, err := os.ReadFile(e.s.Cfg.Cache.Path)
	if err != nil {
		t.Fatal(err)
	}
	for _, s := range []string{code, "Phạm M** T", "Quầy số 2"} {
		if strings.Contains(string(b), s) {
			t.Errorf("the cache file holds %q from a citizen's lookup", s)
		}
	}
}

// A cache held by another kiosk process (or a stale one that has not exited)
// is an error the caller shows as "out of service", never a panic, and Build
// returns no half-built services.
func TestBuildOnALockedCacheReturnsAnError(t *testing.T) {
	e := startKiosk(t)
	cfg := *e.s.Cfg
	s, err := Build(e.ctx, &cfg, Options{Version: "test", Logger: slog.New(slog.NewTextHandler(&strings.Builder{}, nil))})
	if err == nil {
		s.Close()
		t.Fatal("a second kiosk opened a cache that the first still holds")
	}
	if s != nil {
		t.Fatalf("Build returned services along with the error %v", err)
	}
	if !errors.Is(err, catalog.ErrLocked) {
		t.Fatalf("error = %v, want one wrapping catalog.ErrLocked", err)
	}
	// The first kiosk is untouched.
	if _, err := e.s.Cache.OutboxDepth(); err != nil {
		t.Fatalf("the first kiosk's cache stopped working: %v", err)
	}
}

func TestBuildLeavesTheCallersConfigAsItIs(t *testing.T) {
	e := startKiosk(t)
	before := *e.s.Cfg
	cfg := before
	cfg.Cache.Path = filepath.Join(t.TempDir(), "other.db")
	want := cfg
	s, err := Build(e.ctx, &cfg, Options{Version: "test", Logger: slog.New(slog.NewTextHandler(&strings.Builder{}, nil)), NoStatusSocket: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !reflect.DeepEqual(cfg, want) {
		t.Errorf("Build changed the config:\n got %+v\nwant %+v", cfg, want)
	}
}

// The site's queue services are the ones asked about, against the real
// client and the simulator; a ticket then joins its service's count.
func TestQueueLengthsAreTheSitesServicesAsThePortalCountsThem(t *testing.T) {
	e := startKiosk(t)
	before, err := e.s.Tickets.QueueLengths(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if _, ok := before["ho-tich"]; !ok || len(before) != 1 {
		t.Errorf("got %v, want a count for the site's one service, ho-tich", before)
	}
	if _, err := e.s.Tickets.TakeTicket(e.ctx, portal.TicketRequest{ServiceCode: "ho-tich"}); err != nil {
		t.Fatal(err)
	}
	after, err := e.s.Tickets.QueueLengths(e.ctx)
	if err != nil {
		t.Fatal(err)
	}
	if after["ho-tich"] != before["ho-tich"]+1 {
		t.Errorf("ho-tich: %d waiting before a ticket, %d after", before["ho-tich"], after["ho-tich"])
	}
}
