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

// queueLengthPortal is the portal's optional count of who waits.
type queueLengthPortal interface {
	QueueLengths(ctx context.Context, services []string) (map[string]int, error)
}

// QueueLengths says how many people wait for each of the site's queue
// services, by code, before anyone takes a number. A portal without queue
// lengths (OpenCPS) answers portal.ErrUnsupported.
func (t *Tickets) QueueLengths(ctx context.Context) (map[string]int, error) {
	ql, ok := t.portal.(queueLengthPortal)
	if !ok || len(t.queue) == 0 {
		return nil, &portal.Error{Op: "queue lengths", Err: portal.ErrUnsupported, Message: "no queue lengths here"}
	}
	if t.timeout > 0 {
		var cancel context.CancelFunc
		ctx, cancel = context.WithTimeout(ctx, t.timeout)
		defer cancel()
	}
	codes := make([]string, len(t.queue))
	for i, q := range t.queue {
		codes[i] = q.Code
	}
	return ql.QueueLengths(ctx, codes)
}
