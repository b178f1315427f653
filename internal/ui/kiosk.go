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
	"fmt"
	"log/slog"
	"math"
	"sync"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"

	"kiosk/internal/scanner"
)

// screen is one page of the kiosk. build makes its widgets from its state in
// the current language and theme; it is called again on every language,
// theme or orientation change, so screens keep state in fields, not widgets.
type screen interface {
	build(k *Kiosk) fyne.CanvasObject
	title(k *Kiosk) string
}

// Optional screen behaviours.
type (
	scanHandler interface {
		onScan(k *Kiosk, p Payload, err error)
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
	stepBacker interface{ stepBack(k *Kiosk) bool }
)

// Kiosk is the running kiosk UI in one window.
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

	app  fyne.App
	win  fyne.Window
	deps Deps
	opt  Options
	now  func() time.Time
	log  *slog.Logger

	th   *kioskTheme
	tr   *translator
	lang string

	body    *fyne.Container
	overlay *fyne.Container
	cur     screen
	stack   []screen

	idle     idleTimer
	asking   fyne.CanvasObject
	askLabel *widget.RichText
	portrait bool
	created  time.Time
	ready    sync.Once

	wg           sync.WaitGroup
	sess         context.Context
	endSess      context.CancelFunc
	pending      map[int]bool
	nextWork     int
	spinner      fyne.CanvasObject
	spinnerDelay time.Duration
	deferWork    bool
	queued       []func()
	// after schedules f after d and returns a stop function (time.AfterFunc;
	// tests replace it to fire timers by hand).
	after func(d time.Duration, f func()) (stop func() bool)

	staffTaps []time.Time
	voice     voiceState
	wedge     scanner.KeyboardWedge
	attract   *fyne.Animation

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
	k := &Kiosk{
		app: a, deps: d, opt: o, now: d.Now, log: slog.Default().With("component", "ui"),
		created: time.Now(), pending: map[int]bool{}, spinnerDelay: 150 * time.Millisecond,
		after:    func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop },
		portrait: true,
	}
	if !o.StartedAt.IsZero() {
		k.created = o.StartedAt
	}
	k.idle = idleTimer{timeout: o.IdleTimeout, countdown: o.IdleCountdown, last: k.now()}
	k.sess, k.endSess = context.WithCancel(context.Background())
	k.applySettings(o.Language, false, false)

	k.win = a.NewWindow(o.SiteName)
	k.win.SetPadded(false)
	// A citizen cannot close the kiosk: window-manager close requests (the
	// close button, Alt+F4 under X11) arrive here and are ignored.
	k.win.SetCloseIntercept(func() { k.log.Info("close request ignored") })
	k.win.Canvas().SetOnTypedRune(k.onRune)
	k.win.Canvas().SetOnTypedKey(k.onKey)

	k.body = container.NewStack()
	k.overlay = container.NewStack()
	corner := &hotCorner{onTap: k.staffTap}
	corner.ExtendBaseWidget(corner)
	k.probe = newProbeTarget(func() {
		if k.deps.Input != nil {
			k.deps.Input.Handled()
		}
	})
	root := &rootWidget{k: k, content: container.NewStack(
		container.New(&orientationLayout{k: k}, k.body),
		container.NewWithoutLayout(corner),
		k.overlay,
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

// background ticks the idle timer and forwards serial scans to the UI.
func (k *Kiosk) background() {
	tick := time.NewTicker(time.Second)
	defer tick.Stop()
	scans := k.deps.Scans
	for {
		select {
		case <-tick.C:
			fyne.Do(k.tickIdle)
		case s, ok := <-scans:
			if !ok {
				scans = nil
				continue
			}
			fyne.Do(func() { k.handleScan(s.Payload, s.Err) })
		}
	}
}

// drainScans handles the scans already waiting, on the calling (UI)
// goroutine; tests use it instead of the background loop.
func (k *Kiosk) drainScans() {
	for {
		select {
		case s, ok := <-k.deps.Scans:
			if !ok {
				return
			}
			k.handleScan(s.Payload, s.Err)
		default:
			return
		}
	}
}

// t translates a message id for the current language.
func (k *Kiosk) t(id string, kv ...any) string { return k.tr.T(id, kv...) }

// Lang is the current language ("vi" or "en").
func (k *Kiosk) Lang() string { return k.lang }

func (k *Kiosk) applySettings(lang string, large, contrast bool) {
	tr, err := newTranslator(lang)
	if err != nil {
		k.log.Error("translations unusable", "err", err)
		panic(fmt.Sprintf("ui: %v", err)) // embedded files: a build defect
	}
	k.tr, k.lang = tr, tr.lang
	if k.th != nil {
		// The app theme is set once and then changed in place, and the
		// screens are rebuilt with the new look. Setting a new theme makes
		// Fyne 2.7.1 drop every text texture outside the GL context
		// (RescaleContext from the settings listener), so the driver never
		// frees them: under Mesa's software GL every large-text or contrast
		// toggle leaked the memory of all the text on screen (~50 MB).
		// Changed in place, old textures simply expire and are freed by
		// the painter inside the context. Icons carry the look in their
		// name (lookIcon) so Fyne's SVG cache does not serve a stale colour.
		k.th.large, k.th.contrast = large, contrast
		return
	}
	k.th = &kioskTheme{large: large, contrast: contrast}
	k.app.Settings().SetTheme(k.th)
}

// SetLanguage switches the language at any moment, keeping the screen's state.
func (k *Kiosk) SetLanguage(lang string) {
	k.stopSpeech()
	k.applySettings(lang, k.th.large, k.th.contrast)
	k.render()
}

func (k *Kiosk) toggleLanguage() {
	if k.lang == "vi" {
		k.SetLanguage("en")
	} else {
		k.SetLanguage("vi")
	}
}

func (k *Kiosk) toggleLarge() {
	k.applySettings(k.lang, !k.th.large, k.th.contrast)
	k.render()
}

func (k *Kiosk) toggleContrast() {
	k.applySettings(k.lang, k.th.large, !k.th.contrast)
	k.render()
}

// show navigates to a new screen; back returns to the previous one.
func (k *Kiosk) show(s screen) {
	k.leave()
	k.stack = append(k.stack, k.cur)
	k.cur = s
	k.render()
}

// replace shows s instead of the current screen (no way back to it).
func (k *Kiosk) replace(s screen) {
	k.leave()
	k.cur = s
	k.render()
}

func (k *Kiosk) back() {
	if b, ok := k.cur.(stepBacker); ok && b.stepBack(k) {
		return
	}
	if len(k.stack) == 0 {
		k.home()
		return
	}
	k.leave()
	k.cur = k.stack[len(k.stack)-1]
	k.stack = k.stack[:len(k.stack)-1]
	k.render()
}

func (k *Kiosk) home() {
	k.leave()
	k.stack = nil
	k.cur = &startScreen{}
	k.render()
}

func (k *Kiosk) leave() {
	k.stopSpeech()
	k.wedge.Reset()
	if l, ok := k.cur.(leaver); ok {
		l.leave()
	}
	if k.attract != nil {
		k.attract.Stop()
		k.attract = nil
	}
}

// render rebuilds the current screen.
func (k *Kiosk) render() {
	content := k.cur.build(k)
	if _, bare := k.cur.(*startScreen); !bare {
		content = k.frame(k.cur.title(k), content)
	}
	bg := canvas.NewRectangle(k.th.pal().bg)
	k.body.Objects = []fyne.CanvasObject{bg, content}
	k.body.Refresh()
}

// frame adds the header (site and screen title) and the bottom bar (back,
// home, language) around a flow screen. The bar is at the bottom where a
// standing person's hand is.
func (k *Kiosk) frame(screenTitle string, content fyne.CanvasObject) fyne.CanvasObject {
	p := k.th.pal()
	headBg := canvas.NewRectangle(p.primary)
	site := richText(k.siteName(), sizeNameSmall, "foregroundOnPrimary", false, fyne.TextAlignLeading)
	name := richText(screenTitle, sizeNameTitle, "foregroundOnPrimary", true, fyne.TextAlignLeading)
	var headContent fyne.CanvasObject = container.NewVBox(site, name)
	if !k.portrait {
		// Landscape height is precious: title and site on one line.
		site.Segments[0].(*widget.TextSegment).Style.Alignment = fyne.TextAlignTrailing
		headContent = container.NewGridWithColumns(2, name, container.NewVBox(layout.NewSpacer(), site, layout.NewSpacer()))
	}
	if l := k.listenTile(); l != nil {
		headContent = container.NewBorder(nil, nil, nil, l, headContent)
	}
	head := container.NewStack(headBg, container.New(layout.NewCustomPaddedLayout(8, 8, 130, 24), headContent))

	backT := k.tile(k.t("nav.back"), tileQuiet, k.back)
	backT.Icon = navBackIcon()
	homeT := k.tile(k.t("nav.home"), tileQuiet, k.home)
	homeT.Icon = navHomeIcon()
	langT := k.tile(k.t("lang.switch"), tileQuiet, k.toggleLanguage)
	for _, t := range []*tile{backT, homeT, langT} {
		t.Wrap = true // large text must not clip
	}
	bar := container.NewGridWithColumns(3, backT, homeT, langT)
	barBox := container.New(layout.NewCustomPaddedLayout(10, 14, 20, 20), bar)
	body := container.New(layout.NewCustomPaddedLayout(18, 10, 24, 24), content)
	return container.NewBorder(head, barBox, nil, nil, body)
}

func (k *Kiosk) siteName() string {
	if k.opt.SiteName != "" {
		return k.opt.SiteName
	}
	return k.t("site.default")
}

// tile makes a big button whose tap also counts as activity.
func (k *Kiosk) tile(label string, style tileStyle, tap func()) *tile {
	return newTile(k.th, label, style, func() {
		k.touch()
		if tap != nil {
			tap()
		}
	})
}

// scroller wraps long content in a drag-to-scroll area with page buttons.
func (k *Kiosk) scroller(content fyne.CanvasObject) (fyne.CanvasObject, *dragScroll) {
	ds := newDragScroll(content, k.now)
	ds.OnMoved = k.touch
	up := k.tile("", tileQuiet, ds.PageUp)
	up.Icon = moveUpIcon()
	up.Center = true
	down := k.tile("", tileQuiet, ds.PageDown)
	down.Icon = moveDownIcon()
	down.Center = true
	up.MinHeight, down.MinHeight = 120, 120
	buttons := container.NewVBox(up, layout.NewSpacer(), down)
	return container.New(&scrollLayout{ds: ds, buttons: buttons}, ds, buttons), ds
}

// touch records activity and dismisses the idle question.
func (k *Kiosk) touch() {
	k.idle.touch(k.now())
	if k.asking != nil {
		k.hideAsking()
	}
}

// TickIdle advances the idle logic; the background loop calls it every
// second, tests call it after moving their clock.
func (k *Kiosk) TickIdle() { k.tickIdle() }

func (k *Kiosk) tickIdle() {
	now := k.now()
	if k.atRest() {
		k.idle.touch(now)
		if s, ok := k.cur.(*startScreen); ok {
			s.attractTick(k, now)
		}
		return
	}
	if a, ok := k.cur.(autoHomer); ok {
		if d := a.autoHome(); d > 0 && now.Sub(k.idle.last) >= d {
			k.Reset()
			k.idleReset()
			return
		}
	}
	st, left := k.idle.state(now)
	switch st {
	case idleActive:
		if k.asking != nil {
			k.hideAsking()
		}
	case idleAsking:
		k.showAsking(left)
	case idleExpired:
		k.Reset()
		k.idleReset()
	}
}

func (k *Kiosk) idleReset() {
	if k.OnIdleReset != nil {
		k.OnIdleReset()
	}
}

// atRest is true when there is nothing of a citizen's to clear.
func (k *Kiosk) atRest() bool {
	_, start := k.cur.(*startScreen)
	return start && len(k.stack) == 0 && k.lang == k.opt.Language && !k.th.large && !k.th.contrast
}

func (k *Kiosk) showAsking(left time.Duration) {
	secs := int(math.Ceil(left.Seconds()))
	msg := k.t("idle.countdown", "N", secs)
	if k.asking != nil {
		k.askLabel.Segments[0].(*widget.TextSegment).Text = msg
		k.askLabel.Refresh()
		return
	}
	p := k.th.pal()
	shade := newTapArea(k.touch)
	shadeBg := canvas.NewRectangle(withAlpha(p.bg, 0xF0))
	k.askLabel = richText(msg, sizeNameHeading, "foreground", false, fyne.TextAlignCenter)
	stay := k.tile(k.t("idle.stay"), tilePrimary, func() {})
	stay.Center = true
	stay.MinHeight = 140
	box := card(k.th, container.NewVBox(
		richText(k.t("idle.question"), sizeNameTitle, "primary", true, fyne.TextAlignCenter),
		k.askLabel,
		stay,
	))
	k.asking = container.NewStack(shadeBg, shade, container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(860, 460)), box)))
	k.overlay.Objects = append(k.overlay.Objects, k.asking)
	k.overlay.Refresh()
}

func (k *Kiosk) hideAsking() {
	k.removeOverlay(k.asking)
	k.asking, k.askLabel = nil, nil
}

func (k *Kiosk) removeOverlay(o fyne.CanvasObject) {
	objs := k.overlay.Objects[:0]
	for _, x := range k.overlay.Objects {
		if x != o {
			objs = append(objs, x)
		}
	}
	k.overlay.Objects = objs
	k.overlay.Refresh()
}

// Reset ends the citizen's session: every field, result, scan and setting
// they chose is dropped and the start screen comes back in the default
// language.
func (k *Kiosk) Reset() {
	k.leave()
	k.endSess()
	k.sess, k.endSess = context.WithCancel(context.Background())
	k.stack = nil
	k.wedge.Reset()
	k.staffTaps = nil
	k.pending = map[int]bool{}
	k.queued = nil
	k.overlay.Objects = nil
	k.asking, k.askLabel, k.spinner = nil, nil, nil
	if k.opt.ForgetLookupsOnReset && k.deps.Lookups != nil {
		go func() {
			if err := k.deps.Lookups.ForgetLookups(); err != nil {
				k.log.Warn("forgetting recent lookups failed", "err", err)
			}
		}()
	}
	k.applySettings(k.opt.Language, false, false)
	k.cur = &startScreen{}
	k.render()
	k.idle.touch(k.now())
	k.log.Info("session reset")
}

// async runs work off the UI goroutine; the func it returns is applied on
// the UI goroutine unless ctx was cancelled meanwhile (a newer request, the
// screen was left, or the session reset). A spinner appears if the work takes
// longer than 150 ms.
func (k *Kiosk) async(ctx context.Context, work func(ctx context.Context) func()) {
	k.run(ctx, true, work)
}

// asyncQuiet is async without the spinner (search as you type shows its
// own "searching" line instead of covering the screen).
func (k *Kiosk) asyncQuiet(ctx context.Context, work func(ctx context.Context) func()) {
	k.run(ctx, false, work)
}

func (k *Kiosk) run(ctx context.Context, spin bool, work func(ctx context.Context) func()) {
	k.nextWork++
	id := k.nextWork
	k.pending[id] = true
	finish := func(apply func()) {
		delete(k.pending, id)
		if len(k.pending) == 0 {
			k.hideSpinner()
		}
		if ctx.Err() == nil && apply != nil {
			apply()
		}
	}
	// The spinner appears only if the work is still pending after the delay,
	// so quick work never flashes it.
	stopSpinner := func() bool { return false }
	if spin {
		stopSpinner = k.after(k.spinnerDelay, func() {
			fyne.Do(func() {
				if k.pending[id] {
					k.showSpinner()
				}
			})
		})
	}
	if k.deferWork {
		k.queued = append(k.queued, func() { stopSpinner(); finish(work(ctx)) })
		return
	}
	k.wg.Add(1)
	go func() {
		defer k.wg.Done()
		apply := work(ctx)
		stopSpinner()
		fyne.Do(func() { finish(apply) })
	}()
}

// Settle waits until all background work has been applied (tests, previews).
// With deferWork set, queued work runs here, on the caller's goroutine, in
// order: tests get the real ordering (work is applied after the event that
// started it) without racing the headless driver.
func (k *Kiosk) Settle() {
	for len(k.queued) > 0 {
		f := k.queued[0]
		k.queued = k.queued[1:]
		f()
	}
	k.wg.Wait()
}

func (k *Kiosk) showSpinner() {
	if k.spinner != nil {
		return
	}
	a := widget.NewActivity()
	a.Start()
	p := k.th.pal()
	bg := canvas.NewRectangle(p.surface)
	bg.CornerRadius = 20
	bg.StrokeColor = p.border
	bg.StrokeWidth = 2
	label := richText(k.t("busy"), sizeNameHeading, "foreground", false, fyne.TextAlignCenter)
	label.Wrapping = fyne.TextWrapOff
	box := container.New(layout.NewCustomPaddedLayout(30, 30, 40, 40), container.NewVBox(container.NewCenter(a), label))
	shade := canvas.NewRectangle(withAlpha(p.bg, 0x90))
	k.spinner = container.NewStack(shade, container.NewCenter(container.NewStack(bg, box)))
	k.overlay.Objects = append(k.overlay.Objects, k.spinner)
	k.overlay.Refresh()
}

func (k *Kiosk) hideSpinner() {
	if k.spinner == nil {
		return
	}
	k.removeOverlay(k.spinner)
	k.spinner = nil
}

// staffTap counts taps in the hidden corner.
func (k *Kiosk) staffTap() {
	now := k.now()
	taps := k.staffTaps[:0]
	for _, t := range k.staffTaps {
		if now.Sub(t) < 3*time.Second {
			taps = append(taps, t)
		}
	}
	k.staffTaps = append(taps, now)
	if len(k.staffTaps) >= 5 {
		k.staffTaps = nil
		k.log.Info("staff gesture")
		if k.OnStaffGesture != nil {
			k.OnStaffGesture()
		}
	}
}

// onRune receives typed characters: keyboard-wedge scanners and, on
// screens that want it, a physical keyboard.
func (k *Kiosk) onRune(r rune) {
	k.touch()
	// A keyboard-wedge scanner types a whole code in a burst; a pause means
	// whatever came before was someone typing, not part of this scan.
	k.wedge.Rune(r, k.now())
	if h, ok := k.cur.(runeHandler); ok {
		h.typedRune(r)
	}
}

func (k *Kiosk) onKey(e *fyne.KeyEvent) {
	k.touch()
	switch e.Name {
	case fyne.KeyReturn, fyne.KeyEnter:
		if raw, ok := k.wedge.Enter(); ok {
			k.wedgeScan(raw)
			return
		}
	case fyne.KeyBackspace:
		k.wedge.Backspace()
	}
	if h, ok := k.cur.(runeHandler); ok {
		h.typedKey(e.Name)
	}
}

// wedgeScan handles a line typed by a keyboard-wedge scanner.
func (k *Kiosk) wedgeScan(raw string) {
	if _, typing := k.cur.(runeHandler); typing {
		// A screen that takes typed text (search) gets Enter as "done".
		k.cur.(runeHandler).typedKey(fyne.KeyReturn)
		return
	}
	p, err := k.parse(raw)
	k.handleScan(p, err)
}

func (k *Kiosk) parse(raw string) (Payload, error) {
	if k.deps.ParseScan == nil {
		return Payload{DossierCode: raw}, nil
	}
	return k.deps.ParseScan(raw)
}

// handleScan routes a scan: the dossier screen takes it; on the start
// screen a dossier code opens the dossier screen with it.
func (k *Kiosk) handleScan(p Payload, err error) {
	k.touch()
	if h, ok := k.cur.(scanHandler); ok {
		h.onScan(k, p, err)
		k.confirmScan(err)
		return
	}
	if _, start := k.cur.(*startScreen); start && err == nil && p.DossierCode != "" {
		d := newDossierScreen()
		k.show(d)
		d.onScan(k, p, nil)
		k.confirmScan(nil)
	}
}

// rootWidget holds the whole window; it hides the mouse pointer when the
// site says so (touch screens).
type rootWidget struct {
	widget.BaseWidget
	k       *Kiosk
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
type orientationLayout struct{ k *Kiosk }

func (l *orientationLayout) Layout(objs []fyne.CanvasObject, size fyne.Size) {
	portrait := size.Height >= size.Width
	if portrait != l.k.portrait && size.Width > 0 {
		l.k.portrait = portrait
		go fyne.Do(l.k.render)
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
