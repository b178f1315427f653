package portal

import (
	"context"
	"net/url"
	"strings"
)

// QueueLength is how many people wait for one queue service.
type QueueLength struct {
	ServiceCode string `json:"service_code"`
	Waiting     int    `json:"waiting"`
}

// queueLengther is the optional operation of dialects that say, before a
// ticket is taken, how many people wait for each service (kiosk/v1's
// GET /api/v1/queue; OpenCPS's bookings carry no queue length).
type queueLengther interface {
	queueLengths(ctx context.Context, services []string) ([]QueueLength, error)
}

// maxQueueServices bounds a portal's answer: a centre has a handful of
// queue services, not thousands.
const maxQueueServices = 200

// QueueLengths says how many people wait for each of the services (queue
// service codes), by code, for the ticket screen to show before a citizen
// takes a number. Dialects without queue lengths return ErrUnsupported.
// Entries with an empty code or a negative count are dropped, not guessed;
// codes the portal does not answer for are left out.
func (c *Client) QueueLengths(ctx context.Context, services []string) (map[string]int, error) {
	ql, ok := c.d.(queueLengther)
	if !ok {
		return nil, &Error{Op: "queue lengths", Err: ErrUnsupported, Message: "this portal gives no queue lengths"}
	}
	var codes []string
	for _, s := range services {
		if s = strings.TrimSpace(s); s != "" {
			codes = append(codes, s)
		}
	}
	if len(codes) == 0 || len(codes) > maxQueueServices {
		return nil, badRequest("queue lengths", "%d services asked, want 1 to %d", len(codes), maxQueueServices)
	}
	items, err := ql.queueLengths(ctx, codes)
	if err != nil {
		return nil, err
	}
	if len(items) > maxQueueServices {
		return nil, badResponse("queue lengths", 200, "%d queue services, more than %d", len(items), maxQueueServices)
	}
	m := make(map[string]int, len(items))
	for _, it := range items {
		code := strings.TrimSpace(it.ServiceCode)
		if code == "" || it.Waiting < 0 {
			continue
		}
		m[code] = it.Waiting
	}
	return m, nil
}

func (k *kioskV1) queueLengths(ctx context.Context, services []string) ([]QueueLength, error) {
	var r itemsOf[QueueLength]
	_, err := k.t.getJSON(ctx, "GET /api/v1/queue", "/api/v1/queue", url.Values{"service": services}, nil, &r)
	return r.Items, err
}
