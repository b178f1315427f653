package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// InputProbe records the synthetic taps the screen sends itself
// (health.InputProbe): Sent when one is posted, Handled when the probe
// target's tap handler ran, Missed when a tap at the probe's position would
// reach something else.
type InputProbe interface {
	Sent()
	Handled()
	Missed()
}

// probeEvery is how often the screen taps its own probe target.
const probeEvery = 3 * time.Second

// probeTarget is a one-pixel, invisible tappable in the window's top layer
// (bottom-right corner). A kiosk that still draws but no longer runs its
// event loop, or whose taps land on something covering the window, stops
// answering the taps sent to it, and the health report and the systemd
// watchdog notice (issue 19, item 1).
type probeTarget struct {
	widget.BaseWidget
	onTap func()
}

var _ fyne.Tappable = (*probeTarget)(nil)

func newProbeTarget(onTap func()) *probeTarget {
	p := &probeTarget{onTap: onTap}
	p.ExtendBaseWidget(p)
	return p
}

func (p *probeTarget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(transparent))
}

// Tapped answers a probe tap.
func (p *probeTarget) Tapped(*fyne.PointEvent) {
	if p.onTap != nil {
		p.onTap()
	}
}

// probeCorner keeps the probe target on the window's last pixel.
type probeCorner struct{}

func (probeCorner) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Resize(fyne.NewSquareSize(1))
		o.Move(fyne.NewPos(size.Width-1, size.Height-1))
	}
}

func (probeCorner) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.Size{} }

// probeLoop posts a probe tap to the UI goroutine every probeEvery until ctx
// ends. post is fyne.Do: the queue that also carries the scanner's scans and
// the idle clock, drained by the loop that dispatches real taps.
func (k *Kiosk) probeLoop(ctx context.Context, post func(func())) {
	t := time.NewTicker(probeEvery)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
			k.deps.Input.Sent()
			post(k.probeTap)
		}
	}
}

// probeTap delivers one synthetic tap at the probe target's position, as
// the driver would: to the top-most tappable there. The driver gives taps to
// the canvas overlay when one is up and to the window's content otherwise;
// the probe is the content's last layer, so a tap at its position reaches it
// unless an overlay, a replaced window content or a hidden target is in the
// way, which is exactly when citizens' taps would not reach the kiosk either.
func (k *Kiosk) probeTap() {
	if k.deps.Input == nil || k.probe == nil {
		return
	}
	c := k.win.Canvas()
	pos := fyne.CurrentApp().Driver().AbsolutePositionForObject(k.probe)
	inside := pos.X >= 0 && pos.Y >= 0 && pos.X < c.Size().Width && pos.Y < c.Size().Height
	if c.Overlays().Top() != nil || c.Content() != k.root || !k.probe.Visible() || !inside {
		k.deps.Input.Missed()
		return
	}
	k.probe.Tapped(&fyne.PointEvent{AbsolutePosition: pos})
}
