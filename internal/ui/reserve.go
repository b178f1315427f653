package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// reserveLayout keeps room for the tallest message a slot may show, so that
// nothing below it moves when a message comes or goes: a wrong-PIN message
// pushed the PIN pad down under the next finger (issue 19, item 6). The
// ghosts are the messages the slot may show; they are measured at the slot's
// width, never drawn.
type reserveLayout struct {
	ghosts []fyne.CanvasObject
	width  float32 // of the last layout
}

// reserved shows shown (nil: nothing) in a slot as tall as the tallest ghost.
func reserved(shown fyne.CanvasObject, ghosts ...fyne.CanvasObject) *fyne.Container {
	if shown == nil {
		shown = layout.NewSpacer()
	}
	return container.New(&reserveLayout{ghosts: ghosts}, shown)
}

func (l *reserveLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	l.width = size.Width
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(fyne.NewSize(size.Width, o.MinSize().Height))
	}
}

func (l *reserveLayout) MinSize(objs []fyne.CanvasObject) fyne.Size {
	var s fyne.Size
	for _, o := range objs {
		s = s.Max(o.MinSize())
	}
	w := l.width
	if w <= 0 {
		w = s.Width
	}
	for _, g := range l.ghosts {
		// A wrapped text is as tall as its width makes it: measure at the
		// width the slot has (the first pass, before any layout, guesses).
		g.Resize(fyne.NewSize(w, g.MinSize().Height))
		gs := g.MinSize()
		s.Height = max(s.Height, gs.Height)
		s.Width = max(s.Width, min(gs.Width, w))
	}
	return s
}
