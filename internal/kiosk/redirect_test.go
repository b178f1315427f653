package kiosk

import (
	"context"
	"encoding/json"
	"log/slog"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	gosync "sync"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// TestThePortalClientTheKioskBuildsRefusesRedirects goes through Build, so it
// checks the HTTP client the kiosk really uses (its own TLS and metrics
// wiring included), not just the portal package's default one.
func TestThePortalClientTheKioskBuildsRefusesRedirects(t *testing.T) {
	var mu gosync.Mutex
	var leaked []string
	target := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		mu.Lock()
		leaked = append(leaked, r.Header.Get("Authorization")+" "+r.Header.Get("X-Applicant-Id")+" "+r.Header.Get("X-Dossier-Secret"))
		mu.Unlock()
	}))
	defer target.Close()
	redir := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, target.URL+r.URL.RequestURI(), http.StatusTemporaryRedirect)
	}))
	defer redir.Close()

	dir := t.TempDir()
	cfg := config.Default()
	cfg.Kiosk.ID, cfg.Kiosk.SiteName = "test-01", "Trung tâm thử nghiệm"
	cfg.Portal.BaseURL = redir.URL
	cfg.Portal.KioskKey = "kiosk-key-never-forwarded"
	cfg.Portal.Retries = -1
	cfg.Cache.Path = filepath.Join(dir, "cache.db")
	cfg.Kiosk.ReceiptDir = filepath.Join(dir, "receipts")
	cfg.Printer.Port = "virtual"
	cfg.Printer.Profile = "epson-tm-t20iii"
	cfg.Scanner.Port = "keyboard"
	ctx := context.Background()
	s, err := Build(ctx, cfg, Options{Version: "test", Logger: slog.New(slog.DiscardHandler), Errors: health.NewErrorRing(10), Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	_, err = s.Portal.Dossier(ctx, "000.20.31.H12-261115-0001", portal.DossierQuery{Secret: "ABCD1234", IDNumber: "074090001111"})
	if err == nil || !strings.Contains(err.Error(), "redirect") {
		t.Errorf("lookup through a redirecting portal: got %v, want a refused redirect", err)
	}
	mu.Lock()
	defer mu.Unlock()
	if len(leaked) != 0 {
		t.Fatalf("the redirect target received %d requests: %q", len(leaked), leaked)
	}
}

func TestThePortalPasswordNeverReachesTheStatusReport(t *testing.T) {
	ctx := context.Background()
	_, url, stop, err := portalsim.StartServer(ctx, "127.0.0.1:0", testDataset(), portalsim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Kiosk.ID, cfg.Kiosk.SiteName = "test-01", "Trung tâm thử nghiệm"
	cfg.Portal.BaseURL = strings.Replace(url, "://", "://admin:hunter2@", 1)
	cfg.Portal.Retries = -1
	cfg.Cache.Path = filepath.Join(dir, "cache.db")
	cfg.Kiosk.ReceiptDir = filepath.Join(dir, "receipts")
	cfg.Printer.Port = "virtual"
	cfg.Printer.Profile = "epson-tm-t20iii"
	cfg.Scanner.Port = "keyboard"
	s, err := Build(ctx, cfg, Options{Version: "test", Logger: slog.New(slog.DiscardHandler), Errors: health.NewErrorRing(10), Now: time.Now})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	s.Monitor.RefreshPortal(ctx)
	b, err := json.Marshal(s.Report())
	if err != nil {
		t.Fatal(err)
	}
	if strings.Contains(string(b), "hunter2") {
		t.Fatalf("the status report (served on /status, shown by kioskctl status, the staff panel and the diagnostics bundle) holds the portal password: %s", b)
	}
	if !strings.Contains(string(b), "REDACTED@127.0.0.1") {
		t.Errorf("the report does not show the (redacted) portal URL: %s", b)
	}
}

func TestARecentLookupTTLOfZeroKeepsNone(t *testing.T) {
	r := newRecentLookups(0, time.Now)
	r.put(portal.Dossier{Code: "000.20.31.H12-261115-0001", Status: 9})
	if _, _, ok := r.get("000.20.31.H12-261115-0001", 0); ok {
		t.Fatal(`recent_lookup_ttl = "0s" still remembered a lookup`)
	}
}
