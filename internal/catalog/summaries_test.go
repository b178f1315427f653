package catalog

import (
	"errors"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

// cloneSummary deep-copies a summary, whose strings alias the cache file.
func cloneSummary(p *portal.Procedure) portal.Procedure {
	s := *p
	for _, f := range []*string{&s.Code, &s.Name, &s.AgencyCode, &s.AgencyName, &s.FieldCode, &s.FieldName} {
		*f = strings.Clone(*f)
	}
	s.Documents = nil
	for _, d := range p.Documents {
		s.Documents = append(s.Documents, portal.Document{Name: strings.Clone(d.Name)})
	}
	s.Keywords = nil
	for _, k := range p.Keywords {
		s.Keywords = append(s.Keywords, strings.Clone(k))
	}
	return s
}

func TestSummaryIsTheProjectionOfTheFullRecord(t *testing.T) {
	// Every field filled, so a field added to the codec but not skipped by
	// the summary decoder shows up as a mismatch or trailing bytes.
	var full portal.Procedure
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	full.Deleted = false
	var got portal.Procedure
	// Twice into the same value: a reused summary must not keep anything of
	// the previous record.
	for range 2 {
		if err := decodeSummary(encodeProcedure(&full), &got); err != nil {
			t.Fatal(err)
		}
	}
	if want := summaryOf(full); !reflect.DeepEqual(got, want) {
		t.Errorf("summary\n got %+v\nwant %+v", got, want)
	}
	bare := portal.Procedure{Code: "1.1", Name: "Cấp lại"}
	if err := decodeSummary(encodeProcedure(&bare), &got); err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, bare) {
		t.Errorf("a record without documents or keywords kept the previous ones: %+v", got)
	}
}

func TestSummaryRefusesGarbage(t *testing.T) {
	var full portal.Procedure
	n := 0
	fill(reflect.ValueOf(&full).Elem(), &n)
	b := encodeProcedure(&full)
	var p portal.Procedure
	for _, bad := range [][]byte{nil, {9}, b[:len(b)/2], append(append([]byte(nil), b...), 0)} {
		if err := decodeSummary(bad, &p); !errors.Is(err, errCodec) {
			t.Errorf("decodeSummary(%d bytes) = %v, want a codec error", len(bad), err)
		}
	}
}

func TestEachSummaryWalksTheWholeCatalogueInCodeOrder(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "c.db"), nil)
	ps := procs(1200, "S")
	ps[7].Keywords = []string{"khai sinh", "giấy khai sinh"}
	ps[8].AgencyName, ps[8].Level = "UBND xã An Phú", 3
	if err := c.ApplyPage(ps, SyncState{Cursor: t0}); err != nil {
		t.Fatal(err)
	}
	// One record as JSON, the way caches written before the codec hold it.
	if err := c.update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketProcedures)).Put([]byte(ps[3].Code), []byte(`{"code":"`+ps[3].Code+`","name":"Cũ","documents":[{"name":"Đơn"}]}`))
	}); err != nil {
		t.Fatal(err)
	}
	full, err := c.Procedures()
	if err != nil {
		t.Fatal(err)
	}
	var got []portal.Procedure
	if err := c.EachSummary(func(p *portal.Procedure) error {
		got = append(got, cloneSummary(p))
		return nil
	}); err != nil {
		t.Fatal(err)
	}
	if len(got) != len(full) {
		t.Fatalf("%d summaries, want %d", len(got), len(full))
	}
	for i := range full {
		if want := summaryOf(full[i]); !reflect.DeepEqual(got[i], want) {
			t.Fatalf("summary %d\n got %+v\nwant %+v", i, got[i], want)
		}
	}

	stop := errors.New("stop")
	seen := 0
	if err := c.EachSummary(func(*portal.Procedure) error { seen++; return stop }); !errors.Is(err, stop) || seen != 1 {
		t.Errorf("a callback error: %v after %d, want it returned after the first", err, seen)
	}
}

func TestEachSummaryNamesTheBrokenRecord(t *testing.T) {
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "c.db"), nil)
	if err := c.ApplyPage(procs(3, "B"), SyncState{Cursor: t0}); err != nil {
		t.Fatal(err)
	}
	if err := c.update(func(tx *bolt.Tx) error {
		return tx.Bucket([]byte(bucketProcedures)).Put([]byte("B.000001"), []byte{codecVersion, 200})
	}); err != nil {
		t.Fatal(err)
	}
	err := c.EachSummary(func(*portal.Procedure) error { return nil })
	if !errors.Is(err, errCodec) || !strings.Contains(err.Error(), "B.000001") {
		t.Errorf("EachSummary over a broken record = %v, want a codec error naming it", err)
	}
}
