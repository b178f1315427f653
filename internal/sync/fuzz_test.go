package sync

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"kiosk/internal/catalog"
)

// FuzzDeliverPayload stores arbitrary bytes as an outbox item and delivers:
// whatever a damaged outbox holds, delivery must not panic or stall, and the
// item must leave the outbox (delivered or dead-lettered).
func FuzzDeliverPayload(f *testing.F) {
	c, err := catalog.Open(filepath.Join(f.TempDir(), "cache.db"), catalog.Options{})
	if err != nil {
		f.Fatal(err)
	}
	defer c.Close()
	now := t0
	d := newDeliverer(&fakeRatings{}, c, &now)
	f.Add("rating", []byte(`{"id":"r1","overall":5,"created_at":"2026-11-22T08:00:00Z"}`))
	f.Add("heartbeat", []byte(`{"kiosk_id":"K1","sent_at":"2026-11-22T08:00:00Z"}`))
	f.Add("rating", []byte(`{"criteria":{"a":"x"}}`))
	f.Add("photo", []byte(`{}`))
	f.Add("rating", []byte{0xff, 0x00})
	n := 0
	f.Fuzz(func(t *testing.T, kind string, payload []byte) {
		if kind == "" {
			return
		}
		n++
		if err := c.Enqueue(kind, fmt.Sprintf("k%d-%d", time.Now().UnixNano(), n), payload); err != nil {
			t.Fatal(err)
		}
		if _, err := d.DeliverOnce(context.Background()); err != nil {
			t.Fatalf("DeliverOnce: %v", err)
		}
		if depth, _ := c.OutboxDepth(); depth != 0 {
			t.Fatalf("item stayed in the outbox: kind %q payload %q", kind, payload)
		}
	})
}
