package ui

import (
	"log/slog"

	"fyne.io/fyne/v2"
	"github.com/go-gl/glfw/v3.3/glfw"
)

// The panels the kiosk is laid out for, in Fyne units at scale 1.
var (
	portraitPanel  = fyne.NewSize(1080, 1920)
	landscapePanel = fyne.NewSize(1920, 1080)
)

// SizeToOutput sizes the window from the primary monitor (the cage output
// under the kiosk compositor): with fill it covers the output, otherwise it
// is a panel-sized window in the configured orientation ("auto" takes the
// output's), shrunk to fit the output. Under a kiosk compositor such as cage,
// SetFullScreen alone leaves the window at its first size (seen with cage
// 0.1.4, both the X11 and the Wayland build), so the kiosk asks GLFW for the
// output's size and resizes itself to it. It must run on the UI (main)
// goroutine, as every GLFW call, after the window was created (ui.New): the
// kiosk calls it before showing the window, so a landscape screen never
// shows a portrait window first, and again once shown, when the canvas knows
// its real scale.
func SizeToOutput(w fyne.Window, orientation string, fill bool, log *slog.Logger) {
	var wPx, hPx int
	if m := glfw.GetPrimaryMonitor(); m != nil {
		if mode := m.GetVideoMode(); mode != nil {
			wPx, hPx = mode.Width, mode.Height
		}
	} else {
		log.Warn("no monitor reported; window sized for the configured orientation")
	}
	size, ok := windowSize(orientation, fill, wPx, hPx, w.Canvas().Scale())
	if ok && w.Canvas().Size() != size {
		log.Info("sizing the window to the output", "width_px", wPx, "height_px", hPx, "fill", fill,
			"orientation", orientation, "width", size.Width, "height", size.Height)
		w.Resize(size)
	}
}

// windowSize decides the window's size, in Fyne's device-independent units,
// from the config (orientation "auto", "portrait" or "landscape"; fill for
// fullscreen) and the output of widthPx by heightPx pixels (0 when unknown)
// at the canvas scale. With fill the window covers the output whatever the
// orientation says (the layout follows the window's shape). Otherwise the
// window is the panel the orientation names, "auto" taking the output's
// shape (portrait when the output is unknown), shrunk with its proportions
// to fit the output. false: fill was asked and no output is known, so the
// window is left as it is.
func windowSize(orientation string, fill bool, widthPx, heightPx int, scale float32) (fyne.Size, bool) {
	if scale <= 0 {
		scale = 1
	}
	known := widthPx > 0 && heightPx > 0
	out := fyne.NewSize(float32(widthPx)/scale, float32(heightPx)/scale)
	if fill {
		return out, known
	}
	panel := portraitPanel
	switch orientation {
	case "landscape":
		panel = landscapePanel
	case "portrait":
	default: // "auto"
		if known && widthPx > heightPx {
			panel = landscapePanel
		}
	}
	if !known {
		return panel, true
	}
	shrink := min(1, out.Width/panel.Width, out.Height/panel.Height)
	return fyne.NewSize(panel.Width*shrink, panel.Height*shrink), true
}
