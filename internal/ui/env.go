package ui

import (
	"context"
	"log/slog"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
)

// screen is one page of the kiosk. build makes its widgets from its state in
// the current language and theme; it is called again on every language,
// theme or orientation change, so screens keep state in fields, not widgets.
type screen interface {
	build(k *env) fyne.CanvasObject
	title(k *env) string
}

// Optional screen behaviours.
type (
	scanHandler interface {
		onScan(k *env, p Payload, err error)
	}
	runeHandler interface {
		typedRune(r rune)
		typedKey(name fyne.KeyName)
	}
	leaver interface{ leave() }
	// autoHomer screens end the session by themselves after a calm pause
	// (a thank-you screen needs no "are you still there?").
	autoHomer interface{ autoHome() time.Duration }
	// stepBacker screens with steps of their own take "back" to their
	// previous step first (typing the code goes back to scanning it).
	stepBacker interface{ stepBack(k *env) bool }
)

// navigation is what a screen does with the navigator: go somewhere, redraw
// itself, count a touch as activity, ask which screen is showing, or end the
// session (the staff panel's device reset).
type navigation interface {
	show(s screen)
	replace(s screen)
	back()
	home()
	render()
	touch()
	current() screen
	Reset()
}

// worker is what a screen does with the runner: start slow work in the
// citizen's session.
type worker interface {
	async(ctx context.Context, work func(ctx context.Context) func())
	asyncQuiet(ctx context.Context, work func(ctx context.Context) func())
	session() context.Context
}

var (
	_ navigation = (*navigator)(nil)
	_ worker     = (*runner)(nil)
)

// env is the kiosk as a screen sees it: the look (language, theme, text
// size, orientation: plain state the screens read), navigation, slow work,
// and the services and site options. It has no window, no app, no input
// routing, no stack, timers or test seams, no start-up or staff hooks: a
// screen cannot reach what it does not need.
type env struct {
	*look
	navigation
	worker

	deps Deps
	opt  Options
	now  func() time.Time
	log  *slog.Logger

	voice voiceState
}

func (k *env) siteName() string {
	if k.opt.SiteName != "" {
		return k.opt.SiteName
	}
	return k.t("site.default")
}

// parse turns typed or keyboard-wedge text into a payload.
func (k *env) parse(raw string) (Payload, error) {
	if k.deps.ParseScan == nil {
		return Payload{DossierCode: raw}, nil
	}
	return k.deps.ParseScan(raw)
}

// tile makes a big button whose tap also counts as activity.
func (k *env) tile(label string, style tileStyle, tap func()) *tile {
	return newTile(k.th, label, style, func() {
		k.touch()
		if tap != nil {
			tap()
		}
	})
}

// scroller wraps long content in a drag-to-scroll area with page buttons.
func (k *env) scroller(content fyne.CanvasObject) (fyne.CanvasObject, *dragScroll) {
	ds := newDragScroll(content, k.now)
	ds.OnMoved = k.touch
	up := k.tile("", tileQuiet, ds.PageUp)
	up.Icon = moveUpIcon()
	up.Center = true
	down := k.tile("", tileQuiet, ds.PageDown)
	down.Icon = moveDownIcon()
	down.Center = true
	up.MinHeight, down.MinHeight = 120, 120
	bindPageButtons(ds, up, down)
	buttons := container.NewVBox(up, layout.NewSpacer(), down)
	c := container.New(&scrollLayout{ds: ds, buttons: buttons}, ds, buttons)
	ds.relayout = c.Refresh
	return c, ds
}
