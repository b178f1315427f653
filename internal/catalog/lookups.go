package catalog

import (
	"encoding/json"
	"fmt"
	"time"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

type lookupEntry struct {
	Dossier  portal.Dossier `json:"dossier"`
	StoredAt time.Time      `json:"stored_at"`
}

// publicSummary keeps only what anyone holding the dossier code may see: the
// details a secret or ID number unlocked (steps, note, fee, masked ID) are
// dropped, and the name is masked again in case the portal did not.
func publicSummary(d portal.Dossier) portal.Dossier {
	d.Applicant = portal.MaskName(d.Applicant)
	d.ApplicantID = ""
	d.Steps = nil
	d.Note = ""
	d.Fee = 0
	d.Detailed = false
	return d
}

// PutLookup remembers the public summary of a dossier the portal just
// returned, so the kiosk can show its last known status (with its age) while
// the portal is down. Entries older than Options.LookupTTL are purged here.
func (c *Cache) PutLookup(d portal.Dossier) error {
	if d.Code == "" {
		return fmt.Errorf("put lookup: dossier without code")
	}
	now := c.o.Now()
	v, err := json.Marshal(lookupEntry{Dossier: publicSummary(d), StoredAt: now})
	if err != nil {
		return err
	}
	return c.update(func(tx *bolt.Tx) error {
		b := tx.Bucket([]byte(bucketLookups))
		var stale [][]byte
		if err := b.ForEach(func(k, v []byte) error {
			var e lookupEntry
			if json.Unmarshal(v, &e) != nil || now.Sub(e.StoredAt) > c.o.LookupTTL {
				stale = append(stale, append([]byte(nil), k...))
			}
			return nil
		}); err != nil {
			return err
		}
		for _, k := range stale {
			if err := b.Delete(k); err != nil {
				return err
			}
		}
		return b.Put([]byte(d.Code), v)
	})
}

// RecentLookup returns the stored summary of code and when it was stored, if
// it is no older than maxAge.
func (c *Cache) RecentLookup(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool) {
	var e lookupEntry
	found := false
	_ = c.view(func(tx *bolt.Tx) error {
		v := tx.Bucket([]byte(bucketLookups)).Get([]byte(code))
		if v != nil && json.Unmarshal(v, &e) == nil {
			found = true
		}
		return nil
	})
	if !found || c.o.Now().Sub(e.StoredAt) > maxAge {
		return portal.Dossier{}, time.Time{}, false
	}
	return e.Dossier, e.StoredAt, true
}

// ForgetLookups wipes every remembered lookup (the idle reset calls it).
func (c *Cache) ForgetLookups() error {
	return c.update(func(tx *bolt.Tx) error {
		if err := tx.DeleteBucket([]byte(bucketLookups)); err != nil {
			return err
		}
		_, err := tx.CreateBucket([]byte(bucketLookups))
		return err
	})
}

// PutBlob stores an opaque blob (e.g. a serialised search index) by name.
func (c *Cache) PutBlob(name string, b []byte) error {
	return c.update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketBlobs)).Put([]byte(name), b)
	})
}

// Blob returns a copy of a stored blob or an error wrapping ErrNotFound.
func (c *Cache) Blob(name string) ([]byte, error) {
	var out []byte
	err := c.view(func(tx *bolt.Tx) error {
		v := tx.Bucket([]byte(bucketBlobs)).Get([]byte(name))
		if v == nil {
			return fmt.Errorf("blob %q: %w", name, ErrNotFound)
		}
		out = append([]byte(nil), v...)
		return nil
	})
	return out, err
}
