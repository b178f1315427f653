package escpos

import (
	"bytes"
	"errors"
	"image/png"
	"math/rand/v2"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
)

// zbar decodes every symbol in a PNG with zbarimg, or skips the test when
// zbar-tools is not installed (make deps installs it).
func zbar(t *testing.T, m *Bitmap) []string {
	t.Helper()
	bin, err := exec.LookPath("zbarimg")
	if err != nil {
		t.Skip("zbarimg not installed (apt install zbar-tools); skipping the scan check")
	}
	path := filepath.Join(t.TempDir(), "r.png")
	var buf bytes.Buffer
	if err := png.Encode(&buf, m.Image()); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
		t.Fatal(err)
	}
	out, err := exec.Command(bin, "--raw", "-q", path).Output()
	if err != nil {
		t.Fatalf("zbarimg found nothing: %v", err)
	}
	return strings.Split(strings.TrimSpace(string(out)), "\n")
}

func TestRenderedQRAndBarcodeScanBackToTheirData(t *testing.T) {
	const url = "https://dichvucong.example.gov.vn/tra-cuu?ma=000.00.53.H48-220921-0099"
	const code = "000.00.53.H48-220921-0099"
	b := NewBuilder().Init().Align(AlignCenter).FeedDots(30).QR(url, 5, QRLevelM).FeedDots(30).
		Code128(code, 80, 1, HRIBelow).FeedDots(30)
	m, err := RenderBitmap(b.Bytes(), 576)
	if err != nil {
		t.Fatal(err)
	}
	got := zbar(t, m)
	want := map[string]bool{url: true, code: true}
	for _, g := range got {
		delete(want, g)
	}
	if len(want) != 0 {
		t.Errorf("zbarimg read %q; missing %v", got, want)
	}
}

func TestRasterImagesComeBackDotForDot(t *testing.T) {
	r := rand.New(rand.NewPCG(1, 2))
	m := NewBitmap(576, 700)
	// Ink blocks separated by white gaps of various lengths, including
	// gaps longer than one ESC J can feed.
	for _, blk := range [][2]int{{0, 10}, {12, 40}, {100, 101}, {400, 650}} {
		for y := blk[0]; y < blk[1]; y++ {
			for i := 0; i < 20; i++ {
				m.Set(r.IntN(300), y)
			}
		}
	}
	b := NewBuilder().Init().Bitmap(m, 64)
	got, err := RenderBitmap(b.Bytes(), 576)
	if err != nil {
		t.Fatal(err)
	}
	if got.H != m.H {
		t.Fatalf("rendered %d rows, want %d", got.H, m.H)
	}
	if !bytes.Equal(got.Pix, m.Pix) {
		t.Fatal("rendered dots differ from the image sent")
	}
	t.Run("white rows and margins are not sent", func(t *testing.T) {
		naive := m.Stride * m.H
		if b.Len() > naive/2 {
			t.Errorf("sent %d bytes, naive bitmap is %d", b.Len(), naive)
		}
	})
	t.Run("no band is taller than the limit", func(t *testing.T) {
		ops, _ := Decode(b.Bytes())
		for _, op := range ops {
			if op.Cmd == OpRaster && op.H > 64 {
				t.Errorf("band of %d rows", op.H)
			}
		}
	})
}

func TestRenderDrawsText(t *testing.T) {
	ink := func(m *Bitmap, x0, x1 int) int {
		n := 0
		for y := 0; y < m.H; y++ {
			for x := x0; x < x1; x++ {
				if m.At(x, y) {
					n++
				}
			}
		}
		return n
	}
	tests := []struct {
		name       string
		build      func(*Builder)
		inkedLeft  bool
		inkedRight bool
		height     int
	}{
		{"left-aligned text stays on the left", func(b *Builder) { b.Line("ĐƯỢC") }, true, false, LineSpacing},
		{"right-aligned text goes to the right", func(b *Builder) { b.Align(AlignRight).Line("ĐƯỢC") }, false, true, LineSpacing},
		{"a double-height line is taller", func(b *Builder) { b.Size(2, 2).Line("A") }, true, false, 2*CellH + 6},
		{"a line longer than the paper wraps", func(b *Builder) { b.Line(strings.Repeat("x", 60)) }, true, true, 2 * LineSpacing},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			b := NewBuilder().Init().CodePage(CP1258)
			tt.build(b)
			m, err := RenderBitmap(b.Bytes(), 576)
			if err != nil {
				t.Fatal(err)
			}
			if got := ink(m, 0, 100) > 0; got != tt.inkedLeft {
				t.Errorf("ink on the left = %v", got)
			}
			if got := ink(m, 476, 576) > 0; got != tt.inkedRight {
				t.Errorf("ink on the right = %v", got)
			}
			if m.H != tt.height {
				t.Errorf("height %d, want %d", m.H, tt.height)
			}
		})
	}
	t.Run("bold text has more ink", func(t *testing.T) {
		reg, _ := RenderBitmap(NewBuilder().Line("Hồ sơ").Bytes(), 384)
		bold, _ := RenderBitmap(NewBuilder().Emphasis(true).Line("Hồ sơ").Bytes(), 384)
		if ink(bold, 0, 384) <= ink(reg, 0, 384) {
			t.Error("bold is not darker than regular")
		}
	})
	t.Run("the same letters in TCVN-3 and CP1258 print the same dots", func(t *testing.T) {
		s := "Ủy ban nhân dân XÃ ĐỨC HÒA"
		a, _ := RenderBitmap(NewBuilder().CodePage(CP1258).Line(s).Bytes(), 576)
		c, _ := RenderBitmap(NewBuilder().CodePage(TCVN3).Line(s).Bytes(), 576)
		if !bytes.Equal(a.Pix, c.Pix) {
			t.Error("TCVN-3 and CP1258 renderings differ")
		}
	})
}

func TestRenderRefusesEndlessPaperAndBadWidths(t *testing.T) {
	feeds := bytes.Repeat([]byte{ESC, 'J', 255}, 1000)
	if _, err := Render(feeds, 576); !errors.Is(err, ErrTooLong) {
		t.Errorf("255 000 dots of feed: %v, want ErrTooLong", err)
	}
	if _, err := Render(nil, 0); !errors.Is(err, ErrBadParameter) {
		t.Errorf("zero width: %v", err)
	}
	if _, err := Render([]byte{ESC}, 576); !errors.Is(err, ErrTruncated) {
		t.Errorf("truncated stream: %v", err)
	}
}

func FuzzRender(f *testing.F) {
	f.Add(NewBuilder().Init().CodePage(TCVN3).Size(2, 2).Line("Số A-042").QR("x", 4, QRLevelM).Code128("AB", 40, 2, HRIBoth).Cut(CutFull, 10).Bytes())
	f.Add([]byte{GS, 'v', '0', 3, 2, 0, 2, 0, 0xFF, 0x81, 0x81, 0xFF})
	f.Add([]byte{GS, 'k', 73, 4, '{', 'C', 12, 99})
	f.Fuzz(func(t *testing.T, b []byte) {
		if len(b) > 4096 {
			return
		}
		m, err := RenderBitmap(b, 384, MaxHeight(4000))
		if err == nil && (m.W != 384 || m.H > 4000) {
			t.Fatalf("image %dx%d", m.W, m.H)
		}
	})
}

func TestConcurrentRendersDrawTheSameDots(t *testing.T) {
	job := benchJob()
	want, err := RenderBitmap(job, 576)
	if err != nil {
		t.Fatal(err)
	}
	errs := make(chan error, 4)
	for range 4 {
		go func() {
			got, err := RenderBitmap(job, 576)
			if err == nil && !bytes.Equal(got.Pix, want.Pix) {
				err = errors.New("a concurrent render drew different dots")
			}
			errs <- err
		}()
	}
	for range 4 {
		if err := <-errs; err != nil {
			t.Error(err)
		}
	}
}
