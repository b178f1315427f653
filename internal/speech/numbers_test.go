package speech

import "testing"

func TestVietnameseNumber(t *testing.T) {
	tests := []struct {
		n     uint64
		north string
		south string
	}{
		{0, "không", "không"},
		{5, "năm", "năm"},
		{10, "mười", "mười"},
		{11, "mười một", "mười một"},
		{14, "mười bốn", "mười bốn"},
		{15, "mười lăm", "mười lăm"},
		{20, "hai mươi", "hai mươi"},
		{21, "hai mươi mốt", "hai mươi mốt"},
		{24, "hai mươi tư", "hai mươi tư"},
		{25, "hai mươi lăm", "hai mươi lăm"},
		{100, "một trăm", "một trăm"},
		{105, "một trăm linh năm", "một trăm lẻ năm"},
		{110, "một trăm mười", "một trăm mười"},
		{115, "một trăm mười lăm", "một trăm mười lăm"},
		{1000, "một nghìn", "một ngàn"},
		{1005, "một nghìn không trăm linh năm", "một ngàn không trăm lẻ năm"},
		{2025, "hai nghìn không trăm hai mươi lăm", "hai ngàn không trăm hai mươi lăm"},
		{50000, "năm mươi nghìn", "năm mươi ngàn"},
		{150000, "một trăm năm mươi nghìn", "một trăm năm mươi ngàn"},
		{1500000, "một triệu năm trăm nghìn", "một triệu năm trăm ngàn"},
		{1000001, "một triệu không trăm linh một", "một triệu không trăm lẻ một"},
		{2000000000, "hai tỷ", "hai tỷ"},
	}
	for _, tc := range tests {
		if got := VietnameseNumber(tc.n, North); got != tc.north {
			t.Errorf("North %d = %q, want %q", tc.n, got, tc.north)
		}
		if got := VietnameseNumber(tc.n, South); got != tc.south {
			t.Errorf("South %d = %q, want %q", tc.n, got, tc.south)
		}
	}
}

func TestEnglishNumber(t *testing.T) {
	tests := []struct {
		n        uint64
		cardinal string
		ordinal  string
	}{
		{0, "zero", "zeroth"},
		{1, "one", "first"},
		{2, "two", "second"},
		{3, "three", "third"},
		{12, "twelve", "twelfth"},
		{15, "fifteen", "fifteenth"},
		{20, "twenty", "twentieth"},
		{21, "twenty-one", "twenty-first"},
		{105, "one hundred five", "one hundred fifth"},
		{2025, "two thousand twenty-five", "two thousand twenty-fifth"},
		{150000, "one hundred fifty thousand", "one hundred fifty thousandth"},
		{1500000, "one million five hundred thousand", "one million five hundred thousandth"},
	}
	for _, tc := range tests {
		if got := EnglishNumber(tc.n); got != tc.cardinal {
			t.Errorf("EnglishNumber(%d) = %q, want %q", tc.n, got, tc.cardinal)
		}
		if got := EnglishOrdinal(tc.n); got != tc.ordinal {
			t.Errorf("EnglishOrdinal(%d) = %q, want %q", tc.n, got, tc.ordinal)
		}
	}
}

func TestDigitsAreReadInGroups(t *testing.T) {
	tests := []struct{ in, lang, want string }{
		{"0012", "vi", "không không một hai"},
		{"000123", "vi", "không không không, một hai ba"},
		{"1234567", "vi", "một hai ba, bốn năm sáu, bảy"},
		{"250815", "en", "two five zero, eight one five"},
	}
	for _, tc := range tests {
		if got := digitsWords(tc.in, tc.lang); got != tc.want {
			t.Errorf("digitsWords(%q, %s) = %q, want %q", tc.in, tc.lang, got, tc.want)
		}
	}
}
