package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// Setting an app theme makes Fyne 2.7.1 drop its text textures outside the GL
// context, which leaks them in the driver; the kiosk must only do it when the
// look really changes.
func TestOnlyALookChangeReplacesTheAppTheme(t *testing.T) {
	for _, tc := range []struct {
		name      string
		act       func(h *harness)
		wantNewTh bool
	}{
		{"switching the language keeps the theme", func(h *harness) { h.tap("English") }, false},
		{"switching the language back keeps the theme", func(h *harness) { h.tap("English"); h.tap("Tiếng Việt") }, false},
		{"an idle reset of an unchanged kiosk keeps the theme", func(h *harness) { h.k.Reset() }, false},
		{"large text sets a new theme", func(h *harness) { h.tap("Chữ lớn") }, true},
		{"high contrast sets a new theme", func(h *harness) { h.tap("Tương phản cao") }, true},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			before := fyne.CurrentApp().Settings().Theme()
			tc.act(h)
			after := fyne.CurrentApp().Settings().Theme()
			if got := after != before; got != tc.wantNewTh {
				t.Errorf("theme replaced = %v, want %v", got, tc.wantNewTh)
			}
		})
	}
}

func TestAnIdleResetAfterLargeTextBringsBackTheNormalLook(t *testing.T) {
	h := newHarness(t)
	h.tap("Chữ lớn")
	if !h.k.th.large {
		t.Fatal("large text did not take effect")
	}
	h.k.Reset()
	th, ok := fyne.CurrentApp().Settings().Theme().(*kioskTheme)
	if !ok || th.large || th.contrast {
		t.Errorf("after the reset the app theme is %#v, want the normal kiosk theme", fyne.CurrentApp().Settings().Theme())
	}
}
