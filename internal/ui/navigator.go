package ui

import (
	"math"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// navigator owns where the citizen is: the current screen, the way back
// (a stack), the way home, and the end of the session: after a while without
// a touch it asks "are you still there?" and then resets the kiosk to the
// start screen, forgetting everything the citizen typed, scanned or chose.
type navigator struct {
	k       *env // the screens build with it
	body    *fyne.Container
	overlay *fyne.Container

	cur   screen
	stack []screen

	idle     idleTimer
	asking   fyne.CanvasObject
	askLabel *widget.RichText

	// onLeave runs whenever a screen is left (input buffered for it is
	// dropped); onReset runs at every session reset, before the start
	// screen is drawn; onIdleReset after a reset the idle timer made.
	onLeave     []func()
	onReset     []func()
	onIdleReset func()
}

// show navigates to a new screen; back returns to the previous one.
func (n *navigator) show(s screen) {
	n.leave()
	n.stack = append(n.stack, n.cur)
	n.cur = s
	n.render()
}

// replace shows s instead of the current screen (no way back to it).
func (n *navigator) replace(s screen) {
	n.leave()
	n.cur = s
	n.render()
}

func (n *navigator) back() {
	if b, ok := n.cur.(stepBacker); ok && b.stepBack(n.k) {
		return
	}
	if len(n.stack) == 0 {
		n.home()
		return
	}
	n.leave()
	n.cur = n.stack[len(n.stack)-1]
	n.stack = n.stack[:len(n.stack)-1]
	n.render()
}

func (n *navigator) home() {
	n.leave()
	n.stack = nil
	n.cur = &startScreen{}
	n.render()
}

// current is the screen on show.
func (n *navigator) current() screen { return n.cur }

func (n *navigator) leave() {
	for _, f := range n.onLeave {
		f()
	}
	if l, ok := n.cur.(leaver); ok {
		l.leave()
	}
}

// render rebuilds the current screen.
func (n *navigator) render() {
	k := n.k
	content := n.cur.build(k)
	if _, bare := n.cur.(*startScreen); !bare {
		content = n.frame(n.cur.title(k), content)
	}
	bg := canvas.NewRectangle(k.th.pal().bg)
	n.body.Objects = []fyne.CanvasObject{bg, content}
	n.body.Refresh()
}

// frame adds the header (site and screen title) and the bottom bar (back,
// home, language) around a flow screen. The bar is at the bottom where a
// standing person's hand is.
func (n *navigator) frame(screenTitle string, content fyne.CanvasObject) fyne.CanvasObject {
	k := n.k
	p := k.th.pal()
	headBg := canvas.NewRectangle(p.primary)
	site := newNameText(k.siteName(), sizeNameSmall, "foregroundOnPrimary", false, fyne.TextAlignLeading)
	name := richText(screenTitle, sizeNameTitle, "foregroundOnPrimary", true, fyne.TextAlignLeading)
	var headContent fyne.CanvasObject = container.NewVBox(site, name)
	if !k.portrait {
		// Landscape height is precious: title and site on one line.
		site.segs[0].Style.Alignment = fyne.TextAlignTrailing
		headContent = container.NewGridWithColumns(2, name, container.NewVBox(layout.NewSpacer(), site, layout.NewSpacer()))
	}
	if l := k.listenTile(); l != nil {
		headContent = container.NewBorder(nil, nil, nil, l, headContent)
	}
	head := container.NewStack(headBg, container.New(layout.NewCustomPaddedLayout(8, 8, 130, 24), headContent))

	backT := k.tile(k.t("nav.back"), tileQuiet, n.back)
	backT.Icon = navBackIcon()
	homeT := k.tile(k.t("nav.home"), tileQuiet, n.home)
	homeT.Icon = navHomeIcon()
	langT := k.tile(k.t("lang.switch"), tileQuiet, k.toggleLanguage)
	for _, t := range []*tile{backT, homeT, langT} {
		t.Wrap = true // large text must not clip
		t.OneLine = true
		// The icons keep their normal size in large text: the words
		// need the width ("Trang chủ" wrapped beside a scaled icon).
		t.IconSize = 56
		t.Compact = k.th.large
	}
	bar := container.NewGridWithColumns(3, backT, homeT, langT)
	barBox := container.New(layout.NewCustomPaddedLayout(10, 14, 20, 20), bar)
	body := container.New(layout.NewCustomPaddedLayout(18, 10, 24, 24), content)
	return container.NewBorder(head, barBox, nil, nil, body)
}

// touch records activity and dismisses the idle question.
func (n *navigator) touch() {
	n.idle.touch(n.k.now())
	if n.asking != nil {
		n.hideAsking()
	}
}

// tickIdle advances the idle logic; the background loop calls it every
// second.
func (n *navigator) tickIdle() {
	now := n.k.now()
	if n.atRest() {
		n.idle.touch(now)
		if s, ok := n.cur.(*startScreen); ok {
			s.attractTick(n.k, now)
		}
		return
	}
	if a, ok := n.cur.(autoHomer); ok {
		if d := a.autoHome(); d > 0 && now.Sub(n.idle.last) >= d {
			n.Reset()
			n.idleReset()
			return
		}
	}
	st, left := n.idle.state(now)
	switch st {
	case idleActive:
		if n.asking != nil {
			n.hideAsking()
		}
	case idleAsking:
		n.showAsking(left)
	case idleExpired:
		n.Reset()
		n.idleReset()
	}
}

func (n *navigator) idleReset() {
	if n.onIdleReset != nil {
		n.onIdleReset()
	}
}

// atRest is true when there is nothing of a citizen's to clear.
func (n *navigator) atRest() bool {
	_, start := n.cur.(*startScreen)
	return start && len(n.stack) == 0 && n.k.atDefault()
}

func (n *navigator) showAsking(left time.Duration) {
	k := n.k
	secs := int(math.Ceil(left.Seconds()))
	msg := k.t("idle.countdown", "N", secs)
	if n.asking != nil {
		n.askLabel.Segments[0].(*widget.TextSegment).Text = msg
		n.askLabel.Refresh()
		return
	}
	p := k.th.pal()
	shade := newTapArea(n.touch)
	shadeBg := canvas.NewRectangle(withAlpha(p.bg, 0xF0))
	n.askLabel = richText(msg, sizeNameHeading, "foreground", false, fyne.TextAlignCenter)
	stay := k.tile(k.t("idle.stay"), tilePrimary, func() {})
	stay.Center = true
	stay.MinHeight = 140
	box := card(k.th, container.NewVBox(
		richText(k.t("idle.question"), sizeNameTitle, "primary", true, fyne.TextAlignCenter),
		n.askLabel,
		stay,
	))
	n.asking = container.NewStack(shadeBg, shade, container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(860, 460)), box)))
	n.overlay.Objects = append(n.overlay.Objects, n.asking)
	n.overlay.Refresh()
}

func (n *navigator) hideAsking() {
	removeOverlay(n.overlay, n.asking)
	n.asking, n.askLabel = nil, nil
}

// Reset ends the citizen's session: every field, result, scan and setting
// they chose is dropped and the start screen comes back in the default
// language.
func (n *navigator) Reset() {
	n.leave()
	n.stack = nil
	for _, f := range n.onReset {
		f()
	}
	n.overlay.Objects = nil
	n.asking, n.askLabel = nil, nil
	n.cur = &startScreen{}
	n.render()
	n.idle.touch(n.k.now())
	n.k.log.Info("session reset")
}
