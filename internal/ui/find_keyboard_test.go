package ui

import (
	"testing"

	"fyne.io/fyne/v2"
)

// With the keyboard open in portrait only one and a half results fitted
// above it, and the filter chips pushed the list under the keys, where it
// showed through the gaps (issue 19, item 4). The filters fold into a line
// while typing: three results stand whole above the keyboard, and nothing
// of the page reaches under it.
func TestThreeResultsFitAboveThePortraitKeyboard(t *testing.T) {
	for _, c := range []struct {
		lang  string
		large bool
		want  int
	}{
		{"vi", false, 3}, {"en", false, 3},
		// Large text: the marked letters and the tones share one row,
		// which gives a second whole result (one and a half fitted).
		{"vi", true, 2}, {"en", true, 2},
	} {
		lang := c.lang
		h := newHarness(t, func(d *Deps, o *Options) { o.Language = lang })
		h.k.Window().Resize(fyne.NewSize(1080, 1920))
		h.k.deps.Search = realSearcher{realIndexFor(h.t)} // the demo catalogue: many results
		if c.large {
			h.k.applySettings(lang, true, false)
			h.k.render()
			h.settle()
			lang += " large"
		}
		h.tapID("start.find")
		h.typeKeys("khai")
		h.settle()
		s := h.k.cur.(*findScreen)
		if !s.kbShown || s.kb == nil {
			t.Fatal("the keyboard is not open")
		}
		d := fyne.CurrentApp().Driver()
		kbTop := d.AbsolutePositionForObject(s.kb.view()).Y
		viewTop := d.AbsolutePositionForObject(s.list).Y
		viewBottom := viewTop + s.list.Size().Height
		if viewBottom > kbTop+1 {
			t.Errorf("%s: the result list reaches y %.0f, under the keyboard at %.0f", lang, viewBottom, kbTop)
		}
		rows := s.list.Content.(*fyne.Container).Objects
		for len(rows) == 1 { // the result box inside the list's box
			c, ok := rows[0].(*fyne.Container)
			if !ok {
				break
			}
			rows = c.Objects
		}
		whole := 0
		for _, o := range rows {
			y := d.AbsolutePositionForObject(o).Y
			if _, ok := o.(*fyne.Container); ok && y >= viewTop-1 && y+o.Size().Height <= min(viewBottom, kbTop)+1 {
				whole++
			}
		}
		if whole < c.want {
			t.Errorf("%s: %d results stand whole above the keyboard, want %d", lang, whole, c.want)
		}
		if !c.large { // in large text the line wraps, which screenText splits
			h.mustSee(h.k.t("layouts.find.filters", "Filters", h.k.t("level.all")))
		}
	}
}
