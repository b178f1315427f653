package search

import (
	"reflect"
	"testing"
	"unsafe"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// sameIndex reports the first field in which two indexes differ ("" when
// none). The scratch pool is per index and not compared.
func sameIndex(a, b *Index) string {
	va, vb := reflect.ValueOf(a).Elem(), reflect.ValueOf(b).Elem()
	for i := range va.NumField() {
		f := va.Type().Field(i)
		if f.Name == "scratch" {
			continue
		}
		if f.Name == "dict" {
			if a.dict != b.dict {
				return f.Name
			}
			continue
		}
		if !reflect.DeepEqual(reflect.NewAt(f.Type, unsafe.Pointer(va.Field(i).UnsafeAddr())).Elem().Interface(),
			reflect.NewAt(f.Type, unsafe.Pointer(vb.Field(i).UnsafeAddr())).Elem().Interface()) {
			return f.Name
		}
	}
	return ""
}

// aliased returns a copy of p whose strings all live in one byte buffer, the
// way catalog.EachSummary hands out procedures that point into the cache
// file, and a function that overwrites that buffer.
func aliased(p *portal.Procedure) (portal.Procedure, func()) {
	var buf []byte
	var strs []*string
	q := portal.Procedure{Code: p.Code, Name: p.Name, AgencyCode: p.AgencyCode, AgencyName: p.AgencyName,
		FieldCode: p.FieldCode, FieldName: p.FieldName, Level: p.Level, LevelOld: p.LevelOld, Deleted: p.Deleted,
		Keywords: append([]string(nil), p.Keywords...), Tier: p.Tier, AnyCentre: p.AnyCentre}
	for _, d := range p.Documents {
		q.Documents = append(q.Documents, portal.Document{Name: d.Name})
	}
	strs = append(strs, &q.Code, &q.Name, &q.AgencyCode, &q.AgencyName, &q.FieldCode, &q.FieldName, &q.Tier)
	for i := range q.Keywords {
		strs = append(strs, &q.Keywords[i])
	}
	for i := range q.Documents {
		strs = append(strs, &q.Documents[i].Name)
	}
	for _, s := range strs {
		buf = append(buf, *s...)
	}
	off := 0
	for _, s := range strs {
		n := len(*s)
		if n > 0 {
			*s = unsafe.String(&buf[off], n)
		}
		off += n
	}
	return q, func() {
		for i := range buf {
			buf[i] = 'x'
		}
	}
}

func TestBuilderFedBorrowedSummariesMakesTheSameIndexAsBuild(t *testing.T) {
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	ds.AddSynthetic(3000, 7)
	// A tombstone and a procedure naming its agency differently from the
	// agency list, so every path of Add is taken.
	ds.Procedures[5].Deleted = true
	ds.Procedures[9].AgencyName = "Ủy ban nhân dân xã Tân Hòa"
	d := mustDictionary(t)
	want := Build(ds.Procedures, ds.Agencies, ds.Fields, d)

	b := NewBuilder(ds.Agencies, ds.Fields, d)
	for i := range ds.Procedures {
		// Only the summary fields, in a buffer overwritten right after Add,
		// as the cache's streaming read does.
		p, scribble := aliased(&ds.Procedures[i])
		b.Add(&p)
		scribble()
	}
	got := b.Index()
	if f := sameIndex(got, want); f != "" {
		t.Fatalf("the streamed index differs from Build's in %s", f)
	}
	for _, q := range []string{"khai sinh", "cap lai giay phep lai xe", "so do", "dang ky t", "1.0"} {
		if g, w := got.Search(Query{Text: q}), want.Search(Query{Text: q}); !reflect.DeepEqual(g, w) {
			t.Errorf("%q: streamed index gives %q, Build's %q", q, names(g), names(w))
		}
	}
}
