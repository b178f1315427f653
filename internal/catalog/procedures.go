package catalog

import (
	"bytes"
	"encoding/json"
	"fmt"
	"sort"
	"time"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

// SyncState is where catalogue sync stands. It is written in the same
// transaction as the page it describes, so a crash never separates them.
type SyncState struct {
	// Cursor is the server time of the last completed listing: the next
	// incremental sync asks for procedures updated since then.
	Cursor time.Time `json:"cursor"`
	// PageToken is the next page of a listing in progress ("" when none), and
	// InProgressSince the server_time of that listing (the cursor it will
	// become). Full says whether that listing is a full one, Since what it was
	// started with.
	PageToken       string    `json:"page_token,omitempty"`
	InProgressSince time.Time `json:"in_progress_since"`
	Full            bool      `json:"full,omitempty"`
	Since           time.Time `json:"since"`
	// Generation marks procedures seen by the current full listing;
	// SweepGeneration (non-zero) says a full listing finished and procedures
	// of older generations still have to be deleted.
	Generation      uint64 `json:"generation"`
	SweepGeneration uint64 `json:"sweep_generation,omitempty"`
	// Fresh says the full listing in progress started on an empty cache:
	// nothing older can be left to sweep, so its procedures are stored
	// without a generation mark (ApplyPage) and no sweep follows it. A
	// procedure without a mark counts as generation 0, the oldest.
	Fresh bool `json:"fresh,omitempty"`
	// ItemsDone and Total count the listing in progress, for progress.
	ItemsDone int `json:"items_done,omitempty"`
	PagesDone int `json:"pages_done,omitempty"`
	Total     int `json:"total,omitempty"`

	LastSuccess time.Time `json:"last_success"`
	LastError   string    `json:"last_error,omitempty"`
	// NeedsFull asks the next sync to do a full listing (fresh, recovered or
	// rebuilt cache).
	NeedsFull bool `json:"needs_full,omitempty"`
}

func getSyncState(tx *bolt.Tx) (SyncState, error) {
	var st SyncState
	meta := tx.Bucket([]byte(bucketMeta))
	if meta == nil {
		return st, nil
	}
	v := meta.Get([]byte(syncKey))
	if v == nil {
		return SyncState{NeedsFull: true}, nil
	}
	if err := json.Unmarshal(v, &st); err != nil {
		// An unreadable state only costs a full sync.
		return SyncState{NeedsFull: true}, nil
	}
	return st, nil
}

func putSyncState(tx *bolt.Tx, st SyncState) error {
	b, err := json.Marshal(st)
	if err != nil {
		return err
	}
	return tx.Bucket([]byte(bucketMeta)).Put([]byte(syncKey), b)
}

// SyncState reads the saved sync state.
func (c *Cache) SyncState() (SyncState, error) {
	var st SyncState
	err := c.view(func(tx *bolt.Tx) (err error) {
		st, err = getSyncState(tx)
		return err
	})
	return st, err
}

// SetSyncState replaces the sync state on its own (no items).
func (c *Cache) SetSyncState(st SyncState) error {
	return c.update(func(tx *bolt.Tx) error { return putSyncState(tx, st) })
}

// MarkFullSyncNeeded makes the next sync a full one.
func (c *Cache) MarkFullSyncNeeded() error {
	return c.update(func(tx *bolt.Tx) error {
		st, err := getSyncState(tx)
		if err != nil {
			return err
		}
		st.NeedsFull = true
		return putSyncState(tx, st)
	})
}

// SetSyncResult records the outcome of a sync run: a nil err sets
// LastSuccess to at and clears LastError.
func (c *Cache) SetSyncResult(err error, at time.Time) error {
	return c.update(func(tx *bolt.Tx) error {
		st, gerr := getSyncState(tx)
		if gerr != nil {
			return gerr
		}
		if err == nil {
			st.LastSuccess, st.LastError = at, ""
		} else {
			st.LastError = err.Error()
		}
		return putSyncState(tx, st)
	})
}

// ApplyPage stores one page of a listing (or several consecutive pages) and
// the sync state that follows it in one transaction: upserts, tombstone
// deletes, and st. Upserted procedures are marked with st.Generation for the
// sweep after a full listing, unless st.Fresh (nothing to sweep).
//
// The items are written in code order (a stable sort, so of two items with
// one code the later still wins): a listing comes in update-time order,
// which scatters codes over the whole tree, and bbolt's cursor then walks
// the tree from one end to the other once instead of jumping about. The
// stored forms are encoded into a few large buffers instead of one
// allocation each; bbolt keeps the values until the commit, so none is
// reused.
func (c *Cache) ApplyPage(items []portal.Procedure, st SyncState) error {
	gen := itob(st.Generation)
	order := make([]int, len(items))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(a, b int) bool { return items[order[a]].Code < items[order[b]].Code })
	return c.update(func(tx *bolt.Tx) error {
		procs := tx.Bucket([]byte(bucketProcedures))
		gens := tx.Bucket([]byte(bucketProcGen))
		var slab []byte
		for _, i := range order {
			p := &items[i]
			if p.Code == "" {
				return fmt.Errorf("procedure without code in page (item %d)", i)
			}
			k := []byte(p.Code)
			if p.Deleted {
				if err := procs.Delete(k); err != nil {
					return err
				}
				if err := gens.Delete(k); err != nil {
					return err
				}
				continue
			}
			if cap(slab)-len(slab) < slabReserve {
				slab = make([]byte, 0, slabSize)
			}
			start := len(slab)
			slab = appendProcedure(slab, p)
			if err := procs.Put(k, slab[start:len(slab):len(slab)]); err != nil {
				return fmt.Errorf("storing procedure %s: %w", p.Code, err)
			}
			if st.Fresh {
				continue
			}
			if err := gens.Put(k, gen); err != nil {
				return err
			}
		}
		if len(items) > 0 {
			if err := bumpGeneration(tx); err != nil {
				return err
			}
		}
		return putSyncState(tx, st)
	})
}

// slabSize is the size of ApplyPage's encoding buffers; a new one starts
// when fewer than slabReserve bytes are left (a larger record still fits:
// append moves it to a buffer of its own).
const (
	slabSize    = 1 << 20
	slabReserve = 16 << 10
)

// SweepProcedures deletes up to max procedures whose generation is older than
// gen (not seen by the full listing of generation gen), starting at key from.
// It returns how many it deleted and the key to continue from ("" when done).
// Each call is one transaction, so a large sweep never holds the write lock
// for long.
func (c *Cache) SweepProcedures(gen uint64, from string, max int) (deleted int, next string, err error) {
	if max <= 0 {
		max = 5000
	}
	err = c.update(func(tx *bolt.Tx) error {
		procs := tx.Bucket([]byte(bucketProcedures))
		gens := tx.Bucket([]byte(bucketProcGen))
		var stale [][]byte
		cur := procs.Cursor()
		var k []byte
		if from == "" {
			k, _ = cur.First()
		} else {
			k, _ = cur.Seek([]byte(from))
		}
		seen := 0
		for ; k != nil; k, _ = cur.Next() {
			if seen >= max*4 || len(stale) >= max {
				next = string(k)
				break
			}
			seen++
			if btoi(gens.Get(k)) < gen {
				stale = append(stale, append([]byte(nil), k...))
			}
		}
		for _, k := range stale {
			if err := procs.Delete(k); err != nil {
				return err
			}
			if err := gens.Delete(k); err != nil {
				return err
			}
		}
		deleted = len(stale)
		if deleted > 0 {
			return bumpGeneration(tx)
		}
		return nil
	})
	return deleted, next, err
}

// HasProcedures reports whether the cache holds any procedure.
func (c *Cache) HasProcedures() (bool, error) {
	has := false
	err := c.view(func(tx *bolt.Tx) error {
		k, _ := tx.Bucket([]byte(bucketProcedures)).Cursor().First()
		has = k != nil
		return nil
	})
	return has, err
}

// Procedures returns every cached procedure ordered by code.
func (c *Cache) Procedures() ([]portal.Procedure, error) {
	var out []portal.Procedure
	err := c.view(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucketProcedures))
		out = make([]portal.Procedure, 0, b.Stats().KeyN)
		return b.ForEach(func(k, v []byte) error {
			p, err := decodeProcedure(v)
			if err != nil {
				return fmt.Errorf("decoding cached procedure %s: %w", k, err)
			}
			out = append(out, p)
			return nil
		})
	})
	return out, err
}

// Procedure returns one cached procedure or an error wrapping ErrNotFound.
func (c *Cache) Procedure(code string) (portal.Procedure, error) {
	var p portal.Procedure
	err := c.view(func(tx *bolt.Tx) error {
		v := tx.Bucket([]byte(bucketProcedures)).Get([]byte(code))
		if v == nil {
			return fmt.Errorf("procedure %q: %w", code, ErrNotFound)
		}
		var err error
		p, err = decodeProcedure(v)
		return err
	})
	return p, err
}

// Agencies returns the cached agencies ordered by code.
func (c *Cache) Agencies() ([]portal.Agency, error) { return readAll[portal.Agency](c, bucketAgencies) }

// Fields returns the cached fields ordered by code.
func (c *Cache) Fields() ([]portal.Field, error) { return readAll[portal.Field](c, bucketFields) }

// ReplaceAgencies replaces the whole agency list in one transaction.
func (c *Cache) ReplaceAgencies(items []portal.Agency) error {
	return replaceAll(c, bucketAgencies, items, func(a portal.Agency) string { return a.Code })
}

// ReplaceFields replaces the whole field list in one transaction.
func (c *Cache) ReplaceFields(items []portal.Field) error {
	return replaceAll(c, bucketFields, items, func(f portal.Field) string { return f.Code })
}

func readAll[T any](c *Cache, bucket string) ([]T, error) {
	var out []T
	err := c.view(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucket)).ForEach(func(k, v []byte) error {
			var x T
			if err := json.Unmarshal(v, &x); err != nil {
				return fmt.Errorf("decoding cached %s %s: %w", bucket, k, err)
			}
			out = append(out, x)
			return nil
		})
	})
	return out, err
}

func replaceAll[T any](c *Cache, bucket string, items []T, key func(T) string) error {
	type kv struct{ k, v []byte }
	rows := make([]kv, 0, len(items))
	for _, it := range items {
		k := key(it)
		if k == "" {
			return fmt.Errorf("%s entry without code", bucket)
		}
		v, err := json.Marshal(it)
		if err != nil {
			return err
		}
		rows = append(rows, kv{[]byte(k), v})
	}
	sort.Slice(rows, func(i, j int) bool { return bytes.Compare(rows[i].k, rows[j].k) < 0 })
	return c.update(func(tx *bolt.Tx) error {
		// Each sync sends the same lists again; rewriting them unchanged
		// would only retire the stored search index (see bumpGeneration).
		if sameRows(tx.Bucket([]byte(bucket)), len(rows), func(i int) ([]byte, []byte) { return rows[i].k, rows[i].v }) {
			return nil
		}
		if err := tx.DeleteBucket([]byte(bucket)); err != nil {
			return err
		}
		b, err := tx.CreateBucket([]byte(bucket))
		if err != nil {
			return err
		}
		for _, r := range rows {
			if err := b.Put(r.k, r.v); err != nil {
				return err
			}
		}
		return bumpGeneration(tx)
	})
}

// sameRows reports whether bucket b holds exactly the n rows row(0..n-1),
// given in key order.
func sameRows(b *bolt.Bucket, n int, row func(int) ([]byte, []byte)) bool {
	if b == nil {
		return false
	}
	cur := b.Cursor()
	i := 0
	for k, v := cur.First(); k != nil; k, v = cur.Next() {
		if i >= n {
			return false
		}
		rk, rv := row(i)
		if !bytes.Equal(k, rk) || !bytes.Equal(v, rv) {
			return false
		}
		i++
	}
	return i == n
}
