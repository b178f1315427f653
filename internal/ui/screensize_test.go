package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

func TestTheWindowFillsTheMonitorAtAnyScale(t *testing.T) {
	tests := []struct {
		name   string
		w, h   int
		scale  float32
		want   fyne.Size
		wantOK bool
	}{
		{"a portrait full-HD panel at scale 1", 1080, 1920, 1, fyne.NewSize(1080, 1920), true},
		{"a scale of 2 halves the units", 1080, 1920, 2, fyne.NewSize(540, 960), true},
		{"an unknown scale counts as 1", 1920, 1080, 0, fyne.NewSize(1920, 1080), true},
		{"a monitor without a mode leaves the window alone", 0, 0, 1, fyne.Size{}, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got, ok := fillSize(tt.w, tt.h, tt.scale)
			if got != tt.want || ok != tt.wantOK {
				t.Errorf("fillSize(%d, %d, %v) = %v, %v; want %v, %v", tt.w, tt.h, tt.scale, got, ok, tt.want, tt.wantOK)
			}
		})
	}
}
