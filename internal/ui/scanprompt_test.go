package ui

import (
	"image/color"
	"sort"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
)

// The scan prompt fills its screen with what helps: in portrait it had about
// 750 px of nothing between the small QR picture and the "type the code"
// button (issue 19, item 14). No band across the window may be empty for
// more than emptyBandMax, in any look.
func TestTheScanPromptLeavesNoEmptyBand(t *testing.T) {
	const emptyBandMax = 160
	for _, lc := range lookCases() {
		lc := lc
		t.Run(lc.String(), func(t *testing.T) {
			h := newHarness(t, func(d *Deps, o *Options) { o.Language = lc.lang })
			h.k.Window().Resize(lc.size)
			h.k.applySettings(lc.lang, lc.large, lc.contrast)
			h.k.render()
			h.settle()
			h.tapID("start.check")
			h.settle()
			if y0, y1 := largestEmptyBand(h.k); y1-y0 > emptyBandMax {
				t.Errorf("nothing is drawn from y %.0f to %.0f (%.0f px)", y0, y1, y1-y0)
			}
			h.mustSee(h.k.t("layouts.scan.step2"))
		})
	}
}

// The scan line sweeps a few times and rests: a line moving for as long as
// the screen is open repainted the window without end (83 % of a core).
func TestTheScanLineRests(t *testing.T) {
	h := newHarness(t)
	h.tapID("start.check")
	s := h.k.cur.(*dossierScreen)
	if s.anim == nil {
		t.Fatal("the scan prompt has no scan line")
	}
	if s.anim.RepeatCount == fyne.AnimationRepeatForever {
		t.Fatal("the scan line sweeps for as long as the screen is open")
	}
	// Each repeat goes down and back up (AutoReverse).
	if total := s.anim.Duration * time.Duration(2*(s.anim.RepeatCount+1)); total > 30*time.Second {
		t.Errorf("the scan line sweeps for %s, want it resting within 30 s", total)
	}
}

// largestEmptyBand is the tallest horizontal band of the window in which
// nothing is drawn (window-wide backgrounds aside).
func largestEmptyBand(k *Kiosk) (float32, float32) {
	c := k.Window().Canvas()
	win := c.Size()
	var objs []placed
	walk(c.Content(), fyne.NewPos(0, 0), rectOf(fyne.NewPos(0, 0), win), false, nil, &objs)
	type span struct{ y0, y1 float32 }
	var spans []span
	for _, p := range objs {
		if p.size.Width < 1 || p.size.Height < 1 {
			continue
		}
		switch o := p.o.(type) {
		case *canvas.Text:
			if o.Text == "" {
				continue
			}
		case *canvas.Image:
		case *canvas.Circle:
		case *canvas.Rectangle:
			if !visible(o.FillColor) && (o.StrokeWidth == 0 || !visible(o.StrokeColor)) {
				continue
			}
			if p.size.Width >= win.Width*0.95 && p.size.Height >= win.Height*0.5 {
				continue // the window's background
			}
		default:
			continue
		}
		r := rectOf(p.pos, p.size).intersect(p.clip)
		if !r.empty() {
			spans = append(spans, span{r.y0, r.y1})
		}
	}
	sort.Slice(spans, func(i, j int) bool { return spans[i].y0 < spans[j].y0 })
	var best0, best1, reach float32
	for _, s := range spans {
		if s.y0-reach > best1-best0 {
			best0, best1 = reach, s.y0
		}
		reach = max(reach, s.y1)
	}
	if win.Height-reach > best1-best0 {
		best0, best1 = reach, win.Height
	}
	return best0, best1
}

func visible(c color.Color) bool {
	if c == nil {
		return false
	}
	_, _, _, a := c.RGBA()
	return a > 0
}
