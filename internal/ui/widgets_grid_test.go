package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

func TestAdaptiveGridAsksForEveryRowItLaysOut(t *testing.T) {
	var objs []fyne.CanvasObject
	for i := 0; i < 6; i++ {
		r := canvas.NewRectangle(nil)
		r.SetMinSize(fyne.NewSize(100, 80))
		objs = append(objs, r)
	}
	c := newAdaptiveGrid(200, 6, objs...)
	c.Resize(fyne.NewSize(1000, 400)) // 4 columns of 238: two rows
	c.Layout.Layout(objs, c.Size())
	if got, want := c.MinSize().Height, float32(80+gridGap+80); got != want {
		t.Errorf("min height %v, want %v for two rows", got, want)
	}
	if last := objs[5].Position(); last.Y < 80 {
		t.Errorf("sixth item at %v, want it on the second row", last)
	}
}
