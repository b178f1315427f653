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
	if locked, wait := s.cfg.Guard.Locked(); locked {
		box.Add(k.notice(sevBad, k.t("staff.pin.locked", "Wait", k.waitWords(wait))))
	} else if s.msg != "" {
		sev := sevInfo
		if s.msgBad {
			sev = sevBad
		}
		box.Add(k.notice(sev, s.msg))
	}
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
	return container.NewVBox(box, container.NewCenter(container.New(layout.NewGridWrapLayout(fyne.NewSize(600, 560)), pad)))
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
	box := container.NewVBox()
	if s.msg != "" {
		box.Add(k.notice(s.msgSev, s.msg))
	}
	if r == nil {
		box.Add(k.notice(sevWarn, k.t("staff.noreport")))
	} else {
		if len(r.Problems) == 0 {
			box.Add(k.notice(sevOK, k.t("staff.allok")))
		} else {
			box.Add(k.notice(sevBad, k.t("staff.problems")+"\n• "+strings.Join(r.Problems, "\n• ")))
		}
		box.Add(heading(k.t("staff.health")))
		yes := func(b bool) string {
			if b {
				return k.t("staff.yes")
			}
			return k.t("staff.no")
		}
		age := k.t("staff.never")
		if r.Cache.AgeSeconds >= 0 {
			age = (time.Duration(r.Cache.AgeSeconds) * time.Second).Round(time.Second).String()
		}
		rows := [][2]string{
			{k.t("staff.portal"), fmt.Sprintf("%s · %d ms · %s", yes(r.Portal.Reachable), r.Portal.LatencyMS, r.Portal.BaseURL)},
			{k.t("staff.cache"), k.t("staff.cache.value", "N", r.Cache.Procedures, "Age", age, "MB", fmt.Sprintf("%.1f", float64(r.Cache.SizeBytes)/(1<<20)))},
			{k.t("staff.lastsync"), orDash(r.Cache.LastSyncError, k.t("staff.ok"))},
			{k.t("staff.outbox"), fmt.Sprint(r.Outbox.Depth)},
			{k.t("staff.printer"), r.Printer.Port + " · " + r.Printer.State},
			{k.t("staff.scanner"), r.Scanner.Port + " · " + r.Scanner.State},
			{k.t("staff.speaker"), r.Speaker.Port + " · " + r.Speaker.State},
			{k.t("staff.version"), r.Version + " · " + r.KioskID},
			{k.t("staff.disk"), fmt.Sprintf("%.1f / %.1f GB", float64(r.Disk.FreeBytes)/(1<<30), float64(r.Disk.TotalBytes)/(1<<30))},
		}
		for _, row := range rows {
			box.Add(labelValue(row[0], row[1]))
		}
	}

	actions := newAdaptiveGrid(300, 3)
	add := func(label string, style tileStyle, tap func()) {
		t := k.tile(label, style, tap)
		t.Center, t.Wrap, t.MinHeight = true, true, 110
		actions.Add(t)
	}
	add(k.t("staff.refresh"), tileSurface, func() { s.rep = nil; s.msg = ""; k.render() })
	add(k.t("staff.testprint"), tileSurface, func() { s.testPrint(k) })
	add(k.t("staff.speakertest"), tileSurface, func() { s.testSpeaker(k) })
	add(k.t("staff.syncnow"), tileSurface, func() { s.cfg.Actions.SyncNow(); s.say(k, sevInfo, k.t("staff.sync.started")) })
	add(k.t("staff.fullsync"), tileSurface, func() { s.cfg.Actions.FullResync(); s.say(k, sevInfo, k.t("staff.sync.started")) })
	add(k.t("staff.errors"), tileSurface, func() { s.errors = !s.errors; k.render() })
	add(k.t("staff.reset"), tileSurface, func() { s.confirming = true; k.render() })
	if s.cfg.Restart != nil {
		add(k.t("staff.restart"), tileSurface, s.cfg.Restart)
	}
	add(k.t("staff.close"), tilePrimary, k.home)
	box.Add(heading(k.t("staff.actions")))
	box.Add(actions)

	if s.errors && r != nil {
		box.Add(heading(k.t("staff.errors")))
		if len(r.Errors) == 0 {
			box.Add(textMuted(k.t("staff.errors.none")))
		}
		for i, e := range r.Errors {
			if i == 20 {
				break
			}
			line := e.Time.Format("02/01 15:04:05") + " " + e.Message
			if e.Detail != "" {
				line += ": " + e.Detail
			}
			box.Add(text(line))
		}
	}
	list, _ := k.scroller(box)
	return list
}

func (s *staffPanelScreen) buildConfirm(k *env) fyne.CanvasObject {
	depth := 0
	if s.rep != nil {
		depth = s.rep.Outbox.Depth
	}
	yes := k.tile(k.t("staff.reset.yes"), tilePrimary, func() { s.reset(k) })
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
				s.say(k, sevBad, k.t("staff.testprint.failed", "Err", err.Error()))
				return
			}
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

func orDash(s, dflt string) string {
	if s == "" {
		return dflt
	}
	return s
}
