package main

import (
	"context"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/kiosk"
	"kiosk/internal/portal"
	"kiosk/internal/scanner"
	"kiosk/internal/ui"
)

// Compile-time checks that the services satisfy what the screens declare.
var (
	_ ui.CatalogReader  = (*kiosk.Services)(nil)
	_ ui.StatusLooker   = (*kiosk.Services)(nil)
	_ ui.ReadyLister    = (*kiosk.Services)(nil)
	_ ui.RatingSaver    = (*kiosk.Services)(nil)
	_ ui.Connectivity   = (*kiosk.Services)(nil)
	_ ui.Searcher       = (*kiosk.Services)(nil)
	_ ui.RecentLookups  = (*kiosk.Services)(nil)
	_ ui.TicketTaker    = tickets{}
	_ ui.ReceiptPrinter = (*receipts)(nil)
	_ ui.DeviceFlagger  = (*kiosk.Services)(nil)
)

// wire hands the services to the screens through the small interfaces the
// screens declare. Receipts are printed in the language on screen; main sets
// how to read it once the screens exist.
func wire(s *kiosk.Services) ui.Deps {
	return ui.Deps{
		Search:    s,
		Catalog:   s,
		Status:    s,
		Ready:     s,
		Lookups:   s,
		Tickets:   tickets{s},
		Ratings:   s,
		Printer:   &receipts{s: s, lang: func() string { return "vi" }},
		Health:    s,
		Flags:     s,
		Scans:     s.Scans,
		ParseScan: scanner.Parse,
		Speaker:   s.Speaker,
	}
}

type tickets struct{ s *kiosk.Services }

func (a tickets) TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error) {
	return a.s.TakeTicket(ctx, r.ServiceCode, r.Counter)
}

type receipts struct {
	s    *kiosk.Services
	lang func() string
}

func (a *receipts) PrintProcedure(ctx context.Context, p portal.Procedure) error {
	return a.s.PrintProcedure(ctx, p, a.lang())
}
func (a *receipts) PrintDossier(ctx context.Context, d portal.Dossier) error {
	return a.s.PrintDossier(ctx, d, a.lang())
}
func (a *receipts) PrintTicket(ctx context.Context, t portal.Ticket) error {
	return a.s.PrintTicket(ctx, t, a.lang())
}

func uiOptions(cfg *config.Config, started time.Time) ui.Options {
	qs := make([]ui.QueueService, len(cfg.Queue))
	for i, q := range cfg.Queue {
		qs[i] = ui.QueueService{Code: q.Code, NameVI: q.NameVI, NameEN: q.NameEN, Counter: q.Counter}
	}
	return ui.Options{
		KioskID: cfg.Kiosk.ID, SiteName: cfg.Kiosk.SiteName, Hotline: cfg.Kiosk.Hotline, FeedbackURL: cfg.Kiosk.FeedbackURL,
		LogoPath: cfg.Kiosk.Logo, Language: cfg.Kiosk.Language,
		IdleTimeout: cfg.Kiosk.IdleTimeout.Duration, IdleCountdown: cfg.Kiosk.IdleCountdown.Duration,
		QueueServices: qs, HideCursor: cfg.Kiosk.HideCursor, Fullscreen: cfg.Kiosk.Fullscreen, Orientation: cfg.Kiosk.Orientation,
		LookupTimeout: cfg.Portal.LookupTimeout.Duration, RecentLookupTTL: cfg.Cache.RecentLookupTTL.Duration,
		// The idle reset forgets every lookup too: what the last citizen
		// scanned does not outlive their session, even masked.
		ForgetLookupsOnReset: true,
		StartedAt:            started,
		ScanConfirmation:     cfg.Voice.Enabled && cfg.Voice.ScanConfirmation,
	}
}
