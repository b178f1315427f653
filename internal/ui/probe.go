package ui

import (
	"context"
	"image"
	"sync/atomic"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/widget"
)

// InputProbe records the synthetic taps the screen sends itself
// (health.InputProbe): Sent when one is posted, Handled when the probe
// target's tap handler ran and the frame it asked for was painted, Missed
// when a tap at the probe's position would reach something else.
type InputProbe interface {
	Sent()
	Handled()
	Missed()
}

// probeEvery is how often the screen taps its own probe target.
const probeEvery = 3 * time.Second

// probeTarget is a one-pixel, invisible tappable in the window's top layer
// (bottom-right corner). A kiosk that still shows a screen but no longer
// runs its event loop, whose taps land on something covering the window,
// or that handles taps but no longer paints what they change, stops
// answering the taps sent to it, and the health report and the systemd
// watchdog notice (issue 19, item 1: the start screen stayed on show, taps
// did nothing and the rotating hint stood still while Fyne's loop was idle).
//
// A tap is answered only when it has been drawn: the target is a raster
// whose pixel Fyne's painter generates again after each tap (the painter
// calls the generator only while it paints a frame, after the tap's refresh
// freed the old texture), so the answer covers the whole path from a tap
// to a new frame on screen, not only the tap handler.
type probeTarget struct {
	widget.BaseWidget
	onPaint func()
	raster  *canvas.Raster
	// awaiting is set by a tap and cleared by the frame that paints it; the
	// painter may run on another goroutine than the tap (the test driver).
	awaiting atomic.Bool
	// frames counts the frames that painted the target.
	frames atomic.Int64
}

var _ fyne.Tappable = (*probeTarget)(nil)

// newProbeTarget makes the target; onPaint runs when the frame after a tap
// was painted.
func newProbeTarget(onPaint func()) *probeTarget {
	p := &probeTarget{onPaint: onPaint}
	p.raster = canvas.NewRaster(p.paint)
	p.ExtendBaseWidget(p)
	return p
}

var probePixel = image.NewNRGBA(image.Rect(0, 0, 1, 1)) // transparent

// paint is the raster's generator: Fyne's painter calls it while it paints
// a frame that shows the target anew.
func (p *probeTarget) paint(int, int) image.Image {
	p.frames.Add(1)
	if p.awaiting.CompareAndSwap(true, false) && p.onPaint != nil {
		p.onPaint()
	}
	return probePixel
}

func (p *probeTarget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(p.raster)
}

// Tapped answers a probe tap and asks for a frame that shows it.
func (p *probeTarget) Tapped(*fyne.PointEvent) {
	p.awaiting.Store(true)
	p.raster.Refresh()
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
