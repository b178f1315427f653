package catalog

import (
	"bytes"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

var t0 = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

type fakeClock struct{ now time.Time }

func (f *fakeClock) Now() time.Time          { return f.now }
func (f *fakeClock) Advance(d time.Duration) { f.now = f.now.Add(d) }

func mustOpenCache(t *testing.T, path string, clock *fakeClock) *Cache {
	t.Helper()
	if clock == nil {
		clock = &fakeClock{now: t0}
	}
	c, err := Open(path, Options{LockTimeout: 100 * time.Millisecond, Now: clock.Now})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func procs(n int, prefix string) []portal.Procedure {
	out := make([]portal.Procedure, n)
	for i := range out {
		out[i] = portal.Procedure{
			Code:      fmt.Sprintf("%s.%06d", prefix, i),
			Name:      fmt.Sprintf("Đăng ký khai sinh số %d", i),
			FieldCode: "HT",
			UpdatedAt: t0,
			Documents: []portal.Document{{Name: "Tờ khai đăng ký khai sinh", Originals: 1}},
		}
	}
	return out
}

func codes(t *testing.T, c *Cache) []string {
	t.Helper()
	ps, err := c.Procedures()
	if err != nil {
		t.Fatalf("Procedures: %v", err)
	}
	out := make([]string, len(ps))
	for i, p := range ps {
		out[i] = p.Code
	}
	return out
}

func TestReopenKeepsEverything(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c := mustOpenCache(t, path, nil)
	if st, _ := c.SyncState(); !st.NeedsFull {
		t.Errorf("a new cache should ask for a full sync, got %+v", st)
	}
	st := SyncState{Cursor: t0, Generation: 1}
	if err := c.ApplyPage(procs(3, "1"), st); err != nil {
		t.Fatal(err)
	}
	if err := c.ReplaceAgencies([]portal.Agency{{Code: "STP", Name: "Sở Tư pháp"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.ReplaceFields([]portal.Field{{Code: "HT", Name: "Hộ tịch"}, {Code: "DD", Name: "Đất đai"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.Enqueue(KindRating, "r1", []byte(`{"id":"r1"}`)); err != nil {
		t.Fatal(err)
	}
	if err := c.SetSyncResult(nil, t0); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c2 := mustOpenCache(t, path, nil)
	s, err := c2.Stats()
	if err != nil {
		t.Fatal(err)
	}
	if s.Procedures != 3 || s.Agencies != 1 || s.Fields != 2 || s.OutboxDepth != 1 || !s.LastSync.Equal(t0) {
		t.Errorf("after reopen stats = %+v, want 3 procedures, 1 agency, 2 fields, 1 outbox item, last sync %v", s, t0)
	}
	p, err := c2.Procedure("1.000001")
	if err != nil || p.Name != "Đăng ký khai sinh số 1" || len(p.Documents) != 1 {
		t.Errorf("Procedure after reopen = %+v, %v", p, err)
	}
	if _, err := c2.Procedure("nope"); !errors.Is(err, ErrNotFound) {
		t.Errorf("unknown procedure error = %v, want ErrNotFound", err)
	}
	got, _ := c2.SyncState()
	if !got.Cursor.Equal(t0) || got.NeedsFull || c2.Recovered() != "" {
		t.Errorf("sync state after reopen = %+v (recovered %q)", got, c2.Recovered())
	}
	if f, _ := c2.Fields(); len(f) != 2 || f[0].Name != "Đất đai" {
		t.Errorf("fields = %+v, want ordered by code", f)
	}
}

func TestSecondOpenFailsWithLockedNamingThePath(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	mustOpenCache(t, path, nil)
	_, err := Open(path, Options{LockTimeout: 50 * time.Millisecond})
	if !errors.Is(err, ErrLocked) {
		t.Fatalf("second Open error = %v, want ErrLocked", err)
	}
	if !strings.Contains(err.Error(), path) || !strings.Contains(err.Error(), "another kiosk or kioskctl") {
		t.Errorf("error %q should name the path and say who holds it", err)
	}
	if _, serr := os.Stat(path); serr != nil {
		t.Errorf("a locked cache must not be moved aside: %v", serr)
	}
}

func TestUnusableFileIsMovedAsideAndReplaced(t *testing.T) {
	cases := []struct {
		name    string
		corrupt func(t *testing.T, path string)
	}{
		{"a file of garbage", func(t *testing.T, path string) {
			b := make([]byte, 64*1024)
			for i := range b {
				b[i] = byte(i*7 + 3)
			}
			os.WriteFile(path, b, 0o600)
		}},
		{"a truncated file", func(t *testing.T, path string) {
			writeValidCache(t, path)
			os.Truncate(path, 100)
		}},
		{"a file with zeroed data pages", func(t *testing.T, path string) {
			writeValidCache(t, path)
			f, err := os.OpenFile(path, os.O_RDWR, 0)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			info, _ := f.Stat()
			zero := make([]byte, 4096)
			for off := int64(3 * 4096); off < info.Size(); off += 4096 * 3 {
				f.WriteAt(zero, off)
			}
		}},
		{"a file with both meta pages zeroed", func(t *testing.T, path string) {
			writeValidCache(t, path)
			f, _ := os.OpenFile(path, os.O_RDWR, 0)
			defer f.Close()
			f.WriteAt(make([]byte, 2*4096), 0)
		}},
	}
	for _, tc := range cases {
		t.Run(tc.name+" is moved aside and a fresh cache asks for a full sync", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cache.db")
			tc.corrupt(t, path)
			c := mustOpenCache(t, path, nil)
			moved := c.Recovered()
			if !strings.HasPrefix(moved, path+".corrupt-") {
				t.Fatalf("Recovered() = %q, want %s.corrupt-<timestamp>", moved, path)
			}
			if _, err := os.Stat(moved); err != nil {
				t.Errorf("the corrupt file should be kept for diagnosis: %v", err)
			}
			st, _ := c.SyncState()
			if !st.NeedsFull {
				t.Errorf("fresh cache after recovery should need a full sync")
			}
			if err := c.ApplyPage(procs(2, "9"), SyncState{}); err != nil {
				t.Errorf("fresh cache is not usable: %v", err)
			}
			if got := codes(t, c); len(got) != 2 {
				t.Errorf("fresh cache holds %v", got)
			}
		})
	}
}

func writeValidCache(t *testing.T, path string) {
	t.Helper()
	c, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyPage(procs(400, "1"), SyncState{Generation: 1}); err != nil {
		t.Fatal(err)
	}
	c.Close()
}

func TestOtherSchemaIsRebuiltKeepingTheOutbox(t *testing.T) {
	for _, version := range []string{"0", "99", "garbage"} {
		t.Run("schema "+version+" drops the catalogue, keeps ratings and asks for a full sync", func(t *testing.T) {
			path := filepath.Join(t.TempDir(), "cache.db")
			c := mustOpenCache(t, path, nil)
			c.ApplyPage(procs(5, "1"), SyncState{Cursor: t0})
			c.Enqueue(KindRating, "r1", []byte(`{"id":"r1"}`))
			c.Close()
			db, err := bolt.Open(path, 0o600, nil)
			if err != nil {
				t.Fatal(err)
			}
			db.Update(func(tx *bolt.Tx) error {
				tx.Bucket([]byte(bucketOutbox)).Put(itob(77), []byte("not json"))
				return tx.Bucket([]byte(bucketMeta)).Put([]byte(schemaKey), []byte(version))
			})
			db.Close()

			c2 := mustOpenCache(t, path, nil)
			if got := codes(t, c2); len(got) != 0 {
				t.Errorf("procedures after rebuild = %v, want none", got)
			}
			st, _ := c2.SyncState()
			if !st.NeedsFull || !st.Cursor.IsZero() {
				t.Errorf("sync state after rebuild = %+v, want NeedsFull and no cursor", st)
			}
			items, _ := c2.Pending(0)
			if len(items) != 1 || items[0].Key != "r1" {
				t.Errorf("outbox after rebuild = %+v, want the rating kept", items)
			}
			dead, _ := c2.DeadLetters()
			if len(dead) != 1 {
				t.Errorf("undecodable outbox entry should be dead-lettered, got %+v", dead)
			}
		})
	}
}

func TestApplyPageIsAllOrNothing(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c := mustOpenCache(t, path, nil)
	before := SyncState{Cursor: t0, PageToken: "p2"}
	if err := c.ApplyPage(procs(2, "1"), before); err != nil {
		t.Fatal(err)
	}
	bad := procs(3, "2")
	bad[2].Code = ""
	err := c.ApplyPage(bad, SyncState{Cursor: t0, PageToken: "p3"})
	if err == nil {
		t.Fatal("a page with a procedure without code should fail")
	}
	if got := codes(t, c); len(got) != 2 {
		t.Errorf("a failed page left %v stored, want only the first page", got)
	}
	if st, _ := c.SyncState(); st.PageToken != "p2" {
		t.Errorf("a failed page moved the page token to %q", st.PageToken)
	}
}

// ApplyPage writes in code order; of several items with one code (pages of
// a batch, a portal that lists a procedure twice) the last one must still
// win, as it did when items were written in the order given.
func TestApplyPageKeepsTheLastItemOfACode(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	var items []portal.Procedure
	want := map[string]string{}
	for round := 0; round < 4; round++ {
		for i := 0; i < 40; i++ {
			code := fmt.Sprintf("1.%06d", (i*7+round)%40)
			p := portal.Procedure{Code: code, Name: fmt.Sprintf("round %d", round), UpdatedAt: t0}
			// Codes 0-9 end as tombstones, 10-19 come back after one.
			if n := (i*7 + round) % 40; (n < 10 && round == 3) || (n >= 10 && n < 20 && round == 2) {
				p.Deleted = true
			}
			items = append(items, p)
			if p.Deleted {
				delete(want, code)
			} else {
				want[code] = p.Name
			}
		}
	}
	if err := c.ApplyPage(items, SyncState{Cursor: t0}); err != nil {
		t.Fatal(err)
	}
	got, err := c.Procedures()
	if err != nil {
		t.Fatal(err)
	}
	if len(got) != len(want) {
		t.Errorf("stored %d procedures, want %d", len(got), len(want))
	}
	for _, p := range got {
		if want[p.Code] != p.Name {
			t.Errorf("%s stored as %q, want %q (the last item of the code)", p.Code, p.Name, want[p.Code])
		}
	}
}

// A fresh listing (started on an empty cache) stores no generation marks;
// its procedures then count as the oldest generation, so the sweep after
// the next full listing removes those that listing did not see.
func TestAFreshListingStoresNoMarksAndIsSweptLikeTheOldest(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	if has, err := c.HasProcedures(); err != nil || has {
		t.Fatalf("HasProcedures on a new cache = %v, %v", has, err)
	}
	if err := c.ApplyPage(procs(3, "1"), SyncState{Generation: 1, Fresh: true}); err != nil {
		t.Fatal(err)
	}
	if has, err := c.HasProcedures(); err != nil || !has {
		t.Fatalf("HasProcedures after a page = %v, %v", has, err)
	}
	if err := c.ApplyPage(procs(2, "1"), SyncState{Generation: 2}); err != nil { // the next full listing sees two
		t.Fatal(err)
	}
	n, next, err := c.SweepProcedures(2, "", 100)
	if err != nil || n != 1 || next != "" {
		t.Fatalf("sweep of generation 2 = %d, %q, %v; want the one procedure it did not see", n, next, err)
	}
	if got := codes(t, c); strings.Join(got, ",") != "1.000000,1.000001" {
		t.Errorf("after the sweep: %v", got)
	}

	// Unmarked, so a sweep of the fresh listing's own generation (which
	// the sync never runs) would take them all: they carry no mark.
	c2 := mustOpenCache(t, filepath.Join(t.TempDir(), "cache2.db"), nil)
	if err := c2.ApplyPage(procs(3, "1"), SyncState{Generation: 1, Fresh: true}); err != nil {
		t.Fatal(err)
	}
	if n, _, err := c2.SweepProcedures(1, "", 100); err != nil || n != 3 {
		t.Errorf("sweep of the fresh listing's generation removed %d, %v; want all 3 (no marks stored)", n, err)
	}
}

func TestTombstonesAndSweepDelete(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	c.ApplyPage(procs(10, "1"), SyncState{Generation: 1})
	c.ApplyPage([]portal.Procedure{{Code: "1.000003", Deleted: true}, {Code: "unknown", Deleted: true}}, SyncState{Generation: 1})
	if got := codes(t, c); len(got) != 9 {
		t.Fatalf("after a tombstone %d procedures remain, want 9", len(got))
	}
	// A full listing of generation 2 saw only even codes.
	var seen []portal.Procedure
	for i, p := range procs(10, "1") {
		if i%2 == 0 {
			seen = append(seen, p)
		}
	}
	c.ApplyPage(seen, SyncState{Generation: 2})
	total, from := 0, ""
	for {
		n, next, err := c.SweepProcedures(2, from, 2)
		if err != nil {
			t.Fatal(err)
		}
		total += n
		if next == "" {
			break
		}
		from = next
	}
	got := codes(t, c)
	if len(got) != 5 || total != 4 {
		t.Errorf("after sweep: %v (deleted %d), want the 5 even codes and 4 deleted", got, total)
	}
}

func TestOutboxDeliversOnceInOrderAcrossRestarts(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	clock := &fakeClock{now: t0}
	c := mustOpenCache(t, path, clock)
	for _, k := range []string{"a", "b", "a", "c", "b"} {
		if err := c.Enqueue(KindRating, k, []byte(k)); err != nil {
			t.Fatal(err)
		}
	}
	items, _ := c.Pending(0)
	if len(items) != 3 || items[0].Key != "a" || items[1].Key != "b" || items[2].Key != "c" {
		t.Fatalf("pending = %+v, want a, b, c once each in order", items)
	}
	if err := c.Ack(items[0].Seq); err != nil {
		t.Fatal(err)
	}
	if err := c.MarkAttempt(items[1].Seq, errors.New("portal offline"), t0.Add(time.Minute)); err != nil {
		t.Fatal(err)
	}
	c.Close()

	c = mustOpenCache(t, path, clock)
	c.Enqueue(KindHeartbeat, "d", []byte("d"))
	items, _ = c.Pending(0)
	if len(items) != 3 || items[0].Key != "b" || items[1].Key != "c" || items[2].Key != "d" {
		t.Fatalf("pending after restart = %+v, want b, c, d", items)
	}
	if items[0].Attempts != 1 || items[0].LastError != "portal offline" || !items[0].NextAttempt.Equal(t0.Add(time.Minute)) {
		t.Errorf("attempt not recorded: %+v", items[0])
	}
	if items[2].Seq <= items[1].Seq {
		t.Errorf("sequence must keep increasing across restarts: %d then %d", items[1].Seq, items[2].Seq)
	}
	if err := c.DeadLetter(items[1].Seq, "bad_request: overall out of range"); err != nil {
		t.Fatal(err)
	}
	c.Enqueue(KindRating, "c", []byte("c again"))
	if n, _ := c.OutboxDepth(); n != 2 {
		t.Errorf("outbox depth = %d, want 2 (b, d; c dead-lettered and not re-queued)", n)
	}
	dead, _ := c.DeadLetters()
	if len(dead) != 1 || dead[0].Item.Key != "c" || dead[0].Reason == "" {
		t.Errorf("dead letters = %+v", dead)
	}
	if err := c.Ack(999); err != nil {
		t.Errorf("acking an already acknowledged item should be harmless: %v", err)
	}
}

// Older versions kept recent lookups in the cache file; a cache carried over
// from one must lose them at the first idle reset.
func TestForgetLookupsWipesWhatOlderVersionsStored(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := Open(path, Options{LockTimeout: 100 * time.Millisecond})
	if err != nil {
		t.Fatal(err)
	}
	c.Close()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	if err := db.Update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketLookups)).Put([]byte("000.00.53.H48-220921-0099"), []byte(`{"dossier":{"applicant":"Nguyễn V** A"}}`))
	}); err != nil {
		t.Fatal(err)
	}
	db.Close()

	c = mustOpenCache(t, path, nil)
	if err := c.ForgetLookups(); err != nil {
		t.Fatal(err)
	}
	n := -1
	_ = c.view(func(tx *bolt.Tx) error { n = tx.Bucket([]byte(bucketLookups)).Stats().KeyN; return nil })
	if n != 0 {
		t.Errorf("%d old lookups left after ForgetLookups, want 0", n)
	}
}

func TestResetClearsDataButKeepsTheCacheUsable(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	c.ApplyPage(procs(3, "1"), SyncState{Cursor: t0})
	c.Enqueue(KindRating, "r", nil)
	c.PutBlob("index", []byte{1, 2, 3})
	if err := c.Reset(); err != nil {
		t.Fatal(err)
	}
	s, _ := c.Stats()
	if s.Procedures != 0 || s.OutboxDepth != 0 {
		t.Errorf("after Reset stats = %+v", s)
	}
	if _, err := c.Blob("index"); !errors.Is(err, ErrNotFound) {
		t.Errorf("blob after reset: %v", err)
	}
	if st, _ := c.SyncState(); !st.NeedsFull {
		t.Errorf("after Reset a full sync should be needed")
	}
	if err := c.Enqueue(KindRating, "r", nil); err != nil {
		t.Errorf("cache unusable after Reset: %v", err)
	}
}

func TestBlobsRoundTrip(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	want := []byte("search index v1")
	if err := c.PutBlob("search.index", want); err != nil {
		t.Fatal(err)
	}
	got, err := c.Blob("search.index")
	if err != nil || string(got) != string(want) {
		t.Errorf("Blob = %q, %v", got, err)
	}
}

func TestUseAfterCloseFailsCleanly(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"), nil)
	c.Close()
	if _, err := c.Procedures(); !errors.Is(err, ErrClosed) {
		t.Errorf("Procedures after Close = %v, want ErrClosed", err)
	}
}

func TestAHealthyButBusyCacheIsNeverTakenForCorrupt(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	for round := 0; round < 4; round++ {
		c := mustOpenCache(t, path, nil)
		if moved := c.Recovered(); moved != "" {
			t.Fatalf("round %d: a healthy cache was moved aside to %s", round, moved)
		}
		ps := procs(1500, fmt.Sprint(round%2))
		for i := range ps {
			if i%7 == 0 {
				ps[i].LegalBasis = []string{strings.Repeat("Nghị định 123/2015/NĐ-CP hướng dẫn Luật Hộ tịch. ", 200)} // overflow pages
			}
		}
		for start := 0; start < len(ps); start += 250 {
			if err := c.ApplyPage(ps[start:start+250], SyncState{Generation: uint64(round + 1)}); err != nil {
				t.Fatal(err)
			}
		}
		if _, _, err := c.SweepProcedures(uint64(round+1), "", 400); err != nil {
			t.Fatal(err)
		}
		c.PutBlob("search.index", bytes.Repeat([]byte{byte(round)}, 3<<20))
		for i := 0; i < 50; i++ {
			c.Enqueue(KindRating, fmt.Sprintf("r%d-%d", round, i), []byte("{}"))
		}
		items, _ := c.Pending(30)
		for _, it := range items {
			c.Ack(it.Seq)
		}
		if round == 2 {
			c.Reset()
		}
		c.Close()
	}
}

func TestUndeliveredRatingsSurviveACorruptCatalogue(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.ApplyPage(procs(600, "1"), SyncState{Generation: 1})
	for i := 0; i < 40; i++ {
		c.Enqueue(KindRating, fmt.Sprintf("r%02d", i), []byte(fmt.Sprintf(`{"id":"r%02d"}`, i)))
	}
	items, _ := c.Pending(5)
	for _, it := range items {
		c.Ack(it.Seq) // r00..r04 were delivered
	}
	c.Close()

	// Zero the root page of the procedures bucket, as a torn write might.
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	var root uint64
	db.View(func(tx *bolt.Tx) error { root = uint64(tx.Bucket([]byte(bucketProcedures)).Root()); return nil })
	db.Close()
	f, _ := os.OpenFile(path, os.O_RDWR, 0)
	f.WriteAt(make([]byte, 4096), int64(root)*4096)
	f.Close()

	c = mustOpenCache(t, path, nil)
	if c.Recovered() == "" {
		t.Fatal("the damaged cache was not recovered")
	}
	got, _ := c.Pending(0)
	var keys []string
	for _, it := range got {
		keys = append(keys, it.Key)
	}
	if len(keys) != 35 || keys[0] != "r05" || keys[34] != "r39" {
		t.Errorf("outbox after recovery = %v, want r05..r39 in order", keys)
	}
	if n := len(codes(t, c)); n != 0 {
		t.Errorf("recovered cache has %d procedures, want none until the full sync", n)
	}
}

func TestReleaseMemoryKeepsTheCacheReadable(t *testing.T) {
	clock := &fakeClock{now: t0}
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "c.db"), clock)
	if err := c.ApplyPage(procs(500, "R"), SyncState{Cursor: t0}); err != nil {
		t.Fatal(err)
	}
	if err := c.ReleaseMemory(); err != nil {
		t.Fatalf("release: %v", err)
	}
	got, err := c.Procedures()
	if err != nil || len(got) != 500 || got[499].Name == "" {
		t.Fatalf("after release: %d procedures, %v", len(got), err)
	}
}
