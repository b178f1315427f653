package receipt

import (
	"strings"
	"testing"

	"kiosk/internal/names"
)

func TestPlaceNamesAreNeverBrokenAcrossLines(t *testing.T) {
	tests := []struct {
		text  string
		names []string
	}{
		{"Trung tâm Phục vụ hành chính công tỉnh Bình Dương", []string{"tỉnh Bình Dương"}},
		{"Trung tâm Phục vụ hành chính công phường Thủ Dầu Một", []string{"phường Thủ Dầu Một"}},
		{"Quầy trả kết quả số 11, Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh, Số 43 Nguyễn Văn Bá, phường Thủ Đức, Thành phố Hồ Chí Minh",
			[]string{"Thành phố Hồ Chí Minh", "Số 43 Nguyễn Văn Bá,", "phường Thủ Đức,"}},
		{"Sở Tư pháp Thành phố Hồ Chí Minh", []string{"Thành phố Hồ Chí Minh"}},
	}
	for _, tc := range tests {
		for cols := 24; cols <= 64; cols++ {
			lines := wrap(tc.text, cols, 0)
			joined := strings.Join(lines, "\n")
			for _, n := range tc.names {
				if !strings.Contains(joined, n) {
					t.Errorf("%d columns: %q is broken across lines:\n%s", cols, n, joined)
				}
			}
			if got := strings.Join(strings.Fields(joined), " "); got != strings.Join(strings.Fields(tc.text), " ") {
				t.Errorf("%d columns: wrapping changed the words: %q", cols, got)
			}
			for _, l := range lines {
				if len([]rune(l)) > cols {
					t.Errorf("%d columns: line %q is too long", cols, l)
				}
			}
		}
	}
}

func TestANameLongerThanALineStillWrapsAtItsSpaces(t *testing.T) {
	lines := wrap("Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh", 12, 0)
	for _, l := range lines {
		if len([]rune(l)) > 12 {
			t.Errorf("line %q is longer than 12", l)
		}
		if strings.ContainsRune(l, names.NBSP) {
			t.Errorf("line %q prints a no-break space", l)
		}
	}
	if strings.Join(lines, " ") != "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh" {
		t.Errorf("words changed: %q", lines)
	}
}

func TestTheDossierQRIsALinkToThePortalsLookupPage(t *testing.T) {
	code := "000.00.15.H29-261015-0012"
	for _, tc := range []struct{ url, want string }{
		{"", code},
		{"https://dichvucong.example.gov.vn/tra-cuu?ma=", "https://dichvucong.example.gov.vn/tra-cuu?ma=" + code},
		{"https://dichvucong.example.gov.vn/web/cong-dich-vu-cong/tra-cuu-ho-so#/tra-cuu-thong-tin-ho-so/{code}",
			"https://dichvucong.example.gov.vn/web/cong-dich-vu-cong/tra-cuu-ho-so#/tra-cuu-thong-tin-ho-so/" + code},
	} {
		if got := DossierLookupData(code, Site{LookupURL: tc.url}); got != tc.want {
			t.Errorf("LookupURL %q: QR holds %q, want %q", tc.url, got, tc.want)
		}
	}
}
