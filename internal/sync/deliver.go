package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"math/rand/v2"
	gosync "sync"
	"time"

	"kiosk/internal/backoff"
	"kiosk/internal/catalog"
	"kiosk/internal/portal"
)

// RatingSender submits one rating; r.ID is the idempotency key.
type RatingSender interface {
	SubmitRating(ctx context.Context, r portal.Rating) (portal.RatingReceipt, error)
}

// HeartbeatSender reports the kiosk's health.
type HeartbeatSender interface {
	Heartbeat(ctx context.Context, h portal.Heartbeat) error
}

// Sender is what the Deliverer needs from the portal; *portal.Client
// satisfies it.
type Sender interface {
	RatingSender
	HeartbeatSender
}

// Enqueuer is the outbox side the UI uses to queue a message.
type Enqueuer interface {
	Enqueue(kind, key string, payload []byte) error
}

// EnqueueRating queues a rating for delivery under its ID, which must be set
// once when the citizen submits and never changed: queuing the same ID again
// is a no-op.
func EnqueueRating(q Enqueuer, r portal.Rating) error {
	if r.ID == "" {
		return errors.New("queuing rating: rating has no ID (the idempotency key)")
	}
	b, err := json.Marshal(r)
	if err != nil {
		return fmt.Errorf("queuing rating: %w", err)
	}
	return q.Enqueue(catalog.KindRating, r.ID, b)
}

// EnqueueHeartbeat queues a heartbeat, keyed by kiosk and send time.
func EnqueueHeartbeat(q Enqueuer, h portal.Heartbeat) error {
	b, err := json.Marshal(h)
	if err != nil {
		return fmt.Errorf("queuing heartbeat: %w", err)
	}
	return q.Enqueue(catalog.KindHeartbeat, fmt.Sprintf("hb-%s-%d", h.KioskID, h.SentAt.UnixNano()), b)
}

// DeliverOptions tune a Deliverer. Zero values get the documented defaults.
type DeliverOptions struct {
	Interval    time.Duration // how often Loop looks at an empty outbox (default 30s)
	BackoffBase time.Duration // first retry ceiling for an item (default 5s)
	BackoffMax  time.Duration // retry ceiling cap (default 10m)
	Batch       int           // items read per transaction (default 20)

	Now    func() time.Time
	Rand   func() float64
	After  func(time.Duration) <-chan time.Time
	Logger *slog.Logger
}

// Deliverer sends the outbox to the portal strictly in order: the head item
// blocks the ones behind it until the portal acknowledges it, so ratings
// arrive in the order citizens gave them. A heartbeat with a newer one
// queued behind it is dropped unsent. An item is removed only after the
// portal acknowledged it; after a crash between the two it is sent again
// with the same idempotency key, which the portal answers with the first
// receipt, so it is never counted twice.
type Deliverer struct {
	dst    Sender
	c      *catalog.Cache
	o      DeliverOptions
	notify chan struct{}
	mu     gosync.Mutex // one delivery pass at a time
}

// NewDeliverer returns a Deliverer; nothing is sent until DeliverOnce or Loop.
func NewDeliverer(dst Sender, c *catalog.Cache, o DeliverOptions) *Deliverer {
	if o.Interval <= 0 {
		o.Interval = 30 * time.Second
	}
	if o.BackoffBase <= 0 {
		o.BackoffBase = 5 * time.Second
	}
	if o.BackoffMax <= 0 {
		o.BackoffMax = 10 * time.Minute
	}
	if o.Batch <= 0 {
		o.Batch = 20
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Rand == nil {
		o.Rand = rand.Float64
	}
	if o.After == nil {
		o.After = time.After
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	return &Deliverer{dst: dst, c: c, o: o, notify: make(chan struct{}, 1)}
}

// Notify wakes Loop (call it after queuing a message).
func (d *Deliverer) Notify() {
	select {
	case d.notify <- struct{}{}:
	default:
	}
}

// errFinal marks a failure that retrying cannot fix.
var errFinal = errors.New("final")

// final reports whether the portal refused an item for good. Only a refusal
// of the item itself counts (400 bad request, or a payload that cannot be
// decoded); an unknown endpoint, a refused kiosk key, rate limiting or an
// offline portal are problems of the kiosk or the network, and the item
// waits for them to be fixed.
func final(err error) bool {
	// ErrUnsupported: the portal cannot take this item at all (an OpenCPS
	// subject with no voting questions); retrying would hold every later
	// rating behind it forever.
	return errors.Is(err, portal.ErrBadRequest) || errors.Is(err, portal.ErrUnsupported) || errors.Is(err, errFinal)
}

// DeliverOnce sends due items in order until the outbox is empty, the head
// item is not due yet, or a retryable error stops it; it returns how many
// items the portal acknowledged and the error that stopped it.
func (d *Deliverer) DeliverOnce(ctx context.Context) (int, error) {
	d.mu.Lock()
	defer d.mu.Unlock()
	delivered := 0
	for {
		items, err := d.c.Pending(d.o.Batch)
		if err != nil {
			return delivered, fmt.Errorf("reading outbox: %w", err)
		}
		if len(items) == 0 {
			return delivered, nil
		}
		for i, it := range items {
			if ctx.Err() != nil {
				return delivered, ctx.Err()
			}
			if !d.due(it) {
				return delivered, nil // head of line waits for its backoff
			}
			if it.Kind == catalog.KindHeartbeat && newerHeartbeat(items[i+1:]) {
				// After an outage only the latest heartbeat says anything
				// about the kiosk; older ones are dropped unsent.
				if err := d.c.Ack(it.Seq); err != nil {
					return delivered, fmt.Errorf("dropping superseded heartbeat %d: %w", it.Seq, err)
				}
				continue
			}
			err := d.send(ctx, it)
			switch {
			case err == nil:
				if err := d.c.Ack(it.Seq); err != nil {
					return delivered, fmt.Errorf("acknowledging outbox item %d: %w", it.Seq, err)
				}
				delivered++
			case ctx.Err() != nil:
				return delivered, ctx.Err()
			case final(err):
				d.o.Logger.Warn("portal refused an outbox item for good; moved to dead letters",
					"seq", it.Seq, "kind", it.Kind, "err", err)
				if err := d.c.DeadLetter(it.Seq, err.Error()); err != nil {
					return delivered, fmt.Errorf("dead-lettering outbox item %d: %w", it.Seq, err)
				}
			default:
				next := d.o.Now().Add(backoff.Policy{Base: d.o.BackoffBase, Max: d.o.BackoffMax, Min: MinBackoff}.Wait(it.Attempts+1, d.o.Rand))
				if merr := d.c.MarkAttempt(it.Seq, err, next); merr != nil {
					return delivered, fmt.Errorf("recording attempt on outbox item %d: %w", it.Seq, merr)
				}
				return delivered, fmt.Errorf("delivering %s %d: %w", it.Kind, it.Seq, err)
			}
		}
	}
}

// waitFor is how long it waits before it is due, never more than
// BackoffMax: a next attempt further ahead than any backoff can be was stored
// while the clock ran ahead (a kiosk that booted in 2040 and was corrected),
// and must not stall delivery until the clock catches up.
func (d *Deliverer) waitFor(it catalog.OutboxItem) time.Duration {
	w := it.NextAttempt.Sub(d.o.Now())
	if w > d.o.BackoffMax {
		return 0
	}
	return max(w, 0)
}

func (d *Deliverer) due(it catalog.OutboxItem) bool { return d.waitFor(it) == 0 }

func newerHeartbeat(rest []catalog.OutboxItem) bool {
	for _, it := range rest {
		if it.Kind == catalog.KindHeartbeat {
			return true
		}
	}
	return false
}

func (d *Deliverer) send(ctx context.Context, it catalog.OutboxItem) error {
	switch it.Kind {
	case catalog.KindRating:
		var r portal.Rating
		if err := json.Unmarshal(it.Payload, &r); err != nil {
			return fmt.Errorf("%w: undecodable rating: %v", errFinal, err)
		}
		r.ID = it.Key // the key it was queued under is the idempotency key
		_, err := d.dst.SubmitRating(ctx, r)
		return err
	case catalog.KindHeartbeat:
		var h portal.Heartbeat
		if err := json.Unmarshal(it.Payload, &h); err != nil {
			return fmt.Errorf("%w: undecodable heartbeat: %v", errFinal, err)
		}
		err := d.dst.Heartbeat(ctx, h)
		if errors.Is(err, portal.ErrUnsupported) {
			return nil // this portal takes no heartbeats; nothing to keep
		}
		return err
	default:
		return fmt.Errorf("%w: unknown outbox kind %q", errFinal, it.Kind)
	}
}

// Loop delivers until ctx ends: right away, then whenever Notify is called,
// when the head item's backoff ends, or every Interval.
func (d *Deliverer) Loop(ctx context.Context) {
	for {
		n, err := d.DeliverOnce(ctx)
		if ctx.Err() != nil {
			return
		}
		if err != nil {
			d.o.Logger.Info("outbox delivery paused", "delivered", n, "err", err)
		}
		wait := d.o.Interval
		if head, perr := d.c.Pending(1); perr == nil && len(head) > 0 {
			wait = min(wait, max(d.waitFor(head[0]), MinBackoff))
		}
		select {
		case <-ctx.Done():
			return
		case <-d.o.After(wait):
		case <-d.notify:
		}
	}
}
