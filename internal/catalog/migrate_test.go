package catalog

import (
	"encoding/json"
	"path/filepath"
	"reflect"
	"testing"
	"time"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

// encodeV1 writes a procedure the way schema 1 (codec version 1) did: the
// same fields up to Deleted, without Tier and AnyCentre.
func encodeV1(t *testing.T, p portal.Procedure) []byte {
	t.Helper()
	if p.Tier != "" || p.AnyCentre {
		t.Fatal("a schema 1 procedure has no tier or any-centre flag")
	}
	b := encodeProcedure(&p)
	// Version 2 ends with an empty string (0) and false (0) here.
	if b[0] != codecVersion || b[len(b)-1] != 0 || b[len(b)-2] != 0 {
		t.Fatalf("unexpected version 2 layout % x", b[len(b)-4:])
	}
	v1 := append([]byte{codecVersion1}, b[1:len(b)-2]...)
	return v1
}

// writeSchema1Cache builds a cache file as the pre-reform kiosk left it:
// schema "1", procedures in codec version 1 (and one still in JSON, as
// caches from before the codec had them), agencies with the old kinds
// including a district, a rating waiting in the outbox and a sync cursor.
func writeSchema1Cache(t *testing.T, path string) (ps []portal.Procedure, last time.Time) {
	t.Helper()
	db, err := bolt.Open(path, 0o600, nil)
	if err != nil {
		t.Fatal(err)
	}
	defer db.Close()
	agencies := []portal.Agency{
		{Code: "000.00.15.H12", Name: "Sở Tư pháp tỉnh Bình Dương", Kind: "department"},
		{Code: "000.00.31.H12", Name: "UBND thành phố Thủ Dầu Một", Kind: "district"},
		{Code: "000.20.31.H12", Name: "UBND phường Phú Cường", Kind: "commune"},
	}
	ps = []portal.Procedure{
		{Code: "1.001193.000.00.00.H12", Name: "Đăng ký khai sinh", AgencyCode: "000.20.31.H12", FieldCode: "HOTICH", UpdatedAt: t0,
			LegalBasis: []string{"Luật Hộ tịch 2014"}},
		{Code: "1.001623.000.00.00.H12", Name: "Cấp Phiếu lý lịch tư pháp", AgencyCode: "000.00.15.H12", FieldCode: "LLTP", UpdatedAt: t0},
		{Code: "1.009994.000.00.00.H12", Name: "Cấp giấy phép xây dựng nhà ở riêng lẻ", AgencyCode: "000.00.31.H12", FieldCode: "XAYDUNG", UpdatedAt: t0},
		{Code: "2.000001.000.00.00.H12", Name: "Thủ tục không rõ cơ quan", AgencyCode: "000.99.99.H12", UpdatedAt: t0},
	}
	last = t0.Add(-time.Hour)
	err = db.Update(func(tx *bolt.Tx) error {
		for _, name := range allBuckets {
			if _, err := tx.CreateBucket([]byte(name)); err != nil {
				return err
			}
		}
		meta := tx.Bucket([]byte(bucketMeta))
		if err := meta.Put([]byte(schemaKey), []byte("1")); err != nil {
			return err
		}
		st, _ := json.Marshal(SyncState{Cursor: t0, Generation: 3, LastSuccess: last})
		if err := meta.Put([]byte(syncKey), st); err != nil {
			return err
		}
		for _, a := range agencies {
			b, _ := json.Marshal(a)
			if err := tx.Bucket([]byte(bucketAgencies)).Put([]byte(a.Code), b); err != nil {
				return err
			}
		}
		pb := tx.Bucket([]byte(bucketProcedures))
		for i, p := range ps {
			v := encodeV1(t, p)
			if i == 1 {
				v, _ = json.Marshal(p)
			}
			if err := pb.Put([]byte(p.Code), v); err != nil {
				return err
			}
			if err := tx.Bucket([]byte(bucketProcGen)).Put([]byte(p.Code), itob(3)); err != nil {
				return err
			}
		}
		if err := pb.Put([]byte("9.999999"), []byte{codecVersion1, 0xff}); err != nil {
			return err
		}
		it, _ := json.Marshal(OutboxItem{Seq: 1, Kind: KindRating, Key: "r1", Payload: []byte(`{"id":"r1"}`), CreatedAt: t0})
		return tx.Bucket([]byte(bucketOutbox)).Put(itob(1), it)
	})
	if err != nil {
		t.Fatal(err)
	}
	return ps, last
}

func TestSchema1CacheIsMigratedInPlace(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	old, last := writeSchema1Cache(t, path)
	c := mustOpenCache(t, path, nil)

	got, err := c.Procedures()
	if err != nil {
		t.Fatalf("Procedures after migration: %v", err)
	}
	wantTier := map[string]string{
		"1.001193.000.00.00.H12": portal.TierCommune,
		"1.001623.000.00.00.H12": portal.TierProvince,
		"1.009994.000.00.00.H12": portal.TierDistrict, // legacy data keeps saying what it was
		"2.000001.000.00.00.H12": "",
	}
	if len(got) != len(old) {
		t.Fatalf("after migration %d procedures, want the %d that decoded (the broken one dropped)", len(got), len(old))
	}
	for i, p := range got {
		t.Run(p.Code+" keeps its data and gets the tier its agency implies", func(t *testing.T) {
			want := old[i]
			want.Tier = wantTier[p.Code]
			if !reflect.DeepEqual(p, want) {
				t.Errorf("got %+v\nwant %+v", p, want)
			}
			if p.AnyCentre {
				t.Error("an old portal never said any-centre; the migration must not invent it")
			}
		})
	}
	as, _ := c.Agencies()
	units := map[string]string{}
	for _, a := range as {
		units[a.Code] = a.Unit
	}
	if units["000.20.31.H12"] != portal.UnitPhuong || units["000.00.31.H12"] != "" {
		t.Errorf("agency units after migration = %v, want the ward marked phuong and nothing else", units)
	}
	items, _ := c.Pending(0)
	if len(items) != 1 || items[0].Key != "r1" {
		t.Errorf("outbox after migration = %+v, want the waiting rating kept", items)
	}
	st, _ := c.SyncState()
	if !st.NeedsFull || !st.LastSuccess.Equal(last) || !st.Cursor.Equal(t0) {
		t.Errorf("sync state after migration = %+v, want NeedsFull with the old cursor and last success kept", st)
	}
	c.Close()

	db, err := bolt.Open(path, 0o600, &bolt.Options{ReadOnly: true})
	if err != nil {
		t.Fatal(err)
	}
	db.View(func(tx *bolt.Tx) error {
		if v := string(tx.Bucket([]byte(bucketMeta)).Get([]byte(schemaKey))); v != "2" {
			t.Errorf("schema after migration = %q, want 2", v)
		}
		return tx.Bucket([]byte(bucketProcedures)).ForEach(func(k, v []byte) error {
			if v[0] != codecVersion {
				t.Errorf("%s is still stored in encoding %d after migration", k, v[0])
			}
			return nil
		})
	})
	db.Close()

	t.Run("a second open does not migrate again and keeps a later sync's answer", func(t *testing.T) {
		c := mustOpenCache(t, path, nil)
		p := old[0]
		p.Tier, p.AnyCentre = portal.TierCommune, true
		if err := c.ApplyPage([]portal.Procedure{p}, SyncState{Cursor: t0}); err != nil {
			t.Fatal(err)
		}
		c.Close()
		c = mustOpenCache(t, path, nil)
		got, err := c.Procedure(p.Code)
		if err != nil || !got.AnyCentre || got.Tier != portal.TierCommune {
			t.Errorf("after reopening = %+v, %v; want the synced any-centre procedure", got, err)
		}
		if st, _ := c.SyncState(); st.NeedsFull {
			t.Error("reopening a migrated cache asked for another full sync")
		}
	})
}
