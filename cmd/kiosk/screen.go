package main

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// fillScreen sizes the window to the primary monitor's current mode. Under a
// kiosk compositor such as cage, SetFullScreen alone leaves the window at its
// first size (seen with cage 0.1.4, both the X11 and the Wayland build), so
// the kiosk asks GLFW for the output's size and resizes itself to it. It must
// run on the UI (main) goroutine, as every GLFW call.
func fillScreen(w fyne.Window, log *slog.Logger) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		log.Warn("no monitor reported; window size left as it is")
		return
	}
	mode := m.GetVideoMode()
	if mode == nil || mode.Width <= 0 || mode.Height <= 0 {
		return
	}
	scale := w.Canvas().Scale()
	if scale <= 0 {
		scale = 1
	}
	size := fyne.NewSize(float32(mode.Width)/scale, float32(mode.Height)/scale)
	if w.Canvas().Size() != size {
		log.Info("filling the screen", "width_px", mode.Width, "height_px", mode.Height)
		w.Resize(size)
	}
}
