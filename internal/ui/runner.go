package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/widget"
)

// runner runs the screens' slow work (network, printer, disk) off the UI
// goroutine and applies its result on it. It owns the citizen's session
// context (cancelled at every reset, so a late answer never reaches the next
// person's screen), newest-wins cancellation (work whose context was
// cancelled is not applied) and the "please wait" spinner.
type runner struct {
	look    *look
	overlay *fyne.Container

	// sess is the citizen's session; work started in it ends with it.
	sess    context.Context
	endSess context.CancelFunc

	pending      map[int]bool
	nextWork     int
	spinner      fyne.CanvasObject
	spinnerDelay time.Duration

	// after schedules f after d and returns a stop function (time.AfterFunc).
	after func(d time.Duration, f func()) (stop func() bool)
	// launch runs job off the UI goroutine and then the func it returns on
	// the UI goroutine (goLaunch). Tests replace it and after to run work
	// and timers by hand, in order.
	launch func(job func() (onUI func()))
}

func newRunner(l *look, overlay *fyne.Container) *runner {
	r := &runner{
		look: l, overlay: overlay, pending: map[int]bool{}, spinnerDelay: 150 * time.Millisecond,
		after:  func(d time.Duration, f func()) func() bool { return time.AfterFunc(d, f).Stop },
		launch: goLaunch,
	}
	r.sess, r.endSess = context.WithCancel(context.Background())
	return r
}

// goLaunch is the production launch: a goroutine, then fyne.Do.
func goLaunch(job func() func()) {
	go func() {
		onUI := job()
		fyne.Do(onUI)
	}()
}

// session is the citizen's session context.
func (r *runner) session() context.Context { return r.sess }

// async runs work off the UI goroutine; the func it returns is applied on
// the UI goroutine unless ctx was cancelled meanwhile (a newer request, the
// screen was left, or the session reset). A spinner appears if the work takes
// longer than 150 ms.
func (r *runner) async(ctx context.Context, work func(ctx context.Context) func()) {
	r.run(ctx, true, work)
}

// asyncQuiet is async without the spinner (search as you type shows its
// own "searching" line instead of covering the screen).
func (r *runner) asyncQuiet(ctx context.Context, work func(ctx context.Context) func()) {
	r.run(ctx, false, work)
}

func (r *runner) run(ctx context.Context, spin bool, work func(ctx context.Context) func()) {
	r.nextWork++
	id := r.nextWork
	r.pending[id] = true
	finish := func(apply func()) {
		delete(r.pending, id)
		if len(r.pending) == 0 {
			r.hideSpinner()
		}
		if ctx.Err() == nil && apply != nil {
			apply()
		}
	}
	// The spinner appears only if the work is still pending after the delay,
	// so quick work never flashes it.
	stopSpinner := func() bool { return false }
	if spin {
		stopSpinner = r.after(r.spinnerDelay, func() {
			fyne.Do(func() {
				if r.pending[id] {
					r.showSpinner()
				}
			})
		})
	}
	r.launch(func() func() {
		apply := work(ctx)
		stopSpinner()
		return func() { finish(apply) }
	})
}

// endSession cancels all work of the session and starts a new one.
func (r *runner) endSession() {
	r.endSess()
	r.sess, r.endSess = context.WithCancel(context.Background())
	r.pending = map[int]bool{}
	r.spinner = nil
}

func (r *runner) showSpinner() {
	if r.spinner != nil {
		return
	}
	a := widget.NewActivity()
	a.Start()
	p := r.look.th.pal()
	bg := canvas.NewRectangle(p.surface)
	bg.CornerRadius = 20
	bg.StrokeColor = p.border
	bg.StrokeWidth = 2
	label := richText(r.look.t("busy"), sizeNameHeading, "foreground", false, fyne.TextAlignCenter)
	label.Wrapping = fyne.TextWrapOff
	box := container.New(layout.NewCustomPaddedLayout(30, 30, 40, 40), container.NewVBox(container.NewCenter(a), label))
	shade := canvas.NewRectangle(withAlpha(p.bg, 0x90))
	r.spinner = container.NewStack(shade, container.NewCenter(container.NewStack(bg, box)))
	r.overlay.Objects = append(r.overlay.Objects, r.spinner)
	r.overlay.Refresh()
}

func (r *runner) hideSpinner() {
	if r.spinner == nil {
		return
	}
	removeOverlay(r.overlay, r.spinner)
	r.spinner = nil
}

// removeOverlay takes o off the overlay layer.
func removeOverlay(overlay *fyne.Container, o fyne.CanvasObject) {
	objs := overlay.Objects[:0]
	for _, x := range overlay.Objects {
		if x != o {
			objs = append(objs, x)
		}
	}
	overlay.Objects = objs
	overlay.Refresh()
}
