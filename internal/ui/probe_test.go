package ui

import (
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"

	"kiosk/internal/health"
)

// The input probe is how the health report and the watchdog learn that the
// screen draws but ignores taps (issue 19, item 1): the kiosk taps its own
// one-pixel target every few seconds on the UI goroutine and records when
// the tap was handled.
func TestTheInputProbeNoticesAScreenThatIgnoresTaps(t *testing.T) {
	newProbed := func(t *testing.T) (*harness, *health.InputProbe) {
		var probe *health.InputProbe
		h := newHarness(t, func(d *Deps, o *Options) {})
		probe = &health.InputProbe{Now: h.clock.now}
		h.k.deps.Input = probe
		return h, probe
	}

	t.Run("a screen that answers stays responsive and its lag is measured", func(t *testing.T) {
		h, probe := newProbed(t)
		for i := 0; i < 3; i++ {
			probe.Sent()
			h.clock.add(2 * time.Second) // the UI goroutine was busy for 2 s
			h.k.probeTap()
			h.k.Window().Canvas().Capture() // the next frame
		}
		got := probe.Health()
		if !got.Probing || !got.Responsive || got.LagMS != 2000 || got.WaitingSeconds != 0 {
			t.Errorf("health = %+v, want probing, responsive, lag 2000 ms, nothing waiting", got)
		}
	})

	t.Run("a UI loop that no longer runs posted work is reported after the stall limit", func(t *testing.T) {
		_, probe := newProbed(t)
		clock := &fakeClock{t: testNow}
		probe.Now = clock.now
		probe.Sent() // posted, never run
		clock.add(health.InputStallAfter - time.Second)
		if !probe.Responsive() {
			t.Fatal("unresponsive before the stall limit")
		}
		probe.Sent() // later probes do not restart the wait
		clock.add(2 * time.Second)
		if got := probe.Health(); got.Responsive || got.WaitingSeconds != int64((health.InputStallAfter+time.Second)/time.Second) {
			t.Errorf("health = %+v, want unresponsive, waiting %d s", got, (health.InputStallAfter+time.Second)/time.Second)
		}
		m := health.Monitor{Input: probe, Now: clock.now}
		if r := m.Report(); len(r.Problems) == 0 || r.Screen.Responsive {
			t.Errorf("report = screen %+v, problems %q; want the screen named as a problem", r.Screen, r.Problems)
		}
	})

	t.Run("a tap that something covering the window would swallow is not an answer", func(t *testing.T) {
		h, probe := newProbed(t)
		cover := widget.NewPopUp(canvas.NewRectangle(transparent), h.k.Window().Canvas())
		cover.Resize(fyne.NewSize(1080, 1920))
		cover.Show()
		probe.Sent()
		h.k.probeTap()
		h.clock.add(health.InputStallAfter + time.Second)
		if got := probe.Health(); got.Responsive || got.Missed != 1 {
			t.Errorf("with a window-wide overlay up: health = %+v, want unresponsive with 1 missed tap", got)
		}
		cover.Hide()
		h.k.probeTap()
		h.k.Window().Canvas().Capture()
		if !probe.Responsive() {
			t.Error("still unresponsive after the overlay went away and the probe was answered")
		}
	})

	t.Run("the idle reset and navigation keep the probe answering", func(t *testing.T) {
		h, probe := newProbed(t)
		h.tapID("start.check")
		h.clock.add(10 * time.Minute)
		h.k.TickIdle()
		h.k.TickIdle()
		h.settle()
		probe.Sent()
		h.k.probeTap()
		h.k.Window().Canvas().Capture()
		if got := probe.Health(); !got.Responsive || got.LastHandled.IsZero() {
			t.Errorf("after an idle reset: health = %+v, want answered", got)
		}
	})

	// The walk's kiosk showed the start screen, ignored 18 taps and stopped
	// rotating its hint while Fyne's loop sat idle: a tap handler that runs
	// is not enough, the tap must reach the screen as a new frame.
	t.Run("a tap that is handled but never painted is not an answer", func(t *testing.T) {
		h, probe := newProbed(t)
		probe.Sent()
		h.k.probeTap() // handled on the UI goroutine; no frame follows
		h.clock.add(health.InputStallAfter + time.Second)
		if got := probe.Health(); got.Responsive || !got.LastHandled.IsZero() {
			t.Fatalf("tap handled, nothing painted: health = %+v, want unresponsive and never answered", got)
		}
		before := h.k.probe.frames.Load()
		h.k.Window().Canvas().Capture() // the painter draws the next frame
		if h.k.probe.frames.Load() == before {
			t.Fatal("the frame after the probe tap did not paint the probe target")
		}
		if !probe.Responsive() {
			t.Error("still unresponsive after the frame that shows the tap was painted")
		}
		// A frame without a new probe tap answers nothing.
		probe.Sent()
		h.clock.add(health.InputStallAfter + time.Second)
		h.k.Window().Canvas().Capture()
		if probe.Responsive() {
			t.Error("a frame painted without a probe tap answered the probe")
		}
	})
}
