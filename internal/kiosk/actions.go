package kiosk

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"fmt"
	"time"

	"kiosk/internal/health"
	"kiosk/internal/portal"
	"kiosk/internal/printer"
	"kiosk/internal/receipt"
	"kiosk/internal/search"
	ksync "kiosk/internal/sync"
)

// ErrNoPrinter is returned by the print methods when no printer is configured.
var ErrNoPrinter = errors.New("no printer configured")

// Search runs a query on the current index; it never touches disk or network.
func (s *Services) Search(q search.Query) []search.Result {
	ix := s.index.Load()
	if ix == nil {
		return nil
	}
	res := ix.Search(q)
	if q.Text != "" {
		s.Metrics.Lookup("search", map[bool]string{true: "ok", false: "none"}[len(res) > 0])
	}
	return res
}

// FieldCounts is the number of procedures per field, for browse tiles.
func (s *Services) FieldCounts() map[string]int {
	if ix := s.index.Load(); ix != nil {
		return ix.FieldCounts()
	}
	return nil
}

// AgencyCounts is the number of procedures per agency, for browse tiles.
func (s *Services) AgencyCounts() map[string]int {
	if ix := s.index.Load(); ix != nil {
		return ix.AgencyCounts()
	}
	return nil
}

// Procedure reads one procedure from the cache and counts the view.
func (s *Services) Procedure(code string) (portal.Procedure, error) {
	p, err := s.Cache.Procedure(code)
	if err == nil {
		s.Metrics.ProcedureView(code)
		s.Metrics.Lookup("procedure", "ok")
	}
	return p, err
}

// Fields lists the cached fields.
func (s *Services) Fields() ([]portal.Field, error) { return s.Cache.Fields() }

// Agencies lists the cached agencies.
func (s *Services) Agencies() ([]portal.Agency, error) { return s.Cache.Agencies() }

// Dossier looks a dossier up on the portal within the lookup timeout. A
// successful answer is kept (masked) for a short while so that the kiosk can
// show the last known status if the portal goes down.
func (s *Services) Dossier(ctx context.Context, code string, q portal.DossierQuery) (portal.Dossier, error) {
	if t := s.Cfg.Portal.LookupTimeout.Duration; t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	d, err := s.Portal.Dossier(ctx, code, q)
	if errors.Is(err, context.DeadlineExceeded) {
		err = fmt.Errorf("looking up the dossier took too long: %w", portal.ErrOffline)
	}
	s.Metrics.Lookup("dossier", errKind(err))
	if err != nil {
		return d, err
	}
	s.lookups.put(d)
	return d, nil
}

// PutLookup remembers the public summary of a dossier just looked up.
func (s *Services) PutLookup(d portal.Dossier) error {
	s.lookups.put(d)
	return nil
}

// RecentLookup is the last known status of a code, if looked up less than
// maxAge ago (0: the configured recent_lookup_ttl).
func (s *Services) RecentLookup(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool) {
	return s.lookups.get(code, maxAge)
}

// ForgetLookups drops every remembered lookup (idle reset, staff reset). It
// also wipes lookups an older version kept in the cache file.
func (s *Services) ForgetLookups() error {
	s.lookups.forget()
	return s.Cache.ForgetLookups()
}

// ReadyDossiers is the public list of dossiers with results ready.
func (s *Services) ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error) {
	if t := s.Cfg.Portal.LookupTimeout.Duration; t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	list, err := s.Portal.ReadyDossiers(ctx, agency, q)
	s.Metrics.Lookup("ready", errKind(err))
	return list, err
}

// TakeTicket asks the portal for a queue number.
func (s *Services) TakeTicket(ctx context.Context, serviceCode, counter string) (portal.Ticket, error) {
	if t := s.Cfg.Portal.LookupTimeout.Duration; t > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t)
		defer cancel()
	}
	t, err := s.Portal.TakeTicket(ctx, portal.TicketRequest{KioskID: s.Cfg.Kiosk.ID, ServiceCode: serviceCode, Counter: counter})
	s.Metrics.Ticket(serviceCode, errKind(err))
	if err == nil && (t.ServiceName == "" || t.ServiceName == serviceCode) {
		// A portal that only echoes the code: use the centre's own name for it.
		for _, q := range s.Cfg.Queue {
			if q.Code == serviceCode && q.NameVI != "" {
				t.ServiceName = q.NameVI
			}
		}
	}
	return t, err
}

// SaveRating stores a rating in the outbox (so it survives power cuts and
// network outages) and wakes the delivery loop. It gives the rating its
// idempotency key when it has none.
func (s *Services) SaveRating(r portal.Rating) error {
	if r.ID == "" {
		r.ID = newID(s.Cfg.Kiosk.ID)
	}
	r.KioskID = s.Cfg.Kiosk.ID
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now().UTC()
	}
	if err := ksync.EnqueueRating(s.Cache, r); err != nil {
		return err
	}
	s.Metrics.Rating(r.Overall)
	s.Deliver.Notify()
	return nil
}

func newID(kiosk string) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return kiosk + "-" + hex.EncodeToString(b[:])
}

// Online reports whether the last portal check succeeded (true before the
// first check, so the start screen does not flash an offline banner).
func (s *Services) Online() bool { return !s.portalSeen.Load() || s.portalUp.Load() }

// LastSync is when the catalogue was last synced (zero if never).
func (s *Services) LastSync() time.Time {
	st, err := s.Cache.SyncState()
	if err != nil {
		return time.Time{}
	}
	return st.LastSuccess
}

// vietnam is Indochina Time (UTC+7, no daylight saving): receipts show the
// citizen's wall-clock time whatever the PC's time zone is set to.
var vietnam = time.FixedZone("ICT", 7*3600)

func (s *Services) site(lang string) receipt.Site {
	return receipt.Site{Name: s.Cfg.Kiosk.SiteName, Hotline: s.Cfg.Kiosk.Hotline, Lang: lang, Now: s.now().In(vietnam)}
}

// print encodes a receipt for the configured profile and prints it.
func (s *Services) print(ctx context.Context, kind string, doc receipt.Doc) error {
	if s.printer == nil {
		s.Metrics.Print(kind, "no_printer")
		return ErrNoPrinter
	}
	job, err := receipt.Encode(doc, s.Profile)
	if err != nil {
		s.Metrics.Print(kind, "error")
		return fmt.Errorf("laying out the %s receipt: %w", kind, err)
	}
	err = s.printer.Print(ctx, job)
	if errors.Is(err, printer.ErrPaperLow) {
		// The job printed; staff see the warning in health.
		s.Log.Warn("printer paper low", "kind", kind)
		err = nil
	}
	s.Metrics.Print(kind, errKind(err))
	if st, serr := s.printer.Status(ctx); serr == nil || st.Port != "" {
		s.mu.Lock()
		s.printerState = st
		s.mu.Unlock()
		s.Metrics.SetPaper(paperState(st))
	}
	return err
}

// PrintProcedure prints a procedure's checklist of documents.
func (s *Services) PrintProcedure(ctx context.Context, p portal.Procedure, lang string) error {
	return s.print(ctx, "procedure", receipt.ProcedureChecklist(p, s.site(lang)))
}

// PrintDossier prints a dossier status slip (masked data only).
func (s *Services) PrintDossier(ctx context.Context, d portal.Dossier, lang string) error {
	return s.print(ctx, "dossier", receipt.DossierSlip(d, s.site(lang)))
}

// PrintTicket prints a queue ticket.
func (s *Services) PrintTicket(ctx context.Context, t portal.Ticket, lang string) error {
	return s.print(ctx, "ticket", receipt.QueueTicket(t, s.site(lang)))
}

// TestPrint prints the printer test page (staff panel, kioskctl).
func (s *Services) TestPrint(ctx context.Context) error {
	return s.print(ctx, "test", receipt.TestPage(s.site("vi"), s.Profile))
}

// PrinterStatus is the printer's last known state.
func (s *Services) PrinterStatus() health.DeviceHealth { return s.printerHealth() }

// SyncNow asks the sync loop for an incremental run now.
func (s *Services) SyncNow() { s.Syncer.Trigger() }

// FullResync asks the sync loop for a full listing now.
func (s *Services) FullResync() { s.Syncer.TriggerFull() }

// Report is the health snapshot the staff panel shows.
func (s *Services) Report() health.Report { return s.Monitor.Report() }

// ResetDevice clears local state — catalogue, outbox, recent lookups — while
// keeping the config, then schedules a full sync. The screens reset language
// and what the last citizen did themselves.
func (s *Services) ResetDevice() error {
	s.lookups.forget()
	if err := s.Cache.Reset(); err != nil {
		return err
	}
	s.mu.Lock()
	s.cacheHealthAt = time.Time{}
	s.mu.Unlock()
	s.RebuildIndex()
	s.Syncer.TriggerFull()
	s.Log.Warn("device reset by staff: cache and outbox cleared, full sync scheduled")
	return nil
}

// FlagDevice records what the screens learned about a device (a print that
// failed for lack of paper) so staff see it in health and Prometheus at once,
// before the next status poll.
func (s *Services) FlagDevice(device, state string) {
	s.Log.Warn("device needs staff", "device", device, "state", state)
	if device != "printer" {
		return
	}
	s.mu.Lock()
	switch state {
	case "paper_out":
		s.printerState.Paper = printer.PaperOut
	case "paper_low":
		s.printerState.Paper = printer.PaperLow
	}
	st := s.printerState
	s.mu.Unlock()
	s.Metrics.SetPaper(paperState(st))
}
