package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"log/slog"
	"os"
	"path/filepath"
	gosync "sync"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
)

func TestMain(m *testing.M) {
	slog.SetDefault(slog.New(slog.DiscardHandler))
	os.Exit(m.Run())
}

// fakeRatings is a portal ratings endpoint with idempotency keys: a replay
// returns the first receipt marked duplicate.
type fakeRatings struct {
	mu         gosync.Mutex
	received   []string // unique rating IDs in arrival order
	seen       map[string]bool
	heartbeats int
	next       []error // errors to return for the next calls, in order
	calls      int
}

func (f *fakeRatings) SubmitRating(ctx context.Context, r portal.Rating) (portal.RatingReceipt, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.calls++
	if len(f.next) > 0 {
		err := f.next[0]
		f.next = f.next[1:]
		if err != nil {
			return portal.RatingReceipt{}, err
		}
	}
	if f.seen == nil {
		f.seen = map[string]bool{}
	}
	if f.seen[r.ID] {
		return portal.RatingReceipt{ID: r.ID, Duplicate: true}, nil
	}
	f.seen[r.ID] = true
	f.received = append(f.received, r.ID)
	return portal.RatingReceipt{ID: r.ID}, nil
}

func (f *fakeRatings) Heartbeat(ctx context.Context, h portal.Heartbeat) error {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.heartbeats++
	return nil
}

func queueRatings(t *testing.T, c *catalog.Cache, ids ...string) {
	t.Helper()
	for _, id := range ids {
		if err := EnqueueRating(c, portal.Rating{ID: id, KioskID: "K1", Overall: portal.Satisfied, CreatedAt: t0}); err != nil {
			t.Fatal(err)
		}
	}
}

func newDeliverer(dst Sender, c *catalog.Cache, now *time.Time) *Deliverer {
	return NewDeliverer(dst, c, DeliverOptions{Now: func() time.Time { return *now }, Rand: func() float64 { return 0.999999 }})
}

func TestDeliveryIsInOrderAndWaitsBehindAFailingHead(t *testing.T) {
	ctx := context.Background()
	now := t0
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	queueRatings(t, c, "r1", "r2", "r3")
	EnqueueHeartbeat(c, portal.Heartbeat{KioskID: "K1", SentAt: t0})
	dst := &fakeRatings{next: []error{nil, fmt.Errorf("timeout: %w", portal.ErrOffline)}}
	d := newDeliverer(dst, c, &now)

	n, err := d.DeliverOnce(ctx)
	if n != 1 || !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("first pass = %d, %v; want 1 delivered then stopped by ErrOffline", n, err)
	}
	items, _ := c.Pending(0)
	if len(items) != 3 || items[0].Key != "r2" || items[0].Attempts != 1 ||
		!items[0].NextAttempt.After(t0) || items[0].NextAttempt.After(t0.Add(5*time.Second)) {
		t.Fatalf("outbox after a failure = %+v, want r2 first with one attempt and a backoff", items)
	}

	// Before the backoff ends nothing is sent, not even the items behind.
	calls := dst.calls
	if n, err := d.DeliverOnce(ctx); n != 0 || err != nil || dst.calls != calls {
		t.Errorf("pass during backoff = %d, %v, %d calls; want nothing sent", n, err, dst.calls-calls)
	}
	now = now.Add(time.Minute)
	if n, err := d.DeliverOnce(ctx); n != 3 || err != nil {
		t.Errorf("pass after backoff = %d, %v; want the rest delivered", n, err)
	}
	if got := fmt.Sprint(dst.received); got != "[r1 r2 r3]" || dst.heartbeats != 1 {
		t.Errorf("portal received %s and %d heartbeats, want [r1 r2 r3] in order and 1", got, dst.heartbeats)
	}
	if depth, _ := c.OutboxDepth(); depth != 0 {
		t.Errorf("outbox depth = %d after delivery", depth)
	}
}

func TestARefusedRatingIsDeadLetteredAndDoesNotBlockTheRest(t *testing.T) {
	now := t0
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	queueRatings(t, c, "r1", "r2")
	c.Enqueue(catalog.KindRating, "broken", []byte("{not json"))
	queueRatings(t, c, "r3")
	dst := &fakeRatings{next: []error{fmt.Errorf("overall out of range: %w", portal.ErrBadRequest)}}
	n, err := newDeliverer(dst, c, &now).DeliverOnce(context.Background())
	if n != 2 || err != nil {
		t.Fatalf("DeliverOnce = %d, %v; want r2 and r3 delivered", n, err)
	}
	dead, _ := c.DeadLetters()
	if len(dead) != 2 || dead[0].Item.Key != "r1" || dead[1].Item.Key != "broken" {
		t.Errorf("dead letters = %+v, want r1 (refused) and the undecodable item", dead)
	}
	if got := fmt.Sprint(dst.received); got != "[r2 r3]" {
		t.Errorf("portal received %s", got)
	}
}

func TestEachRatingCountsOnceAcrossCrashesAndRestarts(t *testing.T) {
	ctx := context.Background()
	now := t0
	path := filepath.Join(t.TempDir(), "cache.db")
	dst := &fakeRatings{}

	c := mustOpenCache(t, path)
	queueRatings(t, c, "r1", "r2", "r3")
	// The portal takes r1 but the kiosk dies before acknowledging it: sending
	// succeeds, the ack never happens.
	items, _ := c.Pending(1)
	var r portal.Rating
	json.Unmarshal(items[0].Payload, &r)
	dst.SubmitRating(ctx, r)
	c.Close()

	c = mustOpenCache(t, path)
	queueRatings(t, c, "r2") // the UI retrying a rating it already queued
	if n, err := newDeliverer(dst, c, &now).DeliverOnce(ctx); n != 3 || err != nil {
		t.Fatalf("DeliverOnce after restart = %d, %v", n, err)
	}
	c.Close()
	c = mustOpenCache(t, path)
	if n, _ := newDeliverer(dst, c, &now).DeliverOnce(ctx); n != 0 {
		t.Errorf("a second restart delivered %d more items", n)
	}
	if got := fmt.Sprint(dst.received); got != "[r1 r2 r3]" {
		t.Errorf("portal counted %s, want each rating once in order", got)
	}
}

func TestEnqueueRatingNeedsAnID(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	if err := EnqueueRating(c, portal.Rating{Overall: 5}); err == nil {
		t.Errorf("a rating without ID (its idempotency key) must be refused")
	}
}

func TestDelivererLoopSendsWhenNotified(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	dst := &fakeRatings{}
	waits := make(chan time.Duration)
	fire := make(chan time.Time)
	d := NewDeliverer(dst, c, DeliverOptions{Interval: time.Minute,
		After: func(w time.Duration) <-chan time.Time { waits <- w; return fire }})
	ctx, cancel := context.WithCancel(context.Background())
	done := make(chan struct{})
	go func() { d.Loop(ctx); close(done) }()

	if w := <-waits; w != time.Minute {
		t.Errorf("idle wait = %v, want the interval", w)
	}
	queueRatings(t, c, "r1", "r2")
	d.Notify()
	<-waits // the loop went round and waits again
	dst.mu.Lock()
	got := fmt.Sprint(dst.received)
	dst.mu.Unlock()
	if got != "[r1 r2]" {
		t.Errorf("after Notify the portal has %s, want [r1 r2]", got)
	}
	cancel()
	<-done
}

func TestOnlyTheLatestHeartbeatIsSentAfterAnOutage(t *testing.T) {
	now := t0
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	for i := 0; i < 5; i++ {
		EnqueueHeartbeat(c, portal.Heartbeat{KioskID: "K1", SentAt: t0.Add(time.Duration(i) * 5 * time.Minute)})
		if i == 2 {
			queueRatings(t, c, "r1")
		}
	}
	dst := &fakeRatings{}
	if _, err := newDeliverer(dst, c, &now).DeliverOnce(context.Background()); err != nil {
		t.Fatal(err)
	}
	if dst.heartbeats != 1 || fmt.Sprint(dst.received) != "[r1]" {
		t.Errorf("portal got %d heartbeats and ratings %v, want 1 heartbeat and [r1]", dst.heartbeats, dst.received)
	}
	if n, _ := c.OutboxDepth(); n != 0 {
		t.Errorf("outbox depth = %d, want 0", n)
	}
}

func TestAClockCorrectedFromTheFutureDoesNotStallDelivery(t *testing.T) {
	ctx := context.Background()
	future := time.Date(2040, 1, 1, 9, 0, 0, 0, time.UTC)
	now := future
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	queueRatings(t, c, "r1", "r2")
	dst := &fakeRatings{next: []error{fmt.Errorf("timeout: %w", portal.ErrOffline)}}
	d := newDeliverer(dst, c, &now)
	if _, err := d.DeliverOnce(ctx); !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("first pass: %v, want ErrOffline", err)
	}
	items, _ := c.Pending(1)
	if !items[0].NextAttempt.After(future) {
		t.Fatalf("next attempt %v, want a backoff after the (wrong) 2040 clock", items[0].NextAttempt)
	}

	now = t0 // the technician (or NTP) corrects the clock
	if w := d.waitFor(items[0]); w != 0 {
		t.Errorf("Loop would wait %v for an attempt stored in 2040", w)
	}
	if n, err := d.DeliverOnce(ctx); n != 2 || err != nil {
		t.Fatalf("after the clock was corrected: %d delivered, %v; want both ratings", n, err)
	}
}
