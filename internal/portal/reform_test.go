package portal_test

import (
	"context"
	"net/http"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// The kiosk/v1 wire format after the two-tier reform: procedures say their
// tier and whether any centre accepts them; agencies have the new kinds and
// a commune's unit type. Portals still sending pre-reform data (district
// agencies and tiers) must keep working.
func TestKioskV1DecodesTiersAnyCentreAndLegacyDistricts(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		switch r.URL.Path {
		case "/api/v1/procedures":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"items":[
 {"code":"1.001193.000.00.00.H29","name":"Đăng ký khai sinh","tier":"commune","any_centre":true,"updated_at":"2026-11-20T01:02:03Z"},
 {"code":"1.009994.000.00.00.H12","name":"Cấp giấy phép xây dựng","tier":"District","updated_at":"2026-11-20T01:02:03Z"},
 {"code":"1.000001.000.00.00.H29","name":"Thủ tục cấp lạ","tier":"cấp ấp","updated_at":"2026-11-20T01:02:03Z"}
],"server_time":"2026-11-22T00:00:00Z"}`))
		case "/api/v1/agencies":
			w.Header().Set("Content-Type", "application/json")
			w.Write([]byte(`{"items":[
 {"code":"000.00.00.H29","name":"Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh","kind":"province_centre"},
 {"code":"000.31.00.H29","name":"UBND phường Thủ Dầu Một","kind":"commune","unit":"phuong"},
 {"code":"000.00.31.H12","name":"UBND thành phố Thủ Dầu Một","kind":"district","unit":"phuong"}
]}`))
		default:
			apiError(w, 404, "not_found")
		}
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	p, err := c.Procedures(context.Background(), time.Time{}, "", 10)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 3 {
		t.Fatalf("got %d procedures, want 3", len(p.Items))
	}
	if got := p.Items[0]; got.Tier != portal.TierCommune || !got.AnyCentre {
		t.Errorf("commune any-centre procedure decoded as tier %q any_centre %v", got.Tier, got.AnyCentre)
	}
	if got := p.Items[1]; got.Tier != portal.TierDistrict || got.AnyCentre {
		t.Errorf("legacy district procedure decoded as tier %q any_centre %v, want district and false", got.Tier, got.AnyCentre)
	}
	if got := p.Items[2]; got.Tier != "" {
		t.Errorf("an unknown tier %q was kept; it must be dropped", got.Tier)
	}
	as, err := c.Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	want := []struct{ kind, unit string }{
		{portal.AgencyProvinceCentre, ""}, {portal.AgencyCommune, portal.UnitPhuong}, {portal.AgencyDistrict, ""},
	}
	if len(as) != len(want) {
		t.Fatalf("got %d agencies, want %d", len(as), len(want))
	}
	for i, w := range want {
		if as[i].Kind != w.kind || as[i].Unit != w.unit {
			t.Errorf("agency %s: kind %q unit %q, want %q %q", as[i].Code, as[i].Kind, as[i].Unit, w.kind, w.unit)
		}
	}
}

func TestTierOfAgencyCoversEveryKind(t *testing.T) {
	for kind, want := range map[string]string{
		portal.AgencyCentral: portal.TierCentral, portal.AgencyProvince: portal.TierProvince,
		portal.AgencyDepartment: portal.TierProvince, portal.AgencyProvinceCentre: portal.TierProvince,
		portal.AgencyCommune: portal.TierCommune, portal.AgencyDistrict: portal.TierDistrict, "ấp": "",
	} {
		if got := portal.TierOfAgency(kind); got != want {
			t.Errorf("TierOfAgency(%q) = %q, want %q", kind, got, want)
		}
	}
}
