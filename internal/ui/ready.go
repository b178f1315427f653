package ui

import (
	"context"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/portal"
)

// readyScreen is the public list of dossiers whose results are ready to
// collect ("Hồ sơ đã có kết quả"): searchable by code as it is typed, with
// personal data masked, refreshed every Options.ReadyRefresh while it is on
// screen and not at all otherwise. The dossier screen shows it as its second
// tab (host); it can also be shown on its own.
type readyScreen struct {
	// host is the screen that shows this list as a tab, nil when the list
	// is a screen of its own.
	host screen

	items  []portal.ReadyDossier
	err    string
	query  inputField
	loaded bool
	stop   context.CancelFunc // ends the refresh; nil while not shown
	ctx    context.Context    // ends with stop
	// loading is true while a load is under way: the refresh tick never
	// stacks a second load on a slow one.
	loading bool
	list    *dragScroll
}

func newReadyScreen(host screen) *readyScreen { return &readyScreen{host: host} }

func (s *readyScreen) title(k *env) string { return k.t("dossier.tab.ready") }

// leave stops the refresh; building the list again restarts it.
func (s *readyScreen) leave() {
	if s.stop != nil {
		s.stop()
		s.stop = nil
	}
}

// onScreen is true while the list is what the citizen sees.
func (s *readyScreen) onScreen(k *env) bool {
	var at screen = s
	if s.host != nil {
		at = s.host
	}
	return s.list != nil && s.stop != nil && k.current() == at
}

// build is "Hồ sơ đã có kết quả", filtered by code as it is typed and
// refreshed in the background while shown.
func (s *readyScreen) build(k *env) fyne.CanvasObject {
	if s.stop == nil {
		ctx, stop := context.WithCancel(k.session())
		s.stop, s.ctx, s.loading = stop, ctx, false
		s.load(k, ctx)
		go func() {
			t := time.NewTicker(k.opt.ReadyRefresh)
			defer t.Stop()
			for {
				select {
				case <-ctx.Done():
					return
				case <-t.C:
					fyne.Do(func() {
						if ctx.Err() == nil {
							s.load(k, ctx)
						}
					})
				}
			}
		}()
	}
	s.query.Placeholder = k.t("ready.placeholder")
	s.query.Upper = true
	s.query.OnChanged = func(string) { s.fill(k) }
	var list fyne.CanvasObject
	list, s.list = k.scroller(container.NewVBox())
	s.fill(k)
	kb := newKeyboard(k, &s.query, []kbMode{kbCode, kbPlain}, "", nil)
	return k.withKeyboard(container.NewBorder(container.NewVBox(text(k.t("ready.help")), s.query.view(k)), nil, nil, nil, list), kb.view())
}

func (s *readyScreen) load(k *env, ctx context.Context) {
	if k.deps.Ready == nil {
		s.err = k.t("ready.unavailable")
		return
	}
	if s.loading {
		return
	}
	// One load is bounded like a lookup: a portal that hangs gives a clear
	// message and a retry button, not "please wait" for minutes (issue 19,
	// item 10). The work's context is the list's, so a load that ran out of
	// time still shows its message.
	lctx, cancel := context.WithTimeout(ctx, k.opt.LookupTimeout)
	s.loading = true
	s.fill(k)
	k.asyncQuiet(ctx, func(context.Context) func() {
		items, err := k.deps.Ready.ReadyDossiers(lctx, "", "")
		cancel()
		return func() {
			s.loaded, s.loading = true, false
			if err != nil {
				k.log.Warn("ready list failed", "err", err)
				s.err = k.t("sa.ready.failed")
				if len(s.items) > 0 {
					s.err = k.t("ready.offline")
				}
			} else {
				s.items, s.err = items, ""
			}
			s.fill(k)
		}
	})
}

func (s *readyScreen) fill(k *env) {
	if !s.onScreen(k) {
		return
	}
	box := container.NewVBox()
	if s.err != "" {
		box.Add(k.notice(sevWarn, s.err))
		if !s.loading {
			retry := k.tile(k.t("sa.ready.retry"), tilePrimary, func() {
				if s.stop != nil && !s.loading {
					s.load(k, s.ctx)
				}
			})
			retry.Icon, retry.Center = theme.ViewRefreshIcon(), true
			box.Add(retry)
		}
	}
	q := strings.ToUpper(strings.TrimSpace(s.query.Value))
	n := 0
	for _, r := range s.items {
		if q != "" && !strings.Contains(strings.ToUpper(r.Code), q) {
			continue
		}
		n++
		if n > 200 {
			break
		}
		// A public list: the code and the procedure, never the applicant,
		// not even masked ("Trần T** B" beside a procedure says who
		// applied for what to anyone who knows the family).
		rows := container.NewVBox(
			richText(r.Code, sizeNameHeading, "primary", true, fyne.TextAlignLeading),
			text(r.ProcedureName),
		)
		if !r.FinishedAt.IsZero() {
			rows.Add(labelValue(k.t("dossier.finished"), formatDate(r.FinishedAt)))
		}
		if place := k.pickupText(portal.Dossier{Status: portal.StatusDone, PickupPlace: r.PickupPlace}); place != "" {
			rows.Add(keepNamesIn(text(k.t("dossier.pickup") + ": " + place))) // one segment: long places wrap cleanly
		}
		box.Add(card(k.th, rows))
	}
	switch {
	case s.loading && len(s.items) == 0:
		box.Add(textMuted(k.t("sa.ready.loading")))
	case n == 0 && s.err == "":
		box.Add(textMuted(k.t("ready.none")))
	}
	s.list.SetContent(box)
}
