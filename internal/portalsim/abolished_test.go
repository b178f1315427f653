package portalsim

import (
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"

	"golang.org/x/text/unicode/norm"
)

// abolished are names of units and departments that ended with the 2025
// reforms (Nghị quyết 202/2025/QH15 and 203/2025/QH15, Nghị định
// 45/2025/NĐ-CP): a province evaluating the kiosk must not see them in the
// demo, the example configs or generated catalogues. Each is a regular
// expression over lower-cased NFC text. District-level words are only
// wrong as agencies, so they are matched after "UBND" or as the start of an
// agency name ("huyện X" alone may still be an old address in free text,
// which the demo avoids too, see "thị trấn" below).
var abolished = []struct{ name, re string }{
	{"Sở Kế hoạch và Đầu tư", `sở kế hoạch (và|&) đầu tư`},
	{"Sở Giao thông vận tải", `sở giao thông vận tải`},
	{"Sở Tài nguyên và Môi trường", `sở tài nguyên (và|&) môi trường`},
	{"Sở Lao động – Thương binh và Xã hội", `sở lao động\s*[-–]?\s*thương binh`},
	{"Phòng Lao động – Thương binh và Xã hội", `phòng lao động\s*[-–]?\s*thương binh`},
	{"UBND cấp huyện", `(ubnd|ủy ban nhân dân|bộ phận một cửa)( cấp)? huyện`},
	{"a district (huyện) as an agency", `(ubnd|ủy ban nhân dân) huyện`},
	{"a town (thị xã) as an agency", `(ubnd|ủy ban nhân dân) thị xã`},
	{"a township (thị trấn)", `thị trấn`},
	{"a provincial city as an agency", `(ubnd|ủy ban nhân dân) thành phố (thủ dầu một|thuận an|dĩ an|vũng tàu|bà rịa)`},
	{"tỉnh Bình Dương", `tỉnh bình dương`},
	{"tỉnh Bà Rịa – Vũng Tàu", `tỉnh bà rịa`},
	{"thành phố Thủ Dầu Một", `thành phố thủ dầu một`},
	{"the old Bình Dương portal", `binhduong\.gov\.vn`},
	{"Bình Dương's old phone prefix on an agency", `"phone":\s*"0274`},
}

var abolishedREs = func() []*regexp.Regexp {
	out := make([]*regexp.Regexp, len(abolished))
	for i, a := range abolished {
		out[i] = regexp.MustCompile(a.re)
	}
	return out
}()

// findAbolished returns the abolished names text mentions.
func findAbolished(text string) []string {
	t := strings.ToLower(norm.NFC.String(text))
	var out []string
	for i, re := range abolishedREs {
		if loc := re.FindStringIndex(t); loc != nil {
			lo, hi := max(loc[0]-40, 0), min(loc[1]+40, len(t))
			out = append(out, abolished[i].name+" in …"+strings.ToValidUTF8(t[lo:hi], "")+"…")
		}
	}
	return out
}

func TestFindAbolishedCatchesEachListedName(t *testing.T) {
	for _, s := range []string{
		"Nộp tại Sở Kế hoạch và Đầu tư", "Sở Giao thông vận tải tỉnh", "Sở Tài nguyên và Môi trường",
		"Sở Lao động - Thương binh và Xã hội", "Sở Lao động – Thương binh và Xã hội", "Bộ phận Một cửa UBND cấp huyện",
		"UBND Huyện Dầu Tiếng", "UBND Thị xã Bến Cát", "UBND Thị trấn Lai Uyên", "Ủy ban nhân dân tỉnh Bình Dương",
		"UBND Thành phố Thủ Dầu Một", "https://dichvucong.binhduong.gov.vn",
	} {
		if len(findAbolished(s)) == 0 {
			t.Errorf("%q was not recognised as an abolished name", s)
		}
	}
	for _, s := range []string{"UBND phường Thủ Dầu Một", "UBND phường Bình Dương", "Sở Nông nghiệp và Môi trường", "Sở Xây dựng", "Sở Nội vụ", "Thành phố Hồ Chí Minh"} {
		if got := findAbolished(s); len(got) != 0 {
			t.Errorf("%q is a current name but was flagged: %v", s, got)
		}
	}
}

// TestNoAbolishedNames reads the demo dataset, the shipped site configs and
// the synthetic generator's phrase tables. Fixtures that test the decoding
// of legacy (pre-reform) data live in test files and are not read here.
func TestNoAbolishedNames(t *testing.T) {
	var files []string
	for _, pat := range []string{"../../assets/demo/*.json", "../../assets/demo/README.md", "../../kiosk-config/*.toml"} {
		m, err := filepath.Glob(pat)
		if err != nil {
			t.Fatal(err)
		}
		files = append(files, m...)
	}
	if len(files) < 7 {
		t.Fatalf("found only %v; the demo dataset or the configs moved", files)
	}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		text := string(b)
		if strings.HasSuffix(f, "README.md") {
			// The README explains what changed and so names the old units
			// in its reform section; everything else in it must be current.
			if i := strings.Index(text, "## The two-tier reform"); i >= 0 {
				if j := strings.Index(text[i+1:], "\n## "); j >= 0 {
					text = text[:i] + text[i+1+j:]
				}
			}
		}
		for _, hit := range findAbolished(text) {
			t.Errorf("%s: %s", filepath.Base(f), hit)
		}
	}
	tables := map[string][]string{"synthVerbs": synthVerbs, "synthQualifiers": synthQualifiers,
		"synthProvinces": synthProvinces, "synthAgencyKinds": synthAgencyKinds}
	for name, words := range tables {
		for _, w := range words {
			for _, hit := range findAbolished(w) {
				t.Errorf("synthetic.go %s: %s", name, hit)
			}
		}
		if name == "synthProvinces" {
			for _, w := range words {
				if w == "Bình Dương" || w == "Bà Rịa - Vũng Tàu" {
					t.Errorf("synthetic.go synthProvinces names %q, which is no longer a province", w)
				}
			}
		}
	}
}
