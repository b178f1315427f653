package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/internal/portal"
	"kiosk/internal/search"
)

// Centre is the Trung tâm Phục vụ hành chính công the kiosk stands in
// (Options.Centre); the zero Centre means the site config names none.
type Centre = search.Centre

// centreCounter is implemented by a Searcher that can count what a centre
// accepts, for the browse tiles and the scope line of the find screen.
type centreCounter interface {
	CentreCounts(c Centre) (fields, agencies map[string]int)
}

// centreScope is the find screen's choice between "procedures this centre
// accepts" and the whole catalogue. A kiosk whose site config names its
// centre starts every citizen on the first: a citizen standing in a ward's
// centre wants what they can hand in here, and the scope line and the
// second chip say plainly that there is more, and where. A kiosk with no
// centre configured shows the whole catalogue and no chips.
type centreScope struct {
	all bool // the citizen chose the whole catalogue
	// none is set when the configured centre accepts no procedure of a
	// non-empty catalogue (an agency code the portal does not use): the
	// screen then shows the whole catalogue rather than nothing.
	none bool

	// Counts for both scopes: the browse tiles show the chosen one's.
	allF, allA   map[string]int
	hereF, hereA map[string]int
	// unit is "city" or "province": how the province names itself in its
	// agencies ("Ủy ban nhân dân Thành phố …"), "" when unknown.
	unit string
	// elsewhere is what the last search found in the whole catalogue that
	// this centre does not accept, when that matters (see findElsewhere).
	elsewhere elsewhere
	// grid holds the chips and lineText (portrait only) the line on screen,
	// updated when the counts arrive.
	grid     *fyne.Container
	lineText *widget.RichText
}

// active reports whether searches are limited to the kiosk's centre.
func (c *centreScope) active(k *env) bool { return c.offered(k) && !c.all }

// offered reports whether the screen offers the choice at all.
func (c *centreScope) offered(k *env) bool { return !k.opt.Centre.IsZero() && !c.none }

// centre is the Query.Centre for the chosen scope.
func (c *centreScope) centre(k *env) Centre {
	if c.active(k) {
		return k.opt.Centre
	}
	return Centre{}
}

// load reads what the scope needs; it runs off the UI goroutine with the
// find screen's other reads and returns what apply installs.
func (c *centreScope) load(k *env, agencies []portal.Agency) (apply func(s *findScreen)) {
	unit := provinceUnit(agencies)
	var hf, ha map[string]int
	if cc, ok := k.deps.Search.(centreCounter); ok && !k.opt.Centre.IsZero() {
		hf, ha = cc.CentreCounts(k.opt.Centre)
	}
	return func(s *findScreen) {
		c.unit = unit
		c.allF, c.allA = s.fcount, s.acount
		c.hereF, c.hereA = hf, ha
		if hf != nil && sum(hf) == 0 && sum(c.allF) > 0 && !c.none {
			c.none = true
			k.log.Warn("the configured centre accepts no procedure of the catalogue; showing all",
				"centre_level", k.opt.Centre.Level, "centre_agency_code", k.opt.Centre.AgencyCode)
		}
		c.useCounts(k, s)
		if c.grid != nil {
			c.fillChips(k, s)
			c.grid.Refresh()
		}
		if c.lineText != nil {
			c.lineText.Segments[0].(*widget.TextSegment).Text = c.line(k)
			if !c.offered(k) {
				c.lineText.Hide()
			}
			c.lineText.Refresh()
		}
	}
}

// useCounts gives the browse tiles the chosen scope's counts.
func (c *centreScope) useCounts(k *env, s *findScreen) {
	if c.active(k) && c.hereF != nil {
		s.fcount, s.acount = c.hereF, c.hereA
		return
	}
	s.fcount, s.acount = c.allF, c.allA
}

// choose switches the scope and searches again.
func (c *centreScope) choose(k *env, s *findScreen, all bool) {
	c.all = all
	c.elsewhere = elsewhere{}
	s.browseShown = 0
	c.useCounts(k, s)
	s.runSearch(k)
	k.render()
}

// view is the two scope chips and the line that says which set is shown;
// nil when the kiosk's centre is not configured.
func (c *centreScope) view(k *env, s *findScreen) fyne.CanvasObject {
	if !c.offered(k) {
		return nil
	}
	c.grid = container.NewGridWithColumns(2)
	if k.th.large {
		// "Nộp được tại đây" and its count need a row's width in large
		// text: side by side the label wrapped (issue 19, item 4).
		c.grid = container.NewGridWithColumns(1)
	}
	c.fillChips(k, s)
	// Portrait has room for a sentence while browsing (showLine); landscape
	// height is precious, and the chosen chip with its count says which set
	// is shown.
	c.lineText = nil
	if !k.portrait {
		return c.grid
	}
	c.lineText = textMuted(c.line(k))
	return container.NewVBox(c.grid, c.lineText)
}

// fillChips (re)makes the chips with their counts: a tile draws its badge
// once, so new counts need new tiles. None when the centre accepts nothing.
func (c *centreScope) fillChips(k *env, s *findScreen) {
	c.grid.Objects = nil
	if !c.offered(k) {
		return
	}
	for _, o := range []struct {
		all    bool
		id     string
		counts map[string]int
	}{{false, "reform.scope.here", c.hereF}, {true, "reform.scope.all", c.allF}} {
		o := o
		st := tileQuiet
		if c.all == o.all {
			st = tileSelected
		}
		t := k.tile(k.t(o.id), st, func() { c.choose(k, s, o.all) })
		t.Center = true
		t.TitleSize = ""
		t.MinHeight = 80
		t.Wrap = true
		t.OneLine = true
		t.Badge = countBadge(sum(o.counts))
		c.grid.Add(t)
	}
}

// showLine shows the explaining line while the citizen browses; once they
// type or pick, the results need the room, and the chosen chip with its
// count still says which set is shown.
func (c *centreScope) showLine(browsing bool) {
	browsing = browsing && !c.none
	if c.lineText == nil || c.lineText.Visible() == browsing {
		return
	}
	if browsing {
		c.lineText.Show()
	} else {
		c.lineText.Hide()
	}
}

// line says which procedures the screen shows, with their number when known.
func (c *centreScope) line(k *env) string {
	if c.active(k) {
		if n := sum(c.hereF); n > 0 {
			return k.t("reform.scope.here.line", "N", n)
		}
		return k.t("reform.scope.here.line.nocount")
	}
	if n := sum(c.allF); n > 0 {
		return k.t("reform.scope.all.line."+c.unitKey(), "N", n)
	}
	return k.t("reform.scope.all.line.nocount")
}

// unitKey picks the message variant for the province's own word.
func (c *centreScope) unitKey() string {
	if c.unit == "" {
		return "any"
	}
	return c.unit
}

// rowNote marks a result of the whole catalogue that this centre does not
// accept, so that a citizen browsing everything knows before opening it;
// "" for the rest and when the screen shows this centre's procedures only.
func (c *centreScope) rowNote(k *env, p *portal.Procedure) string {
	if !c.offered(k) || !c.all || k.opt.Centre.Accepts(p) {
		return ""
	}
	return k.t("reform.scope.nothere")
}

// elsewhere is what a search at the centre missed in the whole catalogue.
type elsewhere struct {
	n    int    // results in the whole catalogue, when the centre had none
	best string // the better match the centre does not accept, when it had some
}

// findElsewhere runs q on the whole catalogue when it was limited to the
// centre and says what the citizen would miss: every match when the centre
// has none, or the best match when it is a better kind of match than the
// centre's best (typing "đổi giấy phép lái xe" at a ward centre finds
// building permits there; the driving licence is the police's). It runs off
// the UI goroutine.
func findElsewhere(sr Searcher, q Query, res []Result) elsewhere {
	if q.Centre.IsZero() || strings.TrimSpace(q.Text) == "" && len(res) > 0 {
		return elsewhere{}
	}
	q.Centre = Centre{}
	all := sr.Search(q)
	switch {
	case len(all) == 0:
		return elsewhere{}
	case len(res) == 0:
		return elsewhere{n: len(all)}
	case matchTier(all[0]) > matchTier(res[0]):
		return elsewhere{best: all[0].Name}
	}
	return elsewhere{}
}

// matchTier is the kind of match a result is (search.Result.Score's
// thousands): comparable across two searches of the same text.
func matchTier(r Result) int { return int(r.Score) / 1000 }

// elsewhereRows tell a citizen what this centre does not take but the
// whole catalogue has, with a button to see it; none otherwise. When the
// centre has no match at all the message replaces the status line ("no
// procedure found" would be untrue of the city); a better match elsewhere
// is a row above the results. Rows are the list's own: wrapped text nested
// deeper is measured before its width is known.
func (c *centreScope) elsewhereRows(k *env, s *findScreen, setStatus func(string)) []fyne.CanvasObject {
	if !c.active(k) {
		return nil
	}
	see := k.tile(k.t("reform.scope.seeall"), tilePrimary, func() { c.choose(k, s, true) })
	see.Icon = theme.SearchIcon()
	see.Wrap = true
	see.Center = true
	switch e := c.elsewhere; {
	case e.n > 0:
		setStatus(k.t("reform.scope.elsewhere."+c.unitKey(), "N", e.n))
		return []fyne.CanvasObject{see}
	case e.best != "":
		return []fyne.CanvasObject{card(k.th, text(k.t("reform.scope.better", "Name", e.best))), see}
	}
	return nil
}

func sum(m map[string]int) int {
	n := 0
	for _, v := range m {
		n += v
	}
	return n
}

// provinceUnit says whether the province is a centrally-run city ("city":
// "Ủy ban nhân dân Thành phố Hồ Chí Minh") or a province ("province": "UBND
// tỉnh …"), from the name of its people's committee in the catalogue; ""
// when the catalogue has none or its name says neither. The any-centre
// sentence then says "trong thành phố" or "trong tỉnh", as the province
// itself does.
func provinceUnit(agencies []portal.Agency) string {
	for _, a := range agencies {
		if a.Kind != portal.AgencyProvince {
			continue
		}
		n := strings.ToLower(a.Name)
		for _, p := range []string{"ủy ban nhân dân ", "uỷ ban nhân dân ", "ubnd "} {
			n = strings.TrimPrefix(n, p)
		}
		switch {
		case strings.HasPrefix(n, "thành phố "), strings.HasPrefix(n, "tp "), strings.HasPrefix(n, "tp."):
			return "city"
		case strings.HasPrefix(n, "tỉnh "):
			return "province"
		}
	}
	return ""
}

// anyCentreNote is the detail page's line for a procedure that any centre
// in the province accepts (không phụ thuộc địa giới hành chính); nil for
// other procedures.
func anyCentreNote(k *env, p portal.Procedure, unit string) fyne.CanvasObject {
	if !p.AnyCentre {
		return nil
	}
	return k.notice(sevInfo, anyCentreText(k.t, unit))
}

// anyCentreText is that line's words, on screen and read aloud.
func anyCentreText(t tfunc, unit string) string {
	if unit == "" {
		unit = "any"
	}
	return t("reform.anycentre." + unit)
}
