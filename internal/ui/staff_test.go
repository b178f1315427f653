package ui

import (
	"context"
	"errors"
	"fmt"
	"strings"
	"sync"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/test"

	"kiosk/internal/health"
	"kiosk/internal/pin"
	"kiosk/internal/printer"
)

// fakeStaff records the staff actions.
type fakeStaff struct {
	mu                            sync.Mutex
	printed, synced, full, resets int
	printErr                      error
}

func (f *fakeStaff) Report() health.Report {
	return health.Report{KioskID: "KIOSK-01", Version: "1.2.3",
		Portal:   health.PortalHealth{Reachable: true, LatencyMS: 42, BaseURL: "https://portal.example"},
		Cache:    health.CacheHealth{Procedures: 164, AgeSeconds: 120},
		Outbox:   health.OutboxHealth{Depth: 3},
		Printer:  health.DeviceHealth{Port: "/dev/kiosk-printer", State: "out"},
		Scanner:  health.DeviceHealth{Port: "/dev/kiosk-scanner", State: "connected"},
		Problems: []string{"printer: out of paper"},
		Errors:   []health.ErrorRecord{{Time: testNow, Level: "WARN", Message: "printing failed", Detail: "paper out"}},
	}
}
func (f *fakeStaff) TestPrint(context.Context) error {
	f.mu.Lock()
	f.printed++
	f.mu.Unlock()
	return f.printErr
}
func (f *fakeStaff) SyncNow()           { f.mu.Lock(); f.synced++; f.mu.Unlock() }
func (f *fakeStaff) FullResync()        { f.mu.Lock(); f.full++; f.mu.Unlock() }
func (f *fakeStaff) ResetDevice() error { f.mu.Lock(); f.resets++; f.mu.Unlock(); return nil }

var (
	staffHashOnce sync.Once
	staffHash     string
)

func demoPINHash(t *testing.T) string {
	staffHashOnce.Do(func() {
		h, err := pin.Hash("246810")
		if err != nil {
			t.Fatal(err)
		}
		staffHash = h
	})
	return staffHash
}

func openStaff(t *testing.T) (*harness, *fakeStaff) {
	t.Helper()
	h := newHarness(t)
	fs := &fakeStaff{}
	h.k.EnableStaff(Staff{PINHash: demoPINHash(t), Guard: pin.NewGuard(h.clock.now), Actions: fs})
	for i := 0; i < 5; i++ {
		test.TapCanvas(h.k.Window().Canvas(), fyne.NewPos(20, 20))
		h.clock.add(200 * time.Millisecond)
	}
	h.mustSee(h.k.t("staff.pin.prompt"))
	return h, fs
}

func (h *harness) enterPIN(digits string) {
	h.t.Helper()
	for _, d := range digits {
		h.tap(string(d))
	}
	h.tapID("staff.pin.ok")
	h.settle()
}

func TestStaffPanelOpensOnlyWithTheRightPIN(t *testing.T) {
	h, _ := openStaff(t)
	h.enterPIN("1111")
	h.mustSee("Mã PIN không đúng.")
	h.mustNotSee(h.k.t("staff.health"))
	if strings.Contains(h.screenText(), "1111") {
		t.Error("the typed PIN is shown on screen")
	}
	h.enterPIN("246810")
	h.mustSee(h.k.t("staff.health"))
	h.mustSee(h.k.t("sa.prob.printer.out"))
	h.mustSee("164 thủ tục")
	h.mustNotSee("/dev/kiosk-printer")
	h.tapID("sa.staff.technical")
	h.mustSee("/dev/kiosk-printer")
}

func TestStaffPanelLocksAfterFiveWrongPINs(t *testing.T) {
	h, _ := openStaff(t)
	for i := 0; i < 5; i++ {
		h.enterPIN("0000")
	}
	h.mustSee("Nhập sai quá nhiều lần")
	h.enterPIN("246810")
	h.mustNotSee(h.k.t("staff.health"))
	h.clock.add(31 * time.Second)
	h.enterPIN("246810")
	h.mustSee(h.k.t("staff.health"))
}

func TestStaffActionsAndResetNeedsConfirmation(t *testing.T) {
	h, fs := openStaff(t)
	h.enterPIN("246810")
	h.tapID("staff.testprint")
	h.settle()
	h.tapID("staff.syncnow")
	h.tapID("staff.fullsync")
	if fs.printed != 1 || fs.synced != 1 || fs.full != 1 {
		t.Errorf("test print %d, sync %d, full %d; want 1 each", fs.printed, fs.synced, fs.full)
	}
	h.mustSee(h.k.t("staff.sync.started"))

	h.tapID("staff.errors")
	// Plain Vietnamese for staff; the log's English only with the
	// technical details (issue 19, item 15).
	h.mustSee("Máy in không in được phiếu.")
	h.mustNotSee("printing failed")
	h.tapID("sa.staff.technical")
	h.mustSee("printing failed: paper out")
	h.tapID("sa.staff.technical")

	h.tapID("staff.reset")
	if fs.resets != 0 {
		t.Fatal("reset ran without confirmation")
	}
	h.mustSee("3 đánh giá và tín hiệu chưa gửi")
	h.tapID("staff.reset.no")
	h.mustSee(h.k.t("staff.health"))
	h.tapID("staff.reset")
	h.tapID("staff.reset.yes")
	h.settle()
	if fs.resets != 1 {
		t.Errorf("reset ran %d times, want 1", fs.resets)
	}
	h.mustSee(h.k.t("start.find"))
}

func TestTestPrintFailureIsShownToStaff(t *testing.T) {
	h, fs := openStaff(t)
	fs.printErr = fmt.Errorf("test page: %w", printer.ErrPaperOut)
	h.enterPIN("246810")
	h.tapID("staff.testprint")
	h.settle()
	h.mustSee("In thử không thành công: Máy in hết giấy: thay cuộn giấy mới.")
	h.mustNotSee("out of paper")
	h.tapID("sa.staff.technical")
	h.mustSee("test page: printer is out of paper")
}

// An error the printer package has no sentinel for still reads as a
// sentence in Vietnamese, pointing to the technical details.
func TestAnUnknownTestPrintErrorIsPlainToo(t *testing.T) {
	h, fs := openStaff(t)
	fs.printErr = errors.New("write /dev/usb/lp0: input/output error")
	h.enterPIN("246810")
	h.tapID("staff.testprint")
	h.settle()
	h.mustSee("In thử không thành công: Máy in báo lỗi: xem Thông tin kỹ thuật.")
	h.mustNotSee("input/output error")
}

func TestStaffPanelClosesItselfWhenIdle(t *testing.T) {
	h, _ := openStaff(t)
	h.enterPIN("246810")
	h.mustSee(h.k.t("staff.health"))
	for i := 0; i < 100; i++ {
		h.clock.add(time.Second)
		h.k.TickIdle()
	}
	h.mustNotSee(h.k.t("staff.health"))
	h.mustSee(h.k.t("start.find"))
}

func TestOutOfServiceShowsTheProblemForStaff(t *testing.T) {
	a := test.NewTempApp(t)
	w := OutOfServiceWindow(a, "/etc/kiosk/kiosk.toml:12: printer.baud: 11520 is not a standard rate (did you mean 115200?)")
	w.Resize(fyne.NewSize(1080, 1920))
	var b strings.Builder
	for _, o := range test.LaidOutObjects(w.Content()) {
		if r, ok := o.(interface{ String() string }); ok {
			b.WriteString(r.String())
		}
	}
	got := b.String()
	for _, want := range []string{"Kiosk tạm ngừng phục vụ", "This kiosk is out of service", "kiosk.toml:12: printer.baud"} {
		if !strings.Contains(got, want) {
			t.Errorf("out-of-service screen lacks %q", want)
		}
	}
}
