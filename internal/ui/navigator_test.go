package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
)

// pageScreen is a plain screen that records being left.
type pageScreen struct {
	name string
	left int
}

func (p *pageScreen) build(k *env) fyne.CanvasObject { return text(p.name) }
func (p *pageScreen) title(k *env) string            { return p.name }
func (p *pageScreen) leave()                         { p.left++ }

func TestTheNavigatorGoesBackThroughTheStackAndHome(t *testing.T) {
	h := newHarness(t)
	a, b, c := &pageScreen{name: "A"}, &pageScreen{name: "B"}, &pageScreen{name: "C"}
	h.k.show(a)
	h.k.show(b)
	h.k.replace(c) // B is gone: back from C returns to A
	if a.left != 1 || b.left != 1 {
		t.Errorf("left A %d B %d times, want 1 and 1", a.left, b.left)
	}
	h.mustSee("C")
	h.k.back()
	if h.k.cur != screen(a) || c.left != 1 {
		t.Fatalf("back from C went to %v (C left %d)", h.k.cur, c.left)
	}
	h.mustSee("A")
	h.k.back()
	if _, start := h.k.cur.(*startScreen); !start {
		t.Fatalf("back from the first screen went to %T, want the start screen", h.k.cur)
	}
	h.k.back() // nothing left: stays home
	if _, start := h.k.cur.(*startScreen); !start || len(h.k.stack) != 0 {
		t.Fatalf("back on the start screen: %T, stack %d", h.k.cur, len(h.k.stack))
	}
	h.k.show(a)
	h.k.show(b)
	h.k.home()
	if _, start := h.k.cur.(*startScreen); !start || len(h.k.stack) != 0 || b.left != 2 {
		t.Errorf("home: %T, stack %d, B left %d", h.k.cur, len(h.k.stack), b.left)
	}
}

func TestTheNavigatorAsksThenResetsAndReportsTheIdleReset(t *testing.T) {
	h := newHarness(t)
	resets := 0
	h.k.OnIdleReset = func() { resets++ }
	h.k.show(&pageScreen{name: "A"})
	if h.k.atRest() {
		t.Fatal("at rest with a screen open")
	}
	h.clock.add(testOptions().IdleTimeout)
	h.k.TickIdle()
	if h.k.asking == nil {
		t.Fatal("no question after the idle timeout")
	}
	h.clock.add(testOptions().IdleCountdown)
	h.k.TickIdle()
	if _, start := h.k.cur.(*startScreen); !start || resets != 1 || h.k.asking != nil {
		t.Errorf("after the countdown: %T, %d idle resets, asking %v", h.k.cur, resets, h.k.asking != nil)
	}
	if !h.k.atRest() {
		t.Error("not at rest after the reset")
	}
	h.clock.add(time.Hour) // at rest nothing is reset again
	h.k.TickIdle()
	if resets != 1 {
		t.Errorf("%d idle resets at rest, want 1", resets)
	}
}

func TestTheNavigatorIsNotAtRestInAnotherLanguage(t *testing.T) {
	h := newHarness(t)
	h.k.toggleLanguage()
	if h.k.atRest() {
		t.Error("at rest in English on a Vietnamese site: a restart would interrupt the citizen")
	}
}
