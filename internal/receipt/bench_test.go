package receipt

import (
	"testing"
)

// BenchmarkEncode reports, per receipt kind and profile, the job size and
// its time on the wire at common serial speeds (10 bits per byte).
func BenchmarkEncode(b *testing.B) {
	for _, p := range Profiles() {
		for _, k := range kinds("vi") {
			doc := k.doc(p)
			b.Run(k.name+"/"+p.Name, func(b *testing.B) {
				var n int
				for b.Loop() {
					job, err := Encode(doc, p)
					if err != nil {
						b.Fatal(err)
					}
					n = len(job)
				}
				b.ReportMetric(float64(n), "job-bytes")
				for _, baud := range []int{9600, 38400, 115200} {
					b.ReportMetric(float64(n)*10/float64(baud)*1000, "ms@"+itoa(baud))
				}
			})
		}
	}
}

// BenchmarkPreview is the time to draw what prints (encode + render), as the
// virtual printer and the on-screen preview do.
func BenchmarkPreview(b *testing.B) {
	for _, name := range []string{"epson-tm-t20iii", "epson-tm-t88iv", "generic-58"} {
		p := mustProfile(b, name)
		for _, k := range kinds("vi") {
			doc := k.doc(p)
			b.Run(k.name+"/"+p.Name, func(b *testing.B) {
				for b.Loop() {
					if _, err := Preview(doc, p); err != nil {
						b.Fatal(err)
					}
				}
			})
		}
	}
}

// BenchmarkRasterRatio reports raster bytes sent against the naive full
// bitmap (every row, full width) for the raster profiles.
func BenchmarkRasterRatio(b *testing.B) {
	for _, name := range []string{"generic-80", "generic-58"} {
		p := mustProfile(b, name)
		for _, k := range kinds("vi") {
			doc := k.doc(p)
			b.Run(k.name+"/"+p.Name, func(b *testing.B) {
				var n, naive int
				for b.Loop() {
					job, err := Encode(doc, p)
					if err != nil {
						b.Fatal(err)
					}
					img, err := Preview(doc, p)
					if err != nil {
						b.Fatal(err)
					}
					n, naive = len(job), img.Bounds().Dy()*p.WidthDots/8
				}
				b.ReportMetric(float64(n), "job-bytes")
				b.ReportMetric(float64(naive), "naive-bytes")
				b.ReportMetric(float64(n)/float64(naive), "ratio")
			})
		}
	}
}

func itoa(n int) string {
	s := ""
	for n > 0 {
		s = string(rune('0'+n%10)) + s
		n /= 10
	}
	return s
}
