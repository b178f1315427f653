package ui

import (
	"bytes"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kiosk/assets"
)

// Setting an app theme makes Fyne 2.7.1 drop its text textures outside the GL
// context, which leaks them in the driver; the kiosk sets its theme once and
// changes the look in place.
func TestNoUIActionReplacesTheAppTheme(t *testing.T) {
	for _, tc := range []struct {
		name string
		act  func(h *harness)
	}{
		{"switching the language", func(h *harness) { h.tap("English") }},
		{"switching the language back", func(h *harness) { h.tap("English"); h.tap("Tiếng Việt") }},
		{"an idle reset", func(h *harness) { h.k.Reset() }},
		{"large text", func(h *harness) { h.tap("Chữ lớn") }},
		{"high contrast", func(h *harness) { h.tap("Tương phản cao") }},
		{"both, then an idle reset", func(h *harness) { h.tap("Chữ lớn"); h.tap("Tương phản cao"); h.k.Reset() }},
	} {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			before := fyne.CurrentApp().Settings().Theme()
			tc.act(h)
			if after := fyne.CurrentApp().Settings().Theme(); after != before {
				t.Errorf("the app theme was replaced (%p -> %p)", before, after)
			}
		})
	}
}

// iconLooks lists the look recorded in the name of every themed icon on screen.
func iconLooks(h *harness) map[string]int {
	looks := map[string]int{}
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if img, ok := o.(*canvas.Image); ok && img.Visible() {
			if r, ok := img.Resource.(*lookResource); ok {
				looks[strings.SplitN(r.Name(), "/", 2)[0]]++
			}
		}
	}
	return looks
}

func TestLookTogglesTakeEffectInPlace(t *testing.T) {
	h := newHarness(t)
	th := theme.Current()
	text := th.Size(theme.SizeNameText)
	bg := th.Color(theme.ColorNameBackground, theme.VariantLight)
	if l := iconLooks(h); l["normal"] == 0 || l["contrast"] != 0 {
		t.Fatalf("start screen icons = %v, want all in the normal look", l)
	}

	h.tap("Chữ lớn")
	if got := th.Size(theme.SizeNameText); got <= text {
		t.Errorf("large text: text size %v, want more than %v", got, text)
	}
	h.tap("Tương phản cao")
	if got := th.Color(theme.ColorNameBackground, theme.VariantLight); got == bg {
		t.Errorf("high contrast: background still %v", got)
	}
	// Fyne caches rasterised icons by resource name: the new look must give
	// them new names or they keep the old colours.
	if l := iconLooks(h); l["contrast"] == 0 || l["normal"] != 0 {
		t.Errorf("icons after the contrast toggle = %v, want all in the contrast look", l)
	}

	h.k.Reset()
	if got := th.Size(theme.SizeNameText); got != text {
		t.Errorf("after the idle reset the text size is %v, want %v", got, text)
	}
	if got := th.Color(theme.ColorNameBackground, theme.VariantLight); got != bg {
		t.Errorf("after the idle reset the background is %v, want %v", got, bg)
	}
	if l := iconLooks(h); l["normal"] == 0 || l["contrast"] != 0 {
		t.Errorf("icons after the idle reset = %v, want all in the normal look", l)
	}
}

// The screens draw with Fyne's built-in Noto Sans resources (one parse per
// style instead of two) and the receipts with the copies in assets: they must
// be the same font, or a Fyne upgrade that changes its default font would
// change the screens' Vietnamese lettering without anyone deciding it.
func TestTheScreensFontIsTheReceiptsFont(t *testing.T) {
	th := &kioskTheme{}
	if !bytes.Equal(th.Font(fyne.TextStyle{}).Content(), assets.NotoSansRegular) {
		t.Error("the regular screen font is not assets.NotoSansRegular")
	}
	if !bytes.Equal(th.Font(fyne.TextStyle{Bold: true}).Content(), assets.NotoSansBold) {
		t.Error("the bold screen font is not assets.NotoSansBold")
	}
	if th.Font(fyne.TextStyle{}) != theme.DefaultTextFont() || th.Font(fyne.TextStyle{Bold: true}) != theme.DefaultTextBoldFont() {
		t.Error("the screen fonts are not Fyne's own resources: Fyne would parse each twice")
	}
}
