package ui

import (
	"strings"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/canvas"
	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
)

func TestTheIDNumberIsMaskedAfterAMoment(t *testing.T) {
	h := newHarness(t)
	h.addDossier()
	h.tap("Tra cứu hồ sơ")
	h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode}, nil)
	h.settle()
	h.typeKeys("0010")
	h.mustSee("•••0") // the digit just typed, as phones show a password
	h.mustNotSee("0010")
	h.fireTimers()
	h.mustSee("\n••••▏")
	h.typeKeys("90012345")
	h.mustNotSee("001090012345")
	h.tapIcon(backspaceIcon)    // the digit before is not shown again
	h.mustSee("\n•••••••••••▏") // eleven dots and the caret, no digit
	h.typeKeys("5")
	h.tapID("dossier.lookup")
	h.mustSee("Đang xử lý")
	if last := h.f.dossierQs[len(h.f.dossierQs)-1]; last.IDNumber != "001090012345" {
		t.Errorf("looked up with %+v: the mask must not change what is sent", last)
	}
}

func TestEveryKeypadHasOneTwoThreeOnTop(t *testing.T) {
	check := func(t *testing.T, h *harness) {
		t.Helper()
		pos := func(l string) fyne.Position {
			ts := h.tiles(l)
			if len(ts) != 1 {
				t.Fatalf("%d keys %q", len(ts), l)
			}
			return fyne.CurrentApp().Driver().AbsolutePositionForObject(ts[0])
		}
		if !(pos("1").Y < pos("4").Y && pos("4").Y < pos("7").Y) {
			t.Errorf("digits 1, 4, 7 at y %v, %v, %v: 1-2-3 must be the top row", pos("1").Y, pos("4").Y, pos("7").Y)
		}
	}
	t.Run("the code pad", func(t *testing.T) {
		h := newHarness(t)
		h.tap("Tra cứu hồ sơ")
		h.tapID("dossier.type")
		check(t, h)
	})
	t.Run("the ID number pad", func(t *testing.T) {
		h := newHarness(t)
		h.addDossier() // the ID is asked only for a code the portal knows
		h.tap("Tra cứu hồ sơ")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode}, nil)
		h.settle()
		check(t, h)
	})
}

// tapIcon taps the tile drawn with that icon.
func (h *harness) tapIcon(icon fyne.Resource) {
	h.t.Helper()
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if tl, ok := o.(*tile); ok && tl.Visible() && tl.Icon == icon {
			test.Tap(tl)
			h.settle()
			return
		}
	}
	h.t.Fatal("no tile with that icon on screen")
}

func TestTheStaffPadUsesTheKeyboardsBackspace(t *testing.T) {
	h, _ := openStaff(t)
	if len(h.tiles("⌫")) != 0 {
		t.Error(`the staff pad draws "⌫" as text beside the keyboards' backspace icon`)
	}
	n := 0
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if tl, ok := o.(*tile); ok && tl.Icon == backspaceIcon {
			n++
		}
	}
	if n != 1 {
		t.Errorf("%d backspace keys with the backspace icon on the staff pad, want 1", n)
	}
}

func TestALockoutSaysItsWaitInWords(t *testing.T) {
	h, _ := openStaff(t)
	for i := 0; i < 5; i++ {
		h.enterPIN("0000")
	}
	h.mustSee("thử lại sau 30 giây")
	h.mustNotSee("30s")
	for _, tc := range []struct {
		d    time.Duration
		want string
	}{{30 * time.Second, "30 giây"}, {1500 * time.Millisecond, "2 giây"}, {5 * time.Minute, "5 phút"}, {90 * time.Second, "2 phút"}} {
		if got := h.k.waitWords(tc.d); got != tc.want {
			t.Errorf("waitWords(%v) = %q, want %q", tc.d, got, tc.want)
		}
	}
}

func TestTheDetailPageSaysThingsInPlainWordsAndCodesLast(t *testing.T) {
	h := newHarness(t)
	p := h.f.procs[0]
	h.k.show(&detailScreen{proc: p})
	h.settle()
	txt := h.screenText()
	plain := strings.Index(txt, "Cách nộp: Làm hết trên mạng")
	more := strings.Index(txt, "Thông tin thêm")
	code := strings.Index(txt, p.Code)
	level := strings.Index(txt, "Toàn trình")
	if plain < 0 || more < 0 || code < 0 || level < 0 {
		t.Fatalf("plain level %d, Thông tin thêm %d, code %d, official level %d in:\n%s", plain, more, code, level, txt)
	}
	if !(plain < more && more < code && more < level) {
		t.Errorf("the code (%d) and the official level (%d) must come after 'Thông tin thêm' (%d), the plain words (%d) before", code, level, more, plain)
	}
	if strings.Index(txt, "Đăng ký khai sinh")+len("Đăng ký khai sinh\n") == code {
		t.Error("the national code is still the second line")
	}
}

func TestPageButtonsLookDisabledAtTheEnds(t *testing.T) {
	h := newHarness(t)
	h.k.show(&detailScreen{proc: h.f.procs[0]})
	h.settle()
	var up, down *tile
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if tl, ok := o.(*tile); ok && tl.Visible() {
			switch tl.Icon {
			case moveUpIcon():
				up = tl
			case moveDownIcon():
				down = tl
			}
		}
	}
	if up == nil || down == nil {
		t.Fatal("the detail page has no page buttons")
	}
	if !up.Disabled || down.Disabled {
		t.Errorf("at the top: up disabled %v (want true), down disabled %v (want false)", up.Disabled, down.Disabled)
	}
	for i := 0; i < 20 && !down.Disabled; i++ {
		test.Tap(down)
		h.settle()
	}
	if up.Disabled || !down.Disabled {
		t.Errorf("at the bottom: up disabled %v (want false), down disabled %v (want true)", up.Disabled, down.Disabled)
	}
}

func TestAPressedTileIsReleasedWhenTheFingerDrags(t *testing.T) {
	h := newHarness(t)
	h.k.show(&detailScreen{proc: h.f.procs[0]})
	h.settle()
	ds := findDragScroll(t, h)
	inner := h.k.tile("x", tileSurface, nil)
	ds.SetContent(container.NewVBox(inner, widget.NewLabel(strings.Repeat("dòng\n", 200))))
	h.settle()
	inner.MouseDown(&desktop.MouseEvent{})
	if !inner.pressed {
		t.Fatal("MouseDown did not press the tile")
	}
	ds.Dragged(&fyne.DragEvent{Dragged: fyne.Delta{DY: -40}})
	if inner.pressed {
		t.Error("the tile still looks pressed after the finger started to drag the list")
	}
}

func TestInHighContrastASelectedOptionDiffersFromAPrimaryButtonByMoreThanColour(t *testing.T) {
	h := newHarness(t)
	h.k.toggleContrast()
	h.settle()
	look := func(st tileStyle) (stroke float32, images int) {
		tl := h.k.tile("Tất cả", st, nil)
		r := test.WidgetRenderer(tl)
		for _, o := range test.LaidOutObjects(r.Objects()[0]) {
			if _, ok := o.(*canvas.Image); ok {
				images++
			}
		}
		return tl.bg.StrokeWidth, images
	}
	ps, pi := look(tilePrimary)
	ss, si := look(tileSelected)
	if ss <= ps || si <= pi {
		t.Errorf("selected: outline %v and %d icons; primary: outline %v and %d icons — they look alike but for colour", ss, si, ps, pi)
	}
}
