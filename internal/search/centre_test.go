package search

import (
	"slices"
	"sync"
	"testing"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// centreCatalogue is a province with two wards, a department, the police
// and a central body: procedures of every kind the centre filter tells
// apart. Every name contains "đăng ký" so one text query reaches them all.
func centreCatalogue() ([]portal.Procedure, []portal.Agency, []portal.Field) {
	agencies := []portal.Agency{
		{Code: "000.10.00.H29", Name: "UBND phường Thủ Dầu Một", Kind: portal.AgencyCommune, Unit: portal.UnitPhuong},
		{Code: "000.11.00.H29", Name: "UBND phường Phú Lợi", Kind: portal.AgencyCommune, Unit: portal.UnitPhuong},
		{Code: "000.00.01.H29", Name: "Trung tâm Phục vụ hành chính công Thành phố", Kind: portal.AgencyProvinceCentre},
		{Code: "000.00.11.H29", Name: "Sở Tài chính", Kind: portal.AgencyDepartment},
		{Code: "000.00.21.H29", Name: "Công an Thành phố", Kind: portal.AgencyDepartment},
		{Code: "BCA", Name: "Bộ Công an", Kind: portal.AgencyCentral},
	}
	fields := []portal.Field{{Code: "HOTICH", Name: "Hộ tịch"}, {Code: "DKKD", Name: "Thành lập và hoạt động doanh nghiệp"}}
	p := func(code, name, agency, field, tier string, any bool) portal.Procedure {
		return portal.Procedure{Code: code, Name: name, AgencyCode: agency, FieldCode: field, Level: portal.LevelPartial, Tier: tier, AnyCentre: any}
	}
	procs := []portal.Procedure{
		p("1.001193.000.00.00.H29", "Đăng ký khai sinh", "000.10.00.H29", "HOTICH", portal.TierCommune, false),
		p("1.000656.000.00.00.H29", "Đăng ký kết hôn", "000.11.00.H29", "HOTICH", portal.TierCommune, false),
		p("2.000575.000.00.00.H29", "Đăng ký thành lập hộ kinh doanh", "000.11.00.H29", "DKKD", portal.TierCommune, true),
		p("2.001610.000.00.00.H29", "Đăng ký thành lập doanh nghiệp tư nhân", "000.00.11.H29", "DKKD", portal.TierProvince, true),
		// No tier from the portal: the department's kind says province.
		p("1.005377.000.00.00.H29", "Đăng ký thay đổi nội dung đăng ký doanh nghiệp", "000.00.11.H29", "DKKD", "", false),
		p("1.002804.000.00.00.H29", "Đăng ký xe mô tô", "000.00.21.H29", "DKKD", portal.TierProvince, false),
		p("1.003444.000.00.00.H29", "Đăng ký cấp hộ chiếu ở nước ngoài", "BCA", "HOTICH", portal.TierCentral, false),
	}
	return procs, agencies, fields
}

func codes(rs []Result) []string {
	out := make([]string, len(rs))
	for i, r := range rs {
		out[i] = r.Code
	}
	slices.Sort(out)
	return out
}

func TestCentreFilterKeepsWhatTheCentreAccepts(t *testing.T) {
	procs, agencies, fields := centreCatalogue()
	ix := Build(procs, agencies, fields, mustDictionary(t))
	ward := Centre{Level: CentreCommune, AgencyCode: "000.10.00.H29"}
	otherWard := Centre{Level: CentreCommune, AgencyCode: "000.11.00.H29"}
	city := Centre{Level: CentreProvince, AgencyCode: "000.00.01.H29"}
	const (
		khaiSinh  = "1.001193.000.00.00.H29"
		ketHon    = "1.000656.000.00.00.H29"
		hkd       = "2.000575.000.00.00.H29"
		dntn      = "2.001610.000.00.00.H29"
		thayDoiDN = "1.005377.000.00.00.H29"
		xe        = "1.002804.000.00.00.H29"
		hoChieu   = "1.003444.000.00.00.H29"
	)
	tests := []struct {
		name   string
		centre Centre
		want   []string
	}{
		{"the whole catalogue without a centre", Centre{}, []string{khaiSinh, ketHon, hkd, dntn, thayDoiDN, xe, hoChieu}},
		{"a ward centre takes its own ward's procedures and every any-centre one, another ward's household business included",
			ward, []string{khaiSinh, hkd, dntn}},
		{"the other ward's centre takes its own marriage registration, not the first ward's birth registration",
			otherWard, []string{ketHon, hkd, dntn}},
		{"the city's centre takes the province's procedures (tier from the agency when the portal sends none) and any-centre ones, not a ward's own or a ministry's",
			city, []string{hkd, dntn, thayDoiDN, xe}},
		{"a ward the catalogue has no procedure of still takes the any-centre ones",
			Centre{Level: CentreCommune, AgencyCode: "000.99.00.H29"}, []string{hkd, dntn}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			want := slices.Clone(tt.want)
			slices.Sort(want)
			if got := codes(ix.Search(Query{Text: "đăng ký", Centre: tt.centre, Limit: 50})); !slices.Equal(got, want) {
				t.Errorf("text search: got %v, want %v", got, want)
			}
			var browsed []Result
			for _, f := range fields {
				browsed = append(browsed, ix.Search(Query{FieldCode: f.Code, Centre: tt.centre, Limit: 50})...)
			}
			if got := codes(browsed); !slices.Equal(got, want) {
				t.Errorf("browsing by field: got %v, want %v", got, want)
			}
			var accepted []string
			for _, r := range ix.Search(Query{Text: "đăng ký", Limit: 50}) {
				if tt.centre.Accepts(r.Procedure) {
					accepted = append(accepted, r.Code)
				}
			}
			if slices.Sort(accepted); !slices.Equal(accepted, want) {
				t.Errorf("Centre.Accepts on the whole catalogue's results: got %v, want %v", accepted, want)
			}
			if got := ix.CentreLen(tt.centre); got != len(want) {
				t.Errorf("CentreLen = %d, want %d", got, len(want))
			}
			fc, ac := ix.CentreCounts(tt.centre)
			n := 0
			for _, c := range fc {
				n += c
			}
			m := 0
			for _, c := range ac {
				m += c
			}
			if n != len(want) || m != len(want) {
				t.Errorf("CentreCounts add up to %d by field and %d by agency, want %d", n, m, len(want))
			}
		})
	}
	t.Run("a code typed at the ward centre finds nothing the centre does not accept", func(t *testing.T) {
		if rs := ix.Search(Query{Text: "1.002804", Centre: ward}); len(rs) != 0 {
			t.Errorf("the police's procedure was found at the ward centre: %v", codes(rs))
		}
		if rs := ix.Search(Query{Text: "1.002804", Centre: city}); len(rs) != 1 {
			t.Errorf("the police's procedure not found at the city centre: %v", codes(rs))
		}
	})
	t.Run("searches at two centres in turn each get their own set", func(t *testing.T) {
		for range 2 {
			for _, c := range []Centre{ward, city} {
				rs := ix.Search(Query{FieldCode: "HOTICH", Centre: c})
				want := map[Centre]int{ward: 1, city: 0}[c]
				if len(rs) != want {
					t.Fatalf("centre %v: %d civil status procedures, want %d", c, len(rs), want)
				}
			}
		}
	})
	t.Run("a result carries the any-centre flag and the tier for the screens", func(t *testing.T) {
		rs := ix.Search(Query{Text: "hộ kinh doanh", Centre: ward})
		if len(rs) == 0 || rs[0].Code != hkd {
			t.Fatalf("household business not first: %v", codes(rs))
		}
		if p := rs[0].Procedure; !p.AnyCentre || p.Tier != portal.TierCommune {
			t.Errorf("summary says any_centre %v tier %q, want true and commune", p.AnyCentre, p.Tier)
		}
		rs = ix.Search(Query{Text: "thay đổi nội dung", Centre: city})
		if len(rs) == 0 || rs[0].Procedure.Tier != portal.TierProvince || rs[0].Procedure.AnyCentre {
			t.Errorf("a department procedure without a tier should read as province, not any-centre: %+v", rs)
		}
	})
}

// BenchmarkSearchAtCentre compares searching the whole catalogue with
// searching what the demo's ward centre accepts, at national scale: the
// filter is one bit test per candidate after the centre's set is made once.
func BenchmarkSearchAtCentre(b *testing.B) {
	ds, err := portalsim.Demo()
	if err != nil {
		b.Fatal(err)
	}
	ds.AddSynthetic(60000-len(ds.Procedures), 1)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(b))
	qs := []string{"dang ky khai sinh", "cccd", "so do", "giay phep xay dung", "ho kinh doanh", "chung thuc", "tam tru", "d"}
	for _, c := range []struct {
		name   string
		centre Centre
	}{{"whole catalogue", Centre{}}, {"ward centre", Centre{Level: CentreCommune, AgencyCode: "000.10.00.H29"}}} {
		b.Run(c.name, func(b *testing.B) {
			ix.Search(Query{Text: "x", Centre: c.centre}) // the centre's set, made once
			b.ReportAllocs()
			b.ResetTimer()
			for i := 0; i < b.N; i++ {
				ix.Search(Query{Text: qs[i%len(qs)], Centre: c.centre, Limit: 100})
			}
		})
	}
}

// BenchmarkCentreSet is the one-off cost of a centre's set at national
// scale (two centres in turn, so the index's cache never answers).
func BenchmarkCentreSet(b *testing.B) {
	ds, err := portalsim.Demo()
	if err != nil {
		b.Fatal(err)
	}
	ds.AddSynthetic(60000-len(ds.Procedures), 1)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, nil)
	cs := []Centre{{Level: CentreCommune, AgencyCode: "000.10.00.H29"}, {Level: CentreProvince, AgencyCode: "000.00.01.H29"}}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		ix.acceptedBy(cs[i%2])
	}
}

func TestCentreSearchesRunConcurrently(t *testing.T) {
	procs, agencies, fields := centreCatalogue()
	ix := Build(procs, agencies, fields, mustDictionary(t))
	cs := []Centre{{}, {Level: CentreCommune, AgencyCode: "000.10.00.H29"}, {Level: CentreProvince, AgencyCode: "000.00.01.H29"}}
	want := make([]int, len(cs))
	for i, c := range cs {
		want[i] = len(ix.Search(Query{Text: "đăng ký", Centre: c, Limit: 50}))
	}
	var wg sync.WaitGroup
	for g := range 6 {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range 200 {
				k := (g + i) % len(cs)
				if got := len(ix.Search(Query{Text: "đăng ký", Centre: cs[k], Limit: 50})); got != want[k] {
					t.Errorf("centre %+v: %d results while other centres searched, want %d", cs[k], got, want[k])
					return
				}
			}
		}()
	}
	wg.Wait()
}
