package escpos

import "fmt"

// PaperStatus is the answer to DLE EOT 4 (roll paper sensor status).
type PaperStatus struct {
	NearEnd bool // the roll is almost finished (bits 2-3)
	End     bool // no paper (bits 5-6)
}

// ParsePaperStatus decodes a DLE EOT 4 reply byte. Bits 1 and 4 are always
// set and bits 0 and 7 always clear in a genuine reply; anything else (a stray
// byte from a scanner on the wrong port, line noise) is rejected with
// ErrBadStatus so that it is never taken for "paper OK".
func ParsePaperStatus(b byte) (PaperStatus, error) {
	if b&0x93 != 0x12 {
		return PaperStatus{}, fmt.Errorf("paper status 0x%02x: %w", b, ErrBadStatus)
	}
	return PaperStatus{NearEnd: b&0x0C != 0, End: b&0x60 != 0}, nil
}

// PrinterStatus is the answer to DLE EOT 1 (printer status).
type PrinterStatus struct {
	Online     bool // bit 3 clear
	DrawerHigh bool // bit 2: drawer kick-out connector pin 3
	WaitOnline bool // bit 5: waiting for online recovery
}

// ParsePrinterStatus decodes a DLE EOT 1 reply byte (same fixed bits as
// ParsePaperStatus).
func ParsePrinterStatus(b byte) (PrinterStatus, error) {
	if b&0x93 != 0x12 {
		return PrinterStatus{}, fmt.Errorf("printer status 0x%02x: %w", b, ErrBadStatus)
	}
	return PrinterStatus{Online: b&0x08 == 0, DrawerHigh: b&0x04 != 0, WaitOnline: b&0x20 != 0}, nil
}
