package ui

import (
	"context"
	"errors"
	"fmt"
	"image/color"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/portal"
)

// Steps of a dossier lookup.
const (
	stepPrompt = iota // scan or type the code
	stepNeedID        // code without a secret: scan the CCCD or type the ID number
	stepResult
)

// dossierScreen is "Tra cứu hồ sơ": scan the receipt (serial or keyboard
// wedge, at any time on this screen) or type the code; then, if needed, the
// citizen ID; then the status. Its second tab is the public list of dossiers
// whose results are ready (readyScreen, shown as a tab).
type dossierScreen struct {
	readyTab bool
	step     int
	code     inputField
	idNumber inputField
	pending  string          // code waiting for an ID number
	summary  *portal.Dossier // the masked summary the portal gave for pending
	checking string          // a bare code being checked with the portal
	earlyID  string          // an ID number scanned during that check
	typing   bool            // the code pad is open

	result   *portal.Dossier
	cachedAt time.Time // set when result is the last known status (offline)
	msg      string
	msgSev   severity
	printMsg string
	printSev severity
	cancel   context.CancelFunc

	ready *readyScreen

	anim *fyne.Animation

	resultList *dragScroll // the result page's list
	keepOffset float32     // where it was, for the next build
}

func newDossierScreen() *dossierScreen {
	s := &dossierScreen{}
	s.ready = newReadyScreen(s)
	return s
}

func (s *dossierScreen) title(k *env) string { return k.t("dossier.title") }

func (s *dossierScreen) leave() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.ready.leave()
	if s.anim != nil {
		s.anim.Stop()
		s.anim = nil
	}
}

// stepBack takes "back" from typing the code, or from the ID step, to the
// scan prompt instead of leaving the screen (issue 19, item 11).
func (s *dossierScreen) stepBack(k *env) bool {
	switch {
	case s.readyTab:
		return false
	case s.step == stepNeedID:
		s.step, s.pending, s.msg = stepPrompt, "", ""
		s.idNumber.set("")
	case s.step == stepPrompt && s.typing:
		s.typing, s.msg = false, ""
		s.code.Value = ""
	default:
		return false
	}
	k.render()
	return true
}

func (s *dossierScreen) build(k *env) fyne.CanvasObject {
	if s.anim != nil {
		s.anim.Stop()
		s.anim = nil
	}
	tabs := container.NewGridWithColumns(2)
	for _, tb := range []struct {
		ready bool
		id    string
	}{{false, "dossier.tab.lookup"}, {true, "dossier.tab.collect"}} { // short: one line on a half-width tab in large text
		tb := tb
		st := tileQuiet
		if s.readyTab == tb.ready {
			st = tileSelected
		}
		t := k.tile(k.t(tb.id), st, func() {
			s.readyTab = tb.ready
			k.render()
		})
		t.Center = true
		t.TitleSize = ""
		t.Wrap = true // large text: two lines rather than off the tab
		tabs.Add(t)
	}
	var body fyne.CanvasObject
	if s.readyTab {
		body = s.ready.build(k)
	} else {
		s.ready.leave()
		switch s.step {
		case stepNeedID:
			body = s.buildNeedID(k)
		case stepResult:
			body = s.buildResult(k)
		default:
			body = s.buildPrompt(k)
		}
	}
	return container.NewBorder(container.New(layout.NewCustomPaddedLayout(0, 14, 0, 0), tabs), nil, nil, nil, body)
}

func (s *dossierScreen) message(k *env) fyne.CanvasObject {
	if s.msg == "" {
		return layout.NewSpacer()
	}
	return k.notice(s.msgSev, s.msg)
}

// buildPrompt is the animated "scan the code on your receipt" with the code
// pad to type it instead.
func (s *dossierScreen) buildPrompt(k *env) fyne.CanvasObject {
	s.code.Placeholder = k.t("dossier.code.placeholder")
	s.code.Upper = true
	s.code.MaxLen = 40
	s.code.OnChanged = nil
	if !s.typing {
		return s.buildScanPrompt(k, s.message(k))
	}
	top := container.NewVBox(s.message(k))
	top.Add(text(k.t("dossier.type.help")))
	top.Add(s.code.view(k))
	kb := newKeyboard(k, &s.code, []kbMode{kbCode, kbPlain}, "dossier.lookup", func() { s.submitTyped(k) })
	// The hint gets the full width to wrap in: centred on its own it would
	// get its narrowest size, one character per line.
	anytime := richText(k.t("dossier.scan.anytime"), "", colorMuted, false, fyne.TextAlignCenter)
	return k.withKeyboard(container.NewBorder(top, nil, nil, nil, container.NewVBox(layout.NewSpacer(), anytime, layout.NewSpacer())), kb.view())
}

// submitTyped handles the code typed on the pad.
func (s *dossierScreen) submitTyped(k *env) {
	v := strings.TrimSpace(s.code.Value)
	if v == "" {
		return
	}
	p, err := k.parse(v)
	if err != nil || p.DossierCode == "" {
		s.msg, s.msgSev = k.t("dossier.err.badcode"), sevBad
		k.render()
		return
	}
	s.onScan(k, p, nil)
}

// onScan takes a scan or a typed code at any step.
func (s *dossierScreen) onScan(k *env, p Payload, err error) {
	s.readyTab = false
	switch {
	case err != nil:
		k.log.Info("scan rejected", "err", err)
		s.msg, s.msgSev = k.t("dossier.err.scan"), sevBad
		if s.step == stepResult {
			s.step = stepPrompt
		}
	case p.DossierCode != "" && p.Secret != "":
		s.lookup(k, p.DossierCode, portal.DossierQuery{Secret: p.Secret})
		return
	case p.DossierCode != "":
		// First ask the portal whether the code exists at all (the kiosk
		// profile answers a bare code with a masked summary or "not found"):
		// a citizen with a mistyped code hears so before being asked for an
		// ID card (issue 19, item 11).
		s.checkCode(k, p.DossierCode)
		return
	case p.IDNumber != "" && s.checking != "":
		// The ID card came while the code is being checked: use it then.
		s.earlyID = p.IDNumber
		return
	case p.IDNumber != "" && s.step == stepNeedID:
		s.lookup(k, s.pending, portal.DossierQuery{IDNumber: p.IDNumber})
		return
	case p.IDNumber != "":
		s.msg, s.msgSev = k.t("dossier.err.idfirst"), sevWarn
	}
	k.render()
}

// checkCode looks a bare code up and asks for the ID number unless the
// portal says the code does not exist. A portal that shows nothing without
// a secret (OpenCPS: ErrSecretRequired) cannot say whether the code exists;
// then the ID number is asked for as before.
func (s *dossierScreen) checkCode(k *env, code string) {
	needID := func() {
		s.pending, s.step, s.msg, s.summary = code, stepNeedID, "", nil
		s.idNumber.set("")
	}
	s.checking, s.earlyID = code, ""
	if k.deps.Status == nil {
		s.checking = ""
		needID()
		k.render()
		return
	}
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithTimeout(k.session(), k.opt.LookupTimeout)
	s.cancel = cancel
	// The work's context is the session: a check that ran out of time
	// still moves on to the ID question.
	k.async(k.session(), func(context.Context) func() {
		d, err := k.deps.Status.Dossier(ctx, code, portal.DossierQuery{})
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil
		}
		return func() {
			cancel()
			s.checking = ""
			switch {
			case errors.Is(err, portal.ErrNotFound):
				s.step, s.msg, s.msgSev = stepPrompt, k.t("dossier.err.notfound", "Code", code), sevBad
				s.code.Value = ""
			case errors.Is(err, portal.ErrBadRequest):
				s.step, s.msg, s.msgSev = stepPrompt, k.t("dossier.err.badcode"), sevBad
				s.code.Value = ""
			case err == nil:
				needID()
				d = maskDossier(d)
				s.summary = &d // "skip" shows it without asking again
			default:
				needID()
			}
			if id := s.earlyID; id != "" && s.step == stepNeedID {
				s.earlyID = ""
				s.lookup(k, code, portal.DossierQuery{IDNumber: id})
				return
			}
			if k.current() == screen(s) {
				k.render()
			}
		}
	})
}

// buildNeedID asks for the citizen ID when the code came without a secret.
func (s *dossierScreen) buildNeedID(k *env) fyne.CanvasObject {
	s.idNumber.Placeholder = k.t("dossier.id.placeholder")
	s.idNumber.MaxLen = 12
	s.idNumber.Masked = true
	top := container.NewVBox(
		s.message(k),
		labelValue(k.t("dossier.code"), s.pending),
		richText(k.t("dossier.id.ask"), sizeNameHeading, "primary", true, fyne.TextAlignLeading),
		text(k.t("dossier.id.help")),
		s.idNumber.view(k),
	)
	kb := newKeyboard(k, &s.idNumber, []kbMode{kbDigits}, "dossier.lookup", func() {
		if len(s.idNumber.Value) < 9 {
			s.msg, s.msgSev = k.t("dossier.err.idshort"), sevWarn
			k.render()
			return
		}
		s.lookup(k, s.pending, portal.DossierQuery{IDNumber: s.idNumber.Value})
	})
	skip := k.tile(k.t("dossier.id.skip"), tileQuiet, func() {
		if s.summary != nil && s.summary.Code == s.pending {
			s.applyLookup(k, s.pending, *s.summary, nil, portal.Dossier{}, time.Time{}, false)
			return
		}
		s.lookup(k, s.pending, portal.DossierQuery{})
	})
	skip.Center = true
	skip.Wrap = true
	skip.TitleSize = ""
	return k.withKeyboard(container.NewBorder(top, skip, nil, nil, layout.NewSpacer()), kb.view())
}

// lookup asks the portal; offline it falls back to a recent cached status.
func (s *dossierScreen) lookup(k *env, code string, q portal.DossierQuery) {
	if k.deps.Status == nil {
		s.msg, s.msgSev = k.t("dossier.err.unavailable"), sevBad
		k.render()
		return
	}
	if s.cancel != nil {
		s.cancel()
	}
	ctx, cancel := context.WithTimeout(k.session(), k.opt.LookupTimeout)
	s.cancel = cancel
	if s.msg != "" {
		s.msg = ""
		k.render()
	}
	ttl := k.opt.RecentLookupTTL
	// The work's own context is the session: a lookup that ran out of time
	// must still show its "portal does not answer" message (a cancelled
	// context drops the result, a timed-out one must not).
	k.async(k.session(), func(context.Context) func() {
		d, err := k.deps.Status.Dossier(ctx, code, q)
		var cached portal.Dossier
		var at time.Time
		var haveCache bool
		if isOffline(err) && k.deps.Lookups != nil {
			cached, at, haveCache = k.deps.Lookups.RecentLookup(code, ttl)
		}
		if ctx.Err() != nil && !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return nil
		}
		return func() {
			cancel()
			s.applyLookup(k, code, d, err, cached, at, haveCache)
		}
	})
}

func isOffline(err error) bool {
	return errors.Is(err, portal.ErrOffline) || errors.Is(err, context.DeadlineExceeded)
}

func (s *dossierScreen) applyLookup(k *env, code string, d portal.Dossier, err error, cached portal.Dossier, at time.Time, haveCache bool) {
	s.msg, s.printMsg, s.cachedAt = "", "", time.Time{}
	switch {
	case err == nil:
		d = maskDossier(d)
		s.result, s.step = &d, stepResult
	case isOffline(err) && haveCache:
		s.result, s.step, s.cachedAt = &cached, stepResult, at
	case isOffline(err):
		s.step, s.msg, s.msgSev = stepPrompt, k.t("dossier.err.offline"), sevBad
	case errors.Is(err, portal.ErrNotFound):
		s.step, s.msg, s.msgSev = stepPrompt, k.t("dossier.err.notfound", "Code", code), sevBad
	case errors.Is(err, portal.ErrWrongSecret):
		s.pending, s.step = code, stepNeedID
		s.idNumber.Value = ""
		s.msg, s.msgSev = k.t("dossier.err.wrongsecret"), sevBad
	case errors.Is(err, portal.ErrBadRequest):
		s.step, s.msg, s.msgSev = stepPrompt, k.t("dossier.err.badcode"), sevBad
	default:
		k.log.Warn("dossier lookup failed", "err", err)
		s.step, s.msg, s.msgSev = stepPrompt, k.t("dossier.err.other"), sevBad
	}
	if s.step == stepPrompt {
		s.code.Value = ""
	}
	if k.current() == screen(s) {
		k.render()
	}
}

// maskDossier masks personal data again in case a portal did not.
func maskDossier(d portal.Dossier) portal.Dossier {
	d.Applicant = portal.MaskName(d.Applicant)
	d.ApplicantID = portal.MaskID(d.ApplicantID)
	return d
}

// statusLook gives a status its colour, icon and severity.
func statusLook(k *env, st int, overdue bool) (color.NRGBA, fyne.Resource) {
	p := k.th.pal()
	switch st {
	case portal.StatusDone, portal.StatusReturned:
		return p.ok, theme.ConfirmIcon()
	case portal.StatusNeedsDocuments, portal.StatusNeedsPayment:
		return p.warn, theme.WarningIcon()
	case portal.StatusRejected, portal.StatusStopped:
		return p.bad, theme.ErrorIcon()
	case portal.StatusWithdrawn:
		return p.neutral, theme.CancelIcon()
	}
	if overdue { // not only a colour: in high contrast warn and primary are both yellow
		return p.warn, theme.WarningIcon()
	}
	return p.info, theme.HistoryIcon()
}

func (s *dossierScreen) buildResult(k *env) fyne.CanvasObject {
	d := s.result
	box := container.NewVBox()
	if !s.cachedAt.IsZero() {
		box.Add(k.notice(sevWarn, k.t("dossier.cached", "Age", k.age(k.now().Sub(s.cachedAt)))))
	}
	c, icon := statusLook(k, d.Status, d.Overdue)
	statusBg := canvas.NewRectangle(c)
	statusBg.CornerRadius = 16
	ic := canvas.NewImageFromResource(themedOnPrimary(icon))
	ic.SetMinSize(fyne.NewSquareSize(96))
	ic.FillMode = canvas.ImageFillContain
	st := d.Status
	if st < portal.StatusNew || st > portal.StatusReturned {
		st = 0
	}
	// The status in words, then what to do next: never "nothing to do"
	// beside "overdue", and a number for the right counter where it helps.
	next := k.dossierNextStep(*d)
	title := k.t(fmt.Sprintf("status.%d", st))
	if d.Overdue && st != portal.StatusReturned && st != portal.StatusWithdrawn {
		title = k.t("next.status.overdue", "Status", title, "Days", daysOverdue(d.DueAt, k.now()))
	}
	words := container.NewVBox(
		richText(title, sizeNameTitle, "foregroundOnPrimary", true, fyne.TextAlignLeading),
		richText(next.Text, "", "foregroundOnPrimary", false, fyne.TextAlignLeading),
	)
	box.Add(container.NewStack(statusBg, container.New(layout.NewCustomPaddedLayout(20, 20, 20, 20),
		container.NewBorder(nil, nil, container.NewCenter(ic), nil, words))))
	if next.Service != nil {
		svc := *next.Service
		go1 := k.tile(k.t(next.ButtonID, "Counter", svc.Counter), tilePrimary, func() {
			k.show(&ticketScreen{svc: &svc})
		})
		go1.Icon = theme.ListIcon() // the start screen's "take a number" icon
		go1.Wrap = true
		go1.TitleSize = ""
		box.Add(go1)
	}

	facts := container.NewVBox()
	add := func(id, v string) {
		if v != "" {
			facts.Add(labelValue(k.t(id), v))
		}
	}
	add("dossier.code", d.Code)
	add("dossier.procedure", d.ProcedureName)
	add("dossier.agency", d.AgencyName)
	add("dossier.applicant", d.Applicant)
	add("dossier.applicantid", d.ApplicantID)
	add("dossier.received", formatDate(d.ReceivedAt))
	add("dossier.due", formatDate(d.DueAt))
	if d.FinishedAt != nil {
		add("dossier.finished", formatDate(*d.FinishedAt))
	}
	if d.ReturnedAt != nil {
		add("dossier.returned", formatDate(*d.ReturnedAt))
	}
	add("dossier.step", d.CurrentStep)
	if d.Status == portal.StatusNeedsPayment {
		// One amount: what the note asks for, else the fee (amountDue).
		if n := amountDue(*d); n > 0 {
			add("next.amount", formatVND(n))
		}
	} else if d.Fee > 0 {
		add("dossier.fee", formatVND(d.Fee))
	}
	add("dossier.note", d.Note)
	box.Add(card(k.th, facts))
	col, right := box, container.NewVBox()
	if !k.portrait {
		col = right // landscape: status and facts left, pickup and timeline right
	}
	if place := k.pickupText(*d); place != "" {
		col.Add(card(k.th, container.NewVBox(heading(k.t("dossier.pickup")), text(place))))
	}
	if len(d.Steps) > 0 {
		tl := container.NewVBox(heading(k.t("dossier.timeline")))
		for _, st := range d.Steps {
			mark, col := "○", fyne.ThemeColorName(colorMuted)
			if st.Done {
				mark, col = "✓", colorOK
			}
			line := mark + "  " + st.Name
			if st.At != nil {
				line += " — " + formatDateTime(*st.At)
			}
			tl.Add(richText(line, "", col, st.Done, fyne.TextAlignLeading))
		}
		col.Add(card(k.th, tl))
	}
	if !d.Detailed {
		col.Add(textMuted(k.t("dossier.summaryonly")))
	}
	var content fyne.CanvasObject = box
	if !k.portrait {
		content = container.NewGridWithColumns(2, box, right)
	}
	scroll, ds := k.scroller(content)
	ds.Offset, s.keepOffset = s.keepOffset, 0 // a print message keeps the place
	s.resultList = ds

	printT := k.tile(k.t("dossier.print"), tilePrimary, func() { s.print(k) })
	printT.Icon = theme.DocumentPrintIcon()
	printT.TitleSize = ""
	rateT := k.tile(k.t("dossier.rate"), tileSurface, func() { k.show(newDossierRatingScreen(*d)) })
	rateT.TitleSize = ""
	again := k.tile(k.t("dossier.again"), tileQuiet, func() {
		s.step, s.result, s.msg, s.typing = stepPrompt, nil, "", false
		s.code.Value = ""
		k.render()
	})
	again.TitleSize = ""
	again.Wrap = true
	rateT.Wrap = true
	printT.Wrap = true
	bottom := container.NewVBox()
	if s.printMsg != "" {
		bottom.Add(k.notice(s.printSev, s.printMsg))
	}
	if k.th.large && k.portrait {
		// A third of the portrait width cannot hold "In phiếu" beside its
		// icon in large text: the main action gets its own row (landscape
		// has the width, and no height to spare).
		bottom.Add(printT)
		bottom.Add(container.NewGridWithColumns(2, rateT, again))
	} else {
		bottom.Add(container.NewGridWithColumns(3, printT, rateT, again))
	}
	return container.NewBorder(nil, bottom, nil, nil, scroll)
}

func (s *dossierScreen) print(k *env) {
	if k.deps.Printer == nil {
		s.printMsg, s.printSev = k.t("print.unavailable"), sevWarn
		k.render()
		return
	}
	d, lang := k.printedDossier(*s.result), k.lang
	k.async(k.session(), func(ctx context.Context) func() {
		err := k.deps.Printer.PrintDossier(ctx, d, lang)
		return func() {
			s.printMsg, s.printSev = k.printResult(err)
			if k.current() == screen(s) {
				if s.resultList != nil {
					s.keepOffset = s.resultList.Offset
				}
				k.render()
			}
		}
	})
}

// formatDate shows a date in Vietnam's zone (portal.Vietnam), so the kiosk
// shows the same dates whatever its system zone says.
func formatDate(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.In(portal.Vietnam).Format("02/01/2006")
}

func formatDateTime(t time.Time) string { return t.In(portal.Vietnam).Format("15:04 02/01/2006") }
