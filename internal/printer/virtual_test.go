package printer

import (
	"bytes"
	"context"
	"errors"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/internal/escpos"
)

func TestVirtualPrinter(t *testing.T) {
	job := escpos.NewBuilder().Init().Line("Xin chào").FeedLines(3).Bytes()
	tests := []struct {
		name    string
		paper   string
		online  bool
		wantErr error
		saved   bool
	}{
		{"a job is saved as PNG and raw bytes", PaperOK, true, nil, true},
		{"with paper low the job is saved and a warning returned", PaperLow, true, ErrPaperLow, true},
		{"with paper out the job is refused and nothing saved", PaperOut, true, ErrPaperOut, false},
		{"switched off the job is refused as offline", PaperOK, false, ErrOffline, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			dir := t.TempDir()
			v := NewVirtual(dir, 384)
			v.Now = func() time.Time { return time.Date(2026, 11, 22, 9, 30, 0, 0, time.UTC) }
			v.SetPaper(tt.paper)
			v.SetOnline(tt.online)
			err := v.Print(context.Background(), job)
			if tt.wantErr == nil && err != nil || tt.wantErr != nil && !errors.Is(err, tt.wantErr) {
				t.Fatalf("Print error = %v, want %v", err, tt.wantErr)
			}
			files, _ := filepath.Glob(filepath.Join(dir, "*"))
			if !tt.saved {
				if len(files) != 0 || v.LastPath() != "" {
					t.Fatalf("refused job left files %v", files)
				}
				return
			}
			p := v.LastPath()
			if want := filepath.Join(dir, "receipt-20261122-093000-1.png"); p != want {
				t.Errorf("LastPath() = %q, want %q", p, want)
			}
			raw, err := os.ReadFile(strings.TrimSuffix(p, ".png") + ".bin")
			if err != nil || !bytes.Equal(raw, job) {
				t.Errorf("saved .bin differs from the job (%v)", err)
			}
			f, err := os.Open(p)
			if err != nil {
				t.Fatal(err)
			}
			defer f.Close()
			img, err := png.Decode(f)
			if err != nil {
				t.Fatal(err)
			}
			if w := img.Bounds().Dx(); w != 384 {
				t.Errorf("PNG is %d dots wide, want 384", w)
			}
			if !hasInk(img) {
				t.Error("PNG of a job with text is blank")
			}
		})
	}
}

func TestVirtualPrinterNumbersJobs(t *testing.T) {
	dir := t.TempDir()
	v := NewVirtual(dir, 576)
	job := escpos.NewBuilder().Init().Line("1").Bytes()
	var paths []string
	for range 3 {
		if err := v.Print(context.Background(), job); err != nil {
			t.Fatal(err)
		}
		paths = append(paths, v.LastPath())
	}
	if paths[0] == paths[1] || paths[1] == paths[2] {
		t.Errorf("jobs overwrote each other: %v", paths)
	}
}

func hasInk(img image.Image) bool {
	b := img.Bounds()
	for y := b.Min.Y; y < b.Max.Y; y++ {
		for x := b.Min.X; x < b.Max.X; x++ {
			if r, _, _, _ := img.At(x, y).RGBA(); r < 0x8000 {
				return true
			}
		}
	}
	return false
}
