package speech

import (
	"strings"
	"testing"

	"kiosk/assets"
)

func mustPreparer(t *testing.T, d Dialect) *Preparer {
	t.Helper()
	p, err := LoadPreparer(d)
	if err != nil {
		t.Fatal(err)
	}
	return p
}

func TestPrepare(t *testing.T) {
	north, south := mustPreparer(t, North), mustPreparer(t, South)
	tests := []struct {
		name string
		p    *Preparer
		in   string
		lang string
		want string
	}{
		{"abbreviations are expanded", north, "Nộp tại UBND xã, mang CCCD.", "vi",
			"Nộp tại Ủy ban nhân dân xã, mang căn cước công dân."},
		{"abbreviations are expanded in English", north, "Bring your CCCD and GPLX.", "en",
			"Bring your ID card and driving licence."},
		{"a word that only contains an abbreviation is left alone", north, "UBNDX", "vi", "UBNDX"},
		{"a date is read in words", north, "Hẹn trả: 15/08/2025", "vi",
			"Hẹn trả: ngày mười lăm tháng tám năm hai nghìn không trăm hai mươi lăm"},
		{"ngày before a date is not said twice", north, "ngày 01/04/2026", "vi",
			"ngày một tháng tư năm hai nghìn không trăm hai mươi sáu"},
		{"a date in English", north, "Due 21/12/2026.", "en", "Due December twenty-first, two thousand twenty-six."},
		{"an impossible date stays a code", north, "32/13/2026", "vi", "ba hai, một ba, hai không hai sáu"},
		{"money with thousands dots", north, "Lệ phí: 150.000 đ", "vi", "Lệ phí: một trăm năm mươi nghìn đồng"},
		{"money in the South", south, "1.005.000 đồng", "vi", "một triệu không trăm lẻ năm ngàn đồng"},
		{"money in English", north, "Fee: 50.000 đ (per copy)", "en", "Fee: fifty thousand dong (per copy)"},
		{"a small number is a number", north, "15 ngày làm việc", "vi", "mười lăm ngày làm việc"},
		{"a dossier code is read in groups", north, "Mã H02.36-250815-0012", "vi",
			"Mã hát, không hai, ba sáu, hai năm không, tám một năm, không không một hai"},
		{"a dossier code in English", north, "Code H02.36-250815-0012", "en",
			"Code H, zero two, three six, two five zero, eight one five, zero zero one two"},
		{"a code with dots is not a phone number", north, "mã 000.00.53.H48-220921-0099", "vi",
			"mã không không không, không không, năm ba, hát, bốn tám, hai hai không, chín hai một, không không chín chín"},
		{"a ticket number with a letter", north, "Số A012", "vi", "Số a, không một hai"},
		{"a phone number keeps its leading zero", north, "Gọi 0274 3822 222", "vi",
			"Gọi không hai bảy bốn, ba tám hai hai, hai hai hai"},
		{"a counter range", north, "Quầy 3–4", "vi", "Quầy ba đến bốn"},
		{"a counter range in English", north, "Counter 3–4", "en", "Counter three to four"},
		{"a time of day", north, "lúc 15:04", "vi", "lúc mười lăm giờ bốn phút"},
		{"check boxes and bullets are not read", north, "☐ 1. Tờ khai • bản chính ✓", "vi", "một. Tờ khai bản chính"},
		{"percent", north, "giảm 50%", "vi", "giảm năm mươi phần trăm"},
		{"a spaced dash is a pause", north, "Đã tiếp nhận — đang xử lý", "vi", "Đã tiếp nhận, đang xử lý"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.p.Prepare(tc.in, tc.lang); got != tc.want {
				t.Errorf("Prepare(%q, %s)\n got %q\nwant %q", tc.in, tc.lang, got, tc.want)
			}
		})
	}
}

func TestAbbreviationFileIsWellFormed(t *testing.T) {
	m, err := parseAbbreviations(assets.SpeechAbbreviations)
	if err != nil {
		t.Fatal(err)
	}
	for _, want := range []string{"UBND", "GPLX", "CCCD", "TTHC", "HCC"} {
		if _, ok := m[want]; !ok {
			t.Errorf("%s is missing from assets/speech/abbreviations.tsv", want)
		}
	}
	if _, err := parseAbbreviations([]byte("UBND\tỦy ban nhân dân\n")); err == nil ||
		!strings.Contains(err.Error(), "line 1") {
		t.Errorf("a line without its English reading: err = %v, want a message naming line 1", err)
	}
}
