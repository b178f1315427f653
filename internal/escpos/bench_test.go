package escpos

import (
	"strings"
	"testing"
)

func benchJob() []byte {
	b := NewBuilder().Init().CodePage(CP1258)
	for i := 0; i < 40; i++ {
		b.Line("Đăng ký khai sinh – Ủy ban nhân dân xã Tân Định, huyện Bến Cát")
	}
	b.Align(AlignCenter).QR("https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.53.H48-220921-0099", 6, QRLevelM)
	b.Code128("000.00.53.H48-220921-0099", 80, 1, HRIBelow).Cut(CutPartial, 24)
	return b.Bytes()
}

func BenchmarkDecode(b *testing.B) {
	job := benchJob()
	b.SetBytes(int64(len(job)))
	for b.Loop() {
		if _, err := Decode(job); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkRender(b *testing.B) {
	job := benchJob()
	b.SetBytes(int64(len(job)))
	for b.Loop() {
		if _, err := Render(job, 576); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkBuilderText(b *testing.B) {
	s := strings.Repeat("Thủ tục hành chính Đăng ký khai sinh ", 10)
	for _, cp := range []CodePage{CP1258, TCVN3} {
		b.Run(map[CodePage]string{CP1258: "cp1258", TCVN3: "tcvn3"}[cp], func(b *testing.B) {
			for b.Loop() {
				NewBuilder().CodePage(cp).Text(s)
			}
		})
	}
}
