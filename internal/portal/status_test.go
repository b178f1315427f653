package portal_test

import (
	"testing"

	"kiosk/internal/portal"
)

func TestStatusLabelsAndExplanations(t *testing.T) {
	tests := []struct {
		name   string
		status int
		lang   string
		label  string
	}{
		{"processing has the national label", portal.StatusProcessing, "vi", "Đang xử lý"},
		{"needs payment has the national label", portal.StatusNeedsPayment, "vi", "Yêu cầu thực hiện nghĩa vụ tài chính"},
		{"returned has the national label", portal.StatusReturned, "vi", "Đã trả kết quả"},
		{"English is available", portal.StatusDone, "en", "Processing completed"},
		{"an unknown language falls back to Vietnamese", portal.StatusNew, "fr", "Mới đăng ký"},
		{"an unknown status says so", 11, "vi", "Không xác định"},
		{"an unknown status says so in English", 0, "en", "Unknown"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := portal.StatusLabel(tt.status, tt.lang); got != tt.label {
				t.Errorf("got %q, want %q", got, tt.label)
			}
		})
	}
	t.Run("every status has its own label and explanation in both languages", func(t *testing.T) {
		seen := map[string]int{}
		for s := portal.StatusNew; s <= portal.StatusReturned; s++ {
			for _, lang := range []string{"vi", "en"} {
				for _, txt := range []string{portal.StatusLabel(s, lang), portal.StatusExplain(s, lang)} {
					if txt == "" {
						t.Errorf("status %d %s: empty text", s, lang)
					}
					if prev, dup := seen[txt]; dup {
						t.Errorf("status %d and %d share %q", prev, s, txt)
					}
					seen[txt] = s
				}
			}
		}
	})
	t.Run("the explanation for processing tells the citizen an officer is on it", func(t *testing.T) {
		if got := portal.StatusExplain(portal.StatusProcessing, "vi"); got != "Hồ sơ đang được cán bộ xử lý. Quý vị chưa cần làm gì thêm." {
			t.Errorf("got %q", got)
		}
	})
}
