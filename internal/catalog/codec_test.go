package catalog

import (
	"bytes"
	"encoding/json"
	"reflect"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// fill sets every exported field reachable from v to a distinct non-zero
// value, with two elements in every slice and map.
func fill(v reflect.Value, n *int) {
	*n++
	switch v.Kind() {
	case reflect.String:
		v.SetString("giá trị " + string(rune('a'+*n%26)) + string(rune('0'+*n%10)))
	case reflect.Int, reflect.Int64, reflect.Int32:
		v.SetInt(int64(*n))
	case reflect.Float64:
		v.SetFloat(float64(*n) + 0.5)
	case reflect.Bool:
		v.SetBool(true)
	case reflect.Slice:
		s := reflect.MakeSlice(v.Type(), 2, 2)
		for i := 0; i < 2; i++ {
			fill(s.Index(i), n)
		}
		v.Set(s)
	case reflect.Struct:
		if v.Type() == reflect.TypeOf(time.Time{}) {
			v.Set(reflect.ValueOf(time.Date(2026, 11, 22, 8, 0, *n, 123456789, time.UTC)))
			return
		}
		for i := 0; i < v.NumField(); i++ {
			if v.Type().Field(i).IsExported() {
				fill(v.Field(i), n)
			}
		}
	default:
		panic("fill: unhandled kind " + v.Kind().String() + "; teach the codec and this test the new field")
	}
}

func TestCodecCoversEveryProcedureField(t *testing.T) {
	var p portal.Procedure
	n := 0
	fill(reflect.ValueOf(&p).Elem(), &n)
	got, err := decodeProcedure(encodeProcedure(&p))
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(got, p) {
		t.Errorf("round trip lost data (did portal.Procedure gain a field the codec does not carry?)\n got %+v\nwant %+v", got, p)
	}
}

func TestCodecRoundTrips(t *testing.T) {
	cases := []struct {
		name string
		p    portal.Procedure
	}{
		{"an empty procedure", portal.Procedure{}},
		{"a tombstone", portal.Procedure{Code: "1.0001", UpdatedAt: t0, Deleted: true}},
		{"Vietnamese text and a fractional processing time", portal.Procedure{Code: "1.0002", Name: "Đăng ký kết hôn có yếu tố nước ngoài",
			Channels: []portal.Channel{{Kind: portal.ChannelOnline, Time: portal.Duration{Value: 0.5, Unit: "ngày làm việc"}}}, UpdatedAt: t0}},
	}
	for _, tc := range cases {
		t.Run(tc.name+" survives a round trip", func(t *testing.T) {
			got, err := decodeProcedure(encodeProcedure(&tc.p))
			if err != nil || !reflect.DeepEqual(got, tc.p) {
				t.Errorf("got %+v, %v; want %+v", got, err, tc.p)
			}
		})
	}
	t.Run("a procedure stored as JSON by an older cache still loads", func(t *testing.T) {
		want := procs(1, "1")[0]
		b, _ := json.Marshal(want)
		got, err := decodeProcedure(b)
		if err != nil || got.Name != want.Name || !got.UpdatedAt.Equal(want.UpdatedAt) {
			t.Errorf("got %+v, %v", got, err)
		}
	})
}

func FuzzDecodeProcedure(f *testing.F) {
	p := procs(1, "1")[0]
	p.Channels = []portal.Channel{{Kind: 1, Time: portal.Duration{Value: 15, Unit: "ngày"}, Fees: []portal.Fee{{Name: "Lệ phí", Amount: 50000}}}}
	p.Keywords = []string{"khai sinh"}
	f.Add(encodeProcedure(&p))
	f.Add([]byte{codecVersion})
	f.Add([]byte(`{"code":"x","name":"y"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := decodeProcedure(b)
		if err != nil {
			return
		}
		// Whatever decodes must encode, and that encoding must be stable.
		b1 := encodeProcedure(&p)
		again, err := decodeProcedure(b1)
		if err != nil {
			t.Fatalf("re-decoding a decoded procedure failed: %v", err)
		}
		if b2 := encodeProcedure(&again); !bytes.Equal(b1, b2) {
			t.Fatalf("round trip changed the procedure:\n%+v\n%+v", p, again)
		}
	})
}
