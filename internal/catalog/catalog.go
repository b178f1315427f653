// Package catalog owns the kiosk's local bbolt cache: procedures, agencies and
// fields for offline browsing and search, the sync cursor, the outbox of
// ratings and heartbeats waiting for the portal, and opaque blobs such as a
// persisted search index. Citizens' dossier lookups are never stored here.
//
// It is the only package that imports bbolt. A cache that another process
// holds fails fast with ErrLocked; a corrupt or unreadable file is moved aside
// and replaced by a fresh one that asks for a full sync, so the kiosk keeps
// running.
package catalog

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"log/slog"
	"os"
	"path/filepath"
	"runtime/debug"
	"strconv"
	"time"

	bolt "go.etcd.io/bbolt"
	berrors "go.etcd.io/bbolt/errors"
)

// SchemaVersion is the layout this code reads and writes. A file of a
// version migrate.go knows is migrated in place on open; a file with another
// version is rebuilt (catalogue data dropped, outbox kept). Both are flagged
// for a full sync.
const SchemaVersion = 2

// Bucket names. Every bucket lives at the top level.
const (
	bucketMeta       = "meta"        // schemaKey, syncKey
	bucketProcedures = "procedures"  // code -> JSON portal.Procedure
	bucketProcGen    = "proc_gen"    // code -> 8-byte listing generation (mark and sweep)
	bucketAgencies   = "agencies"    // code -> JSON portal.Agency
	bucketFields     = "fields"      // code -> JSON portal.Field
	bucketOutbox     = "outbox"      // 8-byte seq -> JSON OutboxItem
	bucketOutboxKeys = "outbox_keys" // idempotency key -> 8-byte seq (outbox or dead letter)
	bucketDead       = "dead_letter" // 8-byte seq -> JSON DeadLetter
	bucketLookups    = "lookups"     // older versions' recent lookups; only ever wiped
	bucketBlobs      = "blobs"       // name -> bytes
)

// Keys in the meta bucket.
const (
	schemaKey = "schema"
	syncKey   = "sync"
)

// catalogueBuckets are dropped by a schema rebuild; the outbox survives it.
var catalogueBuckets = []string{bucketProcedures, bucketProcGen, bucketAgencies, bucketFields, bucketLookups, bucketBlobs}

var allBuckets = []string{bucketMeta, bucketProcedures, bucketProcGen, bucketAgencies, bucketFields,
	bucketOutbox, bucketOutboxKeys, bucketDead, bucketLookups, bucketBlobs}

// Sentinel errors.
var (
	// ErrLocked means another process (the kiosk or a kioskctl command) holds
	// the cache file. The full error names the path.
	ErrLocked = errors.New("cache is locked by another process")
	// ErrNotFound means the cache has no such entry.
	ErrNotFound = errors.New("not found in cache")
	// ErrClosed means the cache was used after Close.
	ErrClosed = errors.New("cache is closed")
)

// Options tune Open. Zero values get sensible defaults.
type Options struct {
	// LockTimeout is how long Open waits for another process to release the
	// file before failing with ErrLocked (default 2s).
	LockTimeout time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger receives recovery and migration notices (default slog.Default()).
	Logger *slog.Logger
	// SkipCheck skips the page-level consistency check at open. The check
	// reads every page; leave it on for kiosks.
	SkipCheck bool
	// DeferCheck runs the second half of the check, bbolt's own reading of
	// every key through its cursors and its tx.Check, in the background
	// once Open has returned instead of before (the kiosk: about 90 ms of
	// CPU off the way to its first screen at 60,000 procedures, of which
	// about 20 ms show in its start-up on two cores). The first half,
	// preflight's bounds-checked walk of every page, still runs before, so
	// nothing bbolt reads meanwhile can fault or loop; what only the second
	// half finds (a page neither used nor free, keys out of order) is dealt
	// with by the next Open: the marker file "<path>.unchecked" stays until
	// the check has passed, and an Open that finds it checks everything
	// before returning, which moves a bad file aside as usual. Checked and
	// CheckErr report the result.
	DeferCheck bool
}

// Cache is an open cache file. Its methods are safe for concurrent use.
type Cache struct {
	db        *bolt.DB
	path      string
	o         Options
	recovered string

	// deferred is set while openChecked runs when the second half of the
	// check is left to checkLater (Options.DeferCheck, no marker found).
	deferred bool
	checked  chan struct{} // closed once the check is over
	checkErr error         // what the deferred check found, once checked is closed
}

// Open opens (or creates) the cache at path. If another process holds it,
// Open fails with an error wrapping ErrLocked after o.LockTimeout. If the file
// is corrupt, it is renamed to "<path>.corrupt-<timestamp>", a fresh cache is
// created with NeedsFull set, and Recovered reports the moved path. A file
// that was absent or empty is not moved aside when opening fails (a full
// disk): it is removed and the error says the disk is full. A file of
// another user's fails with an error wrapping ErrNotOwner that says how to
// fix it. Run as root, Open gives the file to the owner of its folder.
func Open(path string, o Options) (*Cache, error) {
	if o.LockTimeout <= 0 {
		o.LockTimeout = 2 * time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.Default()
	}
	if dir := filepath.Dir(path); dir != "" {
		if err := os.MkdirAll(dir, 0o755); err != nil {
			return nil, fmt.Errorf("creating cache directory: %w", err)
		}
	}
	c := &Cache{path: path, o: o, checked: make(chan struct{})}
	// A file that is not there yet, or is empty, holds nothing to keep: if
	// opening it fails (a full disk, an I/O error while bbolt writes its
	// first pages) it is removed, not quarantined, so a kiosk restarting on
	// a full disk does not leave a 0-byte "cache.db.corrupt-…" each time.
	empty := isEmptyOrAbsent(path)
	db, err := c.openChecked()
	if err == nil {
		c.db = db
		c.keepOwner()
		if !c.deferred && !o.SkipCheck {
			// The check read every page: do not keep the file resident.
			_ = c.ReleaseMemory()
		}
		c.finishCheck()
		return c, nil
	}
	if errors.Is(err, ErrLocked) {
		return nil, err
	}
	if errors.Is(err, fs.ErrPermission) {
		return nil, explainPermission(path, err)
	}
	if empty {
		removeCreated(path)
		return nil, diskFull(path, err)
	}
	// Anything else means the file cannot be used: keep it for diagnosis and
	// start fresh so the kiosk keeps running.
	moved := fmt.Sprintf("%s.corrupt-%s", path, o.Now().UTC().Format("20060102T150405.000000000Z"))
	if rerr := os.Rename(path, moved); rerr != nil {
		return nil, fmt.Errorf("opening cache %s: %w (and moving it aside failed: %v)", path, err, rerr)
	}
	o.Logger.Warn("cache file was unusable; moved aside and starting fresh", "path", path, "moved_to", moved, "err", err)
	db, err2 := c.openChecked()
	if err2 != nil {
		// The fresh file is as useless as the one above; the corrupt one
		// stays for diagnosis and the next start tries a fresh file again.
		removeCreated(path)
		return nil, diskFull(path, fmt.Errorf("creating fresh cache %s after moving a corrupt one aside to %s: %w", path, moved, err2))
	}
	c.db = db
	c.recovered = moved
	c.keepOwner()
	c.finishCheck()
	if err := c.MarkFullSyncNeeded(); err != nil {
		db.Close()
		return nil, err
	}
	if n, err := c.salvageOutbox(moved); err != nil {
		o.Logger.Warn("could not salvage the outbox of the corrupt cache", "moved_to", moved, "err", err)
	} else if n > 0 {
		o.Logger.Info("salvaged undelivered outbox items from the corrupt cache", "items", n)
	}
	return c, nil
}

// salvageOutbox copies the undelivered items that can still be read from a
// corrupt cache into this one, in their original order, so ratings are not
// lost with the catalogue (which a full sync restores anyway).
func (c *Cache) salvageOutbox(moved string) (int, error) {
	kvs, err := salvageBucket(moved, bucketOutbox)
	n := 0
	for _, kv := range kvs {
		var it OutboxItem
		if json.Unmarshal(kv[1], &it) != nil || it.Kind == "" || it.Key == "" || it.Seq != btoi(kv[0]) {
			continue
		}
		if eerr := c.Enqueue(it.Kind, it.Key, it.Payload); eerr != nil {
			return n, eerr
		}
		n++
	}
	return n, err
}

// openChecked opens the bbolt file, checks its pages and prepares the
// buckets and schema. bbolt can panic on corrupt pages, so panics are turned
// into errors here.
func (c *Cache) openChecked() (db *bolt.DB, err error) {
	// A corrupt page can also point outside the mapped file; make that
	// memory fault a panic we recover instead of a fatal error.
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			if db != nil {
				closeQuietly(db)
			}
			db, err = nil, fmt.Errorf("reading cache %s: corrupt page: %v", c.path, r)
		}
	}()
	db, err = bolt.Open(c.path, 0o600, &bolt.Options{Timeout: c.o.LockTimeout})
	if err != nil {
		if errors.Is(err, berrors.ErrTimeout) {
			return nil, fmt.Errorf("opening cache %s: %w (another kiosk or kioskctl process holds it; stop it or wait)", c.path, ErrLocked)
		}
		return nil, fmt.Errorf("opening cache %s: %w", c.path, err)
	}
	if !c.o.SkipCheck {
		// The lock is held now, so nobody writes while the file is read.
		if perr := preflight(c.path); perr != nil {
			closeQuietly(db)
			return nil, fmt.Errorf("checking cache %s: %w", c.path, perr)
		}
		// The second half waits only when asked to and when the last
		// deferred check of this file passed (its marker is gone).
		c.deferred = c.o.DeferCheck && !exists(c.uncheckedMarker()) && c.markUnchecked()
		if !c.deferred {
			if cerr := check(db); cerr != nil {
				closeQuietly(db)
				return nil, fmt.Errorf("checking cache %s: %w", c.path, cerr)
			}
			c.clearUnchecked()
		}
	}
	if perr := c.prepare(db); perr != nil {
		closeQuietly(db)
		return nil, fmt.Errorf("preparing cache %s: %w", c.path, perr)
	}
	return db, nil
}

// uncheckedMarker is the file that says a deferred check of the cache has
// not passed (yet): the next Open checks before it returns.
func (c *Cache) uncheckedMarker() string { return c.path + ".unchecked" }

// markUnchecked creates the marker, and says whether it could: without it
// a failed or interrupted deferred check would go unnoticed, so the check
// is then made before Open returns.
func (c *Cache) markUnchecked() bool {
	f, err := os.OpenFile(c.uncheckedMarker(), os.O_CREATE|os.O_WRONLY, 0o600)
	if err != nil {
		c.o.Logger.Warn("cache check not deferred: its marker cannot be written", "err", err)
		return false
	}
	return f.Close() == nil
}

// finishCheck starts the deferred half of the check, or says the check is
// over when Open made all of it (or none).
func (c *Cache) finishCheck() {
	if c.deferred {
		go c.checkLater()
		return
	}
	close(c.checked)
}

// checkLater is the deferred half of the check. A file that fails it keeps
// its marker, so the next Open checks it again before use and moves it
// aside; until then the kiosk runs on it (preflight found nothing that makes
// bbolt fault) and the caller decides when to restart.
func (c *Cache) checkLater() {
	defer close(c.checked)
	err := func() (err error) {
		defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
		defer func() {
			if r := recover(); r != nil {
				err = fmt.Errorf("corrupt page: %v", r)
			}
		}()
		return check(c.db)
	}()
	if err != nil {
		c.checkErr = fmt.Errorf("checking cache %s: %w", c.path, err)
		return
	}
	_ = c.ReleaseMemory()
	c.clearUnchecked()
}

// clearUnchecked removes the marker once the whole check has passed.
func (c *Cache) clearUnchecked() {
	if err := os.Remove(c.uncheckedMarker()); err != nil && !errors.Is(err, fs.ErrNotExist) {
		c.o.Logger.Warn("cache check marker not removed; the next start checks the cache before showing the kiosk", "err", err)
	}
}

// Checked is closed once the cache's check is over: at once, unless Open
// left half of it to the background (Options.DeferCheck).
func (c *Cache) Checked() <-chan struct{} { return c.checked }

// CheckErr is what the deferred check found wrong, or nil; read it after
// Checked is closed. The cache stays usable; the next Open replaces it.
func (c *Cache) CheckErr() error {
	select {
	case <-c.checked:
		return c.checkErr
	default:
		return nil
	}
}

func exists(path string) bool {
	_, err := os.Lstat(path)
	return err == nil
}

func closeQuietly(db *bolt.DB) {
	defer func() { _ = recover() }()
	_ = db.Close()
}

// check reads every bucket, key and value once in this goroutine (where a
// bad page panics recoverably), then runs bbolt's own consistency check.
func check(db *bolt.DB) error {
	if err := db.View(walk); err != nil {
		return err
	}
	return db.View(func(tx *bolt.Tx) error {
		// Read the whole channel: the check goroutine reads pages of this
		// transaction and must finish before it closes.
		var errs []error
		for e := range tx.Check() {
			if len(errs) < 5 {
				errs = append(errs, e)
			}
		}
		if len(errs) > 0 {
			return errors.Join(errs...)
		}
		return nil
	})
}

// walk visits every key of every bucket through bbolt's cursors.
func walk(tx *bolt.Tx) error {
	return tx.ForEach(func(name []byte, b *bolt.Bucket) error {
		return b.ForEach(func(k, v []byte) error {
			if v == nil {
				if nb := b.Bucket(k); nb != nil {
					return nb.ForEach(func(k, v []byte) error { return nil })
				}
			}
			return nil
		})
	})
}

// prepare creates missing buckets and rebuilds a file of another schema.
func (c *Cache) prepare(db *bolt.DB) error {
	return db.Update(func(tx *bolt.Tx) error {
		meta := tx.Bucket([]byte(bucketMeta))
		fresh := meta == nil
		version := 0
		if meta != nil {
			if v := meta.Get([]byte(schemaKey)); v != nil {
				n, err := strconv.Atoi(string(v))
				if err == nil {
					version = n
				}
			}
		}
		migrated := false
		if !fresh && version != SchemaVersion && canMigrate(version) {
			c.o.Logger.Info("cache schema is older; migrating in place (catalogue and outbox kept) and scheduling a full sync",
				"path", c.path, "found", version, "want", SchemaVersion)
			if err := migrate(tx, version); err != nil {
				return fmt.Errorf("migrating cache schema %d to %d: %w", version, SchemaVersion, err)
			}
			migrated = true
		} else if !fresh && version != SchemaVersion {
			c.o.Logger.Warn("cache schema differs; rebuilding catalogue (outbox kept) and scheduling a full sync",
				"path", c.path, "found", version, "want", SchemaVersion)
			if err := rebuild(tx); err != nil {
				return err
			}
		}
		for _, name := range allBuckets {
			if _, err := tx.CreateBucketIfNotExists([]byte(name)); err != nil {
				return fmt.Errorf("creating bucket %s: %w", name, err)
			}
		}
		meta = tx.Bucket([]byte(bucketMeta))
		if err := meta.Put([]byte(schemaKey), []byte(strconv.Itoa(SchemaVersion))); err != nil {
			return err
		}
		if !fresh && version != SchemaVersion {
			if err := bumpGeneration(tx); err != nil {
				return err
			}
		}
		if !migrated && (fresh || version != SchemaVersion) {
			st := SyncState{NeedsFull: true}
			return putSyncState(tx, st)
		}
		return nil
	})
}

// rebuild drops catalogue data and keeps outbox items that still decode;
// the rest are moved to the dead-letter bucket as raw bytes.
func rebuild(tx *bolt.Tx) error {
	for _, name := range catalogueBuckets {
		if tx.Bucket([]byte(name)) != nil {
			if err := tx.DeleteBucket([]byte(name)); err != nil {
				return fmt.Errorf("dropping bucket %s: %w", name, err)
			}
		}
	}
	if meta := tx.Bucket([]byte(bucketMeta)); meta != nil {
		if err := meta.Delete([]byte(syncKey)); err != nil {
			return err
		}
	}
	ob := tx.Bucket([]byte(bucketOutbox))
	if ob == nil {
		return nil
	}
	dead, err := tx.CreateBucketIfNotExists([]byte(bucketDead))
	if err != nil {
		return err
	}
	var bad [][]byte
	err = ob.ForEach(func(k, v []byte) error {
		var it OutboxItem
		if json.Unmarshal(v, &it) != nil || it.Seq != btoi(k) || it.Kind == "" {
			bad = append(bad, append([]byte(nil), k...))
			dl, _ := json.Marshal(DeadLetter{Item: OutboxItem{Seq: btoi(k), Payload: append([]byte(nil), v...)}, Reason: "undecodable after schema change"})
			return dead.Put(append([]byte(nil), k...), dl)
		}
		return nil
	})
	if err != nil {
		return err
	}
	for _, k := range bad {
		if err := ob.Delete(k); err != nil {
			return err
		}
	}
	return nil
}

// Path is the cache file's path.
func (c *Cache) Path() string { return c.path }

// Recovered is the path a corrupt cache file was moved to by Open, or "".
func (c *Cache) Recovered() string { return c.recovered }

// Close releases the file lock.
func (c *Cache) Close() error {
	if c == nil || c.db == nil {
		return nil
	}
	// A deferred check holds a read transaction; it ends in a fraction of a
	// second, and stopping it early would only make the next start check.
	if c.checked != nil {
		<-c.checked
	}
	return c.db.Close()
}

// Reset clears everything (catalogue, sync state, outbox, dead letters,
// lookups, blobs) and leaves an empty, usable cache that asks for a full sync.
func (c *Cache) Reset() error {
	return c.update(func(tx *bolt.Tx) error {
		// The generation goes on from where it was, not back to zero: an
		// index built before the reset must not match the emptied cache.
		gen := generation(tx)
		for _, name := range allBuckets {
			if tx.Bucket([]byte(name)) != nil {
				if err := tx.DeleteBucket([]byte(name)); err != nil {
					return fmt.Errorf("dropping bucket %s: %w", name, err)
				}
			}
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return fmt.Errorf("creating bucket %s: %w", name, err)
			}
		}
		meta := tx.Bucket([]byte(bucketMeta))
		if err := meta.Put([]byte(schemaKey), []byte(strconv.Itoa(SchemaVersion))); err != nil {
			return err
		}
		if err := meta.Put([]byte(generationKey), itob(gen+1)); err != nil {
			return err
		}
		return putSyncState(tx, SyncState{NeedsFull: true})
	})
}

// Stats summarise the cache for the staff panel, health and kioskctl.
type Stats struct {
	Procedures  int
	Agencies    int
	Fields      int
	OutboxDepth int
	DeadLetters int
	SizeBytes   int64
	LastSync    time.Time // last successful sync
	LastError   string    // last sync error, "" after a success
}

// Stats counts entries and reports the last sync.
func (c *Cache) Stats() (Stats, error) {
	var s Stats
	err := c.view(func(tx *bolt.Tx) error {
		var ok bool
		if s.Procedures, s.Agencies, s.Fields, ok = storedCounts(tx); !ok {
			s.Procedures = count(tx, bucketProcedures)
			s.Agencies = count(tx, bucketAgencies)
			s.Fields = count(tx, bucketFields)
		}
		s.OutboxDepth = count(tx, bucketOutbox)
		s.DeadLetters = count(tx, bucketDead)
		s.SizeBytes = tx.Size()
		st, err := getSyncState(tx)
		if err != nil {
			return err
		}
		s.LastSync, s.LastError = st.LastSuccess, st.LastError
		return nil
	})
	return s, err
}

func count(tx *bolt.Tx, name string) int {
	b := tx.Bucket([]byte(name))
	if b == nil {
		return 0
	}
	return b.Stats().KeyN
}

// view and update guard against use after Close and turn a bbolt panic on a
// page that went bad while running into an error instead of a crash.
func (c *Cache) view(fn func(*bolt.Tx) error) (err error) {
	if c == nil || c.db == nil {
		return ErrClosed
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("reading cache %s: corrupt page: %v", c.path, r)
		}
	}()
	err = c.db.View(fn)
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

func (c *Cache) update(fn func(*bolt.Tx) error) (err error) {
	if c == nil || c.db == nil {
		return ErrClosed
	}
	defer debug.SetPanicOnFault(debug.SetPanicOnFault(true))
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("writing cache %s: corrupt page: %v", c.path, r)
		}
	}()
	err = c.db.Update(fn)
	if errors.Is(err, berrors.ErrDatabaseNotOpen) {
		return ErrClosed
	}
	return err
}

func itob(v uint64) []byte {
	b := make([]byte, 8)
	for i := 7; i >= 0; i-- {
		b[i] = byte(v)
		v >>= 8
	}
	return b
}

func btoi(b []byte) uint64 {
	if len(b) != 8 {
		return 0
	}
	var v uint64
	for _, x := range b {
		v = v<<8 | uint64(x)
	}
	return v
}
