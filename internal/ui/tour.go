package ui

import (
	"context"
	"fmt"
	"image"
	"image/png"
	"os"
	"path/filepath"
	"time"

	"fyne.io/fyne/v2"
)

// TourMode is one look the screenshot tour photographs every screen in.
type TourMode struct {
	Lang      string
	Landscape bool
	Large     bool
	Contrast  bool
}

// Name is the mode's part of a screenshot's file name:
// "vi-portrait", "en-landscape-large-contrast".
func (m TourMode) Name() string {
	n := m.Lang + "-portrait"
	if m.Landscape {
		n = m.Lang + "-landscape"
	}
	if m.Large {
		n += "-large"
	}
	if m.Contrast {
		n += "-contrast"
	}
	return n
}

// TourModes are the looks docs/screens holds: both languages and both
// orientations, large text and high contrast in each orientation, and both
// together once.
func TourModes() []TourMode {
	return []TourMode{
		{Lang: "vi"}, {Lang: "vi", Landscape: true},
		{Lang: "en"}, {Lang: "en", Landscape: true},
		{Lang: "vi", Large: true}, {Lang: "vi", Landscape: true, Large: true},
		{Lang: "vi", Contrast: true}, {Lang: "vi", Landscape: true, Contrast: true},
		{Lang: "en", Large: true, Contrast: true},
	}
}

// TourDossier is a dossier the tour looks up: a name for the file and what
// a scan of its receipt types (the keyboard-wedge text).
type TourDossier struct {
	Name string
	Scan string
}

// Tour walks every screen in every mode in the real window and, once each
// is drawn, calls shoot to have the screen photographed as
// dir/<mode>-<screen>.png (cmd/kiosk -screenshots asks docs/screens/
// regenerate.sh to take it from the X server: the GL driver's own Capture
// returns a blank buffer under Mesa, and the kiosk starts no programs). It runs off the UI goroutine
// against the real, wired services, so the pictures show the real data,
// fonts and layout a citizen sees. Nil shoot saves Capture's image.
func (k *Kiosk) Tour(ctx context.Context, dir string, modes []TourMode, dossiers []TourDossier, shoot func(file string, size fyne.Size) error) error {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return err
	}
	type step struct {
		name string
		do   func()
	}
	steps := []step{
		{"home", func() {}},
		{"find-keyboard", func() { k.show(newFindScreen()) }},
		{"find-results", func() { k.show(newFindScreen()); k.cur.(*findScreen).query.set("khai sinh") }},
		{"find-best", func() {
			k.show(newFindScreen())
			s := k.cur.(*findScreen)
			s.query.set("dang ky khai sinh")
			s.kbShown = false
			k.render()
		}},
		{"find-short", func() { k.show(newFindScreen()); k.cur.(*findScreen).query.set("d") }},
		{"find-fields", func() { s := newFindScreen(); s.kbShown = false; k.show(s) }},
		{"procedure", func() {
			rs := []Result(nil)
			if k.deps.Search != nil {
				rs = k.deps.Search.Search(Query{Text: "dang ky khai sinh", Limit: 1})
			}
			if len(rs) > 0 {
				s := newFindScreen()
				k.show(s)
				s.open(k.env, rs[0].Code, nil)
			}
		}},
		{"dossier-scan", func() { k.show(newDossierScreen()) }},
		{"dossier-type", func() { s := newDossierScreen(); s.typing = true; k.show(s) }},
	}
	if len(dossiers) > 0 {
		code := dossiers[0].Scan
		steps = append(steps, step{"dossier-id", func() {
			s := newDossierScreen()
			k.show(s)
			if p, err := k.parse(code); err == nil {
				p.Secret = ""
				s.onScan(k.env, p, nil)
			}
		}})
	}
	for _, d := range dossiers {
		d := d
		steps = append(steps, step{"dossier-" + d.Name, func() {
			k.show(newDossierScreen())
			for _, r := range d.Scan {
				k.onRune(r)
			}
			k.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
		}})
	}
	steps = append(steps,
		step{"ready-list", func() { k.show(newReadyScreen(nil)) }},
		step{"ticket-services", func() { k.show(&ticketScreen{}) }},
		step{"ticket-confirm", func() {
			if len(k.opt.QueueServices) > 0 {
				q := k.opt.QueueServices[0]
				k.show(&ticketScreen{svc: &q})
			}
		}},
		step{"ticket-number", func() {
			if len(k.opt.QueueServices) > 0 {
				q := k.opt.QueueServices[0]
				s := &ticketScreen{svc: &q}
				k.show(s)
				s.take(k.env)
			}
		}},
		step{"rating", func() { k.show(newRatingScreen("")) }},
		step{"rating-details", func() { s := newRatingScreen(""); s.overall = 4; k.show(s) }},
		step{"idle-question", func() { k.show(newFindScreen()); k.showAsking(k.opt.IdleCountdown) }},
	)
	if k.OnStaffGesture != nil {
		steps = append(steps, step{"staff-pin", func() { k.OnStaffGesture() }})
	}

	for _, m := range modes {
		size := fyne.NewSize(1080, 1920)
		if m.Landscape {
			size = fyne.NewSize(1920, 1080)
		}
		fyne.DoAndWait(func() { k.win.Resize(size) })
		for _, st := range steps {
			if ctx.Err() != nil {
				return ctx.Err()
			}
			fyne.DoAndWait(func() {
				k.Reset()
				k.applySettings(m.Lang, m.Large, m.Contrast)
				k.render()
				st.do()
			})
			k.waitCalm(ctx)
			name := filepath.Join(dir, m.Name()+"-"+st.name+".png")
			var err error
			if shoot != nil {
				err = shoot(name, size)
			} else {
				err = savePNG(name, k.win.Canvas().Capture())
			}
			if err != nil {
				return err
			}
			k.log.Info("screenshot", "file", name)
		}
	}
	fyne.DoAndWait(k.Reset)
	return nil
}

// waitCalm waits until no background work is pending (portal answers,
// searches) and the screen has had time to draw it.
func (k *Kiosk) waitCalm(ctx context.Context) {
	deadline := time.Now().Add(15 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		time.Sleep(300 * time.Millisecond)
		busy := false
		fyne.DoAndWait(func() { busy = len(k.pending) > 0 })
		if !busy {
			break
		}
	}
	time.Sleep(700 * time.Millisecond) // the frame after the last change
}

func savePNG(name string, img image.Image) error {
	f, err := os.Create(name)
	if err != nil {
		return err
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("writing %s: %w", name, err)
	}
	return f.Close()
}
