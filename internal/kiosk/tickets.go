package kiosk

import (
	"context"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/metrics"
	"kiosk/internal/portal"
)

// ticketPortal is what Tickets needs of the portal.
type ticketPortal interface {
	TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error)
}

// Tickets takes queue numbers from the portal for this kiosk.
type Tickets struct {
	portal  ticketPortal
	kioskID string
	queue   []config.QueueService
	timeout time.Duration
	metrics *metrics.Metrics
}

// TakeTicket asks the portal for a queue number for r's service and counter,
// always as this kiosk (r.KioskID is set from the config). A portal that
// names the service only by its code gets the centre's own name for it.
func (t *Tickets) TakeTicket(ctx context.Context, r portal.TicketRequest) (portal.Ticket, error) {
	if t.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t.timeout)
		defer cancel()
	}
	r.KioskID = t.kioskID
	tk, err := t.portal.TakeTicket(ctx, r)
	t.metrics.Ticket(r.ServiceCode, errKind(err))
	if err == nil && (tk.ServiceName == "" || tk.ServiceName == r.ServiceCode) {
		for _, q := range t.queue {
			if q.Code == r.ServiceCode && q.NameVI != "" {
				tk.ServiceName = q.NameVI
			}
		}
	}
	return tk, err
}
