package ui

import (
	"sort"
	"strings"
	"unicode/utf8"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/widget"

	"kiosk/internal/search"
)

// The search ranks every procedure that shares a word with the query (see
// search.Result.Score: thousands are the match tier). That is right for a
// ranking and wrong for a screen: "khai sinh" matched 84 of 164 procedures
// through "đăng ký" alone, and each extra word added more. The screen shows
// the procedures that match all the words and keeps the rest out of sight.
const (
	tierOf         = 1000 // search.Result.Score / tierOf is the match tier
	tierSomeWords  = 0    // only some of the words
	tierAllInName  = 3    // all the words in the procedure's name
	tierPhraseName = 4    // the words in order in the name
	searchPage     = 10   // search results shown before "show more"
	minQueryRunes  = 2    // a single letter lists half the catalogue
)

// resultSet is what the find screen shows for one search.
type resultSet struct {
	// Best is the one procedure that clearly wins ("Có phải bạn cần: …"),
	// or nil; it is not repeated in Main.
	Best *Result
	// Main are the procedures that match all the words, best first.
	Main []Result
	// Related match all the words but not all in the name (or only with
	// typos); they are behind a button.
	Related []Result
	// Approximate says Main holds procedures that match only some words,
	// because none matches them all.
	Approximate bool
}

// Total is how many procedures Main and Best hold.
func (rs resultSet) Total() int {
	n := len(rs.Main)
	if rs.Best != nil {
		n++
	}
	return n
}

func tier(r Result) int { return int(r.Score / tierOf) }

// presentResults sorts a search's results into what the screen shows.
func presentResults(query string, results []Result) resultSet {
	var rs resultSet
	if search.Normalize(query) == "" {
		// Browsing a field or agency: every procedure, by name.
		rs.Main = results
		return rs
	}
	results = strictShortQuery(query, results)
	var some []Result
	for _, r := range results {
		switch t := tier(r); {
		case t >= tierAllInName:
			rs.Main = append(rs.Main, r)
		case t > tierSomeWords:
			rs.Related = append(rs.Related, r)
		default:
			some = append(some, r)
		}
	}
	switch {
	case len(rs.Main) == 0 && len(rs.Related) > 0:
		rs.Main, rs.Related = rs.Related, nil
	case len(rs.Main) == 0:
		rs.Main, rs.Approximate = some, len(some) > 0
	}
	if !rs.Approximate && len(rs.Main) > 0 {
		top := tier(rs.Main[0])
		if top >= tierPhraseName && (len(rs.Main) == 1 || tier(rs.Main[1]) < top) {
			best := rs.Main[0]
			rs.Best, rs.Main = &best, rs.Main[1:]
		}
	}
	return rs
}

// strictShortQuery keeps, for a query of one word of two letters, only the
// procedures with a word that starts with those letters: the search's
// regional spellings (d/gi/v) and typo tolerance make "da" match "Giấy",
// "Gia hạn" and "và", which nobody typing "da" means.
func strictShortQuery(query string, results []Result) []Result {
	words := search.Tokens(query)
	if len(words) != 1 || utf8.RuneCountInString(words[0]) > 2 || isDigits(words[0]) {
		return results
	}
	w := words[0]
	var out []Result
	for _, r := range results {
		for _, nw := range search.Tokens(r.Name) {
			if strings.HasPrefix(nw, w) {
				out = append(out, r)
				break
			}
		}
	}
	return out
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// tooShort reports whether a query is too short to search: one letter (a
// digit may start a procedure code and is searched).
func tooShort(query string) bool {
	q := search.Normalize(query)
	return q != "" && utf8.RuneCountInString(q) < minQueryRunes && !isDigits(q)
}

// fillResults lays out a search's results: the clear winner first ("Có
// phải bạn cần"), then the other procedures matching all the words a page at
// a time, then a button for the related ones. The status line counts what
// the list holds and how much of it is on screen.
func (s *findScreen) fillResults(k *env, box *fyne.Container, setStatus func(string)) {
	set := s.set
	if s.shown == 0 {
		s.shown = searchPage
	}
	total := set.Total()
	switch {
	case set.Approximate:
		setStatus(k.t("find.approximate", "N", total))
	case len(set.Main) > s.shown:
		setStatus(k.t("find.count.paged", "N", total, "Shown", s.shown+total-len(set.Main)))
	default:
		setStatus(k.t("find.count", "N", total))
	}
	if set.Best != nil {
		best := container.NewVBox(richText(k.t("find.best"), sizeNameHeading, "primary", true, fyne.TextAlignLeading))
		best.Add(s.resultRow(k, *set.Best))
		box.Add(best)
		if len(set.Main) > 0 {
			box.Add(richText(k.t("find.others"), "", colorMuted, true, fyne.TextAlignLeading))
		}
	}
	for i, r := range set.Main {
		if i >= s.shown {
			more := k.tile(k.t("find.more", "N", min(len(set.Main)-s.shown, searchPage)), tileQuiet, func() {
				off := s.list.Offset
				s.shown += searchPage
				s.fill(k)
				s.list.ScrollTo(off)
			})
			more.Center = true
			box.Add(more)
			return // related ones come after every main one
		}
		box.Add(s.resultRow(k, r))
	}
	if len(set.Related) == 0 {
		return
	}
	if !s.showRelated {
		rel := k.tile(k.t("find.related", "N", len(set.Related)), tileQuiet, func() {
			off := s.list.Offset
			s.showRelated = true
			s.fill(k)
			s.list.ScrollTo(off)
		})
		rel.Center = true
		rel.Wrap = true
		box.Add(rel)
		return
	}
	box.Add(richText(k.t("find.related.heading"), "", colorMuted, true, fyne.TextAlignLeading))
	for _, r := range set.Related {
		box.Add(s.resultRow(k, r))
	}
}

// highlighted renders a result's name with the byte ranges in spans (the
// matched words) in bold primary. Fyne 2.7.1 wraps a text of several inline
// segments inside a word at some segment boundaries ("đ / ăng", "k / ý"),
// so the name is not left to Fyne's wrap: nameText breaks it between words
// for the width it gets, measuring every line in bold (the widest style),
// and hands Fyne lines that fit, which it never breaks again. Place names
// stay whole as in every other text.
func highlighted(name string, spans []Span) *nameText {
	sp := append([]Span(nil), spans...)
	sort.Slice(sp, func(i, j int) bool { return sp[i].Start < sp[j].Start })
	var segs []widget.RichTextSegment
	add := func(t string, hl bool) {
		if t == "" {
			return
		}
		st := widget.RichTextStyle{Inline: true, SizeName: sizeNameHeading, ColorName: "foreground"}
		if hl {
			st.ColorName = "primary"
			st.TextStyle.Bold = true
		}
		segs = append(segs, &widget.TextSegment{Text: t, Style: st})
	}
	// Highlighted words with only spaces between them are one bold run.
	var merged []Span
	for _, x := range sp {
		if n := len(merged); n > 0 && x.Start >= merged[n-1].End && strings.TrimSpace(name[merged[n-1].End:x.Start]) == "" {
			merged[n-1].End = max(merged[n-1].End, x.End)
			continue
		}
		merged = append(merged, x)
	}
	pos := 0
	for _, x := range merged {
		if x.Start < pos || x.End > len(name) || x.Start >= x.End {
			continue
		}
		add(name[pos:x.Start], false)
		add(name[x.Start:x.End], true)
		pos = x.End
	}
	add(name[pos:], false)
	if len(segs) > 0 {
		segs[len(segs)-1].(*widget.TextSegment).Style.Inline = false
	}
	rt := widget.NewRichText(segs...)
	rt.Wrapping = fyne.TextWrapWord
	return keepNamesIn(rt)
}
