package ui

import (
	"image/color"
	"math"
	"testing"
)

// WCAG 2.1 relative luminance and contrast ratio
// (https://www.w3.org/TR/WCAG21/#dfn-contrast-ratio).
func luminance(c color.NRGBA) float64 {
	ch := func(v uint8) float64 {
		s := float64(v) / 255
		if s <= 0.04045 {
			return s / 12.92
		}
		return math.Pow((s+0.055)/1.055, 2.4)
	}
	return 0.2126*ch(c.R) + 0.7152*ch(c.G) + 0.0722*ch(c.B)
}

func contrastRatio(a, b color.NRGBA) float64 {
	la, lb := luminance(a), luminance(b)
	if la < lb {
		la, lb = lb, la
	}
	return (la + 0.05) / (lb + 0.05)
}

func TestContrastRatioMatchesWCAGExamples(t *testing.T) {
	for _, c := range []struct {
		a, b color.NRGBA
		want float64
	}{
		{rgb(0, 0, 0), rgb(0xFF, 0xFF, 0xFF), 21},
		{rgb(0xFF, 0xFF, 0xFF), rgb(0xFF, 0xFF, 0xFF), 1},
		{rgb(0x76, 0x76, 0x76), rgb(0xFF, 0xFF, 0xFF), 4.54}, // the classic lightest AA grey on white
	} {
		if got := contrastRatio(c.a, c.b); math.Abs(got-c.want) > 0.01 {
			t.Errorf("contrast(%v, %v) = %.2f, want %.2f", c.a, c.b, got, c.want)
		}
	}
}

// textPairs are the foreground/background pairs the screens draw text and
// icons with (widgets.go, look and the screens): each colour name a
// richText or tile uses, on each surface it sits on. Warning and highlight
// colours are backgrounds only (notices; Fyne's text selection, which no
// kiosk screen offers), never text.
func textPairs(p palette) []struct {
	what   string
	fg, bg color.NRGBA
} {
	type pair = struct {
		what   string
		fg, bg color.NRGBA
	}
	pressed := func(c color.NRGBA) color.NRGBA { return pressedColor(c) }
	return []pair{
		{"body text on the page", p.text, p.bg},
		{"body text on a card or surface tile", p.text, p.surface},
		{"body text on a pressed surface tile", p.text, pressed(p.surface)},
		{"muted text on the page", p.muted, p.bg},
		{"muted text on a card", p.muted, p.surface},
		{"primary text (headings, quiet tiles) on the page", p.primary, p.bg},
		{"primary text on a card", p.primary, p.surface},
		{"primary text on a pressed quiet tile", p.primary, pressed(p.bg)},
		{"text on primary (header, primary and selected tiles)", p.onPrimary, p.primary},
		{"text on a pressed primary tile", p.onPrimary, pressed(p.primary)},
		{"text on an OK notice or status", p.onPrimary, p.ok},
		{"text on an info notice or status", p.onPrimary, p.info},
		{"text on a warning notice or status", p.onPrimary, p.warn},
		{"text on an error notice, status or danger button", p.onPrimary, p.bad},
		{"text on a pressed danger button", p.onPrimary, pressed(p.bad)},
		{"text on a neutral status", p.onPrimary, p.neutral},
		{"OK text (timeline ticks) on a card", p.ok, p.surface},
		{"error text on the page", p.bad, p.bg},
		{"text on a pressed card in high contrast (lightened)", p.text, pressed(p.surface)},
	}
}

// Every pair must reach 4.5:1 (WCAG AA, normal text) in the normal look and
// 7:1 (AAA) in high contrast (issue 19).
func TestThemeColoursReachWCAGContrast(t *testing.T) {
	for _, look := range []struct {
		name string
		p    palette
		min  float64
	}{{"normal", normalPalette, 4.5}, {"high contrast", contrastPalette, 7}} {
		for _, pr := range textPairs(look.p) {
			if r := contrastRatio(pr.fg, pr.bg); r < look.min {
				t.Errorf("%s: %s: %.2f:1, under %.1f:1", look.name, pr.what, r, look.min)
			}
		}
	}
}
