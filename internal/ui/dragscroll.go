package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// dragScroll is a vertical scroll container moved by dragging a finger, with
// inertia after the finger lifts. Fyne's desktop driver turns touch drags
// into mouse drags, which its own Scroll ignores, so every list and long page
// of the kiosk sits in one of these. It also takes mouse-wheel scrolling.
// Being a fyne.Scrollable makes the driver clip its content.
type dragScroll struct {
	widget.BaseWidget
	Content fyne.CanvasObject
	Offset  float32
	// OnMoved is called after every user movement (idle timer, page buttons).
	OnMoved func()
	// relayout lays out what holds the scroll (its page buttons show or
	// hide with the content's height); nil: only the scroll is refreshed.
	relayout func()

	now      func() time.Time
	lastDrag time.Time
	velocity float32 // units per second, positive = content moves up
	anim     *fyne.Animation
}

var (
	_ fyne.Draggable  = (*dragScroll)(nil)
	_ fyne.Scrollable = (*dragScroll)(nil)
)

func newDragScroll(content fyne.CanvasObject, now func() time.Time) *dragScroll {
	if now == nil {
		now = time.Now
	}
	d := &dragScroll{Content: pad(content), now: now}
	d.ExtendBaseWidget(d)
	return d
}

// CreateRenderer returns a renderer that places the content at -Offset.
func (d *dragScroll) CreateRenderer() fyne.WidgetRenderer { return &dragScrollRenderer{d: d} }

func (d *dragScroll) maxOffset() float32 {
	m := d.Content.MinSize().Height - d.Size().Height
	if m < 0 {
		return 0
	}
	return m
}

// ScrollTo moves to an offset, clamped to the content.
func (d *dragScroll) ScrollTo(off float32) {
	off = max(0, min(off, d.maxOffset()))
	if off == d.Offset {
		return
	}
	d.Offset = off
	d.Refresh()
}

// SetContent replaces the content and goes back to the top.
func (d *dragScroll) SetContent(c fyne.CanvasObject) {
	d.stop()
	d.Content = pad(c)
	d.Offset = 0
	if d.relayout != nil {
		// Content that stops fitting needs the page buttons, and the canvas
		// must repaint: refreshing only the scroll left the old content on
		// screen until something else was touched (the ready list, loaded
		// in the background, stayed on "loading" on a real window).
		d.relayout()
		return
	}
	d.Refresh()
}

// PageDown moves most of a screen down; PageUp back up.
func (d *dragScroll) PageDown() { d.stop(); d.ScrollTo(d.Offset + d.Size().Height*0.8); d.moved() }

// PageUp moves most of a screen up.
func (d *dragScroll) PageUp() { d.stop(); d.ScrollTo(d.Offset - d.Size().Height*0.8); d.moved() }

// AtTop and AtBottom say whether the page buttons have anywhere to go.
func (d *dragScroll) AtTop() bool    { return d.Offset <= 0 }
func (d *dragScroll) AtBottom() bool { return d.Offset >= d.maxOffset() }

func (d *dragScroll) moved() {
	if d.OnMoved != nil {
		d.OnMoved()
	}
}

func (d *dragScroll) stop() {
	if d.anim != nil {
		d.anim.Stop()
		d.anim = nil
	}
}

// Dragged follows the finger and measures its speed for the inertia.
func (d *dragScroll) Dragged(e *fyne.DragEvent) {
	d.stop()
	now := d.now()
	dt := float32(now.Sub(d.lastDrag).Seconds())
	if d.lastDrag.IsZero() || dt > 0.2 {
		d.velocity = 0
	}
	dt = max(dt, 1.0/60)
	v := -e.Dragged.DY / dt
	d.velocity = 0.6*v + 0.4*d.velocity
	d.lastDrag = now
	d.ScrollTo(d.Offset - e.Dragged.DY)
	d.moved()
}

// DragEnd lets the content glide on and slow down.
func (d *dragScroll) DragEnd() {
	v := max(-5000, min(d.velocity, 5000))
	d.velocity = 0
	d.lastDrag = time.Time{}
	if v > -150 && v < 150 {
		return
	}
	start := d.Offset
	dist := v * 0.3 // glide distance
	d.anim = fyne.NewAnimation(600*time.Millisecond, func(f float32) {
		ease := 1 - (1-f)*(1-f)
		d.ScrollTo(start + dist*ease)
	})
	d.anim.Curve = fyne.AnimationLinear
	d.anim.Start()
}

// Scrolled handles a mouse wheel.
func (d *dragScroll) Scrolled(e *fyne.ScrollEvent) {
	d.stop()
	d.ScrollTo(d.Offset - e.Scrolled.DY)
	d.moved()
}

// pad keeps borders at the content's edges from being clipped.
func pad(c fyne.CanvasObject) fyne.CanvasObject {
	return container.New(layout.NewCustomPaddedLayout(3, 3, 3, 4), c)
}

type dragScrollRenderer struct{ d *dragScroll }

func (r *dragScrollRenderer) Layout(size fyne.Size) {
	c := r.d.Content
	ms := c.MinSize()
	c.Resize(fyne.NewSize(size.Width, max(ms.Height, size.Height)))
	// MinSize of wrapped text depends on width: measure again after resizing.
	if ms2 := c.MinSize(); ms2.Height != ms.Height {
		c.Resize(fyne.NewSize(size.Width, max(ms2.Height, size.Height)))
		if cont, ok := c.(*fyne.Container); ok && cont.Layout != nil {
			cont.Layout.Layout(cont.Objects, cont.Size()) // the size may not have changed
		}
	}
	r.d.Offset = max(0, min(r.d.Offset, r.d.maxOffset()))
	c.Move(fyne.NewPos(0, -r.d.Offset))

}

func (r *dragScrollRenderer) MinSize() fyne.Size {
	return fyne.NewSize(r.d.Content.MinSize().Width, 120)
}

func (r *dragScrollRenderer) Refresh() {
	r.Layout(r.d.Size())
}

func (r *dragScrollRenderer) Objects() []fyne.CanvasObject { return []fyne.CanvasObject{r.d.Content} }
func (r *dragScrollRenderer) Destroy()                     {}

// scrollLayout puts a dragScroll and its page buttons side by side, and
// drops the buttons (giving the list the full width) when everything fits.
type scrollLayout struct {
	ds      *dragScroll
	buttons fyne.CanvasObject
}

const pageButtonGap = 12

func (l *scrollLayout) Layout(_ []fyne.CanvasObject, size fyne.Size) {
	c := l.ds.Content
	c.Resize(fyne.NewSize(size.Width, c.Size().Height))
	fits := c.MinSize().Height <= size.Height
	// Measuring resized the content: lay it out again for the list's real
	// width even when the list's own size does not change.
	defer l.ds.Refresh()
	if fits {
		l.buttons.Hide()
		l.ds.Move(fyne.Position{})
		l.ds.Resize(size)
		return
	}
	l.buttons.Show()
	bw := l.buttons.MinSize().Width
	l.ds.Move(fyne.Position{})
	l.ds.Resize(fyne.NewSize(size.Width-bw-pageButtonGap, size.Height))
	l.buttons.Move(fyne.NewPos(size.Width-bw, 0))
	l.buttons.Resize(fyne.NewSize(bw, size.Height))
}

func (l *scrollLayout) MinSize([]fyne.CanvasObject) fyne.Size {
	return fyne.NewSize(l.buttons.MinSize().Width*2, l.buttons.MinSize().Height)
}
