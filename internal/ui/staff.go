package ui

import (
	"context"
	"fmt"
	"strings"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/health"
	"kiosk/internal/pin"
	"kiosk/internal/portal"
)

// StaffActions is what the staff panel can do to the device.
type StaffActions interface {
	Report() health.Report
	TestPrint(ctx context.Context) error
	SyncNow()
	FullResync()
	ResetDevice() error
}

// Staff configures the staff panel: the PIN hash from the config, the guard
// that locks out guessing, the actions, and how to restart the app.
type Staff struct {
	PINHash string
	Guard   *pin.Guard
	Actions StaffActions
	// Restart restarts the kiosk process (systemd brings it back).
	Restart func()
}

// EnableStaff makes the hidden gesture (five taps in the top-left corner
// within three seconds) open the PIN pad and, with the right PIN, the panel.
// The panel is a normal screen: the idle reset closes it like any other.
func (k *Kiosk) EnableStaff(s Staff) {
	if s.Guard == nil {
		s.Guard = pin.NewGuard(k.now)
	}
	k.OnStaffGesture = func() { k.show(&staffPINScreen{cfg: s}) }
}

// staffPINScreen asks for the PIN on a numeric pad; digits are shown as dots
// and never logged.
type staffPINScreen struct {
	cfg      Staff
	digits   []rune
	msg      string
	msgBad   bool
	checking bool
}

func (s *staffPINScreen) title(k *env) string { return k.t("staff.title") }

func (s *staffPINScreen) build(k *env) fyne.CanvasObject {
	box := container.NewVBox(richText(k.t("staff.pin.prompt"), sizeNameHeading, "foreground", false, fyne.TextAlignCenter))
	dots := strings.Repeat("● ", len(s.digits))
	if dots == "" {
		dots = " "
	}
	box.Add(richText(strings.TrimSpace(dots), sizeNameTitle, "primary", true, fyne.TextAlignCenter))
	var msg fyne.CanvasObject
	if locked, wait := s.cfg.Guard.Locked(); locked {
		msg = k.notice(sevBad, k.t("staff.pin.locked", "Wait", k.waitWords(wait)))
	} else if s.msg != "" {
		sev := sevInfo
		if s.msgBad {
			sev = sevBad
		}
		msg = k.notice(sev, s.msg)
	}
	// The message has its room whether it is shown or not: the pad below
	// never moves under the next finger (issue 19, item 6).
	box.Add(reserved(msg,
		k.notice(sevBad, k.t("staff.pin.locked", "Wait", k.waitWords(59*time.Minute))),
		k.notice(sevBad, k.t("staff.pin.wrong")),
		k.notice(sevBad, k.t("staff.pin.nohash"))))
	pad := container.NewGridWithColumns(3)
	for _, d := range "123456789" {
		d := d
		pad.Add(k.padKey(string(d), func() { s.press(k, d) }))
	}
	del := k.padKey("", func() { s.backspace(k) })
	del.Icon = backspaceIcon // the keyboards' backspace, not a second sign for it
	pad.Add(del)
	pad.Add(k.padKey("0", func() { s.press(k, '0') }))
	ok := k.tile(k.t("staff.pin.ok"), tilePrimary, func() { s.submit(k) })
	ok.Center = true
	ok.MinHeight = 110
	pad.Add(ok)
	keys := container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(600, 4*110+3*theme.Padding())), pad))
	if !k.portrait {
		// Landscape: prompt and message on the left, the pad on the right,
		// each in its own column.
		return container.NewGridWithColumns(2, container.NewVBox(layout.NewSpacer(), box, layout.NewSpacer()), keys)
	}
	return container.NewVBox(box, keys)
}

func (k *env) padKey(label string, tap func()) *tile {
	t := k.tile(label, tileSurface, tap)
	t.Center = true
	t.MinHeight = 110
	return t
}

func (s *staffPINScreen) press(k *env, d rune) {
	if len(s.digits) < 8 && !s.checking {
		s.digits = append(s.digits, d)
		s.msg = ""
		k.render()
	}
}

func (s *staffPINScreen) backspace(k *env) {
	if len(s.digits) > 0 {
		s.digits = s.digits[:len(s.digits)-1]
		k.render()
	}
}

func (s *staffPINScreen) submit(k *env) {
	if s.checking || len(s.digits) == 0 {
		return
	}
	entered := string(s.digits)
	s.digits = nil
	s.checking = true
	// The hash is deliberately slow: check it off the UI goroutine.
	k.async(k.session(), func(ctx context.Context) func() {
		ok, wait, err := s.cfg.Guard.Check(s.cfg.PINHash, entered)
		return func() {
			s.checking = false
			switch {
			case ok:
				k.replace(&staffPanelScreen{cfg: s.cfg})
				return
			case wait > 0:
				s.msg, s.msgBad = k.t("staff.pin.locked", "Wait", k.waitWords(wait)), true
			case err != nil && s.cfg.PINHash == "":
				s.msg, s.msgBad = k.t("staff.pin.nohash"), true
			default:
				s.msg, s.msgBad = k.t("staff.pin.wrong"), true
			}
			if k.current() == screen(s) {
				k.render()
			}
		}
	})
}

// waitWords is a lockout's wait in words ("30 giây", "5 phút"), not a
// developer's "30s".
func (k *env) waitWords(d time.Duration) string {
	if d < time.Minute {
		return k.t("wait.seconds", "N", int((d+time.Second-1)/time.Second))
	}
	return k.t("wait.minutes", "N", int((d+time.Minute-1)/time.Minute))
}

// staffPanelScreen shows device health and the staff actions.
type staffPanelScreen struct {
	cfg        Staff
	rep        *health.Report
	msg        string
	msgSev     severity
	confirming bool
	errors     bool
	tech       bool   // technical details shown
	printErr   string // the last test print's error as the printer said it
}

func (s *staffPanelScreen) title(k *env) string { return k.t("staff.title") }

func (s *staffPanelScreen) build(k *env) fyne.CanvasObject {
	if s.rep == nil {
		s.refresh(k)
	}
	if s.confirming {
		return s.buildConfirm(k)
	}
	r := s.rep
	// The result of the last action has its room above the list whether
	// shown or not, and the actions stay in a fixed grid below it: a "test
	// page printed" banner moved the buttons under the next finger, which
	// printed a second page, and the grid went from 3 columns to 2 when the
	// page buttons appeared (issue 19, item 6).
	var msg fyne.CanvasObject
	if s.msg != "" {
		msg = k.notice(s.msgSev, s.msg)
	}
	slot := reserved(msg,
		k.notice(sevOK, k.t("staff.testprint.ok")),
		k.notice(sevInfo, k.t("staff.sync.started")),
		k.notice(sevBad, k.t("staff.testprint.failed", "Err", k.t("sa.prob.printer.offline"))),
		k.notice(sevInfo, k.t("staff.speakertest.done")))

	box := container.NewVBox()
	if r == nil {
		box.Add(k.notice(sevWarn, k.t("staff.noreport")))
	} else {
		if probs := staffProblems(k, *r); len(probs) == 0 {
			box.Add(k.notice(sevOK, k.t("staff.allok")))
		} else {
			box.Add(k.notice(sevBad, k.t("staff.problems")+"\n• "+strings.Join(probs, "\n• ")))
		}
		box.Add(heading(k.t("staff.health")))
		for _, row := range staffRows(k, *r) {
			box.Add(labelValue(row[0], row[1]))
		}
	}
	if s.tech && r != nil {
		box.Add(heading(k.t("sa.staff.technical")))
		for _, row := range staffTechRows(k, *r) {
			box.Add(labelValue(row[0], row[1]))
		}
		if s.printErr != "" {
			box.Add(labelValue(k.t("layouts.staff.tech.printerror"), s.printErr))
		}
	}
	if s.errors && r != nil {
		box.Add(heading(k.t("staff.errors")))
		if len(r.Errors) == 0 {
			box.Add(textMuted(k.t("staff.errors.none")))
		}
		for i, e := range r.Errors {
			if i == 20 {
				break
			}
			// Plain words in the panel's language; the log's own English
			// text only with the technical details.
			box.Add(text(e.Time.In(portal.Vietnam).Format("15:04:05 02/01") + " " + k.plainLogMessage(e.Message)))
			if s.tech {
				raw := e.Message
				if e.Detail != "" {
					raw += ": " + e.Detail
				}
				box.Add(textMuted(raw))
			}
		}
	}
	list, _ := k.scroller(box)

	cols := 3
	if !k.portrait || k.th.large {
		// Landscape: a column beside the list, its height is for the list.
		// Large text: a third of the width breaks "Đồng bộ lại toàn bộ".
		cols = 2
	}
	actions := container.NewGridWithColumns(cols)
	add := func(label string, style tileStyle, on bool, tap func()) {
		if on {
			style = tileSelected
		}
		t := k.tile(label, style, tap)
		t.Center, t.Wrap, t.MinHeight, t.TitleSize = true, true, 110, ""
		actions.Add(t)
	}
	add(k.t("staff.refresh"), tileSurface, false, func() { s.rep = nil; s.msg = ""; k.render() })
	add(k.t("staff.testprint"), tileSurface, false, func() { s.testPrint(k) })
	add(k.t("staff.speakertest"), tileSurface, false, func() { s.testSpeaker(k) })
	add(k.t("staff.syncnow"), tileSurface, false, func() { s.cfg.Actions.SyncNow(); s.say(k, sevInfo, k.t("staff.sync.started")) })
	add(k.t("staff.fullsync"), tileSurface, false, func() { s.cfg.Actions.FullResync(); s.say(k, sevInfo, k.t("staff.sync.started")) })
	add(k.t("staff.errors"), tileSurface, s.errors, func() { s.errors = !s.errors; k.render() })
	add(k.t("sa.staff.technical"), tileSurface, s.tech, func() { s.tech = !s.tech; k.render() })
	add(k.t("staff.reset"), tileDanger, false, func() { s.confirming = true; k.render() })
	if s.cfg.Restart != nil {
		add(k.t("staff.restart"), tileSurface, false, s.cfg.Restart)
	}
	add(k.t("staff.close"), tilePrimary, false, k.home)
	bottom := container.NewVBox(heading(k.t("staff.actions")), actions)
	if !k.portrait {
		// In large text the column may be taller than the screen: it scrolls.
		sideScroll := newDragScroll(bottom, k.now)
		sideScroll.OnMoved = k.touch
		side := container.New(&fixedWidth{w: 760}, container.New(layout.NewCustomPaddedLayout(0, 0, 20, 0), sideScroll))
		return container.NewBorder(slot, nil, nil, side, list)
	}
	return container.NewBorder(slot, container.New(layout.NewCustomPaddedLayout(12, 0, 0, 0), bottom), nil, nil, list)
}

// staffRows are the device's health in plain words for centre staff: no
// ports, URLs or Go durations (those are under "Technical details").
func staffRows(k *env, r health.Report) [][2]string {
	age := k.t("staff.never")
	if r.Cache.AgeSeconds >= 0 {
		age = k.age(time.Duration(r.Cache.AgeSeconds) * time.Second)
	}
	portalState := k.t("sa.staff.portal.unchecked")
	switch {
	case r.Portal.CheckedAt.IsZero() && !r.Portal.Reachable:
	case r.Portal.Reachable:
		portalState = k.t("sa.staff.portal.up", "MS", r.Portal.LatencyMS)
	default:
		portalState = k.t("sa.staff.portal.down")
	}
	lastSync := k.t("staff.ok")
	if r.Cache.LastSyncError != "" {
		lastSync = k.t("sa.staff.lastsync.failed")
	}
	rows := [][2]string{
		{k.t("staff.portal"), portalState},
		{k.t("staff.cache"), k.t("sa.staff.cache.value", "N", r.Cache.Procedures, "Age", age, "MB", k.decimal(float64(r.Cache.SizeBytes)/(1<<20)))},
		{k.t("staff.lastsync"), lastSync},
		{k.t("staff.outbox"), fmt.Sprint(r.Outbox.Depth)},
		{k.t("staff.printer"), k.stateWords("sa.printer.", r.Printer.State)},
		{k.t("staff.scanner"), k.stateWords("sa.scanner.", r.Scanner.State)},
		{k.t("staff.speaker"), k.stateWords("sa.speaker.", r.Speaker.State)},
	}
	if r.Screen.Probing {
		rows = append(rows, [2]string{k.t("sa.staff.screen"), map[bool]string{true: k.t("sa.staff.screen.ok"), false: k.t("sa.staff.screen.stalled")}[r.Screen.Responsive]})
	}
	rows = append(rows,
		[2]string{k.t("staff.version"), r.Version + " · " + r.KioskID},
		[2]string{k.t("staff.disk"), k.decimal(float64(r.Disk.FreeBytes)/(1<<30)) + " / " + k.decimal(float64(r.Disk.TotalBytes)/(1<<30)) + " GB"})
	return rows
}

// staffTechRows are the identifiers a technician asks for on the phone.
func staffTechRows(k *env, r health.Report) [][2]string {
	port := func(p string) string {
		switch p {
		case "":
			return k.t("sa.port.none")
		case "virtual":
			return k.t("sa.port.virtual")
		case "keyboard":
			return k.t("sa.port.keyboard")
		}
		return p
	}
	rows := [][2]string{
		{k.t("sa.staff.tech.portal"), r.Portal.BaseURL},
		{k.t("sa.staff.tech.printer"), port(r.Printer.Port)},
		{k.t("sa.staff.tech.scanner"), port(r.Scanner.Port)},
		{k.t("sa.staff.tech.speaker"), port(r.Speaker.Port)},
	}
	if r.Cache.LastSyncError != "" {
		rows = append(rows, [2]string{k.t("sa.staff.tech.syncerror"), r.Cache.LastSyncError})
	}
	if r.Screen.Probing {
		rows = append(rows, [2]string{k.t("sa.staff.tech.screen"), fmt.Sprintf("%d ms", r.Screen.LagMS)})
	}
	return rows
}

// stateWords translates a device state ("ok", "out", "connected", …).
func (k *env) stateWords(prefix, state string) string {
	if state == "" {
		return k.t("sa.state.unknown")
	}
	if w := k.t(prefix + state); w != prefix+state {
		return w
	}
	return k.t("sa.state.unknown")
}

// decimal writes one decimal as the language does: "1,5" in Vietnamese.
func (k *env) decimal(v float64) string {
	s := fmt.Sprintf("%.1f", v)
	if k.lang == "vi" {
		s = strings.Replace(s, ".", ",", 1)
	}
	return s
}

// staffProblems names, in the panel's language, what needs attention: the
// same checks as the health report's Problems (which are English, for logs
// and kioskctl), from the report's fields.
func staffProblems(k *env, r health.Report) []string {
	var p []string
	if r.Screen.Probing && !r.Screen.Responsive {
		p = append(p, k.t("sa.prob.screen", "N", r.Screen.WaitingSeconds))
	}
	if id := "sa.prob.printer." + r.Printer.State; k.t(id) != id { // out, low, offline
		p = append(p, k.t(id))
	}
	if r.Scanner.State == "disconnected" {
		p = append(p, k.t("sa.prob.scanner"))
	}
	switch r.Speaker.State {
	case "no_device", "no_engine", "error":
		p = append(p, k.t("sa.prob.speaker"))
	}
	if r.Clock.Wrong != "" {
		p = append(p, k.t("sa.prob.clock"))
	}
	switch {
	case r.Portal.CheckedAt.IsZero() || r.Portal.Reachable:
	case r.Portal.CertTimeError:
		p = append(p, k.t("sa.prob.portal.cert"))
	case r.Portal.ServerError:
		p = append(p, k.t("sa.prob.portal.server"))
	default:
		p = append(p, k.t("sa.prob.portal.down"))
	}
	if r.Portal.Suspect != "" {
		p = append(p, k.t("sa.prob.portal.suspect"))
	}
	switch {
	case r.Cache.AgeSeconds < 0:
		p = append(p, k.t("sa.prob.cache.never"))
	case r.Cache.AgeSeconds > 24*3600:
		p = append(p, k.t("sa.prob.cache.stale", "Age", k.age(time.Duration(r.Cache.AgeSeconds)*time.Second)))
	}
	if r.Cache.Recovered != "" {
		p = append(p, k.t("sa.prob.cache.recovered"))
	}
	if r.Cache.LastSyncError != "" {
		// The portal may answer the health check and still fail the
		// catalogue's update: "working normally" would be wrong.
		p = append(p, k.t("staff.prob.sync.failed"))
	}
	if r.Disk.TotalBytes > 0 && r.Disk.FreeBytes < 200<<20 {
		p = append(p, k.t("sa.prob.disk"))
	}
	// Anything the health report knows that this list does not name yet
	// still shows, rather than hiding a problem.
	if len(p) == 0 && len(r.Problems) > 0 {
		p = append(p, r.Problems...)
	}
	return p
}

func (s *staffPanelScreen) buildConfirm(k *env) fyne.CanvasObject {
	depth := 0
	if s.rep != nil {
		depth = s.rep.Outbox.Depth
	}
	yes := k.tile(k.t("staff.reset.yes"), tileDanger, func() { s.reset(k) })
	yes.Icon, yes.Center, yes.MinHeight = theme.WarningIcon(), true, 130
	no := k.tile(k.t("staff.reset.no"), tileQuiet, func() { s.confirming = false; k.render() })
	no.Center = true
	return container.NewVBox(
		k.notice(sevWarn, k.t("staff.reset.q", "N", depth)),
		layout.NewSpacer(), yes, no,
	)
}

func (s *staffPanelScreen) say(k *env, sev severity, msg string) {
	s.msg, s.msgSev = msg, sev
	if k.current() == screen(s) {
		k.render()
	}
}

func (s *staffPanelScreen) refresh(k *env) {
	if s.cfg.Actions == nil {
		return
	}
	r := s.cfg.Actions.Report()
	s.rep = &r
}

func (s *staffPanelScreen) testPrint(k *env) {
	k.async(k.session(), func(ctx context.Context) func() {
		err := s.cfg.Actions.TestPrint(ctx)
		return func() {
			s.rep = nil
			if err != nil {
				s.printErr = err.Error()
				s.say(k, sevBad, k.t("staff.testprint.failed", "Err", k.plainPrintError(err)))
				return
			}
			s.printErr = ""
			s.say(k, sevOK, k.t("staff.testprint.ok"))
		}
	})
}

func (s *staffPanelScreen) reset(k *env) {
	k.async(k.session(), func(ctx context.Context) func() {
		err := s.cfg.Actions.ResetDevice()
		return func() {
			s.confirming = false
			if err != nil {
				s.rep = nil
				s.say(k, sevBad, k.t("staff.reset.failed", "Err", err.Error()))
				return
			}
			// Language, text size and contrast go back to the defaults too.
			k.Reset()
		}
	})
}
