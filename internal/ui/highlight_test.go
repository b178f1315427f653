package ui

import (
	"encoding/json"
	"math"
	"strings"
	"testing"
	"unicode"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"

	"kiosk/assets"
	"kiosk/internal/portal"
)

// A search result's name is drawn with the matched words in bold, which
// makes it a text of several inline segments; Fyne 2.7.1 may break a line
// at a segment boundary inside a word ("đ / ăng", "k / ý"), which the
// citizen walk and the layout check found (issue 19). Every demo procedure
// name, with each of its words highlighted in turn, at result-row widths
// from a narrow landscape column to a portrait card, in normal and large
// text, must break only between words and keep its highlight.
func TestHighlightedResultsBreakOnlyBetweenWords(t *testing.T) {
	h := newHarness(t)
	b, err := assets.Demo.ReadFile("demo/procedures.json")
	if err != nil {
		t.Fatal(err)
	}
	var procs []portal.Procedure
	if err := json.Unmarshal(b, &procs); err != nil {
		t.Fatal(err)
	}
	widths := []float32{430, 560, 690, 820, 950}
	broken := 0
	for _, large := range []bool{false, true} {
		h.k.th.large = large
		for _, p := range procs {
			for _, sp := range wordSpans(p.Name) {
				for _, w := range widths {
					o := highlighted(p.Name, []Span{sp})
					rt := richTextIn(o)
					box := container.NewVBox(o)
					box.Resize(fyne.NewSize(w, 4000))
					test.WidgetRenderer(rt).Layout(rt.Size())
					if msg := brokenWord(rt, placed{o: rt, clip: rect{x1: math.MaxFloat32, y1: math.MaxFloat32}}); msg != "" {
						if broken++; broken <= 10 {
							t.Errorf("large=%v, %.0f px wide, %q highlighted: %s", large, w, p.Name[sp.Start:sp.End], msg)
						}
					}
					if got := boldText(rt); strings.TrimSpace(got) != p.Name[sp.Start:sp.End] {
						if broken++; broken <= 10 {
							t.Errorf("large=%v, %q: bold text is %q, want the matched word", large, p.Name, got)
						}
					}
				}
			}
		}
	}
	if broken > 10 {
		t.Errorf("... %d broken results in all", broken)
	}
}

// wordSpans are the byte ranges of the words of s, as the search reports a
// matched word.
func wordSpans(s string) []Span {
	var out []Span
	start := -1
	for i, r := range s {
		word := unicode.IsLetter(r) || unicode.IsDigit(r) || unicode.IsMark(r)
		switch {
		case word && start < 0:
			start = i
		case !word && start >= 0:
			out = append(out, Span{Start: start, End: i})
			start = -1
		}
	}
	if start >= 0 {
		out = append(out, Span{Start: start, End: len(s)})
	}
	return out
}

// richTextIn is the RichText a highlighted name draws with.
func richTextIn(o fyne.CanvasObject) *widget.RichText {
	switch x := o.(type) {
	case *widget.RichText:
		return x
	case *nameText:
		return x.rt
	}
	return nil
}

// boldText is the text of rt's bold segments, the line breaks taken out.
func boldText(rt *widget.RichText) string {
	var b strings.Builder
	for _, s := range rt.Segments {
		if ts, ok := s.(*widget.TextSegment); ok && ts.Style.TextStyle.Bold {
			b.WriteString(strings.ReplaceAll(ts.Text, "\n", " "))
		}
	}
	return b.String()
}
