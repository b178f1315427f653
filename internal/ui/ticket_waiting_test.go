package ui

import (
	"context"
	"testing"

	"kiosk/internal/portal"
)

// waitingUnknownTickets is a TicketTaker whose portal gives no queue length.
type waitingUnknownTickets struct{ *fakes }

func (w waitingUnknownTickets) TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error) {
	tk, err := w.fakes.TakeTicket(ctx, r)
	tk.Waiting, tk.WaitingUnknown = 0, true
	return tk, err
}

func TestATicketWithoutAQueueLengthSaysNothingOfIt(t *testing.T) {
	h := newHarness(t, func(d *Deps, _ *Options) { d.Tickets = waitingUnknownTickets{d.Tickets.(*fakes)} })
	h.tap("Lấy số thứ tự")
	h.tap("Hộ tịch, chứng thực")
	h.tapID("ticket.confirm")
	h.mustSee("A-042")
	h.mustSee("Mời đến quầy 3 khi được gọi")
	h.mustNotSee("người đang chờ trước bạn")
}
