package ui

import (
	"time"

	"fyne.io/fyne/v2"

	"kiosk/internal/scanner"
)

// inputRouter takes what arrives other than taps on a widget and sends it
// where it belongs: serial scans and lines typed by a keyboard-wedge scanner
// go to the screen that takes scans (or open the dossier lookup from the
// start screen), typed keys go to the screen that takes typing, and five taps
// in the hidden corner make the staff gesture. The wedge framing itself is
// scanner.KeyboardWedge's.
type inputRouter struct {
	k         *env
	wedge     scanner.KeyboardWedge
	staffTaps []time.Time
	// onStaff is called after the staff gesture.
	onStaff func()
}

// reset forgets half-typed wedge input and counted corner taps.
func (in *inputRouter) reset() {
	in.wedge.Reset()
	in.staffTaps = nil
}

// staffTap counts taps in the hidden corner: five within three seconds are
// the staff gesture.
func (in *inputRouter) staffTap() {
	now := in.k.now()
	taps := in.staffTaps[:0]
	for _, t := range in.staffTaps {
		if now.Sub(t) < 3*time.Second {
			taps = append(taps, t)
		}
	}
	in.staffTaps = append(taps, now)
	if len(in.staffTaps) >= 5 {
		in.staffTaps = nil
		in.k.log.Info("staff gesture")
		if in.onStaff != nil {
			in.onStaff()
		}
	}
}

// onRune receives typed characters: keyboard-wedge scanners and, on
// screens that want it, a physical keyboard.
func (in *inputRouter) onRune(r rune) {
	k := in.k
	k.touch()
	// A keyboard-wedge scanner types a whole code in a burst; a pause means
	// whatever came before was someone typing, not part of this scan.
	in.wedge.Rune(r, k.now())
	if h, ok := k.current().(runeHandler); ok {
		h.typedRune(r)
	}
}

func (in *inputRouter) onKey(e *fyne.KeyEvent) {
	k := in.k
	k.touch()
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if raw, ok := in.wedge.Enter(); ok {
			in.wedgeScan(raw)
			return
		}
	case fyne.KeyBackspace:
		in.wedge.Backspace()
	}
	if h, ok := k.current().(runeHandler); ok {
		h.typedKey(e.Name)
	}
}

// wedgeScan handles a line typed by a keyboard-wedge scanner.
func (in *inputRouter) wedgeScan(raw string) {
	k := in.k
	if h, typing := k.current().(runeHandler); typing {
		// A screen that takes typed text (search) gets Enter as "done".
		h.typedKey(fyne.KeyReturn)
		return
	}
	p, err := k.parse(raw)
	in.handleScan(p, err)
}

// handleScan routes a scan: the dossier screen takes it; on the start
// screen a dossier code opens the dossier screen with it.
func (in *inputRouter) handleScan(p Payload, err error) {
	k := in.k
	k.touch()
	if h, ok := k.current().(scanHandler); ok {
		h.onScan(k, p, err)
		k.confirmScan(err)
		return
	}
	if _, start := k.current().(*startScreen); start && err == nil && p.DossierCode != "" {
		d := newDossierScreen()
		k.show(d)
		d.onScan(k, p, nil)
		k.confirmScan(nil)
	}
}
