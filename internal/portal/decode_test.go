package portal_test

import (
	"encoding/json"
	"errors"
	"fmt"
	"testing"
	"time"

	"kiosk/internal/portal"
)

func TestDecodersReportGarbageAsBadResponse(t *testing.T) {
	tests := []struct {
		name string
		in   string
	}{
		{"HTML error page", "<html>502 Bad Gateway</html>"},
		{"truncated JSON", `{"items":[{"code":"1.0`},
		{"wrong types", `{"items":"all of them","code":5}`},
		{"empty body", ``},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := portal.DecodeProcedurePage([]byte(tt.in)); !errors.Is(err, portal.ErrBadResponse) {
				t.Errorf("page: got %v", err)
			}
			if _, err := portal.DecodeDossier([]byte(tt.in)); !errors.Is(err, portal.ErrBadResponse) {
				t.Errorf("dossier: got %v", err)
			}
		})
	}
}

func FuzzDecodeProcedurePage(f *testing.F) {
	f.Add([]byte(`{"items":[{"code":"1.001612.000.00.00.H48","name":"Đăng ký khai sinh","updated_at":"2026-11-20T01:02:03Z"},{"code":"x","deleted":true,"updated_at":"2026-11-20T01:02:03Z"}],"next_page_token":"p2","server_time":"2026-11-22T00:00:00Z","total":2}`))
	f.Add([]byte(`{"items":null}`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := portal.DecodeProcedurePage(b)
		if err != nil && !errors.Is(err, portal.ErrBadResponse) {
			t.Fatalf("error %v is not ErrBadResponse", err)
		}
		if err == nil {
			if _, err := json.Marshal(p); err != nil {
				t.Fatalf("decoded page cannot be encoded again: %v", err)
			}
		}
	})
}

func FuzzDecodeDossier(f *testing.F) {
	f.Add([]byte(`{"code":"000.00.53.H48-220921-0099","status":4,"received_at":"2026-11-20T01:02:03Z","due_at":"2026-11-25T01:02:03Z","applicant":"Nguyễn Văn An","detailed":true,"steps":[{"name":"Tiếp nhận","done":true}]}`))
	f.Add([]byte(`{"status":"4"}`))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, err := portal.DecodeDossier(b)
		if err != nil && !errors.Is(err, portal.ErrBadResponse) {
			t.Fatalf("error %v is not ErrBadResponse", err)
		}
	})
}

func BenchmarkDecodeProcedurePage500(b *testing.B) {
	page := portal.ProcedurePage{ServerTime: time.Now().UTC(), NextPageToken: "p2", Total: 2000}
	for i := range 500 {
		page.Items = append(page.Items, portal.Procedure{
			Code: fmt.Sprintf("1.%06d.000.00.00.H48", i), Name: "Đăng ký thay đổi nội dung đăng ký hộ kinh doanh",
			AgencyCode: "000.00.22.H48", AgencyName: "UBND huyện Hòa Vang", FieldCode: "HKD", FieldName: "Thành lập và hoạt động của hộ kinh doanh",
			LevelOld: 3, Level: 3,
			Channels: []portal.Channel{
				{Kind: 1, Time: portal.Duration{Value: 3, Unit: "ngày làm việc"}, Fees: []portal.Fee{{Name: "Lệ phí", Amount: 100000}}},
				{Kind: 2, Time: portal.Duration{Value: 3, Unit: "ngày làm việc"}, Fees: []portal.Fee{{Name: "Lệ phí", Amount: 50000}}},
			},
			Documents: []portal.Document{
				{Name: "Giấy đề nghị đăng ký thay đổi nội dung đăng ký hộ kinh doanh", Originals: 1, FormName: "Phụ lục III-2", FormURL: "https://example.gov.vn/mau/III-2.docx"},
				{Name: "Bản sao giấy tờ pháp lý của cá nhân", Copies: 1},
				{Name: "Biên bản họp thành viên hộ gia đình", Originals: 1},
			},
			Steps:      []string{"Bước 1: Nộp hồ sơ tại Bộ phận Một cửa cấp huyện.", "Bước 2: Phòng Tài chính - Kế hoạch xem xét.", "Bước 3: Trả kết quả."},
			LegalBasis: []string{"Nghị định số 01/2021/NĐ-CP", "Thông tư số 01/2021/TT-BKHĐT"},
			Result:     "Giấy chứng nhận đăng ký hộ kinh doanh", UpdatedAt: time.Now().UTC(),
		})
	}
	body, err := json.Marshal(page)
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(body)))
	b.ReportAllocs()
	b.ResetTimer()
	for b.Loop() {
		if _, err := portal.DecodeProcedurePage(body); err != nil {
			b.Fatal(err)
		}
	}
}
