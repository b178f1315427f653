package portal

import "testing"

func TestMaskHidesPersonalData(t *testing.T) {
	tests := []struct {
		name string
		fn   func(string) string
		in   string
		want string
	}{
		{"three-word name keeps family name and initials", MaskName, "Nguyễn Văn An", "Nguyễn V** A"},
		{"four-word name masks every middle name", MaskName, "Trần Thị Ngọc Ánh", "Trần T** N** Á"},
		{"two-word name", MaskName, "Lê Đức", "Lê Đ"},
		{"one word", MaskName, "Hoa", "H**"},
		{"already masked name is unchanged", MaskName, "Nguyễn V** A", "Nguyễn V** A"},
		{"empty name", MaskName, "", ""},
		{"invalid UTF-8 is dropped, not left half-masked", MaskName, "Nguyễn \xffVăn An", "Nguyễn V** A"},
		{"ID keeps last three digits", MaskID, "001090012345", "*********345"},
		{"short ID is fully hidden", MaskID, "123", "***"},
		{"phone keeps two and two", MaskPhone, "0912345678", "09******78"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if got := tt.fn(tt.in); got != tt.want {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}
