package portal_test

import (
	"strings"
	"testing"

	"kiosk/internal/portal"
)

func TestHTMLToTextGivesPlainLines(t *testing.T) {
	tests := []struct {
		name string
		in   string
		want []string
	}{
		{"paragraphs become lines", "<p>Bước 1: Nộp hồ sơ.</p><p>Bước 2: Nhận kết quả.</p>",
			[]string{"Bước 1: Nộp hồ sơ.", "Bước 2: Nhận kết quả."}},
		{"list items become lines without bullets", "<ul><li>- Tờ khai</li><li>• Giấy chứng sinh</li></ul>",
			[]string{"Tờ khai", "Giấy chứng sinh"}},
		{"br splits a paragraph", "<p>a) Bản chính<br/>b) Bản sao</p>", []string{"a) Bản chính", "b) Bản sao"}},
		{"entities are decoded", "<p>Lệ phí&nbsp;&amp; phí: 50.000&#32;đồng &lt;miễn&gt;</p>",
			[]string{"Lệ phí & phí: 50.000 đồng <miễn>"}},
		{"scripts and styles are dropped", "<style>p{color:red}</style><p>Hộ tịch</p><script>alert(1)</script>",
			[]string{"Hộ tịch"}},
		{"inline markup keeps words together", "<p><strong>Bước</strong> 1:<em>Nộp</em></p>", []string{"Bước 1:Nộp"}},
		{"table cells are separated", "<table><tr><td>Lệ phí</td><td>8.000 đồng</td></tr></table>",
			[]string{"Lệ phí | 8.000 đồng"}},
		{"plain text is split on line breaks", "Dòng một\r\n\n  Dòng   hai  ", []string{"Dòng một", "Dòng hai"}},
		{"empty input gives nothing", "  ", nil},
		{"unclosed tags still give the text", "<p>Mở <b>đậm", []string{"Mở đậm"}},
		{"Word-pasted spans collapse whitespace", "<div><span>Công   dân</span>\n\t<span>Việt Nam</span></div>",
			[]string{"Công dân Việt Nam"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := portal.HTMLToText(tt.in)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") || len(got) != len(tt.want) {
				t.Errorf("got %q, want %q", got, tt.want)
			}
		})
	}
}

func TestHTMLToTextBoundsItsOutput(t *testing.T) {
	in := strings.Repeat("<p>dòng</p>", 10000) + strings.Repeat("<div>", 5000) + "sâu"
	got := portal.HTMLToText(in)
	if len(got) > 500 {
		t.Errorf("%d lines, want at most 500", len(got))
	}
}

func FuzzHTMLToText(f *testing.F) {
	f.Add("<p>Bước 1: Nộp hồ sơ</p><ul><li>Tờ khai</li></ul>")
	f.Add("<table><tr><td>a</td></tr></table><script>x</script>&nbsp;&#xFFFF;")
	f.Add("plain\ntext")
	f.Add("<<<>>><p <b>")
	f.Fuzz(func(t *testing.T, s string) {
		for _, l := range portal.HTMLToText(s) {
			if l == "" || l != strings.TrimSpace(l) {
				t.Fatalf("line %q is empty or untrimmed", l)
			}
			if strings.Contains(l, "\n") {
				t.Fatalf("line %q spans lines", l)
			}
		}
	})
}
