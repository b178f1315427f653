package ui

import (
	"context"
	"time"

	"kiosk/internal/portal"
)

// The interfaces below are what the screens need from the rest of the kiosk.
// They are small on purpose: cmd/kiosk wires the real packages, tests wire
// fakes. Every field of Deps may be nil; a screen whose dependency is missing
// says the service is not available instead of crashing.

// Searcher finds procedures. Search with empty Text and a FieldCode or
// AgencyCode lists that field's or agency's procedures (browsing).
type Searcher interface {
	Search(q Query) []Result
	FieldCounts() map[string]int
	AgencyCounts() map[string]int
}

// CatalogReader reads the cached catalogue.
type CatalogReader interface {
	Procedure(code string) (portal.Procedure, error)
	Fields() ([]portal.Field, error)
	Agencies() ([]portal.Agency, error)
}

// StatusLooker asks the portal for a dossier's status.
type StatusLooker interface {
	Dossier(ctx context.Context, code string, q portal.DossierQuery) (portal.Dossier, error)
}

// ReadyLister lists dossiers whose results are ready to collect.
type ReadyLister interface {
	ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error)
}

// RecentLookups is the last known status of dossiers, kept (masked) by the
// StatusLooker as it answers, so that it can be shown, with its age, while
// the portal is offline. The screens only read and forget it.
type RecentLookups interface {
	RecentLookup(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool)
	ForgetLookups() error
}

// QueueLengther says how many people wait for each queue service, by
// service code; a portal without counts answers portal.ErrUnsupported.
type QueueLengther interface {
	QueueLengths(ctx context.Context) (map[string]int, error)
}

// TicketTaker takes queue tickets.
type TicketTaker interface {
	TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error)
}

// RatingSaver stores a rating durably (the outbox) before anything else, so it
// is never lost while the portal is offline.
type RatingSaver interface {
	SaveRating(r portal.Rating) error
}

// ReceiptPrinter lays out and prints the kiosk's receipts. An error that
// wraps printer.ErrPaperOut makes the screens show the fallback (number as a
// QR, "photograph this") and flags the printer for staff; printer.ErrPaperLow
// counts as printed. lang is the language on screen when the citizen asked
// for the receipt ("vi" or "en"); the receipt is printed in it.
type ReceiptPrinter interface {
	PrintProcedure(ctx context.Context, p portal.Procedure, lang string) error
	PrintDossier(ctx context.Context, d portal.Dossier, lang string) error
	PrintTicket(ctx context.Context, t portal.Ticket, lang string) error
}

// Connectivity tells whether the portal is reachable and when the catalogue
// was last synchronised, for the start screen's offline banner.
type Connectivity interface {
	Online() bool
	LastSync() time.Time
}

// DeviceFlagger raises a device state for staff through the health status,
// e.g. ("printer", "paper_out").
type DeviceFlagger interface {
	FlagDevice(device, state string)
}

// Deps holds everything the screens use. All fields are optional.
type Deps struct {
	Search  Searcher
	Catalog CatalogReader
	Status  StatusLooker
	Ready   ReadyLister
	Lookups RecentLookups
	Tickets TicketTaker
	Ratings RatingSaver
	Printer ReceiptPrinter
	Health  Connectivity
	Flags   DeviceFlagger
	// Scans delivers serial scanner reads; keyboard-wedge scanners type into
	// the window and are handled by the UI itself.
	Scans <-chan Scan
	// ParseScan turns typed or keyboard-wedge text into a payload
	// (scanner.Parse). Nil accepts any text as a dossier code.
	ParseScan func(raw string) (Payload, error)
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Speaker reads screens aloud (speak.go); nil hides the Listen buttons.
	Speaker Speaker
	// Input records the screen's synthetic probe taps (probe.go); nil sends none.
	Input InputProbe
	// Officers lists the officers to rate (officers.go); nil keeps the
	// rating screen's free-text officer field.
	Officers OfficerLister
	// QueueLengths says how many wait for each queue service before a
	// number is taken (ticket.go); nil shows no counts.
	QueueLengths QueueLengther
}

// Options are the site settings the screens show or obey.
type Options struct {
	KioskID     string
	SiteName    string
	Hotline     string
	FeedbackURL string
	LogoPath    string
	// Language is the default language, "vi" or "en".
	Language string
	// IdleTimeout is how long without a touch before "are you still there?";
	// IdleCountdown is how long that question waits before resetting.
	IdleTimeout   time.Duration
	IdleCountdown time.Duration
	QueueServices []QueueService
	HideCursor    bool
	Fullscreen    bool
	// Orientation is "auto", "portrait" or "landscape"; it only sets the
	// window size when not fullscreen (the layout adapts to any size).
	Orientation string
	// LookupTimeout bounds one dossier lookup (0 = 20 s).
	LookupTimeout time.Duration
	// RecentLookupTTL is how old a cached status may be to show offline.
	RecentLookupTTL time.Duration
	// ForgetLookupsOnReset clears the recent-lookup cache at every idle reset
	// (stricter privacy, but no last-known status offline).
	ForgetLookupsOnReset bool
	// StartedAt is when the process started, for OnReady's start-up time
	// (zero = when New was called).
	StartedAt time.Time
	// ReadyRefresh is how often the ready-dossier list refreshes (0 = 60 s).
	ReadyRefresh time.Duration
	// ScanConfirmation says "code read" aloud after every scan (voice.scan_confirmation).
	ScanConfirmation bool
	// PanelLongSideMM is the physical length of the touch panel's long side
	// in millimetres (kiosk.panel_long_side_mm; 0 = 476, a 21.5-inch 16:9
	// panel); tap targets are sized and checked in millimetres from it.
	PanelLongSideMM float64
	// Centre is the centre the kiosk stands in (site config [centre]); when
	// set, the find screen starts on the procedures it accepts.
	Centre Centre
	// OfficerAgency is the agency whose officers the rating screen offers
	// (the centre's [centre] agency_code); "" offers none.
	OfficerAgency string
}

// QueueService is one service a citizen can take a number for.
type QueueService struct {
	Code    string
	NameVI  string
	NameEN  string
	Counter string
	// FieldCode is the portal field (lĩnh vực) the service covers: its
	// counter is where to ask about a dossier of that field.
	FieldCode string
	// Collect marks the service whose counter hands out results.
	Collect bool
}

func (d Deps) flag(device, state string) {
	if d.Flags != nil {
		d.Flags.FlagDevice(device, state)
	}
}
