package receipt

import (
	"testing"
	"unicode/utf8"
)

func FuzzWrap(f *testing.F) {
	f.Add("Đăng ký khai sinh cho trẻ em", 10, 2)
	f.Add("000.00.53.H48-220921-0099", 4, 0)
	f.Add("a\n\n  b   c", 1, 4)
	f.Fuzz(func(t *testing.T, s string, cols, indent int) {
		if cols < 1 || cols > 200 || indent < 0 || indent > 200 || len(s) > 2000 || !utf8.ValidString(s) {
			return
		}
		for _, l := range wrap(s, cols, indent) {
			if runes(l) > cols {
				t.Fatalf("line %q longer than %d columns", l, cols)
			}
		}
	})
}

func FuzzParseProfile(f *testing.F) {
	f.Add([]byte("name = \"x\"\nwidth_dots = 576\ncolumns = 48\ntext_mode = \"cp1258\"\ncodepage_n = 52\ncut = \"full\"\nstatus = \"none\"\n"))
	f.Add([]byte("name = \"x\"\nwidth_dots = -8\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		p, err := parseProfile("x", b)
		if err != nil {
			return
		}
		// A profile that parses must be one Encode accepts.
		doc := Doc{}
		doc.Text("Xin chào", 0, false)
		doc.Cut()
		if _, err := Encode(doc, p); err != nil {
			t.Fatalf("valid profile %+v does not encode: %v", p, err)
		}
	})
}
