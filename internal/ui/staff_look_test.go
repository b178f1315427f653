package ui

import (
	"context"
	"io/fs"
	"regexp"
	"strings"
	"testing"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/assets"
	"kiosk/internal/health"
)

// tilePositions maps each visible tile's title to where it is on screen.
func (h *harness) tilePositions() map[string]fyne.Position {
	out := map[string]fyne.Position{}
	d := fyne.CurrentApp().Driver()
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if t, ok := o.(*tile); ok && t.Visible() && t.Title != "" {
			out[t.Title] = d.AbsolutePositionForObject(t)
		}
	}
	return out
}

func (h *harness) assertTilesStayed(t *testing.T, before map[string]fyne.Position, what string) {
	t.Helper()
	after := h.tilePositions()
	for title, p := range before {
		if q, ok := after[title]; ok && q != p {
			t.Errorf("%s moved %q from %v to %v", what, title, p, q)
		}
	}
}

// Messages get reserved space: a wrong-PIN message pushed the PIN pad down
// about 100 px and the next key press pulled it back, so later taps hit the
// wrong keys; a "test page printed" banner moved the staff buttons so that
// the next tap printed a second page, and the grid went from 3 columns to 2
// (issue 19, item 6).
func TestStaffMessagesNeverMoveTheKeysOrButtons(t *testing.T) {
	for _, lc := range []lookCase{
		{lang: "vi", size: fyne.NewSize(1080, 1920)},
		{lang: "vi", large: true, size: fyne.NewSize(1080, 1920)},
		{lang: "en", large: true, size: fyne.NewSize(1920, 1080)},
	} {
		t.Run(lc.String(), func(t *testing.T) {
			h, fs := openStaff(t)
			h.k.Window().Resize(lc.size)
			h.k.applySettings(lc.lang, lc.large, lc.contrast)
			h.k.render()
			h.settle()
			before := h.tilePositions()
			h.enterPIN("1111")
			h.mustSee(h.k.t("staff.pin.wrong"))
			h.assertTilesStayed(t, before, "the wrong-PIN message")
			h.tap("1")
			h.assertTilesStayed(t, before, "the next key press")
			h.tapIcon(backspaceIcon)

			h.enterPIN("246810")
			h.mustSee(h.k.t("staff.health"))
			before = h.tilePositions()
			h.tapID("staff.testprint")
			h.settle()
			h.mustSee(h.k.t("staff.testprint.ok"))
			h.assertTilesStayed(t, before, "the test-page banner")
			h.tapID("staff.syncnow")
			h.assertTilesStayed(t, before, "the sync banner")
			if fs.printed != 1 {
				t.Errorf("printed %d test pages, want 1", fs.printed)
			}
		})
	}
}

// The staff panel in Vietnamese is in Vietnamese: no "virtual · ok", no Go
// durations like "4m3s", no device paths or URLs until staff ask for the
// technical details (issue 19, item 15).
func TestStaffPanelSpeaksPlainVietnamese(t *testing.T) {
	h, _ := openStaff(t)
	h.k.EnableStaff(Staff{PINHash: demoPINHash(t), Actions: reportOnly{health.Report{
		KioskID: "demo-01", Version: "1.0.0",
		Portal:  health.PortalHealth{Reachable: true, LatencyMS: 12, BaseURL: "http://127.0.0.1:8089"},
		Cache:   health.CacheHealth{Procedures: 158, AgeSeconds: 243, SizeBytes: 3 << 20, Path: ".kiosk-demo/cache.db"},
		Printer: health.DeviceHealth{Port: "virtual", State: "ok"},
		Scanner: health.DeviceHealth{Port: "keyboard", State: "keyboard"},
		Speaker: health.DeviceHealth{Port: "virtual", State: "ok"},
		Screen:  health.InputHealth{Probing: true, Responsive: true, LagMS: 3},
		Disk:    health.DiskHealth{FreeBytes: 12 << 30, TotalBytes: 50 << 30},
	}}})
	h.k.home()
	for i := 0; i < 5; i++ {
		test.TapCanvas(h.k.Window().Canvas(), fyne.NewPos(20, 20))
	}
	h.enterPIN("246810")
	h.mustSee(h.k.t("staff.health"))
	got := h.screenText()
	for _, bad := range []*regexp.Regexp{
		regexp.MustCompile(`\bvirtual\b`), regexp.MustCompile(`\bok\b`), regexp.MustCompile(`\bkeyboard\b`),
		regexp.MustCompile(`\d+m\d+s|\d+h\d+m`), regexp.MustCompile(`/dev/|\.db\b|https?://`),
		regexp.MustCompile(`\d\.\d GB`),
	} {
		if m := bad.FindString(got); m != "" {
			t.Errorf("the Vietnamese staff panel shows %q", m)
		}
	}
	for _, want := range []string{"4 phút trước", h.k.t("sa.printer.ok"), h.k.t("sa.scanner.keyboard"), "12,0 / 50,0 GB"} {
		h.mustSee(want)
	}
	h.tapID("sa.staff.technical")
	h.mustSee("http://127.0.0.1:8089")
	h.mustSee(h.k.t("sa.port.virtual"))
}

// The destructive reset looks destructive and the spelling is the one the
// rest of the kiosk uses ("xóa", as in "hóa", "hủy", "tùy").
func TestTheResetButtonLooksDestructive(t *testing.T) {
	h, _ := openStaff(t)
	h.enterPIN("246810")
	if ts := h.tiles(h.k.t("staff.reset")); len(ts) != 1 || ts[0].Style != tileDanger {
		t.Fatalf("reset tile = %v, want one tile in the danger style", ts)
	}
	h.tapID("staff.reset")
	if ts := h.tiles(h.k.t("staff.reset.yes")); len(ts) != 1 || ts[0].Style != tileDanger {
		t.Errorf("confirm tile = %v, want one tile in the danger style", ts)
	}
	files, _ := fs.Glob(assets.I18n, "i18n/*.vi.toml")
	for _, f := range files {
		b, _ := fs.ReadFile(assets.I18n, f)
		for i, line := range strings.Split(string(b), "\n") {
			if strings.Contains(strings.ToLower(line), "xoá") {
				t.Errorf("%s:%d spells xoá; the kiosk writes xóa: %s", f, i+1, line)
			}
		}
	}
}

type reportOnly struct{ r health.Report }

func (r reportOnly) Report() health.Report         { return r.r }
func (reportOnly) TestPrint(context.Context) error { return nil }
func (reportOnly) SyncNow()                        {}
func (reportOnly) FullResync()                     {}
func (reportOnly) ResetDevice() error              { return nil }

// A failed catalogue update is a problem the panel names, even while the
// portal answers its health check: it said "Thiết bị hoạt động bình
// thường" above a "Lần đồng bộ gần nhất: không thành công" row.
func TestAFailedSyncIsNotWorkingNormally(t *testing.T) {
	rep := health.Report{
		KioskID: "demo-01", Version: "1.0.0",
		Portal:  health.PortalHealth{Reachable: true, LatencyMS: 12, CheckedAt: testNow},
		Cache:   health.CacheHealth{Procedures: 158, AgeSeconds: 243},
		Printer: health.DeviceHealth{Port: "virtual", State: "ok"},
		Scanner: health.DeviceHealth{Port: "keyboard", State: "keyboard"},
		Speaker: health.DeviceHealth{Port: "virtual", State: "ok"},
		Disk:    health.DiskHealth{FreeBytes: 12 << 30, TotalBytes: 50 << 30},
	}
	for _, failed := range []bool{false, true} {
		h, _ := openStaff(t)
		r := rep
		if failed {
			r.Cache.LastSyncError = "portal: 502 Bad Gateway"
		}
		h.k.EnableStaff(Staff{PINHash: demoPINHash(t), Actions: reportOnly{r}})
		h.k.home()
		for i := 0; i < 5; i++ {
			test.TapCanvas(h.k.Window().Canvas(), fyne.NewPos(20, 20))
		}
		h.enterPIN("246810")
		if failed {
			h.mustNotSee(h.k.t("staff.allok"))
			h.mustSee(h.k.t("staff.prob.sync.failed"))
			if strings.Contains(h.screenText(), "502") {
				t.Error("the portal's own error text is shown before the technical details")
			}
		} else {
			h.mustSee(h.k.t("staff.allok"))
		}
	}
}
