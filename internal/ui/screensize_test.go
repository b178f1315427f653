package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestTheWindowTakesItsShapeAndSizeFromTheOutput(t *testing.T) {
	tests := []struct {
		name        string
		orientation string
		fill        bool
		w, h        int
		scale       float32
		want        fyne.Size
		wantOK      bool
	}{
		// fullscreen (the packaged config, cage): the output, whatever the orientation says
		{"fill: a portrait full-HD panel at scale 1", "auto", true, 1080, 1920, 1, fyne.NewSize(1080, 1920), true},
		{"fill: cage's landscape headless output at FYNE_SCALE 0.7", "landscape", true, 1280, 720, 0.7, fyne.NewSize(1280/float32(0.7), 720/float32(0.7)), true},
		{"fill: a forced portrait on a landscape output still covers it", "portrait", true, 1920, 1080, 1, fyne.NewSize(1920, 1080), true},
		{"fill: a scale of 2 halves the units", "auto", true, 1080, 1920, 2, fyne.NewSize(540, 960), true},
		{"fill: an unknown scale counts as 1", "auto", true, 1920, 1080, 0, fyne.NewSize(1920, 1080), true},
		{"fill: a monitor without a mode leaves the window alone", "auto", true, 0, 0, 1, fyne.Size{}, false},
		// a window (demo.toml): auto takes the output's shape
		{"window: auto on a landscape screen is landscape", "auto", false, 1920, 1080, 1, fyne.NewSize(1920, 1080), true},
		{"window: auto on a portrait screen is portrait", "auto", false, 1080, 1920, 1, fyne.NewSize(1080, 1920), true},
		{"window: auto on a square screen is portrait", "auto", false, 1200, 1200, 1, fyne.NewSize(675, 1200), true},
		{"window: auto without a known output is portrait", "auto", false, 0, 0, 1, fyne.NewSize(1080, 1920), true},
		{"window: a forced landscape without a known output", "landscape", false, 0, 0, 1, fyne.NewSize(1920, 1080), true},
		{"window: shrunk with its proportions to a small landscape screen", "auto", false, 1366, 768, 1, fyne.NewSize(1365.3334, 768), true},
		{"window: a forced portrait on a landscape screen fits its height", "portrait", false, 1920, 1080, 1, fyne.NewSize(607.5, 1080), true},
		{"window: a forced landscape on a portrait screen fits its width", "landscape", false, 1080, 1920, 1, fyne.NewSize(1080, 607.5), true},
		{"window: a larger screen keeps the panel size", "auto", false, 3840, 2160, 1, fyne.NewSize(1920, 1080), true},
		{"window: the scale counts", "auto", false, 1920, 1080, 2, fyne.NewSize(960, 540), true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := windowSize(tt.orientation, tt.fill, tt.w, tt.h, tt.scale)
			if !near(got, tt.want) || ok != tt.wantOK {
				t.Errorf("windowSize(%q, %v, %d, %d, %v) = %v, %v; want %v, %v", tt.orientation, tt.fill, tt.w, tt.h, tt.scale, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}

// near compares sizes to a hundredth of a unit (float32 arithmetic).
func near(a, b fyne.Size) bool {
	d := func(x, y float32) bool { return x-y < 0.01 && y-x < 0.01 }
	return d(a.Width, b.Width) && d(a.Height, b.Height)
}
