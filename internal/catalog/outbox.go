package catalog

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"
)

// Outbox item kinds.
const (
	KindRating    = "rating"
	KindHeartbeat = "heartbeat"
)

// OutboxItem is one message waiting for the portal. Seq orders delivery; Key
// is the idempotency key sent with it (a rating's ID).
type OutboxItem struct {
	Seq         uint64    `json:"seq"`
	Kind        string    `json:"kind"`
	Key         string    `json:"key"`
	Payload     []byte    `json:"payload"`
	Attempts    int       `json:"attempts"`
	LastError   string    `json:"last_error,omitempty"`
	NextAttempt time.Time `json:"next_attempt"`
	CreatedAt   time.Time `json:"created_at"`
}

// DeadLetter is an outbox item the portal refused for good (a final 4xx),
// kept for the staff panel and diagnostics instead of blocking the queue.
type DeadLetter struct {
	Item   OutboxItem `json:"item"`
	Reason string     `json:"reason"`
	At     time.Time  `json:"at"`
}

// Enqueue adds a message to the outbox. A key that is already queued (or
// dead-lettered) is ignored, so a message is never queued twice.
func (c *Cache) Enqueue(kind, key string, payload []byte) error {
	if kind == "" || key == "" {
		return fmt.Errorf("enqueue: kind and key are required")
	}
	return c.update(func(tx *bolt.Tx) error {
		keys := tx.Bucket([]byte(bucketOutboxKeys))
		if keys.Get([]byte(key)) != nil {
			return nil
		}
		ob := tx.Bucket([]byte(bucketOutbox))
		seq, err := ob.NextSequence()
		if err != nil {
			return err
		}
		it := OutboxItem{Seq: seq, Kind: kind, Key: key, Payload: payload, CreatedAt: c.o.Now()}
		v, err := json.Marshal(it)
		if err != nil {
			return err
		}
		if err := ob.Put(itob(seq), v); err != nil {
			return err
		}
		return keys.Put([]byte(key), itob(seq))
	})
}

// Pending returns up to max items in delivery order (max <= 0: all).
func (c *Cache) Pending(max int) ([]OutboxItem, error) {
	var out []OutboxItem
	err := c.view(func(tx *bolt.Tx) error {
		cur := tx.Bucket([]byte(bucketOutbox)).Cursor()
		for k, v := cur.First(); k != nil && (max <= 0 || len(out) < max); k, v = cur.Next() {
			var it OutboxItem
			if err := json.Unmarshal(v, &it); err != nil {
				return fmt.Errorf("decoding outbox item %d: %w", btoi(k), err)
			}
			out = append(out, it)
		}
		return nil
	})
	return out, err
}

// Ack removes a delivered item. Acking an unknown seq is not an error (it
// was already acknowledged).
func (c *Cache) Ack(seq uint64) error {
	return c.update(func(tx *bolt.Tx) error {
		ob := tx.Bucket([]byte(bucketOutbox))
		v := ob.Get(itob(seq))
		if v == nil {
			return nil
		}
		var it OutboxItem
		if json.Unmarshal(v, &it) == nil && it.Key != "" {
			if err := tx.Bucket([]byte(bucketOutboxKeys)).Delete([]byte(it.Key)); err != nil {
				return err
			}
		}
		return ob.Delete(itob(seq))
	})
}

// MarkAttempt records a failed delivery attempt and when to try again.
func (c *Cache) MarkAttempt(seq uint64, err error, next time.Time) error {
	return c.update(func(tx *bolt.Tx) error {
		ob := tx.Bucket([]byte(bucketOutbox))
		v := ob.Get(itob(seq))
		if v == nil {
			return fmt.Errorf("outbox item %d: %w", seq, ErrNotFound)
		}
		var it OutboxItem
		if uerr := json.Unmarshal(v, &it); uerr != nil {
			return uerr
		}
		it.Attempts++
		if err != nil {
			it.LastError = err.Error()
		}
		it.NextAttempt = next
		nv, merr := json.Marshal(it)
		if merr != nil {
			return merr
		}
		return ob.Put(itob(seq), nv)
	})
}

// DeadLetter moves an item out of the outbox into the dead-letter bucket
// with the reason the portal gave. Its key stays reserved.
func (c *Cache) DeadLetter(seq uint64, reason string) error {
	return c.update(func(tx *bolt.Tx) error {
		ob := tx.Bucket([]byte(bucketOutbox))
		v := ob.Get(itob(seq))
		if v == nil {
			return fmt.Errorf("outbox item %d: %w", seq, ErrNotFound)
		}
		var it OutboxItem
		if err := json.Unmarshal(v, &it); err != nil {
			it = OutboxItem{Seq: seq, Payload: append([]byte(nil), v...)}
		}
		dl, err := json.Marshal(DeadLetter{Item: it, Reason: reason, At: c.o.Now()})
		if err != nil {
			return err
		}
		if err := tx.Bucket([]byte(bucketDead)).Put(itob(seq), dl); err != nil {
			return err
		}
		return ob.Delete(itob(seq))
	})
}

// DeadLetters lists dead-lettered items, oldest first.
func (c *Cache) DeadLetters() ([]DeadLetter, error) { return readAll[DeadLetter](c, bucketDead) }

// OutboxDepth is the number of undelivered items (dead letters excluded).
func (c *Cache) OutboxDepth() (int, error) {
	var n int
	err := c.view(func(tx *bolt.Tx) error {
		n = tx.Bucket([]byte(bucketOutbox)).Stats().KeyN
		return nil
	})
	return n, err
}
