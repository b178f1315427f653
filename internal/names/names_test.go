package names

import (
	"strings"
	"testing"
	"unicode/utf8"
)

func TestWrapKeepsAPlaceNameOnOneLine(t *testing.T) {
	s := "Trung tâm Phục vụ hành chính công phường Thủ Dầu Một"
	for cols := 20; cols <= 60; cols++ {
		fits := func(l string) bool { return utf8.RuneCountInString(l) <= cols }
		lines := Wrap(s, fits)
		joined := strings.Join(lines, "\n")
		if !strings.Contains(joined, "phường Thủ Dầu Một") {
			t.Errorf("%d columns: the ward's name is broken:\n%s", cols, joined)
		}
		if strings.Join(lines, " ") != s {
			t.Errorf("%d columns: words changed: %q", cols, lines)
		}
		for _, l := range lines {
			if !fits(l) {
				t.Errorf("%d columns: %q is too long", cols, l)
			}
		}
	}
}

func TestWrapBreaksANameLongerThanALineAtItsSpaces(t *testing.T) {
	lines := Wrap("Sở Tư pháp Thành phố Hồ Chí Minh", func(l string) bool { return utf8.RuneCountInString(l) <= 10 })
	for _, l := range lines {
		if utf8.RuneCountInString(l) > 10 {
			t.Errorf("line %q is longer than 10", l)
		}
	}
	if got := strings.Join(lines, " "); got != "Sở Tư pháp Thành phố Hồ Chí Minh" {
		t.Errorf("words changed: %q", got)
	}
}

func TestJoinedFindsTheNameASpaceIsIn(t *testing.T) {
	s := "Trung tâm Phục vụ hành chính công phường Thủ Dầu Một"
	i := strings.Index(s, "Dầu Một") - 1 // the byte before "Dầu" is the space after "Thủ"
	ri := utf8.RuneCountInString(s[:i])
	from, to, ok := Joined(s, ri)
	if !ok || string([]rune(s)[from:to]) != "phường Thủ Dầu Một" {
		t.Errorf("Joined(%d) = %q, %v; want the ward's name", ri, string([]rune(s)[from:to]), ok)
	}
	if _, _, ok := Joined(s, utf8.RuneCountInString("Trung tâm Phục vụ hành")); ok {
		t.Error("the space after 'hành' is not inside a name")
	}
}

func TestUnitsKeepsAPlaceNameAsOne(t *testing.T) {
	got := Units("UBND xã Tân Phú")
	if len(got) != 2 || got[1] != "xã Tân Phú" || !Place(got[1]) {
		t.Errorf("Units = %q; want [UBND, xã Tân Phú] with the second a place", got)
	}
}
