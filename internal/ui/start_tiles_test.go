package ui

import (
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// In landscape the start screen's four actions stand two by two; a subtitle
// that wraps onto a second line pushed its tile's title up out of line with
// its neighbour's (issue 19, item 14). Tiles side by side keep their titles
// level, in every look.
func TestStartTilesSideBySideHaveLevelTitles(t *testing.T) {
	for _, lc := range lookCases() {
		lc := lc
		t.Run(lc.String(), func(t *testing.T) {
			h := newHarness(t, func(d *Deps, o *Options) { o.Language = lc.lang })
			h.k.Window().Resize(lc.size)
			h.k.applySettings(lc.lang, lc.large, lc.contrast)
			h.k.render()
			h.settle()
			var objs []placed
			c := h.k.Window().Canvas()
			walk(c.Content(), fyne.NewPos(0, 0), rectOf(fyne.NewPos(0, 0), c.Size()), false, nil, &objs)
			type tileAt struct {
				name   string
				top, y float32
			}
			var tiles []tileAt
			for _, id := range []string{"start.find", "start.check", "start.ticket", "start.rate"} {
				title := h.k.t(id)
				var tl *placed
				for i := range objs {
					if tt, ok := objs[i].o.(*tile); ok && tt.Title == title {
						tl = &objs[i]
					}
				}
				if tl == nil {
					t.Fatalf("no tile %q", title)
				}
				var sub []placed
				walk(tl.o, tl.pos.Subtract(tl.o.Position()), tl.clip, false, nil, &sub)
				y := float32(-1)
				for _, p := range sub {
					if tx, ok := p.o.(*canvas.Text); ok && tx.Text != "" && strings.HasPrefix(title, strings.TrimSpace(tx.Text)) {
						y = p.pos.Y
						break
					}
				}
				if y < 0 {
					t.Fatalf("tile %q draws no title", title)
				}
				tiles = append(tiles, tileAt{title, tl.pos.Y, y})
			}
			for i := range tiles {
				for j := i + 1; j < len(tiles); j++ {
					a, b := tiles[i], tiles[j]
					if a.top != b.top {
						continue // not in the same row
					}
					if d := a.y - b.y; d > 1 || d < -1 {
						t.Errorf("%q's title is at y %.0f, its neighbour %q's at %.0f", a.name, a.y, b.name, b.y)
					}
				}
			}
		})
	}
}
