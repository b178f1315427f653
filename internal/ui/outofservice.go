package ui

import (
	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// OutOfService shows a calm full-screen notice in both languages when the
// kiosk cannot start (a config with mistakes, an unusable cache), with the
// technical detail — e.g. "kiosk.toml:12: printer.baud: ..." — small at the
// bottom for staff. It runs the app until it is closed or killed, so systemd
// does not restart a kiosk in a loop while a citizen watches.
func OutOfService(a fyne.App, detail string) {
	OutOfServiceWindow(a, detail).Show()
	a.Run()
}

// OutOfServiceWindow builds the out-of-service window without running the app
// (tests, previews).
func OutOfServiceWindow(a fyne.App, detail string) fyne.Window {
	th := &kioskTheme{}
	a.Settings().SetTheme(th)
	w := a.NewWindow("Kiosk")
	w.SetPadded(false)
	w.SetCloseIntercept(func() {})
	vi, errVI := newTranslator("vi")
	en, errEN := newTranslator("en")
	say := func(t *translator, err error, id, fallback string) string {
		if err != nil {
			return fallback
		}
		return t.T(id)
	}
	p := th.pal()
	box := container.NewVBox(
		layout.NewSpacer(),
		richText(say(vi, errVI, "oos.title", "Kiosk tạm ngừng phục vụ"), sizeNameTitle, "primary", true, fyne.TextAlignCenter),
		richText(say(vi, errVI, "oos.body", ""), sizeNameHeading, "foreground", false, fyne.TextAlignCenter),
		richText(say(en, errEN, "oos.title", "This kiosk is out of service"), sizeNameHeading, "primary", true, fyne.TextAlignCenter),
		richText(say(en, errEN, "oos.body", ""), "", "foreground", false, fyne.TextAlignCenter),
		layout.NewSpacer(),
		richText(say(vi, errVI, "oos.staff", "")+" / "+say(en, errEN, "oos.staff", ""), sizeNameSmall, colorMuted, true, fyne.TextAlignLeading),
	)
	d := widget.NewLabel(detail)
	d.Wrapping = fyne.TextWrapWord
	d.TextStyle = fyne.TextStyle{Monospace: true}
	box.Add(d)
	w.SetContent(container.NewStack(canvas.NewRectangle(p.bg), container.New(layout.NewCustomPaddedLayout(60, 40, 60, 60), box)))
	w.SetFullScreen(true)
	return w
}
