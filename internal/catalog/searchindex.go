package catalog

import (
	"fmt"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

// The catalogue generation counts the transactions that changed what the
// search index is built from (procedures, agencies, fields). A persisted
// search index records the generation it was built at and is used only
// while the cache is still at that generation, so no write path can leave
// a stale index behind: a write that forgot to bump it would be a bug
// TestEveryCatalogueWriteMovesTheGeneration catches.
const (
	generationKey = "catalogue_generation" // in bucketMeta: 8 bytes
	searchIndex   = "search-index"         // in bucketBlobs: 8-byte generation + the encoding
	countsKey     = "catalogue_counts"     // in bucketMeta: generation, procedures, agencies, fields (8 bytes each)
)

func generation(tx *bolt.Tx) uint64 {
	if meta := tx.Bucket([]byte(bucketMeta)); meta != nil {
		return btoi(meta.Get([]byte(generationKey)))
	}
	return 0
}

// bumpGeneration marks the catalogue changed in tx.
func bumpGeneration(tx *bolt.Tx) error {
	meta, err := tx.CreateBucketIfNotExists([]byte(bucketMeta))
	if err != nil {
		return err
	}
	return meta.Put([]byte(generationKey), itob(generation(tx)+1))
}

// EachSummaryAt is EachSummary, also returning the catalogue generation the
// walk read: the one to give PutSearchIndex for an index built from it.
func (c *Cache) EachSummaryAt(fn func(p *portal.Procedure) error) (gen uint64, err error) {
	err = c.view(func(tx *bolt.Tx) error {
		gen = generation(tx)
		return c.eachSummary(tx, fn)
	})
	return gen, err
}

// PutSearchIndex stores an encoded search index built from the catalogue
// at generation gen. It stores nothing and reports false when the
// catalogue has changed since (a sync page landed meanwhile): that index
// is already out of date, and the next build replaces it.
func (c *Cache) PutSearchIndex(gen uint64, b []byte) (stored bool, err error) {
	err = c.update(func(tx *bolt.Tx) error {
		if generation(tx) != gen {
			return nil
		}
		v := make([]byte, 0, 8+len(b))
		v = append(append(v, itob(gen)...), b...)
		stored = true
		if err := tx.Bucket([]byte(bucketBlobs)).Put([]byte(searchIndex), v); err != nil {
			return err
		}
		return putCounts(tx, gen)
	})
	if err != nil {
		return false, err
	}
	return stored, nil
}

// ReadSearchIndex calls fn with the stored search index if it was built
// from the catalogue as it is now, and reports whether there was one and
// the catalogue generation it read. The
// bytes point into the mapped file and are valid only until fn returns;
// the pages they were read from are handed back to the kernel afterwards,
// so the read does not stay in the kiosk's resident memory.
func (c *Cache) ReadSearchIndex(fn func(b []byte) error) (found bool, gen uint64, err error) {
	err = c.view(func(tx *bolt.Tx) error {
		v := tx.Bucket([]byte(bucketBlobs)).Get([]byte(searchIndex))
		gen = generation(tx)
		if len(v) < 8 || btoi(v[:8]) != gen {
			return nil
		}
		found = true
		if err := fn(v[8:]); err != nil {
			return err
		}
		return c.releaseMapped(tx)
	})
	if err != nil {
		return found, gen, fmt.Errorf("reading the stored search index: %w", err)
	}
	return found, gen, nil
}

// putCounts records how many procedures, agencies and fields the catalogue
// holds at generation gen. Counting walks every page of the procedures
// bucket (≈ 50 ms for 60,000, most of it page faults on the mapped file),
// so it is done here, in the background write after a catalogue change,
// and Stats reads the result while the generation has not moved.
func putCounts(tx *bolt.Tx, gen uint64) error {
	v := make([]byte, 0, 32)
	v = append(v, itob(gen)...)
	for _, name := range []string{bucketProcedures, bucketAgencies, bucketFields} {
		v = append(v, itob(uint64(count(tx, name)))...)
	}
	return tx.Bucket([]byte(bucketMeta)).Put([]byte(countsKey), v)
}

// storedCounts returns the counts putCounts recorded, if they were
// recorded at the catalogue's current generation.
func storedCounts(tx *bolt.Tx) (procedures, agencies, fields int, ok bool) {
	meta := tx.Bucket([]byte(bucketMeta))
	if meta == nil {
		return 0, 0, 0, false
	}
	v := meta.Get([]byte(countsKey))
	if len(v) != 32 || btoi(v[:8]) != generation(tx) {
		return 0, 0, 0, false
	}
	return int(btoi(v[8:16])), int(btoi(v[16:24])), int(btoi(v[24:32])), true
}
