package ui

import (
	"fmt"
	"image/color"
	"sort"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/portal"
)

// shapeOf describes how o looks to someone who cannot tell its colours
// apart: its words and their weight, the shapes of its icons and the
// outlines that can be seen (a stroke in another colour than its fill).
// Colours, translucency and fills are left out on purpose: in high contrast
// yellow means too many things (issue 19, item 12), so every state of a
// control must differ from its other states in this description too.
func shapeOf(o fyne.CanvasObject) string {
	var parts []string
	var walkShape func(o fyne.CanvasObject)
	walkShape = func(o fyne.CanvasObject) {
		if o == nil || !o.Visible() {
			return
		}
		switch x := o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(x.Text) != "" {
				parts = append(parts, fmt.Sprintf("text %q bold=%v italic=%v", x.Text, x.TextStyle.Bold, x.TextStyle.Italic))
			}
		case *canvas.Image:
			if x.Resource != nil {
				parts = append(parts, "icon "+iconShape(x.Resource))
			}
		case *canvas.Rectangle:
			if w := visibleOutline(x); w > 0 {
				parts = append(parts, fmt.Sprintf("outline %.0f", w))
			}
		case *fyne.Container:
			for _, c := range x.Objects {
				walkShape(c)
			}
		case fyne.Widget:
			for _, c := range test.WidgetRenderer(x).Objects() {
				walkShape(c)
			}
		}
	}
	walkShape(o)
	return strings.Join(parts, "; ")
}

// visibleOutline is the width of a rectangle's outline that shows: none when
// the stroke has the fill's colour or is transparent.
func visibleOutline(r *canvas.Rectangle) float32 {
	if r.StrokeWidth <= 0 || r.StrokeColor == nil {
		return 0
	}
	sc := color.NRGBAModel.Convert(r.StrokeColor).(color.NRGBA)
	if sc.A == 0 {
		return 0
	}
	if r.FillColor != nil && color.NRGBAModel.Convert(r.FillColor).(color.NRGBA) == sc {
		return 0
	}
	return r.StrokeWidth
}

// iconShape is an icon's name without the colour and look it was drawn in
// ("contrast/foregroundOnPrimary_search.svg" is "search.svg").
func iconShape(r fyne.Resource) string {
	n := r.Name()
	if _, after, ok := strings.Cut(n, "/"); ok {
		n = after
	}
	if before, after, ok := strings.Cut(n, "_"); ok && !strings.Contains(before, ".") {
		n = after
	}
	return n
}

// TestHighContrastStatesDifferByMoreThanColour walks every state a control
// can be in (primary, selected, normal, quiet, danger; pressed; disabled)
// in the high-contrast look and fails when two states of the same control
// differ only by colour: a yellow primary button and a yellow selected
// chip, or a pressed tile that only lightens (issue 19, contrast check).
func TestHighContrastStatesDifferByMoreThanColour(t *testing.T) {
	h := newHarness(t)
	h.k.toggleContrast()
	th := h.k.th
	type state struct {
		name string
		o    fyne.CanvasObject
	}
	styles := []struct {
		name string
		st   tileStyle
	}{{"normal", tileSurface}, {"primary", tilePrimary}, {"selected", tileSelected}, {"quiet", tileQuiet}, {"danger", tileDanger}}
	kinds := []struct {
		name string
		make func(st tileStyle) *tile
	}{
		{"a labelled tile", func(st tileStyle) *tile { return newTile(th, "Tiếp tục", st, nil) }},
		{"a tile with an icon", func(st tileStyle) *tile {
			t := newTile(th, "Tra cứu thủ tục", st, nil)
			t.Icon = theme.SearchIcon()
			return t
		}},
		{"an icon-only key", func(st tileStyle) *tile {
			t := newTile(th, "", st, nil)
			t.Icon = theme.MoveUpIcon()
			t.Center = true
			return t
		}},
	}
	check := func(what string, states []state) {
		t.Helper()
		seen := map[string]string{}
		for _, s := range states {
			test.WidgetRenderer(s.o.(fyne.Widget)).Refresh()
			sh := shapeOf(s.o)
			if other, ok := seen[sh]; ok {
				t.Errorf("%s: %q and %q differ only by colour in high contrast (both: %s)", what, other, s.name, sh)
				continue
			}
			seen[sh] = s.name
		}
	}
	for _, kind := range kinds {
		// The styles a control switches between on one screen.
		for _, pair := range [][2]int{{0, 1}, {0, 2}, {1, 2}, {3, 2}, {1, 4}, {0, 4}} {
			a, b := styles[pair[0]], styles[pair[1]]
			check(kind.name, []state{{a.name, kind.make(a.st)}, {b.name, kind.make(b.st)}})
		}
		for _, s := range styles {
			plain := kind.make(s.st)
			pressed := kind.make(s.st)
			pressed.setPressed(true)
			disabled := kind.make(s.st)
			disabled.Disabled = true
			check(kind.name+" ("+s.name+")", []state{{"idle", plain}, {"pressed", pressed}, {"disabled", disabled}})
		}
	}

	t.Run("the keyboard's Shift shows when it is on", func(t *testing.T) {
		kb := &keyboard{k: h.k.env, keys: map[string]*tile{}}
		off := kb.shiftKey()
		kb.shift = true
		on := kb.shiftKey()
		check("Shift", []state{{"off", off}, {"on", on}})
	})

	t.Run("the start screen's toggles show which are on", func(t *testing.T) {
		// The contrast toggle is on now; it was off in the normal look.
		on := h.tiles(h.k.t("start.contrast"))
		h.k.toggleLarge()
		large := h.tiles(h.k.t("start.large"))
		h.k.toggleLarge()
		off := h.tiles(h.k.t("start.large"))
		if len(on) != 1 || len(large) != 1 || len(off) != 1 {
			t.Fatalf("toggles not found: %d %d %d", len(on), len(large), len(off))
		}
		check("contrast toggle vs large-text toggle off", []state{{"contrast on", on[0]}, {"large off", retitled(off[0], on[0])}})
		check("large-text toggle", []state{{"on", large[0]}, {"off", retitled(off[0], large[0])}})
	})
}

// retitled is a copy of t's look with the title and icon of like, so that
// two toggles are compared by their state only.
func retitled(t, like *tile) *tile {
	c := newTile(t.th, like.Title, t.Style, nil)
	c.Icon, c.Wrap, c.TitleSize = like.Icon, like.Wrap, like.TitleSize
	return c
}

// Two dossier statuses of different colours in the normal look must not
// be told apart by colour alone in high contrast: overdue, waiting for the
// citizen, refused, withdrawn, done and in progress each have their own icon.
func TestHighContrastDossierStatusesHaveTheirOwnIcon(t *testing.T) {
	h := newHarness(t)
	h.k.toggleContrast()
	type look struct {
		what   string
		normal color.NRGBA
		icon   string
	}
	var looks []look
	statuses := []int{portal.StatusNew, portal.StatusAccepted, portal.StatusRejected, portal.StatusProcessing,
		portal.StatusNeedsDocuments, portal.StatusNeedsPayment, portal.StatusWithdrawn, portal.StatusStopped,
		portal.StatusDone, portal.StatusReturned}
	for _, st := range statuses {
		for _, overdue := range []bool{false, true} {
			_, ic := statusLook(h.k.env, st, overdue)
			h.k.th.contrast = false
			c, _ := statusLook(h.k.env, st, overdue)
			h.k.th.contrast = true
			looks = append(looks, look{fmt.Sprintf("status %d overdue=%v", st, overdue), c, iconShape(ic)})
		}
	}
	sort.Slice(looks, func(i, j int) bool { return looks[i].what < looks[j].what })
	for i, a := range looks {
		for _, b := range looks[i+1:] {
			if a.normal != b.normal && a.icon == b.icon {
				t.Errorf("%s and %s have different colours but the same icon %s", a.what, b.what, a.icon)
			}
		}
	}
}
