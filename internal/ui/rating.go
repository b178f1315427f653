package ui

import (
	"context"
	"crypto/rand"
	"encoding/hex"
	"errors"
	"reflect"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/layout"
	"fyne.io/fyne/v2/theme"

	"kiosk/internal/portal"
)

var errNoPrinter = errors.New("no printer configured")

// ratingCriteria are the optional criteria, by code (sent to the portal) and
// message id.
var ratingCriteria = []struct{ code, id string }{
	{"attitude", "rate.crit.attitude"},
	{"time", "rate.crit.time"},
	{"guidance", "rate.crit.guidance"},
}

// ratingScreen is "Đánh giá": five big faces, then optional criteria,
// counter, officer and comment, then thank you. The rating is saved to the
// outbox first, so it survives the portal being offline.
type ratingScreen struct {
	overall  int
	criteria map[string]int
	counter  string
	comment  inputField
	officer  inputField
	editing  *inputField // field the keyboard types into, nil = keyboard hidden
	dossier  string
	saved    bool
	msg      string
	// last is the rating last handed to the outbox: saving the same rating
	// again (a double tap, a retry after an error) reuses its ID and time, so
	// the portal counts it once; a changed rating is a new one with a new ID
	// (the portal refuses an ID reused for a different body).
	last *portal.Rating
	// saving is true while a save is in flight: a second tap on "send" then
	// does nothing, so one tap is one rating.
	saving bool
	// officers, when the portal lists them (officers.go), replace the
	// free-text officer field; officerID is the one tapped.
	officers      []portal.Officer
	officersAsked bool
	officerID     string
	// refused is the portal's "may not rate" for the dossier, asked at
	// lookup time (portal.Dossier.RatingRefused): the screen explains and
	// sends nothing.
	refused bool
}

func newRatingScreen(dossierCode string) *ratingScreen {
	return &ratingScreen{dossier: dossierCode, criteria: map[string]int{}}
}

func (s *ratingScreen) title(k *env) string { return k.t("rate.title") }

var faceIDs = map[int]string{
	portal.VerySatisfied:    "rate.5",
	portal.Satisfied:        "rate.4",
	portal.Neutral:          "rate.3",
	portal.Dissatisfied:     "rate.2",
	portal.VeryDissatisfied: "rate.1",
}

// newDossierRatingScreen rates a dossier the citizen looked up, honouring
// the portal's answer on whether they may.
func newDossierRatingScreen(d portal.Dossier) *ratingScreen {
	s := newRatingScreen(d.Code)
	s.refused = d.RatingRefused
	return s
}

func (s *ratingScreen) build(k *env) fyne.CanvasObject {
	switch {
	case s.refused:
		return s.buildRefused(k)
	case s.saved:
		return s.buildThanks(k)
	case s.overall > 0:
		return s.buildDetails(k)
	}
	box := container.NewVBox(richText(k.t("rate.question"), sizeNameTitle, "primary", true, fyne.TextAlignCenter))
	if s.dossier != "" {
		box.Add(richText(k.t("rate.fordossier", "Code", s.dossier), "", colorMuted, false, fyne.TextAlignCenter))
	}
	faces := container.NewGridWithColumns(1) // one big row per face, best for older eyes
	// Five columns in landscape, where the words fit a fifth of the width
	// (not large text, not the longer English words).
	fiveCols := !k.portrait && !k.th.large && k.lang == "vi"
	if fiveCols {
		faces = container.NewGridWithColumns(5)
	}
	for lv := portal.VerySatisfied; lv >= portal.VeryDissatisfied; lv-- {
		lv := lv
		t := k.tile(k.t(faceIDs[lv]), tileSurface, func() { s.overall = lv; k.render() })
		t.Wrap = true
		f := face(lv, k.th.contrast)
		f.SetMinSize(fyne.NewSquareSize(120))
		t.Left = f
		t.MinHeight = 180
		if fiveCols {
			f.SetMinSize(fyne.NewSquareSize(110))
			t.MinHeight = 320 // five tall columns fill a landscape screen
		}
		t.TitleSize = sizeNameTitle
		if fiveCols {
			t.TitleSize = sizeNameHeading // "Dissatisfied" fits a fifth of the width
		}
		faces.Add(t)
	}
	box.Add(faces)
	scroll, _ := k.scroller(box)
	return scroll
}

func (s *ratingScreen) buildDetails(k *env) fyne.CanvasObject {
	f := face(s.overall, k.th.contrast)
	f.SetMinSize(fyne.NewSquareSize(90))
	change := k.tile(k.t("rate.change"), tileQuiet, func() { s.overall = 0; k.render() })
	change.TitleSize = ""
	head := container.NewBorder(nil, nil, f, change,
		richText(k.t(faceIDs[s.overall]), sizeNameTitle, "primary", true, fyne.TextAlignLeading))

	box := container.NewVBox(textMuted(k.t("rate.optional")))
	choices := []struct {
		v  int
		id string
	}{{5, "rate.good"}, {3, "rate.ok"}, {1, "rate.bad"}}
	for _, c := range ratingCriteria {
		c := c
		row := container.NewGridWithColumns(3)
		for _, ch := range choices {
			ch := ch
			st := tileQuiet
			if s.criteria[c.code] == ch.v {
				st = tileSelected
			}
			t := k.tile(k.t(ch.id), st, func() {
				if s.criteria[c.code] == ch.v {
					delete(s.criteria, c.code)
				} else {
					s.criteria[c.code] = ch.v
				}
				k.render()
			})
			t.Center = true
			t.TitleSize = ""
			t.MinHeight = 88
			t.Wrap = true
			row.Add(t)
		}
		box.Add(heading(k.t(c.id)))
		box.Add(row)
	}
	if counters := k.counters(); len(counters) > 0 {
		box.Add(heading(k.t("rate.counter")))
		grid := newAdaptiveGrid(200, 6)
		for _, c := range counters {
			c := c
			st := tileQuiet
			if s.counter == c {
				st = tileSelected
			}
			t := k.tile(c, st, func() {
				if s.counter == c {
					s.counter = ""
				} else {
					s.counter = c
				}
				k.render()
			})
			t.Center = true
			t.MinHeight = 88
			grid.Add(t)
		}
		box.Add(grid)
	}
	s.officer.Placeholder = k.t("rate.officer.placeholder")
	s.comment.Placeholder = k.t("rate.comment.placeholder")
	s.comment.MaxLen = 500
	s.officer.MaxLen = 60
	fieldRow := func(id string, f *inputField) fyne.CanvasObject {
		return container.NewVBox(heading(k.t(id)), container.NewStack(newTapArea(func() {
			k.touch()
			s.editing = f
			k.render()
		}), f.view(k)))
	}
	s.loadOfficers(k)
	if len(s.officers) > 0 {
		box.Add(heading(k.t("opencps.rate.officer.pick")))
		box.Add(s.officerChoice(k))
	} else {
		box.Add(fieldRow("rate.officer", &s.officer))
	}
	box.Add(fieldRow("rate.comment", &s.comment))
	scroll, _ := k.scroller(box)

	send := k.tile(k.t("rate.send"), tilePrimary, func() { s.save(k) })
	send.Icon = theme.MailSendIcon()
	send.Center = true
	bottom := container.NewVBox()
	if s.msg != "" {
		bottom.Add(k.notice(sevBad, s.msg))
	}
	var kbView fyne.CanvasObject
	if s.editing != nil {
		kb := newKeyboard(k, s.editing, []kbMode{kbTelex, kbPlain}, "kb.hide", func() { s.editing = nil; k.render() })
		// The field being typed into sits right above the keyboard, so the
		// citizen sees the text even when the field itself is scrolled away.
		kbView = container.NewVBox(s.editing.view(k), kb.view())
	} else {
		bottom.Add(send)
	}
	return k.withKeyboard(container.NewBorder(container.New(layout.NewCustomPaddedLayout(0, 12, 0, 0), head), bottom, nil, nil, scroll), kbView)
}

// counters are the counters named in the queue services, in order.
func (k *env) counters() []string {
	seen := map[string]bool{}
	var out []string
	for _, q := range k.opt.QueueServices {
		if q.Counter != "" && !seen[q.Counter] {
			seen[q.Counter] = true
			out = append(out, q.Counter)
		}
	}
	return out
}

// buildRefused tells a citizen the portal does not let them rate this
// dossier, and offers what they still can do: rate the centre's service
// without a dossier (the start screen's rating, which OpenCPS takes for the
// agency and does not permission-check).
func (s *ratingScreen) buildRefused(k *env) fyne.CanvasObject {
	general := k.tile(k.t("opencps.rate.refused.general"), tilePrimary, func() { k.show(newRatingScreen("")) })
	general.Subtitle = k.t("opencps.rate.refused.general.sub")
	general.Wrap = true
	general.Icon = smileIcon
	box := container.NewVBox(
		richText(k.t("opencps.rate.refused.title"), sizeNameTitle, "primary", true, fyne.TextAlignCenter),
		richText(k.t("rate.fordossier", "Code", s.dossier), "", colorMuted, false, fyne.TextAlignCenter),
		k.notice(sevBad, k.t("opencps.rate.refused.body")),
		general)
	scroll, _ := k.scroller(box)
	return scroll
}

func (s *ratingScreen) save(k *env) {
	if s.refused {
		return // the portal said no: nothing is sent
	}
	if k.deps.Ratings == nil {
		s.msg = k.t("rate.unavailable")
		k.render()
		return
	}
	if s.saving {
		return
	}
	r := portal.Rating{
		KioskID: k.opt.KioskID, Overall: s.overall, Comment: s.comment.Value,
		Counter: s.counter, Officer: s.officer.Value, DossierCode: s.dossier,
	}
	if s.officerID != "" {
		r.Officer = s.officerID // the portal's employeeId, not a typed name
	}
	if len(s.criteria) > 0 {
		r.Criteria = map[string]int{}
		for c, v := range s.criteria {
			r.Criteria[c] = v
		}
	}
	if s.last != nil && sameRating(*s.last, r) {
		r.ID, r.CreatedAt = s.last.ID, s.last.CreatedAt
	} else {
		r.ID, r.CreatedAt = newRatingID(), k.now()
	}
	s.last = &r
	s.saving = true
	k.async(k.session(), func(ctx context.Context) func() {
		err := k.deps.Ratings.SaveRating(r)
		return func() {
			s.saving = false
			if err != nil {
				k.log.Error("saving rating failed", "err", err)
				s.msg = k.t("rate.failed")
			} else {
				s.saved, s.msg = true, ""
			}
			if k.current() == screen(s) {
				k.render()
			}
		}
	})
}

func (s *ratingScreen) buildThanks(k *env) fyne.CanvasObject {
	f := face(portal.VerySatisfied, k.th.contrast)
	f.SetMinSize(fyne.NewSquareSize(200))
	// One way home: the bottom bar's "Trang chủ" (a second, in-page "Về
	// trang chủ" beside it made two buttons for one thing; issue 19 item 11).
	return container.NewVBox(layout.NewSpacer(), container.NewCenter(f),
		richText(k.t("rate.thanks"), sizeNameTitle, "primary", true, fyne.TextAlignCenter),
		richText(k.t("rate.thanks.sub"), "", "foreground", false, fyne.TextAlignCenter),
		layout.NewSpacer())
}

// sameRating says whether a and b are the same rating apart from its ID and
// time.
func sameRating(a, b portal.Rating) bool {
	a.ID, a.CreatedAt, b.ID, b.CreatedAt = "", time.Time{}, "", time.Time{}
	return reflect.DeepEqual(a, b)
}

// newRatingID makes the rating's idempotency key.
func newRatingID() string {
	var b [16]byte
	_, _ = rand.Read(b[:])
	return hex.EncodeToString(b[:])
}

// autoHome returns to the start screen a while after the thank-you.
func (s *ratingScreen) autoHome() time.Duration {
	if s.saved {
		return 12 * time.Second
	}
	return 0
}
