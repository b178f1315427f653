package catalog

import (
	"bytes"
	"errors"
	"path/filepath"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

// storeIndex stores blob as the search index of the cache as it is now.
func storeIndex(t *testing.T, c *Cache, blob []byte) {
	t.Helper()
	gen, err := c.EachSummaryAt(func(*portal.Procedure) error { return nil })
	if err != nil {
		t.Fatal(err)
	}
	if ok, err := c.PutSearchIndex(gen, blob); err != nil || !ok {
		t.Fatalf("PutSearchIndex: stored %v, %v", ok, err)
	}
}

// storedIndex is the stored index the cache would hand out now, nil if none.
func storedIndex(t *testing.T, c *Cache) []byte {
	t.Helper()
	var out []byte
	found, _, err := c.ReadSearchIndex(func(b []byte) error {
		out = bytes.Clone(b)
		return nil
	})
	if err != nil {
		t.Fatal(err)
	}
	if found != (out != nil) {
		t.Fatalf("found %v with %d bytes", found, len(out))
	}
	return out
}

func TestAStoredSearchIndexSurvivesAReopen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c := mustOpenCache(t, path, nil)
	if err := c.ApplyPage(procs(20, "1"), SyncState{Generation: 1}); err != nil {
		t.Fatal(err)
	}
	if storedIndex(t, c) != nil {
		t.Fatal("a cache that never stored an index hands one out")
	}
	storeIndex(t, c, []byte("index v1"))
	c.Close()
	c = mustOpenCache(t, path, nil)
	if got := storedIndex(t, c); string(got) != "index v1" {
		t.Fatalf("after a reopen the stored index is %q", got)
	}
}

// Whatever changes what the index is built from must retire the stored
// index; what does not (ratings, sync bookkeeping, the PIN lockout) must
// leave it, or every restart would rebuild it.
func TestEveryCatalogueWriteMovesTheGeneration(t *testing.T) {
	writes := []struct {
		name      string
		write     func(c *Cache) error
		catalogue bool
	}{
		{"a sync page", func(c *Cache) error {
			return c.ApplyPage(procs(1, "9"), SyncState{Generation: 2})
		}, true},
		{"a tombstone", func(c *Cache) error {
			return c.ApplyPage([]portal.Procedure{{Code: "1.000003", Deleted: true}}, SyncState{Generation: 1})
		}, true},
		{"a sweep that deletes", func(c *Cache) error {
			n, _, err := c.SweepProcedures(5, "", 0)
			if err == nil && n == 0 {
				err = errors.New("nothing swept")
			}
			return err
		}, true},
		{"new agencies", func(c *Cache) error { return c.ReplaceAgencies([]portal.Agency{{Code: "A", Name: "Sở Tư pháp"}}) }, true},
		{"a renamed agency", func(c *Cache) error {
			return c.ReplaceAgencies([]portal.Agency{{Code: "A0", Name: "Sở Tư pháp tỉnh"}})
		}, true},
		{"one agency fewer", func(c *Cache) error { return c.ReplaceAgencies(nil) }, true},
		{"new fields", func(c *Cache) error { return c.ReplaceFields([]portal.Field{{Code: "HT2", Name: "Hộ tịch"}}) }, true},
		{"a reset", func(c *Cache) error { return c.Reset() }, true},
		{"an empty sync page", func(c *Cache) error { return c.ApplyPage(nil, SyncState{Generation: 1}) }, false},
		{"the same agencies again", func(c *Cache) error { return c.ReplaceAgencies([]portal.Agency{{Code: "A0", Name: "Sở Tư pháp"}}) }, false},
		{"the same fields again", func(c *Cache) error { return c.ReplaceFields([]portal.Field{{Code: "HT", Name: "Hộ tịch"}}) }, false},
		{"a sweep that deletes nothing", func(c *Cache) error { _, _, err := c.SweepProcedures(0, "", 0); return err }, false},
		{"a sync result", func(c *Cache) error { return c.SetSyncResult(nil, t0) }, false},
		{"a rating", func(c *Cache) error { return c.Enqueue("rating", "k1", []byte(`{}`)) }, false},
		{"a PIN lockout", func(c *Cache) error { return c.SetPINLockout(3, t0.Add(time.Minute)) }, false},
		{"forgotten lookups", func(c *Cache) error { return c.ForgetLookups() }, false},
	}
	for _, w := range writes {
		t.Run(w.name, func(t *testing.T) {
			c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
			if err := c.ApplyPage(procs(10, "1"), SyncState{Generation: 1}); err != nil {
				t.Fatal(err)
			}
			if err := c.ReplaceAgencies([]portal.Agency{{Code: "A0", Name: "Sở Tư pháp"}}); err != nil {
				t.Fatal(err)
			}
			if err := c.ReplaceFields([]portal.Field{{Code: "HT", Name: "Hộ tịch"}}); err != nil {
				t.Fatal(err)
			}
			storeIndex(t, c, []byte("index"))
			if !countsStored(t, c) {
				t.Fatal("storing the index did not record the counts")
			}
			if err := w.write(c); err != nil {
				t.Fatal(err)
			}
			if kept := storedIndex(t, c) != nil; kept == w.catalogue {
				t.Fatalf("after %s the stored index is kept: %v, want %v", w.name, kept, !w.catalogue)
			}
			if countsStored(t, c) == w.catalogue {
				t.Fatalf("after %s the recorded counts are used: %v, want %v", w.name, w.catalogue, !w.catalogue)
			}
			statsCountEveryRow(t, c)
		})
	}
}

// countsStored reports whether Stats would use recorded counts now.
func countsStored(t *testing.T, c *Cache) (ok bool) {
	t.Helper()
	if err := c.view(func(tx *bolt.Tx) error { _, _, _, ok = storedCounts(tx); return nil }); err != nil {
		t.Fatal(err)
	}
	return ok
}

// statsCountEveryRow fails unless Stats agrees with a walk of the buckets.
func statsCountEveryRow(t *testing.T, c *Cache) {
	t.Helper()
	st, err := c.Stats()
	if err != nil {
		t.Fatal(err)
	}
	var procs, agencies, fields int
	if err := c.view(func(tx *bolt.Tx) error {
		procs, agencies, fields = count(tx, bucketProcedures), count(tx, bucketAgencies), count(tx, bucketFields)
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if st.Procedures != procs || st.Agencies != agencies || st.Fields != fields {
		t.Fatalf("Stats counts %d procedures, %d agencies, %d fields; the buckets hold %d, %d, %d",
			st.Procedures, st.Agencies, st.Fields, procs, agencies, fields)
	}
}

func TestAnIndexBuiltBeforeASyncPageIsNotStored(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	if err := c.ApplyPage(procs(10, "1"), SyncState{Generation: 1}); err != nil {
		t.Fatal(err)
	}
	n := 0
	gen, err := c.EachSummaryAt(func(*portal.Procedure) error { n++; return nil })
	if err != nil || n != 10 {
		t.Fatalf("walked %d procedures, %v", n, err)
	}
	// The page lands while the index is being built from the walk.
	if err := c.ApplyPage(procs(1, "2"), SyncState{Generation: 1}); err != nil {
		t.Fatal(err)
	}
	if ok, err := c.PutSearchIndex(gen, []byte("stale")); err != nil || ok {
		t.Fatalf("an index of the catalogue before the page was stored: %v, %v", ok, err)
	}
	if storedIndex(t, c) != nil {
		t.Fatal("a stale index is handed out")
	}
}

// An index stored by a kiosk before a reset, whose catalogue generation was
// never written (a cache from before generations existed), must not match
// the emptied cache either.
func TestAResetNeverReturnsToAnOldGeneration(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	if err := c.ApplyPage(procs(10, "1"), SyncState{Generation: 1}); err != nil {
		t.Fatal(err)
	}
	// As an older version left it: procedures but no generation.
	if err := c.db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketMeta)).Delete([]byte(generationKey))
	}); err != nil {
		t.Fatal(err)
	}
	gen, err := c.EachSummaryAt(func(*portal.Procedure) error { return nil })
	if err != nil || gen != 0 {
		t.Fatalf("generation %d, %v", gen, err)
	}
	if err := c.Reset(); err != nil {
		t.Fatal(err)
	}
	if ok, _ := c.PutSearchIndex(gen, []byte("before the reset")); ok {
		t.Fatal("an index of the catalogue before the reset was stored for the emptied cache")
	}
}

func TestAMigratedCacheRetiresItsStoredIndex(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	writeSchema1Cache(t, path)
	// A schema-1 file with an index stored at generation 0.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		b, err := tx.CreateBucketIfNotExists([]byte(bucketBlobs))
		if err != nil {
			return err
		}
		return b.Put([]byte(searchIndex), append(itob(0), "schema 1 index"...))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()
	c := mustOpenCache(t, path, nil)
	if got := storedIndex(t, c); got != nil {
		t.Fatalf("the migrated cache hands out the index of its old records: %q", got)
	}
}
