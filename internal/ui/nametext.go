package ui

import (
	"strings"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/theme"
	"fyne.io/fyne/v2/widget"

	vnnames "kiosk/internal/names"
)

// nameText is a wrapped text that never breaks a line inside a proper name
// ("phường Thủ Dầu Một" stays whole, as on the receipts): Fyne wraps at any
// space, a no-break space included, so nameText chooses the line breaks
// itself (vnnames.Wrap) for the width it is given and hands Fyne the lines.
// Its text segments (a label and a value, say) are broken as one text.
type nameText struct {
	widget.BaseWidget
	rt     *widget.RichText
	segs   []*widget.TextSegment
	texts  []string // the segments' own texts, without the breaks
	sizes  []fyne.ThemeSizeName
	inline []bool
	width  float32
}

var _ fyne.Widget = (*nameText)(nil)

func newNameText(s string, size fyne.ThemeSizeName, col fyne.ThemeColorName, bold bool, align fyne.TextAlign) *nameText {
	return keepNamesIn(richText(s, size, col, bold, align))
}

// keepNamesIn wraps rt, a word-wrapped text of text segments.
func keepNamesIn(rt *widget.RichText) *nameText {
	n := &nameText{rt: rt}
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok {
			n.segs = append(n.segs, ts)
			n.texts = append(n.texts, ts.Text)
			n.sizes = append(n.sizes, ts.Style.SizeName)
			n.inline = append(n.inline, ts.Style.Inline)
		}
	}
	n.ExtendBaseWidget(n)
	return n
}

func (n *nameText) CreateRenderer() fyne.WidgetRenderer { return widget.NewSimpleRenderer(n.rt) }

// Resize breaks the text for the new width before Fyne lays it out.
func (n *nameText) Resize(s fyne.Size) {
	if s.Width == n.width {
		n.BaseWidget.Resize(s)
		return
	}
	// The text changes before the RichText is resized, so that it
	// measures its rows once, at the new width (a refresh at the old width
	// would report a word-per-line height to the layout).
	n.width = s.Width
	n.breakFor(s.Width)
	n.BaseWidget.Resize(s)
	n.rt.Refresh()
}

// String is the text as given, without the line breaks nameText chose.
func (n *nameText) String() string { return strings.Join(n.texts, "") }

func (n *nameText) MinSize() fyne.Size { return n.rt.MinSize() }

// breakFor puts a newline at each break vnnames.Wrap chose for a box w wide
// (RichText's inner padding on both sides).
func (n *nameText) breakFor(w float32) {
	if len(n.segs) == 0 {
		return
	}
	th := n.Theme()
	room := w - 2*th.Size(theme.SizeNameInnerPadding)
	full := strings.Join(n.texts, "")
	for i, s := range n.segs {
		s.Style.SizeName = n.sizes[i]
	}
	fits := n.measure(th, room)
	// A short name that will not fit on a line whole (a title in large
	// text beside the Listen button, an agency in a narrow tile) is set one
	// size smaller rather than broken as "Thủ Dầu / Một".
	if smaller, ok := smallerSize[n.sizes[0]]; ok && len(n.segs) == 1 && !namesFit(full, fits) {
		n.segs[0].Style.SizeName = smaller
		if f := n.measure(th, room); namesFit(full, f) {
			fits = f
		} else {
			n.segs[0].Style.SizeName = n.sizes[0]
		}
	}
	// Each line is measured with the space that ends it: the space stays in
	// the text (as the last character of its line), so the line must fit
	// with it or Fyne would wrap it again.
	lines := vnnames.Wrap(full, func(l string) bool { return fits(l + " ") })
	// Mark the break positions in the whole text: the space after each
	// line's last word, counted in words (Wrap keeps every word).
	r := []rune(full)
	breaks := map[int]bool{}
	at := 0
	for _, l := range lines[:len(lines)-1] {
		for range strings.Fields(l) {
			for at < len(r) && isBlank(r[at]) {
				at++
			}
			for at < len(r) && !isBlank(r[at]) {
				at++
			}
		}
		if at < len(r) && r[at] == ' ' {
			breaks[at] = true
		}
	}
	// Every line is its own run of segments, the last of which ends the
	// line (not inline). A newline inside an inline segment is not enough:
	// Fyne 2.7.1 lays out the text after it from where the previous
	// segment ended and breaks inside its first word ("tình / tr / ạng").
	var out []widget.RichTextSegment
	lineEnd := func() {
		if len(out) > 0 {
			out[len(out)-1].(*widget.TextSegment).Style.Inline = false
		}
	}
	off := 0
	for i, s := range n.segs {
		sr := []rune(n.texts[i])
		from := 0
		for j := range sr {
			if breaks[off+j] {
				if j+1 > from {
					out = append(out, &widget.TextSegment{Text: string(sr[from : j+1]), Style: s.Style})
				}
				lineEnd()
				from = j + 1
			}
		}
		if from < len(sr) {
			st := s.Style
			st.Inline = true
			out = append(out, &widget.TextSegment{Text: string(sr[from:]), Style: st})
		}
		if !n.inline[i] {
			lineEnd()
		}
		off += len(sr)
	}
	n.rt.Segments = out
}

func isBlank(r rune) bool { return r == ' ' || r == '\n' || r == '\t' }

// smallerSize is the next size down for a text that holds a name (each at
// most 0.85 of the one above, what the layout check allows for).
var smallerSize = map[fyne.ThemeSizeName]fyne.ThemeSizeName{
	sizeNameTitle: sizeNameHeading, sizeNameHeading: theme.SizeNameText,
	"": sizeNameSmall, theme.SizeNameText: sizeNameSmall,
}

// measure says whether a line fits room in the largest, boldest style of
// the segments, so a line that fits here also fits Fyne's own measure and
// Fyne adds no break of its own.
func (n *nameText) measure(th fyne.Theme, room float32) func(string) bool {
	var size float32
	var style fyne.TextStyle
	for _, s := range n.segs {
		sz := th.Size(theme.SizeNameText)
		if s.Style.SizeName != "" {
			sz = th.Size(s.Style.SizeName)
		}
		size = max(size, sz)
		style.Bold = style.Bold || s.Style.TextStyle.Bold
	}
	return func(l string) bool { return fyne.MeasureText(l, size, style).Width <= room }
}

// namesFit reports whether every proper name in s fits on a line whole.
func namesFit(s string, fits func(string) bool) bool {
	for _, u := range vnnames.Units(s) {
		if strings.Contains(u, " ") && !fits(u) {
			return false
		}
	}
	return true
}

// hasPlaceName reports whether s names a place ("UBND xã Tân Phú"): only
// such texts need nameText's own line breaks.
func hasPlaceName(s string) bool {
	for _, u := range vnnames.Units(s) {
		if strings.Contains(u, " ") && vnnames.Place(u) {
			return true
		}
	}
	return false
}
