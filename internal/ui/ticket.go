package ui

import (
	"context"
	"errors"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/portal"
	"kiosk/internal/printer"
)

// ticketScreen is "Lấy số thứ tự": choose a service, confirm, the ticket
// prints and the number stays on screen. Without paper the number is shown
// large with a QR to photograph, and staff are told through the health status.
type ticketScreen struct {
	svc      *QueueService
	ticket   *portal.Ticket
	printErr error
	msg      string
	// waiting is how many wait for each service (by code), as the portal
	// said when the screen was opened; nil until it answers, or when it
	// gives no counts.
	waiting      map[string]int
	waitingAsked bool
}

func (s *ticketScreen) title(k *env) string { return k.t("ticket.title") }

func (k *env) serviceName(q QueueService) string {
	if k.lang == "en" && q.NameEN != "" {
		return q.NameEN
	}
	if q.NameVI != "" {
		return q.NameVI
	}
	return q.NameEN
}

func (s *ticketScreen) build(k *env) fyne.CanvasObject {
	switch {
	case s.ticket != nil:
		return s.buildTicket(k)
	case s.svc != nil:
		return s.buildConfirm(k)
	}
	box := container.NewVBox(richText(k.t("ticket.choose"), sizeNameTitle, "primary", true, fyne.TextAlignLeading))
	if s.msg != "" {
		box.Add(k.notice(sevBad, s.msg))
	}
	if len(k.opt.QueueServices) == 0 || k.deps.Tickets == nil {
		box.Add(k.notice(sevWarn, k.t("ticket.unavailable")))
		return box
	}
	s.loadWaiting(k)
	grid := k.textGrid(440, 2)
	for _, q := range k.opt.QueueServices {
		q := q
		t := k.tile(k.serviceName(q), tileSurface, func() { s.svc = &q; s.msg = ""; k.render() })
		t.Wrap = true
		t.Subtitle = s.serviceLine(k, q)
		t.MinHeight = 150
		grid.Add(t)
	}
	list, _ := k.scroller(grid)
	return container.NewBorder(box, nil, nil, nil, list)
}

// loadWaiting asks the portal once per visit how many wait for each
// service, in the background; the tiles show the counts when they arrive
// and only the counter until then, or when the portal gives none.
func (s *ticketScreen) loadWaiting(k *env) {
	if s.waitingAsked || k.deps.QueueLengths == nil {
		return
	}
	s.waitingAsked = true
	k.asyncQuiet(k.session(), func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		m, err := k.deps.QueueLengths.QueueLengths(ctx)
		return func() {
			if err != nil {
				k.log.Debug("no queue lengths for the ticket screen", "err", err)
				return
			}
			s.waiting = m
			if k.current() == screen(s) && s.svc == nil && s.ticket == nil {
				k.render()
			}
		}
	})
}

// serviceLine is a service tile's second line: its counter and, where the
// portal said, how many wait.
func (s *ticketScreen) serviceLine(k *env, q QueueService) string {
	n, known := s.waiting[q.Code]
	switch {
	case known && n == 0 && q.Counter != "":
		return k.t("ticket.counter.nowait", "Counter", q.Counter)
	case known && n == 0:
		return k.t("ticket.queue.nowait")
	case known && q.Counter != "":
		return k.t("ticket.counter.waiting", "Counter", q.Counter, "N", n)
	case known:
		return k.t("ticket.queue.waiting", "N", n)
	case q.Counter != "":
		return k.t("ticket.counter", "Counter", q.Counter)
	}
	return ""
}

func (s *ticketScreen) buildConfirm(k *env) fyne.CanvasObject {
	yes := k.tile(k.t("ticket.confirm"), tilePrimary, func() { s.take(k) })
	yes.Icon = theme.ConfirmIcon()
	yes.Center = true
	yes.MinHeight = 140
	no := k.tile(k.t("ticket.change"), tileQuiet, func() { s.svc = nil; k.render() })
	no.Center = true
	// The question stands in the middle of the room above the buttons
	// (which stay at the bottom, where a standing person's hand is), not
	// at the top of 1,100 empty pixels; the counter says where to go.
	what := container.NewVBox(
		richText(k.t("ticket.confirm.q"), sizeNameHeading, "foreground", false, fyne.TextAlignCenter),
		richText(k.serviceName(*s.svc), sizeNameTitle, "primary", true, fyne.TextAlignCenter),
	)
	if s.svc.Counter != "" {
		what.Add(richText(k.t("ticket.counter", "Counter", s.svc.Counter), sizeNameHeading, "foreground", false, fyne.TextAlignCenter))
	}
	return container.NewVBox(layout.NewSpacer(), what, layout.NewSpacer(), yes, no)
}

func (s *ticketScreen) take(k *env) {
	svc := *s.svc
	req := portal.TicketRequest{KioskID: k.opt.KioskID, ServiceCode: svc.Code, Counter: svc.Counter}
	lang := k.lang
	k.async(k.session(), func(ctx context.Context) func() {
		t, err := k.deps.Tickets.TakeTicket(ctx, req)
		var perr error
		if err == nil {
			if t.ServiceName == "" {
				t.ServiceName = svc.NameVI
			}
			if k.deps.Printer != nil {
				perr = k.deps.Printer.PrintTicket(ctx, t, lang)
			} else {
				perr = errNoPrinter
			}
		}
		return func() {
			if err != nil {
				k.log.Warn("taking a ticket failed", "service", svc.Code, "err", err)
				s.svc, s.msg = nil, k.t("ticket.failed")
				if isOffline(err) {
					s.msg = k.t("ticket.offline")
				}
			} else {
				if errors.Is(perr, printer.ErrPaperLow) {
					k.deps.flag("printer", "paper_low")
					perr = nil
				}
				s.ticket, s.printErr = &t, perr
				if perr != nil && !k.paperOut(perr) && perr != errNoPrinter {
					k.log.Warn("printing ticket failed", "err", perr)
				}
			}
			if k.current() == screen(s) {
				k.render()
			}
		}
	})
}

func (s *ticketScreen) buildTicket(k *env) fyne.CanvasObject {
	t := s.ticket
	box := container.NewVBox()
	if s.printErr == nil {
		box.Add(k.notice(sevOK, k.t("ticket.printed")))
	} else if errors.Is(s.printErr, printer.ErrPaperOut) {
		box.Add(k.notice(sevBad, k.t("ticket.paperout")))
	} else {
		box.Add(k.notice(sevWarn, k.t("ticket.noprint")))
	}
	box.Add(richText(k.t("ticket.yournumber"), sizeNameHeading, "foreground", false, fyne.TextAlignCenter))
	box.Add(richText(t.Number, sizeNameHuge, "primary", true, fyne.TextAlignCenter))
	name := t.ServiceName
	if s.svc != nil {
		name = k.serviceName(*s.svc)
	}
	box.Add(richText(name, sizeNameHeading, "foreground", true, fyne.TextAlignCenter))
	if t.Counter != "" {
		// Where to go is what the citizen acts on: a title under the number.
		box.Add(richText(k.t("ticket.goto", "Counter", t.Counter), sizeNameTitle, "primary", true, fyne.TextAlignCenter))
	}
	if !t.WaitingUnknown { // "0 people ahead" would be a guess
		box.Add(richText(k.t("ticket.waiting", "N", t.Waiting), "", "foreground", false, fyne.TextAlignCenter))
	}
	if !t.IssuedAt.IsZero() {
		box.Add(richText(formatDateTime(t.IssuedAt), "", colorMuted, false, fyne.TextAlignCenter))
	}
	var qrBox *fyne.Container
	if s.printErr != nil || t.FollowURL != "" {
		target := t.FollowURL
		if target == "" {
			target = t.Number + " " + t.ServiceCode + " " + t.Counter
		}
		qrBox = container.NewVBox(container.NewCenter(qrImage(target, 300)))
		if s.printErr != nil {
			qrBox.Add(richText(k.t("ticket.photo"), "", "foreground", false, fyne.TextAlignCenter))
		} else {
			qrBox.Add(richText(k.t("ticket.follow"), "", colorMuted, false, fyne.TextAlignCenter))
		}
	}
	var content fyne.CanvasObject = box
	switch {
	case qrBox != nil && !k.portrait:
		// Landscape: the number and the QR side by side, nothing to scroll.
		content = container.NewGridWithColumns(2, box, container.NewVBox(layout.NewSpacer(), qrBox, layout.NewSpacer()))
	case qrBox != nil:
		box.Add(qrBox)
	}
	done := k.tile(k.t("ticket.done"), tilePrimary, k.home)
	done.Center = true
	scroll, _ := k.scroller(content)
	return container.NewBorder(nil, done, nil, nil, scroll)
}
