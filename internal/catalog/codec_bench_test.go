package catalog

import (
	"encoding/json"
	"testing"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// BenchmarkProcedureEncoding compares the stored form's decode cost and size
// with JSON on the simulator's realistic synthetic procedures.
func BenchmarkProcedureEncoding(b *testing.B) {
	ds, err := portalsim.Demo()
	if err != nil {
		b.Fatal(err)
	}
	ds.AddSynthetic(1000, 42)
	ps := ds.Procedures
	type enc struct {
		name   string
		encode func(*portal.Procedure) []byte
		decode func([]byte) (portal.Procedure, error)
	}
	for _, e := range []enc{
		{"json", func(p *portal.Procedure) []byte { b, _ := json.Marshal(p); return b },
			func(b []byte) (portal.Procedure, error) {
				var p portal.Procedure
				err := json.Unmarshal(b, &p)
				return p, err
			}},
		{"binary", encodeProcedure, decodeProcedure},
	} {
		vals := make([][]byte, len(ps))
		size := 0
		for i := range ps {
			vals[i] = e.encode(&ps[i])
			size += len(vals[i])
		}
		b.Run("decode "+e.name, func(b *testing.B) {
			for b.Loop() {
				for _, v := range vals {
					if _, err := e.decode(v); err != nil {
						b.Fatal(err)
					}
				}
			}
			b.ReportMetric(float64(b.Elapsed().Nanoseconds())/float64(b.N*len(vals)), "ns/procedure")
			b.ReportMetric(float64(size)/float64(len(vals)), "bytes/procedure")
		})
	}
}
