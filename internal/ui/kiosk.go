// Package ui owns the kiosk's screens: the start screen and the four citizen
// flows (find a procedure, check an application, take a number, rate the
// service), the theme, the on-screen keyboard with Telex, drag-to-scroll and
// the idle reset. It depends only on the small interfaces in deps.go; cmd/kiosk
// wires the real packages in.
//
// No way out for a citizen: the window has no chrome when fullscreen, close
// requests (the window manager's close, Alt+F4 under X11) go to a close
// intercept that ignores them, and there is no Fyne Entry anywhere, so none
// of Fyne's editing shortcuts (copy, paste, select all) exist. Keys reach the
// canvas only as typed runes and key events, which the screens use for
// keyboard-wedge scanners. What Fyne cannot intercept (Ctrl+Alt+Fn virtual
// terminals, compositor shortcuts) is for the session to disable: the kiosk
// runs alone under cage, which has no shortcuts of its own.
package ui

import (
	"context"
	"log/slog"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/widget"
)

// Kiosk is the running kiosk UI in one window. It assembles four parts with
// one job each: the look (look.go), the navigator with the idle reset
// (navigator.go), the runner for slow work (runner.go) and the input router
// for scans, wedge typing and the staff gesture (input.go). Screens see only
// the env (env.go): the look, two narrow interfaces onto the navigator and
// the runner, the services and the options; never the Kiosk.
type Kiosk struct {
	// OnReady is called once, when the start screen is first on screen, with
	// the time since Options.StartedAt (or New).
	OnReady func(startup time.Duration)
	// OnStaffGesture is called after five taps in the top-left corner within
	// three seconds.
	OnStaffGesture func()
	// OnIdleReset is called (on the UI goroutine) after the idle timer
	// returned the kiosk to the start screen: nobody is using it.
	OnIdleReset func()

	*env // what the screens see
	*navigator
	*runner
	*inputRouter

	app fyne.App
	win fyne.Window
	// overlay is the layer above the screen that the navigator (the idle
	// question) and the runner (the spinner) share.
	overlay *fyne.Container
	created time.Time
	ready   sync.Once

	root  fyne.CanvasObject // the window's content
	probe *probeTarget      // where the input probe taps (probe.go)
}

// New builds the kiosk window with the start screen. It does not show it;
// call Run (or Window().Show for tests and previews).
func New(a fyne.App, d Deps, o Options) *Kiosk {
	if d.Now == nil {
		d.Now = time.Now
	}
	if o.Language != "en" {
		o.Language = "vi"
	}
	if o.IdleTimeout <= 0 {
		o.IdleTimeout = 90 * time.Second
	}
	if o.IdleCountdown <= 0 {
		o.IdleCountdown = 20 * time.Second
	}
	if o.LookupTimeout <= 0 {
		o.LookupTimeout = 20 * time.Second
	}
	if o.RecentLookupTTL <= 0 {
		o.RecentLookupTTL = 24 * time.Hour
	}
	if o.ReadyRefresh <= 0 {
		o.ReadyRefresh = time.Minute
	}
	log := slog.Default().With("component", "ui")
	body, overlay := container.NewStack(), container.NewStack()
	lk := newLook(a, o.Language, log)
	e := &env{look: lk, deps: d, opt: o, now: d.Now, log: log}
	nav := &navigator{k: e, body: body, overlay: overlay,
		idle: idleTimer{timeout: o.IdleTimeout, countdown: o.IdleCountdown, last: d.Now()}}
	run := newRunner(lk, overlay)
	e.navigation, e.worker = nav, run
	k := &Kiosk{env: e, navigator: nav, runner: run, app: a, overlay: overlay, created: time.Now()}
	k.inputRouter = &inputRouter{k: e, onStaff: func() {
		if k.OnStaffGesture != nil {
			k.OnStaffGesture()
		}
	}}
	if !o.StartedAt.IsZero() {
		k.created = o.StartedAt
	}
	nav.onLeave = []func(){e.stopSpeech, k.wedge.Reset}
	nav.onReset = []func(){run.endSession, k.inputRouter.reset, k.forgetLookups, lk.resetLook}
	nav.onIdleReset = func() {
		if k.OnIdleReset != nil {
			k.OnIdleReset()
		}
	}

	k.win = a.NewWindow(o.SiteName)
	k.win.SetPadded(false)
	// A citizen cannot close the kiosk: window-manager close requests (the
	// close button, Alt+F4 under X11) arrive here and are ignored.
	k.win.SetCloseIntercept(func() { k.log.Info("close request ignored") })
	k.win.Canvas().SetOnTypedRune(k.onRune)
	k.win.Canvas().SetOnTypedKey(k.onKey)

	corner := &hotCorner{onTap: k.staffTap}
	corner.ExtendBaseWidget(corner)
	k.probe = newProbeTarget(func() {
		if k.deps.Input != nil {
			k.deps.Input.Handled()
		}
	})
	root := &rootWidget{k: e, content: container.NewStack(
		container.New(&orientationLayout{k: e, later: func(f func()) { run.launch(func() func() { return f }) }}, body),
		container.NewWithoutLayout(corner),
		overlay,
		container.New(probeCorner{}, k.probe),
	)}
	root.ExtendBaseWidget(root)
	k.root = root
	corner.Resize(fyne.NewSquareSize(110))
	k.win.SetContent(root)
	switch {
	case o.Fullscreen:
		k.win.SetFullScreen(true)
	case o.Orientation == "landscape":
		k.win.Resize(fyne.NewSize(1920, 1080))
	default:
		k.win.Resize(fyne.NewSize(1080, 1920))
	}
	k.cur = &startScreen{}
	k.render()
	return k
}

// Window is the kiosk's window.
func (k *Kiosk) Window() fyne.Window { return k.win }

// Run shows the window, starts the idle clock and the scanner, and runs the
// app until it quits.
func (k *Kiosk) Run() {
	k.win.Show()
	go k.background()
	if k.deps.Input != nil {
		go k.probeLoop(context.Background(), fyne.Do)
	}
	go func() { fyne.Do(k.reportReady) }()
	k.app.Run()
}

func (k *Kiosk) reportReady() {
	k.ready.Do(func() {
		if k.OnReady != nil {
			k.OnReady(time.Since(k.created))
		}
	})
}

// background ticks the idle timer, renews Fyne's canvas cache
// (cachealive.go) and forwards serial scans to the UI.
func (k *Kiosk) background() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	scans := k.deps.Scans
	aliveEvery, alive := cacheAliveEvery(), time.Now()
	for {
		select {
		case now := <-tick.C:
			fyne.Do(k.tickIdle)
			if now.Sub(alive) >= aliveEvery {
				alive = now
				fyne.Do(func() { KeepCanvasAlive(k.win.Canvas()) })
			}
		case s, ok := <-scans:
			if !ok {
				scans = nil
				continue
			}
			fyne.Do(func() { k.handleScan(s.Payload, s.Err) })
		}
	}
}

// Lang is the current language ("vi" or "en").
func (k *Kiosk) Lang() string { return k.lang }

// SetLanguage switches the language at any moment, keeping the screen's state.
func (k *Kiosk) SetLanguage(lang string) { k.setLanguage(lang) }

// TickIdle advances the idle logic; the background loop calls it every
// second, tests call it after moving their clock.
func (k *Kiosk) TickIdle() { k.tickIdle() }

// Reset ends the citizen's session: every field, result, scan and setting
// they chose is dropped and the start screen comes back in the default
// language.
func (k *Kiosk) Reset() { k.navigator.Reset() }

// forgetLookups clears the recent lookups at a reset when the site asks for
// the stricter privacy.
func (k *Kiosk) forgetLookups() {
	if !k.opt.ForgetLookupsOnReset || k.deps.Lookups == nil {
		return
	}
	go func() {
		if err := k.deps.Lookups.ForgetLookups(); err != nil {
			k.log.Warn("forgetting recent lookups failed", "err", err)
		}
	}()
}

// rootWidget holds the whole window; it hides the mouse pointer when the
// site says so (touch screens).
type rootWidget struct {
	widget.BaseWidget
	k       *env
	content fyne.CanvasObject
}

var _ desktop.Cursorable = (*rootWidget)(nil)

func (r *rootWidget) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(r.content)
}

// Cursor is the pointer shown over the kiosk.
func (r *rootWidget) Cursor() desktop.Cursor {
	if r.k.opt.HideCursor {
		return desktop.HiddenCursor
	}
	return desktop.DefaultCursor
}

// orientationLayout fills the window and re-renders the screen when the
// window changes between portrait and landscape.
type orientationLayout struct {
	k *env
	// later runs f on the UI goroutine after the layout pass (the runner's
	// launch: tests run it in order instead of on another goroutine).
	later func(f func())
}

func (l *orientationLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	portrait := size.Height >= size.Width
	if portrait != l.k.portrait && size.Width > 0 {
		l.k.portrait = portrait
		l.later(l.k.render)
	}
	for _, o := range objs {
		o.Move(fyne.Position{})
		o.Resize(size)
	}
}

func (l *orientationLayout) MinSize([]fyne.CanvasObject) fyne.Size { return fyne.NewSize(320, 480) }

// hotCorner is the invisible staff-gesture area in the top-left corner.
type hotCorner struct {
	widget.BaseWidget
	onTap func()
}

func (h *hotCorner) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(transparent))
}

// Tapped counts one tap.
func (h *hotCorner) Tapped(*fyne.PointEvent) { h.onTap() }

// tapArea is an invisible full-size tappable (the idle question's backdrop).
type tapArea struct {
	widget.BaseWidget
	onTap func()
}

func newTapArea(f func()) *tapArea {
	t := &tapArea{onTap: f}
	t.ExtendBaseWidget(t)
	return t
}

func (t *tapArea) CreateRenderer() fyne.WidgetRenderer {
	return widget.NewSimpleRenderer(canvas.NewRectangle(transparent))
}

// Tapped runs the action.
func (t *tapArea) Tapped(*fyne.PointEvent) { t.onTap() }
