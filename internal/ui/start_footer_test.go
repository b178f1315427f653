package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// textBox is where the visible rich text that reads s is on screen.
func (h *harness) textBox(s string) (fyne.Position, fyne.Size, bool) {
	d := fyne.CurrentApp().Driver()
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if rt, ok := o.(*widget.RichText); ok && rt.Visible() && rt.String() == s {
			return d.AbsolutePositionForObject(rt), rt.Size(), true
		}
	}
	return fyne.Position{}, fyne.Size{}, false
}

// images counts the visible images (logo, QR codes).
func (h *harness) images() int {
	n := 0
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if img, ok := o.(*canvas.Image); ok && img.Visible() {
			n++
		}
	}
	return n
}

func TestStartScreenFooterFollowsWhatTheSiteConfigures(t *testing.T) {
	t.Run("without a hotline the feedback line stands level with its QR code", func(t *testing.T) {
		h := newHarness(t, func(d *Deps, o *Options) { o.Hotline = "" })
		h.mustNotSee(h.k.t("start.hotline"))
		pos, size, ok := h.textBox(h.k.t("start.feedback"))
		if !ok {
			t.Fatalf("no feedback line; screen shows:\n%s", h.screenText())
		}
		var qr fyne.CanvasObject
		d := fyne.CurrentApp().Driver()
		for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
			if img, ok := o.(*canvas.Image); ok && img.Visible() && img.MinSize().Height >= 150 {
				qr = img
			}
		}
		if qr == nil {
			t.Fatal("no feedback QR code")
		}
		qp := d.AbsolutePositionForObject(qr)
		mid := pos.Y + size.Height/2
		if mid < qp.Y+qr.Size().Height/4 || mid > qp.Y+qr.Size().Height*3/4 {
			t.Errorf("the feedback line's middle is at %.0f, the QR code spans %.0f-%.0f: a blank band beside it",
				mid, qp.Y, qp.Y+qr.Size().Height)
		}
	})
	t.Run("with neither a hotline nor a feedback address there is no card", func(t *testing.T) {
		with := newHarness(t, func(d *Deps, o *Options) { o.Hotline = "" })
		h := newHarness(t, func(d *Deps, o *Options) { o.Hotline, o.FeedbackURL = "", "" })
		h.mustNotSee(h.k.t("start.hotline"))
		h.mustNotSee(h.k.t("start.feedback"))
		if got, want := h.images(), with.images()-1; got != want {
			t.Errorf("%d images on the start screen, want %d (the QR code gone)", got, want)
		}
		// The actions keep the room the card had.
		find := h.tiles(h.k.t("start.find"))[0]
		withFind := with.tiles(with.k.t("start.find"))[0]
		if find.Size().Height <= withFind.Size().Height {
			t.Errorf("the actions did not take the card's room: %.0f high without it, %.0f with", find.Size().Height, withFind.Size().Height)
		}
	})
	t.Run("a configured hotline is shown as configured", func(t *testing.T) {
		h := newHarness(t)
		h.mustSee(h.k.t("start.hotline"))
		h.mustSee("1900 1234")
	})
}
