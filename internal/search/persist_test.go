package search

import (
	"encoding/binary"
	"errors"
	"hash/crc32"
	"reflect"
	"testing"

	"kiosk/internal/portalsim"
)

// persistedCorpus is the demo dataset grown to n in the given mode, with a
// tombstone and a procedure naming its agency differently, so every part of
// the index has something in it.
func persistedIndex(t testing.TB, mode string, n int) *Index {
	t.Helper()
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	if err := ds.AddSyntheticMode(mode, n-len(ds.Procedures), 3); err != nil {
		t.Fatal(err)
	}
	ds.Procedures[5].Deleted = true
	ds.Procedures[9].AgencyName = "Ủy ban nhân dân xã Tân Hòa"
	return Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(t))
}

func TestADecodedIndexIsTheIndexThatWasEncoded(t *testing.T) {
	for _, mode := range benchModes {
		t.Run(mode, func(t *testing.T) {
			want := persistedIndex(t, mode, 5000)
			got, err := Decode(want.Encode(nil, "build-1"), "build-1", want.dict)
			if err != nil {
				t.Fatal(err)
			}
			if f := sameIndex(got, want); f != "" {
				t.Fatalf("the decoded index differs from the encoded one in %s", f)
			}
			// The same answers, not only the same arrays: every query of the
			// benchmark set, typed and finished, with a filter and a centre.
			for _, q := range benchQueries(t) {
				for _, query := range []Query{{Text: q}, {Text: q + " ", Limit: 3}, {Text: q, FieldCode: "SX_DATDAI"}} {
					if g, w := got.Search(query), want.Search(query); !reflect.DeepEqual(g, w) {
						t.Fatalf("%+v: decoded index gives %q, the built one %q", query, names(g), names(w))
					}
				}
			}
			if !reflect.DeepEqual(got.FieldCounts(), want.FieldCounts()) || !reflect.DeepEqual(got.AgencyCounts(), want.AgencyCounts()) {
				t.Error("browse counts differ")
			}
		})
	}
}

func TestAnEmptyIndexSurvivesEncoding(t *testing.T) {
	want := Build(nil, nil, nil, nil)
	got, err := Decode(want.Encode(nil, ""), "", nil)
	if err != nil {
		t.Fatal(err)
	}
	if got.Len() != 0 || len(got.Search(Query{Text: "khai sinh"})) != 0 {
		t.Fatal("an empty index decoded into a non-empty one")
	}
}

func TestAnIndexFromAnotherBinaryIsStale(t *testing.T) {
	ix := handmadeIndex(t)
	b := ix.Encode(nil, "build-1")
	if _, err := Decode(b, "build-2", ix.dict); !errors.Is(err, ErrStale) {
		t.Fatalf("another stamp: %v, want ErrStale", err)
	}
	other := append([]byte(nil), b...)
	binary.LittleEndian.PutUint32(other[len(persistMagic):], persistVersion+1)
	if _, err := Decode(other, "build-1", ix.dict); !errors.Is(err, ErrStale) {
		t.Fatalf("another format: %v, want ErrStale", err)
	}
}

func TestADamagedIndexIsRefused(t *testing.T) {
	ix := handmadeIndex(t)
	b := ix.Encode(nil, "s")
	for _, n := range []int{0, 3, len(persistMagic) + 4, len(b) / 2, len(b) - 1} {
		if _, err := Decode(b[:n], "s", ix.dict); err == nil || errors.Is(err, ErrStale) {
			t.Errorf("cut to %d bytes: %v, want a damaged-index error", n, err)
		}
	}
	for _, at := range []int{0, len(b) / 3, len(b) - 2} {
		bad := append([]byte(nil), b...)
		bad[at] ^= 0x40
		if _, err := Decode(bad, "s", ix.dict); err == nil || errors.Is(err, ErrStale) {
			t.Errorf("byte %d flipped: %v, want a damaged-index error", at, err)
		}
	}
}

// withChecksum wraps an index body in a header with a correct checksum, so
// the fuzzer reaches the structural checks instead of stopping at the CRC.
func withChecksum(body []byte) []byte {
	e := encoder{}
	e.b = append(e.b, persistMagic...)
	e.u32(persistVersion)
	e.str("f")
	e.u32(crc32.Checksum(body, castagnoli))
	return append(e.b, body...)
}

// bodyOf is the part of an encoding after its header.
func bodyOf(b []byte) []byte { return b[len(persistMagic)+4+4+1+4:] }

func TestAWellFormedBodyWithIdsOutOfRangeIsRefused(t *testing.T) {
	ix := handmadeIndex(t)
	// A posting naming a document past the end, with a valid checksum.
	ix.prim[0] = append([]uint32(nil), ix.prim[0]...)
	ix.prim[0][len(ix.prim[0])-1] = uint32(ix.Len()+7) << 2
	b := ix.Encode(nil, "f")
	if _, err := Decode(withChecksum(bodyOf(b)), "f", nil); err == nil {
		t.Fatal("a posting past the last document was accepted")
	}
}

// FuzzDecode checks that no body, however damaged, panics Decode or a
// search on what it accepts.
func FuzzDecode(f *testing.F) {
	// A few procedures: small inputs keep the fuzzer fast.
	c := mustLoadCorpus(f, "testdata/corpus.json")
	ix := Build(c.Procedures[:4], c.Agencies, c.Fields, mustDictionary(f))
	f.Add(bodyOf(ix.Encode(nil, "f")))
	f.Add(bodyOf(Build(nil, nil, nil, nil).Encode(nil, "f")))
	f.Fuzz(func(t *testing.T, body []byte) {
		got, err := Decode(withChecksum(body), "f", ix.dict)
		if err != nil {
			return
		}
		for _, q := range []string{"khai sinh", "cap d", "giay phep lai xe ", "1.0", "x"} {
			got.Search(Query{Text: q})
		}
		got.FieldCounts()
	})
}

func BenchmarkDecode(b *testing.B) {
	ix := Build(benchCorpus(b, 60000).Procedures, benchCorpus(b, 60000).Agencies, benchCorpus(b, 60000).Fields, mustDictionary(b))
	enc := ix.Encode(nil, "bench")
	b.SetBytes(int64(len(enc)))
	b.ResetTimer()
	for range b.N {
		if _, err := Decode(enc, "bench", ix.dict); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkEncode(b *testing.B) {
	ix := Build(benchCorpus(b, 60000).Procedures, benchCorpus(b, 60000).Agencies, benchCorpus(b, 60000).Fields, mustDictionary(b))
	b.ResetTimer()
	var buf []byte
	for range b.N {
		buf = ix.Encode(buf[:0], "bench")
	}
	b.SetBytes(int64(len(buf)))
}
