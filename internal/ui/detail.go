package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/portal"
	"kiosk/internal/printer"
)

// detailScreen shows one procedure laid out for reading: what to bring as a
// checklist, time and fees per channel, steps, where to submit, legal basis,
// and QR codes that open the online page and the forms on a phone.
type detailScreen struct {
	proc     portal.Procedure
	unit     string // "city" or "province", for the any-centre line (centre.go)
	printMsg string
	// list is the page's scroller; keepOffset where it was before a print
	// message rebuilt the page (printing must not jump to the top).
	list       *dragScroll
	keepOffset float32
	printSev   severity
}

func (s *detailScreen) title(k *env) string { return k.t("detail.title") }

func (s *detailScreen) build(k *env) fyne.CanvasObject {
	p := s.proc
	box := container.NewVBox()
	box.Add(richText(p.Name, sizeNameTitle, "primary", true, fyne.TextAlignLeading))
	// Plain words first: the national code and the official service level
	// are for staff, under "Thông tin thêm" at the end.
	facts := container.NewVBox()
	addFact := func(id, v string) {
		if strings.TrimSpace(v) == "" {
			return
		}
		facts.Add(labelValue(k.t(id), v))
	}
	addFact("more.how", levelLabel(k, p.Level))
	addFact("detail.agency", p.AgencyName)
	addFact("detail.field", p.FieldName)
	addFact("detail.applicants", p.Applicants)
	addFact("detail.result", p.Result)
	addFact("detail.submit", p.SubmitPlace)
	// Where it can be submitted matters before the details: above them.
	if n := anyCentreNote(k, p, s.unit); n != nil {
		box.Add(n)
	}
	box.Add(card(k.th, facts))

	if len(p.Documents) > 0 {
		docs := container.NewVBox(heading(k.t("detail.documents")))
		for i, d := range p.Documents {
			line := fmt.Sprintf("☐ %d. %s", i+1, d.Name)
			docs.Add(richText(line, "", "foreground", true, fyne.TextAlignLeading))
			var parts []string
			if d.Originals > 0 {
				parts = append(parts, k.tr.Tn("detail.originals", d.Originals))
			}
			if d.Copies > 0 {
				parts = append(parts, k.tr.Tn("detail.copies", d.Copies))
			}
			if d.FormName != "" {
				parts = append(parts, k.t("detail.form", "Name", d.FormName))
			}
			if d.Note != "" {
				parts = append(parts, d.Note)
			}
			if len(parts) > 0 {
				docs.Add(textMuted("    " + joinDot(parts)))
			}
		}
		box.Add(card(k.th, docs))
	}

	// Landscape reads in two columns: what to bring on the left, the rest
	// on the right.
	col, right := box, container.NewVBox()
	if !k.portrait {
		col = right
	}
	if len(p.Channels) > 0 {
		ch := container.NewVBox(heading(k.t("detail.timefees")))
		for _, c := range p.Channels {
			ch.Add(richText(channelName(k.t, c.Kind), "", "primary", true, fyne.TextAlignLeading))
			if c.Time.Value > 0 {
				ch.Add(labelValue(k.t("detail.time"), durationText(c.Time)))
			}
			if len(c.Fees) == 0 {
				ch.Add(labelValue(k.t("detail.fee"), k.t("detail.free")))
			}
			for _, f := range c.Fees {
				ch.Add(labelValue(f.Name, feeText(k.t, f)))
			}
			if c.Description != "" {
				ch.Add(textMuted(c.Description))
			}
		}
		col.Add(card(k.th, ch))
	}

	section := func(id string, items []string, numbered bool) {
		if len(items) == 0 {
			return
		}
		c := container.NewVBox(heading(k.t(id)))
		for i, it := range items {
			prefix := "• "
			if numbered {
				prefix = fmt.Sprintf("%d. ", i+1)
			}
			c.Add(text(prefix + it))
		}
		col.Add(card(k.th, c))
	}
	section("detail.steps", p.Steps, true)
	section("detail.conditions", p.Conditions, false)
	section("detail.legal", p.LegalBasis, false)

	// QR codes for the phone.
	qrs := newAdaptiveGrid(260, 4)
	addQR := func(label, url string) {
		if url == "" {
			return
		}
		qrs.Add(container.NewVBox(container.NewCenter(qrImage(url, 220)),
			richText(label, sizeNameSmall, "foreground", false, fyne.TextAlignCenter)))
	}
	addQR(k.t("detail.qr.online"), p.OnlineURL)
	n := 0
	for _, f := range p.Forms {
		if f.URL != "" && n < 5 {
			addQR(f.Name, f.URL)
			n++
		}
	}
	if len(qrs.Objects) > 0 {
		col.Add(card(k.th, container.NewVBox(heading(k.t("detail.qr")), textMuted(k.t("detail.qr.help")), qrs)))
	}

	more := container.NewVBox(heading(k.t("more.heading")), labelValue(k.t("more.code"), p.Code))
	if lv := officialLevel(k, p.Level); lv != "" {
		more.Add(labelValue(k.t("more.level"), lv))
	}
	if p.LevelOld > 0 {
		more.Add(labelValue(k.t("more.levelold"), fmt.Sprint(p.LevelOld)))
	}
	col.Add(card(k.th, more))

	var content fyne.CanvasObject = box
	if !k.portrait {
		content = container.NewGridWithColumns(2, box, right)
	}
	scroll, ds := k.scroller(content)
	ds.Offset, s.keepOffset = s.keepOffset, 0 // a print message keeps the place
	s.list = ds
	printT := k.tile(k.t("detail.print"), tilePrimary, func() { s.print(k) })
	printT.Icon = theme.DocumentPrintIcon()
	bottom := container.NewVBox()
	if s.printMsg != "" {
		bottom.Add(k.notice(s.printSev, s.printMsg))
	}
	bottom.Add(printT)
	return container.NewBorder(nil, bottom, nil, nil, scroll)
}

func (s *detailScreen) print(k *env) {
	if k.deps.Printer == nil {
		s.printMsg, s.printSev = k.t("print.unavailable"), sevWarn
		k.render()
		return
	}
	proc, lang := s.proc, k.lang
	k.async(k.session(), func(ctx context.Context) func() {
		err := k.deps.Printer.PrintProcedure(ctx, proc, lang)
		return func() {
			s.printMsg, s.printSev = k.printResult(err)
			if k.current() == screen(s) {
				if s.list != nil {
					s.keepOffset = s.list.Offset
				}
				k.render()
			}
		}
	})
}

// printResult turns a print error into a message and raises paper-out with
// staff.
func (k *env) printResult(err error) (string, severity) {
	switch {
	case err == nil || errors.Is(err, printer.ErrPaperLow):
		if err != nil && k.deps.Flags != nil {
			k.deps.Flags.FlagDevice("printer", "paper_low")
		}
		return k.t("print.done"), sevOK
	case k.paperOut(err):
		return k.t("print.paperout"), sevBad
	}
	k.log.Warn("printing failed", "err", err)
	return k.t("print.failed"), sevBad
}

func (k *env) paperOut(err error) bool {
	if !errors.Is(err, printer.ErrPaperOut) {
		return false
	}
	if k.deps.Flags != nil {
		k.deps.Flags.FlagDevice("printer", "paper_out")
	}
	return true
}

// channelName is a way of submitting in words, on screen and read aloud.
func channelName(t tfunc, kind int) string {
	switch kind {
	case portal.ChannelOnline:
		return t("channel.online")
	case portal.ChannelPostal:
		return t("channel.postal")
	}
	return t("channel.inperson")
}

func durationText(d portal.Duration) string {
	v := strings.TrimSuffix(strings.TrimSuffix(fmt.Sprintf("%.1f", d.Value), "0"), ".")
	s := v + " " + d.Unit
	if d.Note != "" {
		s += " (" + d.Note + ")"
	}
	return s
}

// feeText is a fee's amount and note, on screen and read aloud.
func feeText(t tfunc, f portal.Fee) string {
	if f.Amount == 0 {
		if f.Note != "" {
			return f.Note
		}
		return t("detail.free")
	}
	s := formatVND(f.Amount)
	if f.Note != "" {
		s += " (" + f.Note + ")"
	}
	return s
}

// formatVND writes 150000 as "150.000 đ".
func formatVND(n int64) string {
	s := fmt.Sprint(n)
	var b strings.Builder
	for i, r := range s {
		if i > 0 && (len(s)-i)%3 == 0 {
			b.WriteByte('.')
		}
		b.WriteRune(r)
	}
	return b.String() + " đ"
}

// officialLevel is a service level's official name (since 2022: toàn trình,
// một phần; or information only), for "Thông tin thêm".
func officialLevel(k *env, level int) string {
	switch level {
	case portal.LevelFull:
		return k.t("more.level.full")
	case portal.LevelPartial:
		return k.t("more.level.partial")
	case portal.LevelInfo:
		return k.t("more.level.info")
	}
	return ""
}
