package main

import (
	"time"

	"kiosk/internal/config"
	"kiosk/internal/kiosk"
	"kiosk/internal/portal"
	"kiosk/internal/receipt"
	"kiosk/internal/scanner"
	"kiosk/internal/ui"
)

// Compile-time checks that the use cases satisfy what the screens declare.
var (
	_ ui.Searcher       = (*kiosk.Catalogue)(nil)
	_ ui.CatalogReader  = (*kiosk.Catalogue)(nil)
	_ ui.StatusLooker   = (*kiosk.Lookups)(nil)
	_ ui.ReadyLister    = (*kiosk.Lookups)(nil)
	_ ui.RecentLookups  = (*kiosk.Lookups)(nil)
	_ ui.TicketTaker    = (*kiosk.Tickets)(nil)
	_ ui.RatingSaver    = (*kiosk.Ratings)(nil)
	_ ui.ReceiptPrinter = (*kiosk.Receipts)(nil)
	_ ui.Connectivity   = (*kiosk.Services)(nil)
	_ ui.DeviceFlagger  = (*kiosk.Services)(nil)
	_ ui.StaffActions   = (*kiosk.Services)(nil)
	_ ui.OfficerLister  = (*portal.Client)(nil)
)

// wire hands the use cases to the screens through the small interfaces the
// screens declare.
func wire(s *kiosk.Services) ui.Deps {
	return ui.Deps{
		Search:    s.Catalogue,
		Catalog:   s.Catalogue,
		Status:    s.Lookups,
		Ready:     s.Lookups,
		Lookups:   s.Lookups,
		Tickets:   s.Tickets,
		Ratings:   s.Ratings,
		Printer:   s.Receipts,
		Health:    s,
		Flags:     s,
		Scans:     s.Scans,
		ParseScan: scanner.Parse,
		Speaker:   s.Speaker,
		// The portal's own officer list (OpenCPS); other dialects have
		// none and the rating screen keeps its free-text field.
		Officers: s.Portal,
		// Who waits for each service, where the portal says (kiosk/v1).
		QueueLengths: s.Tickets,
	}
}

// loadConfig loads the site config, checking the names it refers to as
// `kioskctl config check` does (the printer profiles the receipt package
// bundles), so a config the check passes is one the kiosk starts with.
func loadConfig(path string) (*config.Config, error) {
	return config.Load(path, config.Known{Profiles: receipt.ProfileNames()})
}

func uiOptions(cfg *config.Config, started time.Time) ui.Options {
	qs := make([]ui.QueueService, len(cfg.Queue))
	for i, q := range cfg.Queue {
		qs[i] = ui.QueueService{Code: q.Code, NameVI: q.NameVI, NameEN: q.NameEN, Counter: q.Counter, FieldCode: q.FieldCode, Collect: q.Collect}
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
		Centre:               ui.Centre{Level: cfg.Centre.Level, AgencyCode: cfg.Centre.AgencyCode},
		OfficerAgency:        cfg.Centre.AgencyCode,
		PanelLongSideMM:      float64(cfg.Kiosk.PanelLongSideMM),
	}
}
