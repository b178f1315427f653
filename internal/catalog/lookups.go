package catalog

import (
	"fmt"

	bolt "go.etcd.io/bbolt"
)

// ForgetLookups wipes the recent dossier lookups that versions of the kiosk
// before the in-memory store (internal/kiosk, Lookups) kept in the cache
// file. Nothing writes that bucket any more; the idle reset calls this so a
// cache carried over from such a version holds no citizen's lookup.
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
