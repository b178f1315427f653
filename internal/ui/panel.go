package ui

// minTapMM is the smallest tap target a citizen's finger hits reliably
// (ISO 9241-9 and the usual kiosk guidance: 15 mm and more).
const minTapMM = 15

// defaultPanelLongSideMM is the long side of a 21.5-inch 16:9 panel, the
// commonest lobby kiosk (1920×1080 at about 102 dpi).
const defaultPanelLongSideMM = 476

// minTapPx is minTapMM in window pixels on this kiosk's panel: the panel's
// long side in millimetres (Options.PanelLongSideMM, from config) over the
// window's long side in pixels.
func (k *Kiosk) minTapPx() float32 {
	mm := k.opt.PanelLongSideMM
	if mm <= 0 {
		mm = defaultPanelLongSideMM
	}
	s := k.win.Canvas().Size()
	long := max(s.Width, s.Height)
	if long <= 0 {
		long = 1920
	}
	return minTapMM * long / float32(mm)
}
