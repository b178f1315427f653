package search

import (
	"errors"
	"strings"
	"testing"
)

func TestEmbeddedDictionaryCoversWhatCitizensSay(t *testing.T) {
	d := mustDictionary(t)
	if d.Entries() < 40 {
		t.Errorf("dictionary has %d canonical phrases, want at least 40", d.Entries())
	}
	tests := []struct{ typed, means string }{
		{"CCCD", "cap the can cuoc"},
		{"CMND", "cap the can cuoc"},
		{"chứng minh thư", "cap the can cuoc"},
		{"GPLX", "giay phep lai xe"},
		{"bằng lái", "giay phep lai xe"},
		{"GPXD", "giay phep xay dung"},
		{"ĐKKD", "dang ky kinh doanh"},
		{"HKD", "ho kinh doanh"},
		{"QSDĐ", "quyen su dung dat"},
		{"sổ đỏ", "giay chung nhan quyen su dung dat"},
		{"sổ hồng", "giay chung nhan quyen su dung dat"},
		{"làm giấy khai sinh", "dang ky khai sinh"},
		{"passport", "ho chieu"},
		{"giấy đăng ký kết hôn", "dang ky ket hon"},
		{"xác nhận độc thân", "xac nhan tinh trang hon nhan"},
		{"LLTP", "ly lich tu phap"},
		{"BHYT", "bao hiem y te"},
		{"BHXH", "bao hiem xa hoi"},
		{"DN", "doanh nghiep"},
		{"TNHH", "trach nhiem huu han"},
		{"hộ khẩu", "thuong tru"},
		{"KT3", "tam tru"},
		{"sang tên", "chuyen nhuong"},
		{"bằng tốt nghiệp", "van bang"},
		{"thất nghiệp", "tro cap that nghiep"},
	}
	for _, tt := range tests {
		t.Run(tt.typed+" is read as "+tt.means, func(t *testing.T) {
			pq := parseQuery(tt.typed+" ", d)
			var got []string
			for _, v := range pq.variants[1:] {
				got = append(got, strings.TrimSpace(key(v.words)))
			}
			for _, g := range got {
				if g == tt.means {
					return
				}
			}
			t.Errorf("variants of %q = %q, want one to be %q", tt.typed, got, tt.means)
		})
	}
}

func TestParseDictionary(t *testing.T) {
	t.Run("a line without = is rejected with its number", func(t *testing.T) {
		_, err := ParseDictionary(strings.NewReader("# c\ncăn cước = cccd\nsổ đỏ\n"), nil)
		if !errors.Is(err, ErrBadDictionary) || !strings.Contains(err.Error(), "line 3") {
			t.Errorf("err = %v, want ErrBadDictionary at line 3", err)
		}
	})
	t.Run("an empty canonical phrase is rejected", func(t *testing.T) {
		if _, err := ParseDictionary(strings.NewReader(" = cccd\n"), nil); !errors.Is(err, ErrBadDictionary) {
			t.Errorf("err = %v, want ErrBadDictionary", err)
		}
	})
	t.Run("an alias equal to its phrase adds nothing", func(t *testing.T) {
		d, err := ParseDictionary(strings.NewReader("căn cước = Căn Cước, cccd\n"), nil)
		if err != nil {
			t.Fatal(err)
		}
		if d.Aliases() != 1 {
			t.Errorf("Aliases() = %d, want 1", d.Aliases())
		}
	})
	t.Run("stop phrases make every word optional", func(t *testing.T) {
		d, err := ParseDictionary(nil, strings.NewReader("thủ tục\nxin\n"))
		if err != nil {
			t.Fatal(err)
		}
		pq := parseQuery("xin thủ tục kết hôn", d)
		var optional []string
		for _, w := range pq.variants[0].words {
			if w.optional {
				optional = append(optional, w.text)
			}
		}
		if got := strings.Join(optional, " "); got != "xin thu tuc" {
			t.Errorf("optional words = %q, want %q", got, "xin thu tuc")
		}
	})
}

func FuzzParseDictionary(f *testing.F) {
	f.Add("căn cước = cccd, cmnd\n# c\nsổ đỏ = sổ hồng", "xin\nthủ tục\n")
	f.Add(" = ,,,", "")
	f.Add("a=b=c", "\n\n#")
	f.Fuzz(func(t *testing.T, syn, stop string) {
		d, err := ParseDictionary(strings.NewReader(syn), strings.NewReader(stop))
		if err != nil {
			if !errors.Is(err, ErrBadDictionary) && !strings.Contains(err.Error(), "reading") {
				t.Fatalf("unexpected error kind: %v", err)
			}
			return
		}
		for first, as := range d.expand {
			for _, a := range as {
				if len(a.words) == 0 || a.words[0] != first || len(a.canonical) == 0 {
					t.Fatalf("bad alias %+v under %q", a, first)
				}
			}
		}
		// Whatever was loaded, parsing a query with it must hold up.
		parseQuery(syn, d)
	})
}
