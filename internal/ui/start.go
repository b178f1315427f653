package ui

import (
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
)

// startScreen is the home screen: four big actions, the accessibility
// toggles, the hotline and the feedback QR, and an offline banner.
type startScreen struct {
	tip     *widget.RichText
	tipN    int
	tipNext time.Time
	offline bool // the banner shown at the last build
}

var attractTips = []string{"start.tip1", "start.tip2", "start.tip3", "start.tip4"}

func (s *startScreen) title(k *env) string { return k.siteName() }

func (s *startScreen) build(k *env) fyne.CanvasObject {
	p := k.th.pal()

	// Header: logo, centre name, greeting.
	headBg := canvas.NewRectangle(p.primary)
	var logo fyne.CanvasObject
	if k.opt.LogoPath != "" {
		img := canvas.NewImageFromFile(k.opt.LogoPath)
		img.FillMode = canvas.ImageFillContain
		img.SetMinSize(fyne.NewSquareSize(110))
		logo = img
	}
	head := container.NewStack(headBg, container.New(layout.NewCustomPaddedLayout(28, 28, 130, 32),
		container.NewBorder(nil, nil, logo, k.listenTile(), container.NewVBox(
			newNameText(k.siteName(), sizeNameTitle, "foregroundOnPrimary", true, fyne.TextAlignLeading),
			richText(k.t("start.greeting"), sizeNameHeading, "foregroundOnPrimary", false, fyne.TextAlignLeading),
		))))

	// The four actions.
	action := func(titleID, subID string, icon fyne.Resource, open func()) *tile {
		t := k.tile(k.t(titleID), tileSurface, open)
		t.Subtitle = k.t(subID)
		t.Wrap = true
		t.Icon = icon
		t.TitleSize = sizeNameTitle
		t.MinHeight = 220
		t.Top = !k.portrait // two tiles a row: their titles level
		return t
	}
	find := action("start.find", "start.find.sub", theme.SearchIcon(), func() { k.show(newFindScreen()) })
	find.Style = tilePrimary
	check := action("start.check", "start.check.sub", theme.DocumentIcon(), func() { k.show(newDossierScreen()) })
	ticket := action("start.ticket", "start.ticket.sub", theme.ListIcon(), func() { k.show(&ticketScreen{}) })
	rate := action("start.rate", "start.rate.sub", smileIcon, func() { k.show(newRatingScreen("")) })
	cols := 1
	if !k.portrait {
		cols = 2
	}
	actions := container.NewGridWithColumns(cols, find, check, ticket, rate)

	// Accessibility and language toggles.
	toggle := func(label string, on bool, icon fyne.Resource, f func()) *tile {
		st := tileQuiet
		if on {
			st = tileSelected
		}
		t := k.tile(label, st, f)
		if !k.th.large { // large words need the icon's width
			t.Icon = icon
		}
		t.Wrap = true
		t.TitleSize = ""
		// The row shares its width by the labels (shareRow): in normal
		// text each reads on one line; large text with both toggles on
		// (two ticks) has not the width for three and wraps the longest
		// between its words.
		t.OneLine = !k.th.large
		return t
	}
	toggles := container.New(shareRow{},
		toggle(k.t("lang.switch"), false, nil, k.toggleLanguage), // the other language's name says it all
		toggle(k.t("start.large"), k.th.large, theme.ZoomInIcon(), k.toggleLarge),
		toggle(k.t("start.contrast"), k.th.contrast, contrastIcon, k.toggleContrast),
	)

	s.tip = richText(k.t(attractTips[s.tipN%len(attractTips)]), "", colorMuted, false, fyne.TextAlignCenter)

	// Footer: hotline and the feedback QR.
	var footerParts []fyne.CanvasObject
	info := container.NewVBox()
	if k.opt.Hotline != "" {
		info.Add(richText(k.t("start.hotline"), "", colorMuted, false, fyne.TextAlignLeading))
		info.Add(richText(k.opt.Hotline, sizeNameTitle, "primary", true, fyne.TextAlignLeading))
	}
	if k.opt.FeedbackURL != "" {
		size := fyne.ThemeSizeName("")
		if k.opt.Hotline == "" { // the line has the card to itself
			size = sizeNameHeading
		}
		info.Add(richText(k.t("start.feedback"), size, "foreground", false, fyne.TextAlignLeading))
		footerParts = append(footerParts, qrImage(k.opt.FeedbackURL, 190))
	}
	// Without a hotline the feedback line stands level with its QR code
	// instead of above a blank band; with neither there is no card at all
	// (no number is ever made up for a site that has none).
	var footer fyne.CanvasObject = layout.NewSpacer()
	if len(info.Objects) > 0 {
		footer = card(k.th, container.NewBorder(nil, nil, nil, container.NewHBox(footerParts...),
			container.NewVBox(layout.NewSpacer(), info, layout.NewSpacer())))
	}

	top := container.NewVBox(head)
	s.offline = k.deps.Health != nil && !k.deps.Health.Online()
	if b := k.offlineBanner(); b != nil {
		top.Add(container.New(layout.NewCustomPaddedLayout(12, 0, 24, 24), b))
	}
	if !k.portrait {
		// Landscape: the actions fill the left, settings and contacts stand
		// in a column on the right.
		toggles.Layout = layout.NewGridLayoutWithColumns(1)
		// In large text the column may be taller than the screen: it scrolls.
		sideScroll := newDragScroll(container.NewVBox(toggles, footer, s.tip), k.now)
		sideScroll.OnMoved = k.touch
		side := container.New(&fixedWidth{w: 560}, sideScroll)
		return container.NewBorder(top, nil, nil, nil, container.New(layout.NewCustomPaddedLayout(20, 20, 24, 24),
			container.NewBorder(nil, nil, nil, container.New(layout.NewCustomPaddedLayout(0, 0, 20, 0), side), actions)))
	}
	bottom := container.NewVBox(s.tip, toggles, footer)
	return container.NewBorder(top, container.New(layout.NewCustomPaddedLayout(0, 20, 24, 24), bottom), nil, nil,
		container.New(layout.NewCustomPaddedLayout(20, 20, 24, 24), actions))
}

// fixedWidth gives its child a fixed width (side columns in landscape).
type fixedWidth struct{ w float32 }

func (f *fixedWidth) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (f *fixedWidth) MinSize(objs []fyne.CanvasObject) fyne.Size {
	h := float32(0)
	for _, o := range objs {
		o.Resize(fyne.NewSize(f.w, o.Size().Height))
		h = max(h, o.MinSize().Height)
	}
	return fyne.NewSize(f.w, h)
}

// attractTick rotates the hint line while nobody uses the kiosk: a calm,
// cheap attract loop (one text change every few seconds, no animation frames).
func (s *startScreen) attractTick(k *env, now time.Time) {
	if s.tip == nil || now.Before(s.tipNext) {
		return
	}
	s.tipNext = now.Add(6 * time.Second)
	// The offline banner follows the portal while the screen waits.
	if h := k.deps.Health; h != nil && h.Online() == s.offline {
		k.render()
		return
	}
	s.tipN++
	s.tip.Segments[0].(*widget.TextSegment).Text = k.t(attractTips[s.tipN%len(attractTips)])
	s.tip.Refresh()
}

// offlineBanner says the portal is unreachable and how old the data is.
func (k *env) offlineBanner() fyne.CanvasObject {
	h := k.deps.Health
	if h == nil || h.Online() {
		return nil
	}
	msg := k.t("offline.banner")
	if last := h.LastSync(); !last.IsZero() {
		msg = k.t("offline.banner.age", "Age", k.age(k.now().Sub(last)))
	}
	return banner(k.th.pal().warn, "foregroundOnPrimary", theme.WarningIcon(), msg)
}

// age says how long ago in plain words: "5 phút", "3 giờ", "2 ngày".
func (k *env) age(d time.Duration) string {
	switch {
	case d < 2*time.Minute:
		return k.t("age.now")
	case d < 2*time.Hour:
		return k.t("age.minutes", "N", int(d.Minutes()))
	case d < 48*time.Hour:
		return k.t("age.hours", "N", int(d.Hours()))
	}
	return k.t("age.days", "N", int(d.Hours()/24))
}
