package ui

import (
	"context"
	"fmt"
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	"kiosk/internal/portal"
)

const (
	resultLimit = 100 // results asked of the search
	resultPage  = 30  // rows built at a time
	browsePage  = 45  // browse tiles built at a time (a province has hundreds of communes)
)

// findScreen is "Tra cứu thủ tục": browse by field or agency, or search as
// you type with the matched words highlighted, filtered by service level.
type findScreen struct {
	query inputField
	level int
	// chipWidth is the width the level chips were last laid out at.
	chipWidth float32
	byAgency  bool
	filter    struct{ field, agency, name string }
	kbShown   bool
	scope     centreScope // this centre's procedures or all (centre.go)
	folded    bool        // the filters are one line (foldFilters) in this build

	fields   []portal.Field
	agencies []portal.Agency
	fcount   map[string]int
	acount   map[string]int
	loaded   bool

	results     []Result
	set         resultSet // results as shown (presentResults)
	showRelated bool      // the related results are opened
	shown       int       // rows built so far (paging)
	browseShown int       // browse tiles built so far
	searched    bool      // results belong to the current query
	seq         int
	cancel      context.CancelFunc

	list   *dragScroll
	status *widget.RichText
	kb     *keyboard
}

func newFindScreen() *findScreen { return &findScreen{kbShown: true} }

func (s *findScreen) title(k *env) string { return k.t("find.title") }

func (s *findScreen) leave() {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
}

func (s *findScreen) build(k *env) fyne.CanvasObject {
	if !s.loaded {
		s.load(k)
	}
	s.query.Placeholder = k.t("find.placeholder")
	s.query.OnChanged = func(string) {
		if s.foldFilters(k) != s.folded {
			k.render() // the filters fold away with the first letter, and back
		}
		s.runSearch(k)
	}
	s.folded = s.foldFilters(k)
	// The tap area lies under the field so its clear button stays tappable.
	field := container.NewStack(newTapArea(func() {
		k.touch()
		if !s.kbShown {
			s.kbShown = true
			k.render()
		}
	}), s.query.view(k))

	// The chips keep their words on one line: as many to a row as fit.
	if s.chipWidth == 0 { // a first guess (the screen less its margins); layout corrects it
		s.chipWidth = 1032
		if !k.portrait {
			s.chipWidth = 900
		}
	}
	levels := container.New(&flowLayout{gap: theme.Padding(), width: &s.chipWidth})
	for _, lv := range []struct {
		level int
		id    string
	}{{0, "level.all"}, {portal.LevelFull, "level.full"}, {portal.LevelPartial, "level.partial"}, {portal.LevelInfo, "level.info"}} {
		lv := lv
		st := tileQuiet
		if s.level == lv.level {
			st = tileSelected
		}
		t := k.tile(k.t(lv.id), st, func() { s.level = lv.level; s.runSearch(k); k.render() })
		t.Center = true
		t.TitleSize = ""
		t.MinHeight = 80
		levels.Add(t)
	}
	top := container.NewVBox(field)
	if s.folded {
		// The keyboard takes the lower half: the filters fold into one
		// line so that the results above it have the room (only one and
		// a half fitted; issue 19, item 4). Hiding the keyboard shows them.
		top.Add(richText(s.filterSummary(k), sizeNameSmall, colorMuted, false, fyne.TextAlignLeading))
	} else {
		top.Add(levels)
		if v := s.scope.view(k, s); v != nil {
			top.Add(v)
		}
	}
	if k.lang == "en" { // the portal publishes procedures in Vietnamese only
		note := textMuted(k.t("find.vinames"))
		if s.folded {
			note = richText(k.t("find.vinames"), sizeNameSmall, colorMuted, false, fyne.TextAlignLeading)
		}
		top.Add(note)
	}
	if s.filter.name != "" {
		chip := k.tile(k.t("find.filter", "Name", s.filter.name), tileSelected, func() {
			s.filter.field, s.filter.agency, s.filter.name = "", "", ""
			s.runSearch(k)
			k.render()
		})
		chip.Icon = theme.CancelIcon()
		chip.Wrap = true
		chip.TitleSize = ""
		top.Add(chip)
	}
	s.status = textMuted("")
	top.Add(s.status)

	var content fyne.CanvasObject
	content, s.list = k.scroller(container.NewVBox())
	s.fill(k)

	var kb fyne.CanvasObject
	if s.kbShown {
		s.kb = newKeyboard(k, &s.query, []kbMode{kbTelex, kbPlain}, "kb.hide", func() {
			s.kbShown = false
			k.render()
		})
		kb = s.kb.view()
	}
	return k.withKeyboard(container.NewBorder(top, nil, nil, nil, content), kb)
}

// foldFilters says whether the filter chips fold into one line: while the
// citizen types with the keyboard open in portrait, where the results need
// the height; browsing with an empty field shows them, except in large
// text, where the chips and the keyboard together are taller than the
// screen (in landscape, the chips and the English note beside it) and left
// the list a negative height: it spilled under the bottom bar.
func (s *findScreen) foldFilters(k *env) bool {
	if !s.kbShown {
		return false
	}
	return k.th.large || k.portrait && strings.TrimSpace(s.query.Value) != ""
}

// filterSummary names the filters in force, for the line that stands for
// the filter chips while the keyboard is open.
func (s *findScreen) filterSummary(k *env) string {
	level := map[int]string{0: "level.all", portal.LevelFull: "level.full", portal.LevelPartial: "level.partial", portal.LevelInfo: "level.info"}[s.level]
	names := []string{k.t(level)}
	if s.scope.offered(k) {
		if s.scope.all {
			names = append(names, k.t("reform.scope.all"))
		} else {
			names = append(names, k.t("reform.scope.here"))
		}
	}
	if k.th.large { // one line: the results need the height
		return k.t("layouts.find.filters.short", "Filters", strings.Join(names, " · "))
	}
	return k.t("layouts.find.filters", "Filters", strings.Join(names, " · "))
}

// load reads fields, agencies and counts off the UI goroutine.
func (s *findScreen) load(k *env) {
	s.loaded = true
	k.async(k.session(), func(ctx context.Context) func() {
		var fs []portal.Field
		var as []portal.Agency
		var fc, ac map[string]int
		if k.deps.Catalog != nil {
			var err error
			if fs, err = k.deps.Catalog.Fields(); err != nil {
				k.log.Warn("reading fields failed", "err", err)
			}
			if as, err = k.deps.Catalog.Agencies(); err != nil {
				k.log.Warn("reading agencies failed", "err", err)
			}
		}
		if k.deps.Search != nil {
			fc, ac = k.deps.Search.FieldCounts(), k.deps.Search.AgencyCounts()
		}
		scope := s.scope.load(k, as)
		return func() {
			s.fields, s.agencies, s.fcount, s.acount = fs, as, fc, ac
			scope(s)
			if k.current() == screen(s) {
				s.fill(k)
			}
		}
	})
}

// browsing is true when there is nothing to search for: show the tiles.
func (s *findScreen) browsing() bool {
	return s.text() == "" && s.filter.field == "" && s.filter.agency == ""
}

// text is the query to search for: nothing while it is a single letter.
func (s *findScreen) text() string {
	if tooShort(s.query.Value) {
		return ""
	}
	return s.query.Value
}

// runSearch starts a search for the current query; a newer one cancels it.
// The search runs off the UI goroutine so typing never waits for it.
func (s *findScreen) runSearch(k *env) {
	if s.cancel != nil {
		s.cancel()
		s.cancel = nil
	}
	s.seq++
	s.searched = false
	if s.browsing() || k.deps.Search == nil {
		s.results = nil
		s.fill(k)
		return
	}
	ready := searchReady(k.deps.Search)
	if s.status != nil {
		s.status.Segments[0].(*widget.TextSegment).Text = k.t(searchingKey(ready))
		s.status.Refresh()
	}
	ctx, cancel := context.WithCancel(k.session())
	s.cancel = cancel
	q := Query{Text: s.text(), FieldCode: s.filter.field, AgencyCode: s.filter.agency, Level: s.level, Limit: resultLimit,
		Centre: s.scope.centre(k)}
	seq := s.seq
	k.asyncQuiet(ctx, func(ctx context.Context) func() {
		// Right after start the index is still being built: wait for it
		// rather than report that nothing matches.
		select {
		case <-ready:
		case <-ctx.Done():
			return nil
		}
		res := k.deps.Search.Search(q)
		elsewhere := findElsewhere(k.deps.Search, q, res)
		if ctx.Err() != nil {
			return nil
		}
		return func() {
			if seq != s.seq {
				return
			}
			s.results, s.searched, s.shown = res, true, 0
			s.scope.elsewhere = elsewhere
			s.set, s.showRelated = presentResults(q.Text, res), false
			s.fill(k)
		}
	})
}

// searchPreparer is implemented by a Searcher whose index is built after
// start-up: the channel is closed once searching is meaningful.
type searchPreparer interface{ SearchReady() <-chan struct{} }

var alwaysReady = func() chan struct{} { c := make(chan struct{}); close(c); return c }()

// searchReady is closed when sr can be searched.
func searchReady(sr Searcher) <-chan struct{} {
	if p, ok := sr.(searchPreparer); ok {
		return p.SearchReady()
	}
	return alwaysReady
}

// searchingKey is the status line while a search runs: "preparing" while
// the index is still being built.
func searchingKey(ready <-chan struct{}) string {
	select {
	case <-ready:
		return "find.searching"
	default:
		return "find.preparing"
	}
}

// fill puts tiles or results into the list.
func (s *findScreen) fill(k *env) {
	if s.list == nil || k.current() != screen(s) {
		return
	}
	s.scope.showLine(s.browsing())
	setStatus := func(msg string) {
		s.status.Segments[0].(*widget.TextSegment).Text = msg
		s.status.Refresh()
	}
	box := container.NewVBox()
	switch {
	case s.browsing():
		if tooShort(s.query.Value) {
			setStatus(k.t("find.tooshort"))
		} else {
			setStatus(k.t("find.browse.hint"))
		}
		tabs := container.NewGridWithColumns(2)
		for _, tb := range []struct {
			agency bool
			id     string
		}{{false, "find.byfield"}, {true, "find.byagency"}} {
			tb := tb
			st := tileQuiet
			if s.byAgency == tb.agency {
				st = tileSelected
			}
			t := k.tile(k.t(tb.id), st, func() { s.byAgency, s.browseShown = tb.agency, 0; s.fill(k) })
			t.Center = true
			t.TitleSize = ""
			tabs.Add(t)
		}
		box.Add(tabs)
		type entry struct{ code, name string }
		var entries []entry
		if s.byAgency {
			for _, a := range s.agencies {
				if s.acount == nil || s.acount[a.Code] > 0 {
					entries = append(entries, entry{a.Code, a.Name})
				}
			}
		} else {
			for _, f := range s.fields {
				if s.fcount == nil || s.fcount[f.Code] > 0 {
					entries = append(entries, entry{f.Code, f.Name})
				}
			}
		}
		if s.browseShown == 0 {
			s.browseShown = browsePage
		}
		grid := k.textGrid(420, 3)
		for i, e := range entries {
			if i >= s.browseShown {
				break
			}
			e := e
			var t *tile
			if s.byAgency {
				t = k.tile(e.name, tileSurface, func() { s.pick("", e.code, e.name, k) })
				t.Badge = countBadge(s.acount[e.code])
			} else {
				t = k.tile(e.name, tileSurface, func() { s.pick(e.code, "", e.name, k) })
				t.Badge = countBadge(s.fcount[e.code])
			}
			t.Wrap = true
			t.TitleSize = ""
			grid.Add(t)
		}
		if len(entries) == 0 {
			box.Add(textMuted(k.t("find.nocatalog")))
		}
		box.Add(grid)
		if rest := len(entries) - s.browseShown; rest > 0 {
			more := k.tile(k.t("find.moretiles", "N", min(rest, browsePage)), tileQuiet, func() {
				off := s.list.Offset
				s.browseShown += browsePage
				s.fill(k)
				s.list.ScrollTo(off)
			})
			more.Center = true
			box.Add(more)
		}
	case k.deps.Search == nil:
		setStatus(k.t("find.unavailable"))
	case !s.searched:
		setStatus(k.t(searchingKey(searchReady(k.deps.Search))))
	case len(s.results) == 0:
		setStatus(k.t("find.none"))
		for _, o := range s.scope.elsewhereRows(k, s, setStatus) {
			box.Add(o)
		}
		box.Add(card(k.th, text(k.t("find.none.help"))))
	default:
		for _, o := range s.scope.elsewhereRows(k, s, setStatus) {
			box.Add(o)
		}
		s.fillResults(k, box, setStatus)
	}
	s.list.SetContent(box)
}

func countBadge(n int) string {
	if n <= 0 {
		return ""
	}
	return fmt.Sprint(n)
}

func (s *findScreen) pick(field, agency, name string, k *env) {
	s.filter.field, s.filter.agency, s.filter.name = field, agency, name
	s.kbShown = false
	s.runSearch(k)
	k.render()
}

// resultRow is one tappable search result with the matched words in bold.
func (s *findScreen) resultRow(k *env, r Result) fyne.CanvasObject {
	name := highlighted(r.Name, r.Spans)
	var sub []string
	if r.Procedure != nil {
		if r.Procedure.AgencyName != "" {
			sub = append(sub, r.Procedure.AgencyName)
		}
		if lv := levelLabel(k, r.Procedure.Level); lv != "" {
			sub = append(sub, lv)
		}
		if n := s.scope.rowNote(k, r.Procedure); n != "" {
			sub = append(sub, n)
		}
	}
	meta := textMuted(joinDot(sub))
	row := container.NewVBox(name, meta)
	code := r.Code
	proc := r.Procedure
	open := newTapArea(func() {
		k.touch()
		s.open(k, code, proc)
	})
	return container.NewStack(card(k.th, row), open)
}

func (s *findScreen) open(k *env, code string, p *portal.Procedure) {
	if p != nil && (len(p.Documents) > 0 || k.deps.Catalog == nil) {
		k.show(&detailScreen{proc: *p, unit: s.scope.unit})
		return
	}
	if k.deps.Catalog == nil {
		return
	}
	k.async(k.session(), func(ctx context.Context) func() {
		full, err := k.deps.Catalog.Procedure(code)
		return func() {
			if err != nil {
				k.log.Warn("reading procedure failed", "code", code, "err", err)
				if p != nil {
					k.show(&detailScreen{proc: *p, unit: s.scope.unit})
				}
				return
			}
			k.show(&detailScreen{proc: full, unit: s.scope.unit})
		}
	})
}

// typedRune lets a physical keyboard type into the search.
func (s *findScreen) typedRune(r rune) { s.query.typeRune(r, false) }

func (s *findScreen) typedKey(n fyne.KeyName) {
	switch n {
	case fyne.KeyBackspace:
		s.query.backspace()
	}
}

func levelLabel(k *env, level int) string {
	switch level {
	case portal.LevelFull:
		return k.t("level.full")
	case portal.LevelPartial:
		return k.t("level.partial")
	case portal.LevelInfo:
		return k.t("level.info")
	}
	return ""
}

func joinDot(parts []string) string {
	out := ""
	for i, p := range parts {
		if i > 0 {
			out += " · "
		}
		out += p
	}
	return out
}
