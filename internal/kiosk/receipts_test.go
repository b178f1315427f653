package kiosk

import (
	"bytes"
	"context"
	"errors"
	"log/slog"
	"testing"
	"time"

	"kiosk/internal/portal"
	"kiosk/internal/printer"
	"kiosk/internal/receipt"
)

func testReceipts(t *testing.T, dev devicePrinter) (*Receipts, *[]printer.Status) {
	t.Helper()
	prof, err := receipt.LoadProfile("epson-tm-t20iii")
	if err != nil {
		t.Fatal(err)
	}
	var seen []printer.Status
	now := time.Date(2026, 11, 20, 2, 30, 0, 0, time.UTC)
	return &Receipts{printer: dev, profile: prof, siteName: "Trung tâm thử nghiệm", hotline: "1900 1234",
		now: func() time.Time { return now }, log: slog.New(slog.DiscardHandler),
		onStatus: func(st printer.Status) { seen = append(seen, st) }}, &seen
}

var testTicket = portal.Ticket{Number: "A-042", ServiceName: "Hộ tịch", Counter: "1", IssuedAt: time.Date(2026, 11, 20, 2, 30, 0, 0, time.UTC)}

func TestAReceiptIsPrintedInTheLanguageItWasAskedIn(t *testing.T) {
	dev := &fakeDevice{status: printer.Status{Online: true, Paper: printer.PaperOK, Port: "fake"}}
	r, _ := testReceipts(t, dev)
	for _, lang := range []string{"vi", "en", "vi"} {
		if err := r.PrintTicket(context.Background(), testTicket, lang); err != nil {
			t.Fatal(err)
		}
	}
	if len(dev.jobs) != 3 {
		t.Fatalf("%d jobs sent, want 3", len(dev.jobs))
	}
	if bytes.Equal(dev.jobs[0], dev.jobs[1]) {
		t.Error("the English ticket is the same as the Vietnamese one")
	}
	if !bytes.Equal(dev.jobs[0], dev.jobs[2]) {
		t.Error("two Vietnamese tickets at the same time differ")
	}
}

func TestReceiptsWithoutAPrinterSaySo(t *testing.T) {
	r, _ := testReceipts(t, nil)
	if err := r.PrintProcedure(context.Background(), portal.Procedure{Code: "1.001193.000.00.00.H12", Name: "Đăng ký khai sinh"}, "vi"); !errors.Is(err, ErrNoPrinter) {
		t.Errorf("err = %v, want ErrNoPrinter", err)
	}
}

func TestPaperLowStillCountsAsPrintedAndPaperOutDoesNot(t *testing.T) {
	tests := []struct {
		name    string
		err     error
		paper   string
		wantErr error
	}{
		{"paper low: printed, staff warned through the status", printer.ErrPaperLow, printer.PaperLow, nil},
		{"paper out: the screens show the fallback", printer.ErrPaperOut, printer.PaperOut, printer.ErrPaperOut},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dev := &fakeDevice{err: tt.err, status: printer.Status{Online: true, Paper: tt.paper, Port: "fake"}}
			r, seen := testReceipts(t, dev)
			err := r.PrintDossier(context.Background(), portal.Dossier{Code: lookupCode, Status: 4, Applicant: "Phạm M** T"}, "vi")
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil && err != nil) {
				t.Errorf("err = %v, want %v", err, tt.wantErr)
			}
			if len(*seen) != 1 || (*seen)[0].Paper != tt.paper {
				t.Errorf("status passed on %+v, want paper %s", *seen, tt.paper)
			}
		})
	}
}
