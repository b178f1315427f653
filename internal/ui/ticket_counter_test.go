package ui

import (
	"testing"

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
