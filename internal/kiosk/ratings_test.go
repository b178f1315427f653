package kiosk

import (
	"encoding/json"
	"errors"
	"strings"
	"testing"
	"time"

	"kiosk/internal/portal"
)

type fakeOutbox struct {
	kinds, keys []string
	payloads    [][]byte
	err         error
}

func (o *fakeOutbox) Enqueue(kind, key string, payload []byte) error {
	if o.err != nil {
		return o.err
	}
	o.kinds, o.keys, o.payloads = append(o.kinds, kind), append(o.keys, key), append(o.payloads, payload)
	return nil
}

func TestARatingIsQueuedAsThisKioskWithItsOwnIDAndTime(t *testing.T) {
	now := time.Date(2026, 11, 20, 9, 30, 0, 0, time.FixedZone("ICT", 7*3600))
	ob := &fakeOutbox{}
	woken := 0
	r := &Ratings{outbox: ob, kioskID: "test-01", now: func() time.Time { return now }, notify: func() { woken++ }}
	if err := r.SaveRating(portal.Rating{Overall: 5, KioskID: "forged"}); err != nil {
		t.Fatal(err)
	}
	if err := r.SaveRating(portal.Rating{ID: "test-01-given", Overall: 3}); err != nil {
		t.Fatal(err)
	}
	if len(ob.keys) != 2 || woken != 2 {
		t.Fatalf("queued %d, woke delivery %d times; want 2 and 2", len(ob.keys), woken)
	}
	var first portal.Rating
	if err := json.Unmarshal(ob.payloads[0], &first); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(first.ID, "test-01-") || len(first.ID) != len("test-01-")+24 || ob.keys[0] != first.ID {
		t.Errorf("new rating ID %q (key %q), want test-01- and 24 hex digits as the key", first.ID, ob.keys[0])
	}
	if first.KioskID != "test-01" || !first.CreatedAt.Equal(now) || first.CreatedAt.Location() != time.UTC {
		t.Errorf("rating %+v, want this kiosk's, created now in UTC", first)
	}
	if ob.keys[1] != "test-01-given" {
		t.Errorf("a rating's own ID was replaced by %q", ob.keys[1])
	}
}

func TestARatingTheOutboxRefusesIsNotDelivered(t *testing.T) {
	ob := &fakeOutbox{err: errors.New("disk full")}
	woken := 0
	r := &Ratings{outbox: ob, kioskID: "test-01", now: time.Now, notify: func() { woken++ }}
	if err := r.SaveRating(portal.Rating{Overall: 4}); !errors.Is(err, ob.err) {
		t.Errorf("err = %v, want the outbox's error", err)
	}
	if woken != 0 {
		t.Error("delivery woken for a rating that was not queued")
	}
}
