package ui

import (
	"math/rand"
	"runtime"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
)

// TestMonkeyTappingEverythingNeverStrandsTheKiosk is the "citizen tapping at
// random" test: thousands of taps on whatever is tappable on screen, with
// typing, scans and the clock moving, must not panic, must leave the idle
// reset working, and must not leak goroutines. Memory is measured on a real
// window instead (docs/reliability.md): the headless test driver never cleans
// Fyne's renderer cache, which the real driver does every frame.
func TestMonkeyTappingEverythingNeverStrandsTheKiosk(t *testing.T) {
	steps := 1500
	if testing.Short() {
		steps = 300
	}
	h := newHarness(t)
	rng := rand.New(rand.NewSource(20261122))
	goroutines := runtime.NumGoroutine()

	keys := []string{"a", "s", "d", "0", "1", "9", "w", " "}
	for i := 0; i < steps; i++ {
		switch r := rng.Intn(20); {
		case r < 16: // tap something tappable
			var tappable []fyne.Tappable
			for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
				if tp, ok := o.(fyne.Tappable); ok && o.Visible() {
					tappable = append(tappable, tp)
				}
			}
			if len(tappable) > 0 {
				test.Tap(tappable[rng.Intn(len(tappable))])
			}
		case r < 18: // a physical key or a keyboard-wedge burst
			h.k.onRune([]rune(keys[rng.Intn(len(keys))])[0])
		case r < 19: // a serial scan, good or garbage
			scan := Scan{Raw: "000.00.15.H29-261015-0012", Payload: Payload{DossierCode: "000.00.15.H29-261015-0012"}}
			if rng.Intn(2) == 0 {
				scan = Scan{Raw: "rác", Err: errGarbageScan}
			}
			select {
			case h.scans <- scan:
			default:
			}
		default: // time passes
			h.clock.add(time.Duration(rng.Intn(30)) * time.Second)
			h.k.TickIdle()
		}
		h.settle()
	}

	// Whatever state the monkey left, the idle reset brings back the start
	// screen.
	for i := 0; i < 200; i++ {
		h.clock.add(time.Second)
		h.k.TickIdle()
		h.settle()
	}
	h.mustSee(h.k.t("start.find"))

	if n := runtime.NumGoroutine(); n > goroutines+20 {
		t.Errorf("goroutines grew from %d to %d", goroutines, n)
	}
}

var errGarbageScan = &scanError{"unrecognised payload"}

type scanError struct{ s string }

func (e *scanError) Error() string { return e.s }
