package ui

import (
	"encoding/base64"
	"fmt"
	"image/png"
	"math"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"
	"golang.org/x/crypto/argon2"

	"kiosk/internal/config"
	vnnames "kiosk/internal/names"
	"kiosk/internal/pin"
	"kiosk/internal/portal"
)

// The layout check builds every screen in both languages, normal and large
// text, normal and high contrast, portrait and landscape, walks what Fyne
// laid out and fails when a text is clipped or overflows its container, a
// line breaks inside a word or number, two texts overlap, or a tap target is
// smaller than minTapMM on the configured panel (Options.PanelLongSideMM).
// These are the defects a citizen walk found that headless golden images did
// not show (issue 19, items 2, 4, 5 and 14).

// layoutScreens are the screens and states a citizen (or the staff) sees.
var layoutScreens = []struct {
	name string
	open func(h *harness)
}{
	{"start", func(h *harness) {}},
	{"start-ward-listen", func(h *harness) {
		// A commune-level centre's long name beside the Listen button: the
		// ward's name must not break as "Thủ Dầu / Một".
		h.k.opt.SiteName = "Trung tâm Phục vụ hành chính công phường Thủ Dầu Một"
		h.k.deps.Speaker = newFakeSpeaker()
		h.k.home()
	}},
	{"find", func(h *harness) {
		// Twelve procedures in one field: a two-digit count on its tile.
		for len(h.f.procs) < 14 {
			p := h.f.procs[1]
			p.Code = fmt.Sprintf("%s-%d", p.Code, len(h.f.procs))
			h.f.procs = append(h.f.procs, p)
		}
		h.tapID("start.find")
		h.tapID("kb.hide")
	}},
	{"find-keyboard", func(h *harness) { h.tapID("start.find") }},
	{"find-results", func(h *harness) { h.tapID("start.find"); h.typeKeys("khai") }},
	{"find-agencies", func(h *harness) { h.tapID("start.find"); h.tapID("kb.hide"); h.tapID("find.byagency") }},
	{"detail", func(h *harness) { h.k.show(&detailScreen{proc: h.f.procs[0]}) }},
	{"dossier-scan", func(h *harness) { h.tapID("start.check") }},
	{"dossier-type", func(h *harness) { h.tapID("start.check"); h.tapID("dossier.type") }},
	{"dossier-id", func(h *harness) {
		h.addDossier()
		h.tapID("start.check")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode}, nil)
	}},
	{"dossier-result", func(h *harness) {
		h.addDossier()
		h.tapID("start.check")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode, Secret: "s3cr3t"}, nil)
		h.settle()
	}},
	{"dossier-collect", func(h *harness) {
		// A ready result at this centre: the next step and its button.
		h.k.opt.QueueServices = append(h.k.opt.QueueServices[:2:2], QueueService{Code: "TKQ", NameVI: "Trả kết quả", NameEN: "Collect results", Counter: "8", Collect: true})
		d := h.addDossier()
		d.Status, d.PickupPlace = portal.StatusDone, ""
		h.f.dossiers[testCode] = d
		h.tapID("start.check")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode, Secret: "s3cr3t"}, nil)
		h.settle()
	}},
	{"dossier-overdue", func(h *harness) {
		d := h.addDossier()
		d.Overdue, d.DueAt = true, testNow.Add(-5*24*time.Hour)
		h.f.dossiers[testCode] = d
		h.tapID("start.check")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode, Secret: "s3cr3t"}, nil)
		h.settle()
	}},
	{"find-best", func(h *harness) {
		h.k.deps.Search = realSearcher{realIndexFor(h.t)}
		h.tapID("start.find")
		h.k.cur.(*findScreen).query.set("dang ky khai sinh")
		h.settle()
	}},
	{"ready", func(h *harness) {
		h.f.ready = []portal.ReadyDossier{
			{Code: "000.00.53.H48-221001-0001", ProcedureName: "Đăng ký khai sinh", Applicant: "Trần Thị Bình", FinishedAt: testNow, PickupPlace: "Quầy 3"},
			{Code: "000.00.53.H48-221001-0002", ProcedureName: "Đăng ký kết hôn", Applicant: "Lê Văn Cường", FinishedAt: testNow},
		}
		h.tapID("start.check")
		h.tapID("dossier.tab.collect")
		h.settle()
	}},
	{"ticket-services", func(h *harness) { h.tapID("start.ticket") }},
	{"ticket-confirm", func(h *harness) { h.tapID("start.ticket"); h.tap(h.k.serviceName(h.k.opt.QueueServices[0])) }},
	{"ticket", func(h *harness) {
		h.tapID("start.ticket")
		h.tap(h.k.serviceName(h.k.opt.QueueServices[0]))
		h.tapID("ticket.confirm")
		h.settle()
	}},
	{"rating", func(h *harness) { h.tapID("start.rate") }},
	{"rating-details", func(h *harness) { h.tapID("start.rate"); h.tap(h.k.t(faceIDs[4])) }},
	{"still-there", func(h *harness) { h.k.showAsking(15 * time.Second) }},
	{"staff-pin", func(h *harness) { openStaffOn(h) }},
	{"staff-pin-wrong", func(h *harness) {
		openStaffOn(h)
		h.enterPIN("1111")
	}},
	{"staff-pin-locked", func(h *harness) {
		openStaffOn(h)
		for i := 0; i < 6; i++ {
			h.enterPIN("1111")
		}
	}},
	{"staff-panel", func(h *harness) { openPanelOn(h) }},
	{"staff-panel-printed", func(h *harness) {
		openPanelOn(h)
		h.tapID("staff.testprint")
		h.settle()
	}},
	{"staff-panel-errors", func(h *harness) {
		openPanelOn(h)
		h.tapID("staff.errors")
	}},
	{"staff-reset-confirm", func(h *harness) {
		openPanelOn(h)
		h.tapID("staff.reset")
	}},
	{"rating-refused", func(h *harness) {
		d := h.addDossier()
		d.RatingRefused = true
		h.f.dossiers[testCode] = d
		rateAfterIDLookup(h)
	}},
}

type lookCase struct {
	lang            string
	large, contrast bool
	size            fyne.Size
}

func (c lookCase) String() string {
	s := c.lang
	if c.large {
		s += " large"
	}
	if c.contrast {
		s += " contrast"
	}
	if c.size.Width > c.size.Height {
		return s + " landscape"
	}
	return s + " portrait"
}

func lookCases() []lookCase {
	var cs []lookCase
	for _, lang := range Languages {
		for _, large := range []bool{false, true} {
			for _, contrast := range []bool{false, true} {
				for _, size := range []fyne.Size{{Width: 1080, Height: 1920}, {Width: 1920, Height: 1080}} {
					cs = append(cs, lookCase{lang, large, contrast, size})
				}
			}
		}
	}
	return cs
}

func TestEveryScreenLaysOutWithoutClippingOverlapOrSmallTargets(t *testing.T) {
	panelMM := packagedPanelMM(t)
	for _, lc := range lookCases() {
		lc := lc
		t.Run(lc.String(), func(t *testing.T) {
			h := newHarness(t, func(d *Deps, o *Options) {
				o.Language, o.PanelLongSideMM = lc.lang, panelMM
				// The longest service lines: counter and queue count.
				d.QueueLengths = &queueCounts{counts: map[string]int{"HT": 128, "DD": 0}}
			})
			h.k.Window().Resize(lc.size)
			for _, sc := range layoutScreens {
				h.k.home()
				h.k.applySettings(lc.lang, lc.large, lc.contrast)
				h.k.render()
				h.settle()
				sc.open(h)
				h.settle()
				problems := checkLayout(h.k, h.k.minTapPx())
				for _, p := range problems {
					t.Errorf("%s: %s", sc.name, p)
				}
				if dir := os.Getenv("LAYOUT_SHOTS"); dir != "" && len(problems) > 0 {
					// To look at what failed: LAYOUT_SHOTS=/tmp/shots go test -run TestEveryScreen
					name := strings.ReplaceAll(lc.String(), " ", "-") + "-" + sc.name + ".png"
					if f, err := os.Create(filepath.Join(dir, name)); err == nil {
						png.Encode(f, h.k.Window().Canvas().Capture())
						f.Close()
					}
				}
			}
		})
	}
}

// packagedPanelMM is kiosk.panel_long_side_mm of the packaged site config
// (the one postinst installs), which the 15 mm rule is checked against.
func packagedPanelMM(t *testing.T) float64 {
	t.Helper()
	data, err := os.ReadFile("../../kiosk-config/example-site.toml")
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse("example-site.toml", data, config.Known{})
	if err != nil {
		t.Fatalf("the packaged config does not parse: %v", err)
	}
	return float64(cfg.Kiosk.PanelLongSideMM)
}

// placed is an object with its absolute rectangle and where it is clipped.
type placed struct {
	o          fyne.CanvasObject
	pos        fyne.Position
	size       fyne.Size
	clip       rect // visible area (scroller viewports); text outside it is not seen
	inScroller bool
	ancestors  []rect // the rectangles of the containers it must stay inside
}

type rect struct{ x0, y0, x1, y1 float32 }

func rectOf(p fyne.Position, s fyne.Size) rect {
	return rect{p.X, p.Y, p.X + s.Width, p.Y + s.Height}
}

func (r rect) intersect(o rect) rect {
	return rect{max(r.x0, o.x0), max(r.y0, o.y0), min(r.x1, o.x1), min(r.y1, o.y1)}
}
func (r rect) empty() bool { return r.x1-r.x0 < 1 || r.y1-r.y0 < 1 }
func (r rect) contains(o rect, slack float32) bool {
	return o.x0 >= r.x0-slack && o.y0 >= r.y0-slack && o.x1 <= r.x1+slack && o.y1 <= r.y1+slack
}
func (r rect) String() string {
	return fmt.Sprintf("(%.0f,%.0f)-(%.0f,%.0f)", r.x0, r.y0, r.x1, r.y1)
}

// walk lists the visible objects under o with their absolute rectangles.
func walk(o fyne.CanvasObject, at fyne.Position, clip rect, inScroller bool, anc []rect, out *[]placed) {
	if o == nil || !o.Visible() {
		return
	}
	pos := at.Add(o.Position())
	r := rectOf(pos, o.Size())
	*out = append(*out, placed{o: o, pos: pos, size: o.Size(), clip: clip, inScroller: inScroller, ancestors: anc})
	var children []fyne.CanvasObject
	switch x := o.(type) {
	case *fyne.Container:
		children = x.Objects
	case fyne.Widget:
		children = test.WidgetRenderer(x).Objects()
	}
	if len(children) == 0 {
		return
	}
	// A text must stay inside the widgets it is drawn in (a tile, a field,
	// the window); plain layout containers only arrange, and Fyne sizes a
	// wrapped text's box one pass late, so they are not boxes to check.
	childAnc := anc
	if _, isWidget := o.(fyne.Widget); isWidget {
		if _, isText := o.(*widget.RichText); !isText {
			childAnc = append(append([]rect(nil), anc...), r)
		}
	}
	switch o.(type) {
	case *dragScroll, *container.Scroll:
		// Content scrolls under the viewport: it only has to stay inside
		// what is within the scroller.
		clip = clip.intersect(r)
		inScroller = true
		childAnc = nil
	}
	for _, c := range children {
		walk(c, pos, clip, inScroller, childAnc, out)
	}
}

// inkRect is where a canvas.Text draws its letters.
func inkRect(p placed) (rect, fyne.Size) {
	t := p.o.(*canvas.Text)
	m := fyne.MeasureText(t.Text, t.TextSize, t.TextStyle)
	x := p.pos.X
	switch t.Alignment {
	case fyne.TextAlignCenter:
		x += (p.size.Width - m.Width) / 2
	case fyne.TextAlignTrailing:
		x += p.size.Width - m.Width
	}
	y := p.pos.Y + (p.size.Height-m.Height)/2
	return rect{x, y, x + m.Width, y + m.Height}, m
}

// checkLayout returns the problems on what the window shows: the kiosk's
// overlay when one is up (the "are you still there?" card covers the
// screen), else the screen.
func checkLayout(k *Kiosk, minTap float32) []string {
	c := k.Window().Canvas()
	var root fyne.CanvasObject = c.Content()
	at := fyne.NewPos(0, 0)
	if len(k.overlay.Objects) > 0 {
		root = k.overlay
		at = fyne.CurrentApp().Driver().AbsolutePositionForObject(k.overlay).Subtract(k.overlay.Position())
	}
	var objs []placed
	win := rectOf(fyne.NewPos(0, 0), c.Size())
	walk(root, at, win, false, []rect{win}, &objs)
	var problems []string
	var texts []placed
	var textRects []rect
	for _, p := range objs {
		switch o := p.o.(type) {
		case *canvas.Text:
			if strings.TrimSpace(o.Text) == "" {
				continue
			}
			ink, m := inkRect(p)
			if ink.intersect(p.clip).empty() {
				continue // scrolled out of view
			}
			if m.Width > p.size.Width+1 {
				problems = append(problems, fmt.Sprintf("text %q is clipped: needs %.0f px, has %.0f", o.Text, m.Width, p.size.Width))
			}
			for _, a := range p.ancestors {
				if !a.contains(ink, 1.5) {
					problems = append(problems, fmt.Sprintf("text %q at %v runs out of its container %v", o.Text, ink, a))
					break
				}
			}
			texts = append(texts, p)
			textRects = append(textRects, ink.intersect(p.clip))
		case *widget.RichText:
			if p := brokenWord(o, p); p != "" {
				problems = append(problems, p)
			}
		}
		switch p.o.(type) {
		case *dragScroll, *container.Scroll:
			// A list squeezed to nothing by what stands above and below
			// it is not clipped by Fyne: its content spills over them.
			if p.size.Height < minTap {
				problems = append(problems, fmt.Sprintf("a scrolled list has %.0f px of height at %v: the screen's other parts leave it no room", p.size.Height, rectOf(p.pos, p.size)))
			}
		}
		if t, ok := p.o.(*tile); ok {
			if p := wrappedLabel(t, p); p != "" {
				problems = append(problems, p)
			}
		}
		if tp, ok := p.o.(fyne.Tappable); ok {
			if _, corner := tp.(*hotCorner); corner {
				continue // the staff gesture is not for citizens
			}
			if _, probe := tp.(*probeTarget); probe {
				continue // the input probe's pixel is for the kiosk itself
			}
			if rectOf(p.pos, p.size).intersect(p.clip).empty() {
				continue
			}
			if w, hgt := p.size.Width, p.size.Height; w < minTap-0.5 || hgt < minTap-0.5 {
				problems = append(problems, fmt.Sprintf("tap target %s is %.0f×%.0f px, under %.0f px (15 mm)", tapName(p.o), w, hgt, minTap))
			}
		}
	}
	for i := range texts {
		for j := i + 1; j < len(texts); j++ {
			in := textRects[i].intersect(textRects[j])
			if in.x1-in.x0 > 2 && in.y1-in.y0 > 2 {
				problems = append(problems, fmt.Sprintf("texts %q and %q overlap at %v", texts[i].o.(*canvas.Text).Text,
					texts[j].o.(*canvas.Text).Text, in))
			}
		}
	}
	return problems
}

func tapName(o fyne.CanvasObject) string {
	if t, ok := o.(*tile); ok {
		if t.Title != "" {
			return fmt.Sprintf("%q", t.Title)
		}
		return "(icon tile)"
	}
	return fmt.Sprintf("%T", o)
}

// brokenWord reports a RichText whose lines break inside a word or number:
// Fyne breaks a word that does not fit its width, which is how "10" became
// "1" above "0" and a sentence one character per line.
func brokenWord(rt *widget.RichText, self placed) string {
	var lines []string
	lastY := float32(math.Inf(-1))
	var sub []placed
	walk(rt, self.pos.Subtract(rt.Position()), self.clip, false, nil, &sub)
	var first *canvas.Text
	for _, c := range sub {
		t, ok := c.o.(*canvas.Text)
		if !ok {
			continue
		}
		if first == nil {
			first = t
		}
		y := c.pos.Y
		if y > lastY+1 || len(lines) == 0 {
			lines = append(lines, t.Text)
		} else {
			lines[len(lines)-1] += t.Text
		}
		lastY = y
	}
	if len(lines) < 2 {
		return ""
	}
	full := []rune(rt.String())
	at := 0
	for i, l := range lines {
		l = strings.TrimSpace(l)
		if l == "" {
			continue
		}
		idx := strings.Index(string(full[at:]), l)
		if idx < 0 {
			return "" // not a plain wrap (ellipsis, markup): nothing to say
		}
		start := at + len([]rune(string(full[at:])[:idx]))
		if i > 0 && start > 0 && isWordRune(full[start-1]) && isWordRune(full[start]) {
			return fmt.Sprintf("text %q breaks inside a word: line %d starts %q", rt.String(), i+1, l)
		}
		// A break inside a place name that would fit on a line whole
		// ("phường Thủ Dầu / Một"; issue 19, item 17 and the start header).
		// Other capitalised runs ("Public Administration Service Centre")
		// are left to Fyne's wrap.
		if i > 0 && start > 0 && full[start-1] == ' ' {
			if from, to, ok := vnnames.Joined(string(full), start-1); ok && vnnames.Place(string(full[from:to])) {
				name := string(full[from:to])
				room := rt.Size().Width - 2*theme.InnerPadding()
				// One size smaller would hold it (nameText does that) unless
				// the text is already as small as nameText sets it.
				size := first.TextSize
				if size >= fyne.CurrentApp().Settings().Theme().Size(theme.SizeNameText) {
					size *= 0.85
				}
				if fyne.MeasureText(name, size, first.TextStyle).Width <= room {
					return fmt.Sprintf("text %q breaks inside the name %q: line %d starts %q", rt.String(), name, i+1, l)
				}
			}
		}
		at = start + len([]rune(l))
	}
	return ""
}

// wrappedLabel reports a one-line label (tile.OneLine: the bottom bar's
// "Trang chủ", the scope chip's "Nộp được tại đây 129") drawn on more than
// one line: a button label that wraps reads as two (issue 19, item 4).
func wrappedLabel(t *tile, self placed) string {
	if t.Title == "" || !t.OneLine {
		return ""
	}
	var sub []placed
	walk(t, self.pos.Subtract(t.Position()), self.clip, false, nil, &sub)
	for _, c := range sub {
		rt, ok := c.o.(*widget.RichText)
		if !ok || rt.String() != t.Title {
			continue
		}
		var lines []float32
		var texts []placed
		walk(rt, c.pos.Subtract(rt.Position()), c.clip, false, nil, &texts)
		for _, x := range texts {
			if tx, ok := x.o.(*canvas.Text); ok && strings.TrimSpace(tx.Text) != "" {
				if len(lines) == 0 || x.pos.Y > lines[len(lines)-1]+1 {
					lines = append(lines, x.pos.Y)
				}
			}
		}
		if len(lines) > 1 {
			return fmt.Sprintf("label %q wraps onto %d lines", t.Title, len(lines))
		}
		return ""
	}
	return ""
}

func isWordRune(r rune) bool { return unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r) }

// openPanelOn opens the staff panel itself (the PIN accepted).
func openPanelOn(h *harness) {
	openStaffOn(h)
	h.enterPIN("246810")
}

// cheapPINHash is an argon2id hash of pin with the smallest parameters, so
// that the layout check's PIN attempts (sixteen looks, a lockout each) do not
// take minutes; pin.Verify reads the parameters from the hash.
func cheapPINHash(p string) string {
	salt := []byte("layout-check-salt")
	key := argon2.IDKey([]byte(p), salt, 1, 8, 1, 32)
	b64 := base64.RawStdEncoding
	return fmt.Sprintf("$argon2id$v=%d$m=8,t=1,p=1$%s$%s", argon2.Version, b64.EncodeToString(salt), b64.EncodeToString(key))
}

// openStaffOn opens the staff PIN pad on an existing harness.
func openStaffOn(h *harness) {
	h.k.EnableStaff(Staff{PINHash: cheapPINHash("246810"), Guard: pin.NewGuard(h.clock.now), Actions: &fakeStaff{}})
	for i := 0; i < 5; i++ {
		test.TapCanvas(h.k.Window().Canvas(), fyne.NewPos(20, 20))
		h.clock.add(200 * time.Millisecond)
	}
	h.settle()
}

// The 15 mm rule is in millimetres of the configured panel: a 70 px button
// on a 1920 px long side is 17 mm on a 21.5-inch panel but 12.5 mm on a
// 15.6-inch one, where the check must refuse it.
func TestTheTapTargetRuleFollowsThePanelSize(t *testing.T) {
	for _, tc := range []struct {
		mm    float64
		small bool
	}{{476, false}, {344, true}} {
		h := newHarness(t, func(d *Deps, o *Options) { o.PanelLongSideMM = tc.mm })
		h.k.Window().Resize(fyne.NewSize(1080, 1920))
		b := widget.NewButton("OK", nil)
		b.Resize(fyne.NewSize(70, 70))
		h.k.Window().SetContent(container.NewWithoutLayout(b))
		problems := checkLayout(h.k, h.k.minTapPx())
		if got := len(problems) > 0; got != tc.small {
			t.Errorf("a 70 px button on a %.0f mm panel: problems %q, want a small-target problem %v", tc.mm, problems, tc.small)
		}
	}
}
