package kiosk

import (
	"context"
	"io"
	"log/slog"
	"path/filepath"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/portalsim"
	"kiosk/internal/printer"
)

// TestStatusCountsProceduresRightAfterTheFirstSync: the counts in the health
// report were kept for a minute, so a kiosk asked for its status at start
// (the first heartbeat does) said "0 procedures" for a minute after its first
// sync filled the cache. The clock does not move until the end: only the
// sync may change the answer.
func TestStatusCountsProceduresRightAfterTheFirstSync(t *testing.T) {
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	ds := testDataset()
	_, url, stop, err := portalsim.StartServer(ctx, "127.0.0.1:0", ds, portalsim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Kiosk.ID = "test-01"
	cfg.Portal.BaseURL = url
	cfg.Portal.Retries = -1
	cfg.Cache.Path = filepath.Join(dir, "cache.db")
	cfg.Kiosk.ReceiptDir = filepath.Join(dir, "receipts")
	cfg.Printer.Port, cfg.Printer.Profile = "virtual", "epson-tm-t20iii"
	cfg.Scanner.Port = "keyboard"
	clk := &clock{now: time.Now()}
	s, err := Build(ctx, cfg, Options{Version: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)), Now: clk.Now, NoStatusSocket: true})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(s.Close)

	if r := s.Monitor.Report(); r.Cache.Procedures != 0 {
		t.Fatalf("before any sync the report counts %d procedures", r.Cache.Procedures)
	}
	if _, err := s.Syncer.Run(ctx, false, nil); err != nil {
		t.Fatalf("first sync: %v", err)
	}
	r := s.Monitor.Report()
	if r.Cache.Procedures != len(ds.Procedures) || r.Cache.Agencies != len(ds.Agencies) || r.Cache.Fields != len(ds.Fields) {
		t.Errorf("right after the first sync the report counts %d procedures, %d agencies, %d fields; want %d, %d, %d",
			r.Cache.Procedures, r.Cache.Agencies, r.Cache.Fields, len(ds.Procedures), len(ds.Agencies), len(ds.Fields))
	}
	if r.Cache.LastSync.IsZero() {
		t.Errorf("the report says never synced")
	}

	// Between syncs the counts are still kept: a report that changes
	// nothing must not walk the file again (that is what the minute is for).
	s.mu.Lock()
	at := s.cacheHealthAt
	s.mu.Unlock()
	clk.Add(time.Second) // a recount would be stamped a second later
	s.Monitor.Report()
	s.mu.Lock()
	again := s.cacheHealthAt
	s.mu.Unlock()
	if !again.Equal(at) {
		t.Errorf("a report with nothing synced since counted the cache again")
	}
}

// TestVirtualPrinterFolderIsBoundedByTheConfig: the kiosk hands
// kiosk.receipt_keep and receipt_max_age to the virtual printer (its folder
// used to grow without end on a demo kiosk).
func TestVirtualPrinterFolderIsBoundedByTheConfig(t *testing.T) {
	e := startKiosk(t)
	v, ok := e.s.printer.(*printer.Virtual)
	if !ok {
		t.Fatalf("the printer is %T, want the virtual printer", e.s.printer)
	}
	if v.Keep != e.s.Cfg.Kiosk.ReceiptKeep || v.Keep <= 0 || v.MaxAge != e.s.Cfg.Kiosk.ReceiptMaxAge.Duration || v.MaxAge <= 0 {
		t.Errorf("virtual printer keeps %d receipts for %s; config says %d for %s", v.Keep, v.MaxAge,
			e.s.Cfg.Kiosk.ReceiptKeep, e.s.Cfg.Kiosk.ReceiptMaxAge)
	}
}
