package e2e

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"kiosk/internal/escpos"
	"kiosk/internal/portalsim"
)

// TestPortalTextIsData gives the kiosk a procedure whose text carries
// printer commands and markup, as a compromised or careless portal might,
// and checks the printed receipt holds only the kiosk's own commands.
func TestPortalTextIsData(t *testing.T) {
	ds := dataset(t, 0)
	const cut, initPrinter, askStatus, pulseDrawer = "\x1dV\x41\x00", "\x1b@", "\x10\x04\x04", "\x1bp\x00\x19\xfa"
	p0 := &ds.Procedures[0]
	p0.Name = "Đăng ký khai sinh" + cut + initPrinter + "<b>đậm</b><script>alert(1)</script>"
	if len(p0.Documents) > 0 {
		p0.Documents[0].Name += askStatus + pulseDrawer + "\x1b!\x38TO"
	}
	p := startPortal(t, ds, portalsim.Options{KioskKey: kioskKey})
	k := buildKiosk(t, p.URL, nil)
	k.syncUntilDone(t, 1)
	pr, err := k.S.Catalogue.Procedure(p0.Code)
	if err != nil {
		t.Fatal(err)
	}
	if err := k.S.Receipts.PrintProcedure(k.Ctx, pr, "vi"); err != nil {
		t.Fatal(err)
	}
	kept := "the cache keeps the raw text (the screens must show it as text)"
	if !strings.ContainsAny(pr.Name, "\x1b\x1d") {
		kept = "the client stripped the control bytes before the cache"
	}
	t.Logf("%s: %q", kept, pr.Name)
	bins, _ := filepath.Glob(filepath.Join(k.S.ReceiptDir, "*.bin"))
	if len(bins) != 1 {
		t.Fatalf("%d receipts saved, want 1", len(bins))
	}
	job, err := os.ReadFile(bins[0])
	if err != nil {
		t.Fatal(err)
	}
	ops, err := escpos.Decode(job)
	if err != nil {
		t.Fatalf("the receipt does not decode: %v", err)
	}
	count := map[escpos.Cmd]int{}
	for _, op := range ops {
		count[op.Cmd]++
		if op.Cmd == escpos.OpText && strings.ContainsAny(string(op.Data), "\x1b\x1d\x10") {
			t.Errorf("printed text at byte %d carries a control byte: %q", op.Off, op.Data)
		}
	}
	t.Run("the receipt is cut once, at its end, and the printer is reset only at its start", func(t *testing.T) {
		if count[escpos.OpCut] != 1 {
			t.Errorf("%d cuts in the receipt, want 1", count[escpos.OpCut])
		}
		if count[escpos.OpInit] > 1 || count[escpos.OpStatus] > 0 {
			t.Errorf("the receipt holds %d ESC @ and %d DLE EOT; portal text became printer commands", count[escpos.OpInit], count[escpos.OpStatus])
		}
	})
	t.Run("the markup is printed as text, not interpreted", func(t *testing.T) {
		text := receiptText(job)
		if !strings.Contains(text, "khai sinh") {
			t.Errorf("the procedure name is missing from the receipt:\n%s", text)
		}
	})
	record("portal text carrying ESC/POS commands (cut, reset, status, cash drawer) and HTML/script markup",
		"control bytes never reached the printer as commands (one cut, one reset, no status request in the job); markup printed as text; "+kept, "nothing")
}
