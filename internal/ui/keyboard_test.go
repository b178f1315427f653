package ui

import "testing"

func TestTheVietnameseLayoutHasTheMarkedLettersAndToneKeys(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu thủ tục")
	for _, l := range []string{"ă", "â", "đ", "ê", "ô", "ơ", "ư"} {
		if len(h.tiles(l)) != 1 {
			t.Errorf("no key %q on the Vietnamese layout", l)
		}
	}
	// A citizen who does not know Telex taps the letters and the tones.
	h.typeKeys("ng")
	h.tap("ư")
	h.tap("ơ")
	h.typeKeys("i")
	h.tapID("kb.tone.grave")
	s := h.k.cur.(*findScreen)
	if s.query.Value != "người" {
		t.Errorf("field shows %q, want người", s.query.Value)
	}
	h.tapID("kb.tone.grave") // the same tone again takes it off
	if s.query.Value != "ngươi" {
		t.Errorf("second huyền: field shows %q, want ngươi", s.query.Value)
	}
}

func TestShiftShowsThatItIsOn(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu thủ tục")
	s := h.k.cur.(*findScreen)
	s.kb.keys["kb.shift"].OnTapped()
	h.settle()
	if st := s.kb.keys["kb.shift"].Style; st != tileSelected {
		t.Errorf("shift on is drawn as style %v", st)
	}
	h.tap("Đ")
	if s.query.Value != "Đ" {
		t.Errorf("field shows %q", s.query.Value)
	}
	if st := s.kb.keys["kb.shift"].Style; st == tileSelected {
		t.Error("shift still drawn on after one letter")
	}
}

func TestInEnglishTheKeyboardTypesPlainLetters(t *testing.T) {
	h := newHarness(t)
	h.k.SetLanguage("en")
	h.tap("Find a procedure")
	h.mustSee(h.k.t("find.vinames"))
	h.typeKeys("birth")
	s := h.k.cur.(*findScreen)
	if s.query.Value != "birth" {
		t.Errorf("field shows %q, want birth", s.query.Value)
	}
	h.tapID("kb.telex.off") // the Vietnamese layout is one tap away
	h.typeKeys(" khais")
	if s.query.Value != "birth khái" {
		t.Errorf("after switching to Vietnamese: %q", s.query.Value)
	}
}

func TestCountsUsePluralForms(t *testing.T) {
	en, _ := newTranslator("en")
	vi, _ := newTranslator("vi")
	for _, c := range []struct {
		tr   *translator
		n    int
		want string
	}{{en, 1, "1 original"}, {en, 2, "2 originals"}, {vi, 1, "1 bản chính"}, {vi, 3, "3 bản chính"}} {
		if got := c.tr.Tn("detail.originals", c.n); got != c.want {
			t.Errorf("%s %d: got %q, want %q", c.tr.lang, c.n, got, c.want)
		}
	}
	if got := en.Tn("detail.copies", 1); got != "1 copy" {
		t.Errorf("got %q", got)
	}
}
