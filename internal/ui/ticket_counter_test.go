package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

// Under a ticket number 140 units tall, "go to counter N" is what the
// citizen acts on: it is a title (bold), not body or heading text.
func TestTheCounterUnderTheTicketNumberIsATitle(t *testing.T) {
	h := newHarness(t)
	h.tapID("start.ticket")
	h.tap(h.k.serviceName(h.k.opt.QueueServices[0]))
	h.tapID("ticket.confirm")
	h.settle()
	tk := h.k.cur.(*ticketScreen).ticket
	if tk == nil || tk.Counter == "" {
		t.Fatalf("no ticket with a counter: %+v", tk)
	}
	want := h.k.t("ticket.goto", "Counter", tk.Counter)
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		rt, ok := o.(*widget.RichText)
		if !ok || rt.String() != want {
			continue
		}
		st := rt.Segments[0].(*widget.TextSegment).Style
		if st.SizeName != sizeNameTitle || !st.TextStyle.Bold {
			t.Errorf("%q is drawn at size %q, bold %v; want a bold title", want, st.SizeName, st.TextStyle.Bold)
		}
		return
	}
	t.Fatalf("screen does not show %q:\n%s", want, h.screenText())
}

// The confirmation stood at the top of ~1,100 empty pixels (issue 19, item
// 14): the question and the service now stand in the middle of the room
// above the buttons, with the counter to go to.
func TestTheTicketConfirmationStandsInTheMiddle(t *testing.T) {
	h := newHarness(t)
	h.k.Window().Resize(fyne.NewSize(1080, 1920))
	h.settle()
	svc := h.k.opt.QueueServices[0]
	h.tapID("start.ticket")
	h.tap(h.k.serviceName(svc))
	name, yes := h.textAt(h.k.serviceName(svc)), h.tiles(h.k.t("ticket.confirm"))
	if len(yes) != 1 {
		t.Fatal("no confirm button")
	}
	top := fyne.CurrentApp().Driver().AbsolutePositionForObject(yes[0]).Y
	if name.Y < top/3 {
		t.Errorf("the service name is at y %.0f, in the top third of the %.0f px above the buttons", name.Y, top)
	}
	if svc.Counter != "" {
		h.mustSee(h.k.t("ticket.counter", "Counter", svc.Counter))
	}
}

// textAt is where the text s is drawn on screen.
func (h *harness) textAt(s string) fyne.Position {
	h.t.Helper()
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if rt, ok := o.(*widget.RichText); ok && rt.Visible() && rt.String() == s {
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(rt)
		}
	}
	h.t.Fatalf("no text %q on screen", s)
	return fyne.Position{}
}
