package ui

import (
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// The level chips on the find screen wrapped to three lines in large text
// (issue 19): each must keep its words on one line in every look.
func TestLevelChipsKeepTheirWordsOnOneLine(t *testing.T) {
	for _, lc := range lookCases() {
		lc := lc
		t.Run(lc.String(), func(t *testing.T) {
			h := newHarness(t, func(d *Deps, o *Options) { o.Language = lc.lang })
			h.k.Window().Resize(lc.size)
			h.k.applySettings(lc.lang, lc.large, lc.contrast)
			h.k.render()
			h.settle()
			h.tapID("start.find")
			h.tapID("kb.hide") // in large text the open keyboard folds the chips away
			h.settle()
			for _, id := range []string{"level.all", "level.full", "level.partial", "level.info"} {
				ts := h.tiles(h.k.t(id))
				if len(ts) != 1 {
					t.Fatalf("%d chips %q", len(ts), h.k.t(id))
				}
				ys := map[float32]bool{}
				var objs []placed
				win := rectOf(fyne.NewPos(0, 0), h.k.Window().Canvas().Size())
				walk(ts[0], fyne.NewPos(0, 0), win, false, nil, &objs)
				for _, p := range objs {
					if tx, ok := p.o.(*canvas.Text); ok && tx.Text != "" {
						ys[p.pos.Y] = true
					}
				}
				if len(ys) != 1 {
					t.Errorf("chip %q is drawn on %d lines", h.k.t(id), len(ys))
				}
			}
		})
	}
}
