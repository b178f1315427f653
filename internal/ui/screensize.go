package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// FillScreen sizes the window to the primary monitor's current mode. Under a
// kiosk compositor such as cage, SetFullScreen alone leaves the window at its
// first size (seen with cage 0.1.4, both the X11 and the Wayland build), so
// the kiosk asks GLFW for the output's size and resizes itself to it. It must
// run on the UI (main) goroutine, as every GLFW call.
func FillScreen(w fyne.Window, log *slog.Logger) {
	m := glfw.GetPrimaryMonitor()
	if m == nil {
		log.Warn("no monitor reported; window size left as it is")
		return
	}
	mode := m.GetVideoMode()
	if mode == nil {
		return
	}
	size, ok := fillSize(mode.Width, mode.Height, w.Canvas().Scale())
	if ok && w.Canvas().Size() != size {
		log.Info("filling the screen", "width_px", mode.Width, "height_px", mode.Height)
		w.Resize(size)
	}
}

// fillSize is the window size, in Fyne's device-independent units, that
// covers a monitor of widthPx by heightPx pixels at the canvas scale; false
// when the monitor reports no usable mode.
func fillSize(widthPx, heightPx int, scale float32) (fyne.Size, bool) {
	if widthPx <= 0 || heightPx <= 0 {
		return fyne.Size{}, false
	}
	if scale <= 0 {
		scale = 1
	}
	return fyne.NewSize(float32(widthPx)/scale, float32(heightPx)/scale), true
}
