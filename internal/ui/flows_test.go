package ui

import (
	"errors"
	"fmt"
	"io/fs"
	"os"
	"regexp"
	"strings"
	"syscall"
	"testing"
	"time"

	"fyne.io/fyne/v2"
	"fyne.io/fyne/v2/driver/desktop"
	"fyne.io/fyne/v2/test"
	"fyne.io/fyne/v2/widget"
	"github.com/BurntSushi/toml"

	"kiosk/assets"
	"kiosk/internal/portal"
)

func TestTranslationFilesHaveTheSameMessages(t *testing.T) {
	keys := map[string]map[string]any{}
	for _, lang := range Languages {
		// Every file of the language: the kiosk loads them all.
		names, err := fs.Glob(assets.I18n, "i18n/*."+lang+".toml")
		if err != nil || len(names) == 0 {
			t.Fatalf("%s: no translation files (%v)", lang, err)
		}
		m := map[string]any{}
		for _, name := range names {
			b, err := assets.I18n.ReadFile(name)
			if err != nil {
				t.Fatal(err)
			}
			if err := toml.Unmarshal(b, &m); err != nil {
				t.Fatalf("%s: %v", name, err)
			}
		}
		keys[lang] = m
	}
	for id := range keys["vi"] {
		if _, ok := keys["en"][id]; !ok {
			t.Errorf("message %q is in Vietnamese but not in English", id)
		}
	}
	for id := range keys["en"] {
		if _, ok := keys["vi"][id]; !ok {
			t.Errorf("message %q is in English but not in Vietnamese", id)
		}
	}
	t.Run("every message id the code uses exists", func(t *testing.T) {
		idRe := regexp.MustCompile(`"((?:age|busy|channel|detail|dossier|find|idle|kb|lang|level|more|nav|next|offline|print|rate|ready|site|start|status|ticket|wait)(?:\.[a-z0-9]+)*)"`)
		files, _ := os.ReadDir(".")
		for _, f := range files {
			if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
				continue
			}
			src, _ := os.ReadFile(f.Name())
			for _, m := range idRe.FindAllStringSubmatch(string(src), -1) {
				if _, ok := keys["vi"][m[1]]; !ok {
					t.Errorf("%s uses message %q which is not translated", f.Name(), m[1])
				}
			}
		}
	})
}

func TestStartScreenOffersTheFourActionsAndTheCentreDetails(t *testing.T) {
	h := newHarness(t)
	for _, s := range []string{"Tra cứu thủ tục", "Tra cứu hồ sơ", "Lấy số thứ tự", "Đánh giá", "1900 1234",
		"Trung tâm Phục vụ hành chính công tỉnh Bình Dương", "English", "Chữ lớn", "Tương phản cao"} {
		h.mustSee(s)
	}
	h.mustNotSee("Đang mất kết nối")
}

func TestStartScreenShowsTheOfflineBannerWithTheDataAge(t *testing.T) {
	h := newHarness(t, func(d *Deps, o *Options) {})
	h.f.online = false
	h.k.render()
	h.mustSee("Thông tin thủ tục được cập nhật 3 giờ trước")
}

func TestLanguageCanBeSwitchedOnAnyScreen(t *testing.T) {
	h := newHarness(t)
	h.tap("English")
	h.mustSee("Find a procedure")
	h.mustSee("Take a number")
	h.tap("Find a procedure")
	h.mustSee("Find an administrative procedure")
	h.tap("Tiếng Việt")
	h.mustSee("Tra cứu thủ tục hành chính")
	if h.k.Lang() != "vi" {
		t.Errorf("language is %q", h.k.Lang())
	}
}

func TestLargeTextAndHighContrastChangeTheTheme(t *testing.T) {
	h := newHarness(t)
	before := h.k.th.Size("text")
	h.tap("Chữ lớn")
	if after := h.k.th.Size("text"); after <= before {
		t.Errorf("large text: size %v, was %v", after, before)
	}
	h.tap("Tương phản cao")
	if c := h.k.th.pal().bg; c != contrastPalette.bg {
		t.Errorf("high contrast background is %v", c)
	}
}

func TestFindingAProcedureByTypingOnTheOnScreenKeyboard(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu thủ tục")
	h.typeKeys("khai")
	h.mustSee("Tìm thấy 1 thủ tục")
	h.mustSee("Đăng ký khai sinh")
	h.mustNotSee("Đăng ký kết hôn")

	t.Run("the matched words are highlighted in bold", func(t *testing.T) {
		name := "Đăng ký khai sinh"
		i := strings.Index(name, "khai")
		rt := highlighted(name, []Span{{Start: i, End: i + len("khai")}})
		var bold []string
		for _, s := range rt.rt.Segments {
			if seg := s.(*widget.TextSegment); seg.Style.TextStyle.Bold {
				bold = append(bold, strings.TrimSpace(seg.Text))
			}
		}
		if len(bold) != 1 || bold[0] != "khai" {
			t.Errorf("bold segments %q, want [khai]", bold)
		}
	})

	t.Run("the newest query wins", func(t *testing.T) {
		last := h.f.queries[len(h.f.queries)-1]
		if last.Text != "khai" || last.Limit != resultLimit {
			t.Errorf("last query %+v", last)
		}
	})

	// Open the result and print its checklist.
	s := h.k.cur.(*findScreen)
	s.open(h.k.env, s.results[0].Code, s.results[0].Procedure)
	h.settle()
	for _, want := range []string{"Giấy tờ cần mang", "Tờ khai đăng ký khai sinh", "1 bản chính", "1 bản sao",
		"Các bước thực hiện", "Luật Hộ tịch 2014", "Miễn lệ phí", "Nộp hồ sơ trực tuyến"} {
		h.mustSee(want)
	}
	h.tap("In danh sách giấy tờ")
	h.mustSee("Đã in xong")
	if len(h.f.printed) != 1 || h.f.printed[0] != "procedure 1.001193.000.00.00.H48" {
		t.Errorf("printed %v", h.f.printed)
	}
}

func TestTypingVietnameseWithTelexOnTheOnScreenKeyboard(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu thủ tục")
	h.typeKeys("ddawng kys")
	s := h.k.cur.(*findScreen)
	if s.query.Value != "đăng ký" {
		t.Errorf("field shows %q, want %q", s.query.Value, "đăng ký")
	}
	h.mustSee("Đăng ký khai sinh")
	h.tapID("kb.telex.on") // switch to letters without accents
	h.typeKeys("s")
	if s.query.Value != "đăng kýs" {
		t.Errorf("plain letters: field shows %q", s.query.Value)
	}
}

func TestBrowsingByFieldAndFilteringByLevel(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu thủ tục")
	h.mustSee("Hộ tịch")
	h.tap("Hộ tịch")
	h.mustSee("Tìm thấy 2 thủ tục")
	h.tapID("level.partial")
	h.mustSee("Tìm thấy 1 thủ tục")
	h.mustSee("Đăng ký kết hôn")
	h.mustNotSee("Đăng ký khai sinh")
	h.tapID("find.filter", "Name", "Hộ tịch")
	h.tapID("find.byagency")
	h.mustSee("Sở Tài nguyên và Môi trường")
}

func TestDraggingMovesALongList(t *testing.T) {
	h := newHarness(t)
	p := h.f.procs[0]
	for i := 0; i < 30; i++ {
		p.Steps = append(p.Steps, "Bước kiểm tra hồ sơ số "+strings.Repeat("I", i%5+1))
	}
	h.k.show(&detailScreen{proc: p})
	ds := findDragScroll(t, h)
	if ds.Offset != 0 {
		t.Fatalf("starts at %v", ds.Offset)
	}
	c := h.k.Window().Canvas()
	at := fyne.CurrentApp().Driver().AbsolutePositionForObject(ds).AddXY(100, 300)
	test.Drag(c, at, 0, -400)
	if ds.Offset < 400 {
		t.Errorf("after dragging up 400 the list moved %v", ds.Offset)
	}
	was := ds.Offset
	test.Drag(c, at, 0, 150)
	if ds.Offset >= was {
		t.Errorf("dragging down did not move back: %v -> %v", was, ds.Offset)
	}
	ds.ScrollTo(0)
	ds.PageDown()
	if ds.Offset <= 0 {
		t.Errorf("page down did not move")
	}
}

func findDragScroll(t *testing.T, h *harness) *dragScroll {
	t.Helper()
	for _, o := range test.LaidOutObjects(h.k.Window().Content()) {
		if d, ok := o.(*dragScroll); ok {
			return d
		}
	}
	t.Fatal("no scrolling list on screen")
	return nil
}

const testCode = "000.00.53.H48-220921-0099"

func (h *harness) addDossier() portal.Dossier {
	fin := testNow.Add(-time.Hour)
	d := portal.Dossier{
		Code: testCode, ProcedureCode: "1.001193.000.00.00.H48", ProcedureName: "Đăng ký khai sinh",
		AgencyName: "UBND xã Tân Phú", Status: portal.StatusProcessing, ReceivedAt: testNow.Add(-72 * time.Hour),
		DueAt: testNow.Add(48 * time.Hour), CurrentStep: "Công chức tư pháp kiểm tra", PickupPlace: "Quầy số 3, Bộ phận một cửa",
		Applicant: "Nguyễn Văn An", ApplicantID: "001090012345", Note: "Mang theo bản chính khi nhận",
		Steps: []portal.DossierStep{{Name: "Tiếp nhận", At: &fin, Done: true}, {Name: "Thẩm định"}, {Name: "Trả kết quả"}},
	}
	h.f.dossiers[testCode] = d
	h.f.secrets[testCode] = "s3cr3t"
	h.f.ids[testCode] = "001090012345"
	return d
}

func TestCheckingAnApplicationByScanningTheReceipt(t *testing.T) {
	h := newHarness(t)
	h.addDossier()
	h.tap("Tra cứu hồ sơ")
	h.mustSee("Đưa mã QR trên giấy hẹn vào máy quét")
	h.scans <- Scan{Raw: testCode + "|s3cr3t", Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}
	h.k.drainScans()
	h.settle()
	for _, want := range []string{"Đang xử lý", "Nguyễn V** A", "*********345", "Quầy số 3", "Tiếp nhận", "Quá trình xử lý",
		"20/11/2026", "Mang theo bản chính khi nhận"} {
		h.mustSee(want)
	}
	h.mustNotSee("Nguyễn Văn An")
	h.mustNotSee("001090012345")

	t.Run("the result can be printed", func(t *testing.T) {
		h.tap("In phiếu")
		h.mustSee("Đã in xong")
	})
	t.Run("out of paper is said plainly and raised with staff", func(t *testing.T) {
		h.f.paperOut = true
		h.tap("In phiếu")
		h.mustSee("Máy in đã hết giấy")
		if len(h.f.flags) == 0 || h.f.flags[0] != "printer=paper_out" {
			t.Errorf("flags %v", h.f.flags)
		}
	})
	t.Run("a rating is offered for the application", func(t *testing.T) {
		h.tap("Đánh giá")
		h.mustSee("Cho hồ sơ " + testCode)
	})
}

func TestACodeWithoutSecretAsksForTheCitizenID(t *testing.T) {
	h := newHarness(t)
	h.addDossier()
	h.tap("Tra cứu hồ sơ")
	h.tapID("dossier.type")
	h.typeKeys("000.00.53.H48-220921-0099")
	h.tapID("dossier.lookup")
	h.mustSee("quét mã QR trên thẻ căn cước")
	h.typeKeys("001090012345")
	h.tapID("dossier.lookup")
	h.mustSee("Đang xử lý")
	last := h.f.dossierQs[len(h.f.dossierQs)-1]
	if last.IDNumber != "001090012345" || last.Secret != "" {
		t.Errorf("looked up with %+v", last)
	}

	t.Run("scanning the CCCD works as well", func(t *testing.T) {
		h.tapID("dossier.again")
		h.scans <- Scan{Payload: Payload{DossierCode: testCode}}
		h.scans <- Scan{Payload: Payload{IDNumber: "001090012345"}}
		h.k.drainScans()
		h.settle()
		h.mustSee("Công chức tư pháp kiểm tra")
	})
	t.Run("skipping shows the summary only", func(t *testing.T) {
		h.tapID("dossier.again")
		h.scans <- Scan{Payload: Payload{DossierCode: testCode}}
		h.k.drainScans()
		h.settle() // the code is checked with the portal first
		h.tapID("dossier.id.skip")
		h.mustSee("Đây là thông tin tóm tắt")
		h.mustNotSee("Mang theo bản chính khi nhận")
	})
}

func TestDossierLookupMessages(t *testing.T) {
	tests := []struct {
		name  string
		setup func(h *harness)
		scan  Scan
		want  string
	}{
		{"an unknown code says it was not found", func(h *harness) {},
			Scan{Payload: Payload{DossierCode: "000.00.00.H48-000000-0000", Secret: "x"}}, "Không tìm thấy hồ sơ có mã 000.00.00.H48-000000-0000"},
		{"a wrong secret says it does not match", func(h *harness) { h.addDossier() },
			Scan{Payload: Payload{DossierCode: testCode, Secret: "wrong"}}, "không khớp"},
		{"a malformed scan says it could not be read", func(h *harness) {},
			Scan{Raw: "8934567890123", Err: errors.New("unrecognised payload")}, "Không đọc được mã vừa quét"},
		{"offline without a recent lookup says the portal is unreachable", func(h *harness) { h.f.offline = true },
			Scan{Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}, "Không kết nối được Cổng dịch vụ công"},
		{"offline with a recent lookup shows it with its age", func(h *harness) {
			d := h.addDossier()
			d.Applicant = portal.MaskName(d.Applicant)
			h.f.lookups[testCode] = d
			h.f.lookupAt = testNow.Add(-20 * time.Minute)
			h.f.offline = true
		}, Scan{Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}, "Đây là tình trạng đã biết 20 phút trước"},
		{"a citizen ID before a receipt asks for the receipt first", func(h *harness) {},
			Scan{Payload: Payload{IDNumber: "001090012345"}}, "Hãy quét mã trên giấy hẹn trước"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			tc.setup(h)
			h.tap("Tra cứu hồ sơ")
			h.scans <- tc.scan
			h.k.drainScans()
			h.settle()
			h.mustSee(tc.want)
		})
	}
}

func TestAKeyboardWedgeScanOnTheStartScreenOpensTheApplication(t *testing.T) {
	h := newHarness(t)
	h.addDossier()
	for _, r := range testCode + "|s3cr3t" {
		h.k.onRune(r)
	}
	h.k.onKey(&fyne.KeyEvent{Name: fyne.KeyReturn})
	h.settle()
	h.mustSee("Đang xử lý")
	h.mustSee("Nguyễn V** A")
}

func TestTheReadyListIsFilteredByCode(t *testing.T) {
	h := newHarness(t)
	h.f.ready = []portal.ReadyDossier{
		{Code: "000.00.53.H48-221001-0001", ProcedureName: "Đăng ký khai sinh", Applicant: "Trần Thị Bình", FinishedAt: testNow, PickupPlace: "Quầy 3"},
		{Code: "000.00.53.H48-221001-0002", ProcedureName: "Đăng ký kết hôn", Applicant: "Lê Văn Cường", FinishedAt: testNow},
	}
	h.tap("Tra cứu hồ sơ")
	h.tapID("dossier.tab.collect")
	h.mustSee("000.00.53.H48-221001-0001")
	h.mustSee("000.00.53.H48-221001-0002")
	h.mustNotSee("Trần") // the public list names nobody, not even masked
	h.mustNotSee("Lê V")
	h.typeKeys("0002")
	h.mustSee("000.00.53.H48-221001-0002")
	h.mustNotSee("000.00.53.H48-221001-0001")
}

func TestTakingANumber(t *testing.T) {
	h := newHarness(t)
	h.tap("Lấy số thứ tự")
	h.tap("Hộ tịch, chứng thực")
	h.mustSee("Bạn muốn lấy số cho:")
	h.tapID("ticket.confirm")
	h.mustSee("A-042")
	h.mustSee("Mời đến quầy 3 khi được gọi")
	h.mustSee("Có 5 người đang chờ trước bạn")
	h.mustSee("Phiếu đã in")
	if len(h.f.tickets) != 1 || h.f.tickets[0] != (portal.TicketRequest{KioskID: "KIOSK-01", ServiceCode: "HT", Counter: "3"}) {
		t.Errorf("ticket requests %+v", h.f.tickets)
	}
	if len(h.f.printed) != 1 || h.f.printed[0] != "ticket A-042" {
		t.Errorf("printed %v", h.f.printed)
	}
	if len(h.f.printLang) != 1 || h.f.printLang[0] != "vi" {
		t.Errorf("receipt languages %v, want [vi]", h.f.printLang)
	}
}

func TestAReceiptIsPrintedInTheLanguageOnScreen(t *testing.T) {
	h := newHarness(t)
	h.tap("English")
	h.tap("Take a number")
	h.tap("Civil status, certification")
	h.tapID("ticket.confirm")
	h.mustSee("A-042")
	if len(h.f.printLang) != 1 || h.f.printLang[0] != "en" {
		t.Errorf("receipt languages %v, want [en]: the receipt follows the screen", h.f.printLang)
	}
}

func TestTakingANumberWithoutPaperShowsTheNumberToPhotograph(t *testing.T) {
	h := newHarness(t)
	h.f.paperOut = true
	h.tap("Lấy số thứ tự")
	h.tap("Đất đai")
	h.tapID("ticket.confirm")
	h.mustSee("A-042")
	h.mustSee("Máy in hết giấy")
	h.mustSee("Chụp ảnh mã này")
	if len(h.f.flags) != 1 || h.f.flags[0] != "printer=paper_out" {
		t.Errorf("staff were not told: flags %v", h.f.flags)
	}
}

func TestRatingTheService(t *testing.T) {
	h := newHarness(t)
	h.tap("Đánh giá")
	for _, f := range []string{"Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng"} {
		h.mustSee(f)
	}
	h.tap("Hài lòng")
	h.tap("Tốt")                    // first criterion: staff attitude
	h.tap("3")                      // counter
	findDragScroll(t, h).PageDown() // the comment field is below the fold
	h.tapText(h.k.t("rate.comment.placeholder"))
	h.typeKeys("raats toots")
	h.tapID("kb.hide")
	h.tapID("rate.send")
	h.mustSee("Cảm ơn bạn đã đánh giá!")
	if len(h.f.ratings) != 1 {
		t.Fatalf("saved %d ratings", len(h.f.ratings))
	}
	h.clock.add(13 * time.Second)
	h.k.TickIdle()
	h.mustSee("Xin chào! Bạn cần làm gì hôm nay?") // the thank-you goes home by itself
	r := h.f.ratings[0]
	if r.Overall != portal.Satisfied || r.Comment != "rất tốt" || r.Counter != "3" || r.Criteria["attitude"] != 5 ||
		r.KioskID != "KIOSK-01" || len(r.ID) != 32 || !r.CreatedAt.Equal(testNow) {
		t.Errorf("saved rating %+v", r)
	}
}

func TestARatingThatCannotBeSavedIsNotThanked(t *testing.T) {
	h := newHarness(t)
	h.f.ratingErr = fmt.Errorf("saving rating: %w", syscall.ENOSPC)
	h.tap("Đánh giá")
	h.tap("Hài lòng")
	h.tapID("rate.send")
	h.mustSee("Chưa lưu được đánh giá")
	h.mustNotSee("Cảm ơn bạn đã đánh giá!")

	t.Run("the citizen can send it again once it can be saved", func(t *testing.T) {
		h.f.ratingErr = nil
		h.tapID("rate.send")
		h.mustSee("Cảm ơn bạn đã đánh giá!")
		if len(h.f.ratings) != 1 || h.f.ratings[0].Overall != portal.Satisfied {
			t.Errorf("saved ratings %+v, want the one satisfied rating", h.f.ratings)
		}
	})
}

// The rating's ID is its idempotency key: the portal refuses an ID it has
// seen with a different body (409), so a rating changed after a failed save
// must not reuse the ID, and the same rating sent again must reuse both the
// ID and the time so the portal counts it once (the real-window monkey lost
// ratings to 409s when a second send reused the ID with a new time).
func TestARatingSentAgainKeepsItsKeyOnlyWhileUnchanged(t *testing.T) {
	h := newHarness(t)
	h.f.ratingErr = fmt.Errorf("saving rating: %w", syscall.ENOSPC)
	h.tap("Đánh giá")
	h.tap("Hài lòng")
	h.tapID("rate.send")
	h.mustSee("Chưa lưu được đánh giá")
	h.clock.add(3 * time.Second)
	h.tapID("rate.send") // the same rating again
	h.mustSee("Chưa lưu được đánh giá")
	h.clock.add(3 * time.Second)
	h.tap("Tốt") // changed: a criterion rated
	h.f.ratingErr = nil
	h.tapID("rate.send")
	h.mustSee("Cảm ơn bạn đã đánh giá!")
	if len(h.f.ratingTry) != 3 {
		t.Fatalf("SaveRating called %d times, want 3", len(h.f.ratingTry))
	}
	a, b, c := h.f.ratingTry[0], h.f.ratingTry[1], h.f.ratingTry[2]
	if a.ID == "" || a.ID != b.ID || !a.CreatedAt.Equal(b.CreatedAt) {
		t.Errorf("the same rating sent twice: IDs %q, %q and times %v, %v; want one ID and one time", a.ID, b.ID, a.CreatedAt, b.CreatedAt)
	}
	if c.ID == a.ID || c.Criteria["attitude"] != 5 {
		t.Errorf("the changed rating %+v reuses the first one's ID %q", c, a.ID)
	}
}

// A double tap on "send" (the second before the first save returns) is one
// rating, not two: the monkey's double taps were counted twice by the kiosk.
func TestADoubleTapOnSendSavesOneRating(t *testing.T) {
	h := newHarness(t)
	h.tap("Đánh giá")
	h.tap("Hài lòng")
	send := h.tiles(h.k.t("rate.send"))
	if len(send) == 0 {
		t.Fatalf("no send tile; screen shows:\n%s", h.screenText())
	}
	test.Tap(send[0])
	test.Tap(send[0]) // before the first save has run
	h.settle()
	h.mustSee("Cảm ơn bạn đã đánh giá!")
	if len(h.f.ratingTry) != 1 {
		t.Errorf("a double tap called SaveRating %d times, want 1", len(h.f.ratingTry))
	}
}

func TestIdleResetClearsEverything(t *testing.T) {
	h := newHarness(t, func(d *Deps, o *Options) { o.ForgetLookupsOnReset = true })
	resets := 0
	h.k.OnIdleReset = func() { resets++ }
	h.tap("English")
	h.tap("Large text")
	h.tap("Find a procedure")
	h.typeKeys("khai")
	h.mustSee("Đăng ký khai sinh")

	h.clock.add(59 * time.Second)
	h.k.TickIdle()
	h.mustNotSee("Are you still there?")
	h.clock.add(2 * time.Second)
	h.k.TickIdle()
	h.mustSee("Are you still there?")
	h.mustSee("14 seconds")

	h.clock.add(15 * time.Second)
	h.k.TickIdle()
	h.settle()
	h.mustSee("Tra cứu thủ tục")
	h.mustNotSee("Are you still there?")
	if h.k.Lang() != "vi" || h.k.th.large {
		t.Errorf("settings not reset: lang %s large %v", h.k.Lang(), h.k.th.large)
	}
	h.tap("Tra cứu thủ tục")
	if v := h.k.cur.(*findScreen).query.Value; v != "" {
		t.Errorf("search field still holds %q", v)
	}
	h.mustNotSee("Đăng ký khai sinh")
	if h.f.forgotten != 1 {
		t.Errorf("recent lookups forgotten %d times", h.f.forgotten)
	}
	if resets != 1 {
		t.Errorf("idle reset hook called %d times, want 1", resets)
	}
}

func TestATouchAnswersTheIdleQuestion(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu thủ tục")
	h.clock.add(70 * time.Second)
	h.k.TickIdle()
	h.mustSee("Bạn còn ở đây không?")
	h.tap("Tôi vẫn đang dùng")
	h.mustNotSee("Bạn còn ở đây không?")
	h.clock.add(30 * time.Second)
	h.k.TickIdle()
	h.mustSee("Tra cứu thủ tục hành chính")
	h.mustNotSee("Bạn còn ở đây không?")
}

func TestTheStartScreenAtRestIsNotReset(t *testing.T) {
	h := newHarness(t)
	h.clock.add(10 * time.Minute)
	h.k.TickIdle()
	h.mustNotSee("Bạn còn ở đây không?")
}

func TestStaffGesture(t *testing.T) {
	tests := []struct {
		name string
		gap  time.Duration
		want int
	}{
		{"five quick taps in the corner open the staff hook", 300 * time.Millisecond, 1},
		{"five slow taps do not", 900 * time.Millisecond, 0},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t)
			calls := 0
			h.k.OnStaffGesture = func() { calls++ }
			c := h.k.Window().Canvas()
			for i := 0; i < 5; i++ {
				test.TapCanvas(c, fyne.NewPos(20, 20))
				h.clock.add(tc.gap)
			}
			if calls != tc.want {
				t.Errorf("hook called %d times, want %d", calls, tc.want)
			}
		})
	}
}

func TestLongResultListsAreBuiltInPages(t *testing.T) {
	h := newHarness(t)
	base := h.f.procs[0]
	for i := 0; i < 40; i++ {
		p := base
		p.Code = fmt.Sprintf("2.%06d.000.00.00.H48", i)
		p.Name = fmt.Sprintf("Thủ tục khai báo số %d", i)
		h.f.procs = append(h.f.procs, p)
	}
	h.tap("Tra cứu thủ tục")
	h.typeKeys("khai")
	h.mustSee("Tìm thấy 41 thủ tục, đang hiện 10 thủ tục đầu")
	h.mustNotSee("Thủ tục khai báo số 39")
	for i := 0; i < 3; i++ {
		h.tap("Xem thêm 10 thủ tục")
	}
	h.mustSee("Tìm thấy 41 thủ tục, đang hiện 40 thủ tục đầu")
	h.tap("Xem thêm 1 thủ tục")
	h.mustSee("Thủ tục khai báo số 39")
	h.mustSee("Tìm thấy 41 thủ tục")
}

func TestSlowWorkShowsASpinnerUntilItIsDone(t *testing.T) {
	h := newHarness(t)
	h.addDossier()
	h.tap("Tra cứu hồ sơ")
	h.scans <- Scan{Payload: Payload{DossierCode: testCode, Secret: "s3cr3t"}}
	h.k.drainScans() // the lookup is now pending
	h.mustNotSee("Đang xử lý, xin chờ…")
	h.fireTimers() // 150 ms pass
	h.mustSee("Đang xử lý, xin chờ…")
	h.settle() // the portal answers
	h.mustNotSee("Đang xử lý, xin chờ…")
	h.mustSee("Nguyễn V** A")
}

func TestSwitchingLanguageKeepsWhatWasTyped(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu thủ tục")
	h.typeKeys("khai")
	h.tap("English")
	h.mustSee("1 procedures found")
	h.mustSee("Đăng ký khai sinh")
	if v := h.k.cur.(*findScreen).query.Value; v != "khai" {
		t.Errorf("query after switching language is %q", v)
	}
}

func TestThePointerIsHiddenWhenTheSiteSaysSo(t *testing.T) {
	for _, hide := range []bool{true, false} {
		h := newHarness(t, func(d *Deps, o *Options) { o.HideCursor = hide })
		root := h.k.Window().Content().(*rootWidget)
		if got := root.Cursor() == desktop.HiddenCursor; got != hide {
			t.Errorf("HideCursor=%v: pointer hidden %v", hide, got)
		}
	}
}

func TestReadyIsReportedOnce(t *testing.T) {
	h := newHarness(t)
	var calls []time.Duration
	h.k.OnReady = func(d time.Duration) { calls = append(calls, d) }
	h.k.reportReady()
	h.k.reportReady()
	if len(calls) != 1 || calls[0] <= 0 {
		t.Errorf("OnReady calls %v", calls)
	}
}

func TestManyAgenciesAreBrowsedInPages(t *testing.T) {
	h := newHarness(t)
	for i := 0; i < 60; i++ {
		code := fmt.Sprintf("X%02d", i)
		h.f.agencies = append(h.f.agencies, portal.Agency{Code: code, Name: fmt.Sprintf("UBND xã số %02d", i)})
		p := h.f.procs[1]
		p.Code, p.AgencyCode = "3."+code, code
		h.f.procs = append(h.f.procs, p)
	}
	h.tap("Tra cứu thủ tục")
	h.tapID("find.byagency")
	h.mustSee("UBND xã số 42")
	h.mustNotSee("UBND xã số 59")
	h.tap("Xem thêm 17 mục")
	h.mustSee("UBND xã số 59")
	h.tap("UBND xã số 59")
	h.mustSee("Tìm thấy 1 thủ tục")
}

func TestTheOfflineBannerFollowsThePortalWhileTheStartScreenWaits(t *testing.T) {
	h := newHarness(t)
	h.mustNotSee("Đang mất kết nối")
	h.f.online = false
	h.clock.add(10 * time.Second)
	h.k.TickIdle()
	h.mustSee("Đang mất kết nối")
	h.f.online = true
	h.clock.add(10 * time.Second)
	h.k.TickIdle()
	h.mustNotSee("Đang mất kết nối")
}
