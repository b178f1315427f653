package kiosk

import (
	"context"
	"errors"
	"fmt"
	"log/slog"
	"time"

	"kiosk/internal/metrics"
	"kiosk/internal/portal"
	"kiosk/internal/printer"
	"kiosk/internal/receipt"
)

// ErrNoPrinter is returned by the print methods when no printer is configured.
var ErrNoPrinter = errors.New("no printer configured")

// devicePrinter is what both the serial and the virtual printer do.
type devicePrinter interface {
	Print(ctx context.Context, job []byte) error
	Status(ctx context.Context) (printer.Status, error)
}

// Receipts lays out the kiosk's receipts for the configured printer profile
// and prints them. The language of each receipt comes with the request: the
// screens pass the language the citizen is reading.
type Receipts struct {
	printer  devicePrinter // nil: no printer configured
	profile  receipt.Profile
	siteName string
	hotline  string
	// lookupURL is the portal's public dossier page for the slip's QR.
	lookupURL string
	now       func() time.Time
	metrics   *metrics.Metrics
	log       *slog.Logger
	// onStatus receives the printer's state after each job (nil: ignored).
	onStatus func(printer.Status)
}

func (r *Receipts) site(lang string) receipt.Site {
	return receipt.Site{Name: r.siteName, Hotline: r.hotline, Lang: lang, Now: r.now().In(portal.Vietnam), LookupURL: r.lookupURL}
}

// PrintProcedure prints a procedure's checklist of documents in lang.
func (r *Receipts) PrintProcedure(ctx context.Context, p portal.Procedure, lang string) error {
	return r.print(ctx, "procedure", receipt.ProcedureChecklist(p, r.site(lang)))
}

// PrintDossier prints a dossier status slip (masked data only) in lang.
func (r *Receipts) PrintDossier(ctx context.Context, d portal.Dossier, lang string) error {
	return r.print(ctx, "dossier", receipt.DossierSlip(d, r.site(lang)))
}

// PrintTicket prints a queue ticket in lang.
func (r *Receipts) PrintTicket(ctx context.Context, t portal.Ticket, lang string) error {
	return r.print(ctx, "ticket", receipt.QueueTicket(t, r.site(lang)))
}

// TestPage prints the printer test page (staff panel, kioskctl), in Vietnamese.
func (r *Receipts) TestPage(ctx context.Context) error {
	return r.print(ctx, "test", receipt.TestPage(r.site("vi"), r.profile))
}

// print encodes a receipt for the profile and prints it. Paper running low
// is not a failure (the job printed; staff see the warning in health).
func (r *Receipts) print(ctx context.Context, kind string, doc receipt.Doc) error {
	if r.printer == nil {
		r.metrics.Print(kind, "no_printer")
		return ErrNoPrinter
	}
	job, err := receipt.Encode(doc, r.profile)
	if err != nil {
		r.metrics.Print(kind, "error")
		return fmt.Errorf("laying out the %s receipt: %w", kind, err)
	}
	err = r.printer.Print(ctx, job)
	if errors.Is(err, printer.ErrPaperLow) {
		r.log.Warn("printer paper low", "kind", kind)
		err = nil
	}
	r.metrics.Print(kind, errKind(err))
	if st, serr := r.printer.Status(ctx); (serr == nil || st.Port != "") && r.onStatus != nil {
		r.onStatus(st)
	}
	return err
}
