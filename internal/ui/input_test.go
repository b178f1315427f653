package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"

	"kiosk/internal/portal"
)

// typeBurst types s as a keyboard-wedge scanner does, then Enter.
func typeBurst(h *harness, s string) {
	for _, r := range s {
		h.k.onRune(r)
	}
	h.k.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
}

func TestTheInputRouterTakesAWedgeBurstAsAScanButNotSlowTyping(t *testing.T) {
	h := newHarness(t)
	// The code exists: a bare code is checked with the portal before the
	// ID number is asked for.
	h.f.dossiers["000.00.15.H29-261015-0012"] = portal.Dossier{Code: "000.00.15.H29-261015-0012"}
	for _, r := range "123.45" {
		h.k.onRune(r)
		h.clock.add(time.Second) // someone at a keyboard, not a scanner
	}
	typeBurst(h, "000.00.15.H29-261015-0012")
	d, ok := h.k.cur.(*dossierScreen)
	if !ok || d.step != stepNeedID {
		t.Fatalf("a wedge scan on the start screen: now on %T", h.k.cur)
	}
	if d.pending != "000.00.15.H29-261015-0012" {
		t.Errorf("scanned %q: the slow typing before the burst was taken as part of it", d.pending)
	}
}

func TestTheInputRouterCountsFiveCornerTapsWithinThreeSeconds(t *testing.T) {
	h := newHarness(t)
	n := 0
	h.k.OnStaffGesture = func() { n++ }
	for i := 0; i < 5; i++ {
		h.k.staffTap()
		h.clock.add(time.Second) // 5 taps over 5 s: never 5 within 3 s
	}
	if n != 0 {
		t.Fatalf("slow taps made %d staff gestures", n)
	}
	for i := 0; i < 5; i++ {
		h.k.staffTap()
		h.clock.add(100 * time.Millisecond)
	}
	if n != 1 {
		t.Errorf("five quick taps made %d staff gestures, want 1", n)
	}
}

func TestTheInputRouterForgetsHalfAScanWhenTheScreenChanges(t *testing.T) {
	h := newHarness(t)
	h.f.dossiers["H29-261015-0012"] = portal.Dossier{Code: "H29-261015-0012"}
	for _, r := range "000.00.15" {
		h.k.onRune(r)
	}
	h.tap("Tra cứu hồ sơ")
	typeBurst(h, "H29-261015-0012") // the rest of nothing: a fresh code
	d := h.k.cur.(*dossierScreen)
	if d.pending == "000.00.15H29-261015-0012" || d.pending != "H29-261015-0012" {
		t.Errorf("pending %q: input from the last screen leaked into the scan", d.pending)
	}
}
