package kiosk

import (
	"crypto/rand"
	"encoding/hex"
	"time"

	"kiosk/internal/metrics"
	"kiosk/internal/portal"
	ksync "kiosk/internal/sync"
)

// Ratings stores citizens' ratings in the outbox, so that they survive power
// cuts and network outages, and wakes the delivery loop.
type Ratings struct {
	outbox  ksync.Enqueuer
	kioskID string
	now     func() time.Time
	metrics *metrics.Metrics
	notify  func() // wakes the delivery loop (nil: nothing to wake)
}

// SaveRating queues r as this kiosk's. A rating without an ID gets one (its
// idempotency key: the portal counts it once however often it is sent), and
// one without a time gets now.
func (s *Ratings) SaveRating(r portal.Rating) error {
	if r.ID == "" {
		r.ID = newRatingID(s.kioskID)
	}
	r.KioskID = s.kioskID
	if r.CreatedAt.IsZero() {
		r.CreatedAt = s.now().UTC()
	}
	if err := ksync.EnqueueRating(s.outbox, r); err != nil {
		return err
	}
	s.metrics.Rating(r.Overall)
	if s.notify != nil {
		s.notify()
	}
	return nil
}

// newRatingID is the kiosk's ID and 96 random bits: unique across kiosks and
// restarts without any shared counter.
func newRatingID(kiosk string) string {
	var b [12]byte
	_, _ = rand.Read(b[:])
	return kiosk + "-" + hex.EncodeToString(b[:])
}
