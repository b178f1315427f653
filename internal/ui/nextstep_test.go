package ui

import (
	"testing"
	"time"

	"kiosk/internal/portal"
)

// withCollectCounter gives the test centre a results counter (8) and links
// the civil-status service to its field, as kiosk-config/demo.toml does.
func withCollectCounter(d *Deps, o *Options) {
	o.QueueServices[0].FieldCode = "HT"
	o.QueueServices = append(o.QueueServices, QueueService{Code: "TKQ", NameVI: "Trả kết quả", NameEN: "Collect results", Counter: "8", Collect: true})
}

func (h *harness) lookUp(d portal.Dossier) {
	h.t.Helper()
	h.f.dossiers[d.Code] = d
	h.f.secrets[d.Code] = "s3cr3t"
	h.tap("Tra cứu hồ sơ")
	h.scans <- Scan{Payload: Payload{DossierCode: d.Code, Secret: "s3cr3t"}}
	h.k.drainScans()
	h.settle()
}

func TestEveryDossierStatusSaysWhatToDoNext(t *testing.T) {
	base := portal.Dossier{
		Code: testCode, ProcedureCode: "1.001193.000.00.00.H48", ProcedureName: "Đăng ký khai sinh",
		AgencyName: "UBND xã Tân Phú", ReceivedAt: testNow.Add(-10 * 24 * time.Hour), DueAt: testNow.Add(48 * time.Hour),
		Applicant: "Nguyễn Văn An",
	}
	here := "Quầy trả kết quả số 3, Trung tâm Phục vụ hành chính công tỉnh Bình Dương"
	tests := []struct {
		name    string
		change  func(d *portal.Dossier)
		want    []string
		notWant []string
		button  string // the take-a-number button, "" for none
	}{
		{"a new application waits to be received", func(d *portal.Dossier) { d.Status = portal.StatusNew },
			[]string{"Mới đăng ký", "Hồ sơ đang chờ cơ quan tiếp nhận"}, nil, ""},
		{"an application in time needs nothing and names its due date", func(d *portal.Dossier) { d.Status = portal.StatusProcessing },
			[]string{"Bạn chưa cần làm gì thêm. Hẹn trả kết quả ngày 22/11/2026"}, []string{"quá hạn"}, ""},
		{"an overdue application counts the days and sends to the field's counter", func(d *portal.Dossier) {
			d.Status, d.Overdue, d.DueAt = portal.StatusProcessing, true, testNow.Add(-5*24*time.Hour)
		}, []string{"Đang xử lý, quá hạn 5 ngày", "Hồ sơ đã quá hạn 5 ngày (hẹn trả ngày 15/11/2026)", "đến quầy 3"},
			[]string{"Bạn chưa cần làm gì thêm"}, "Lấy số đến quầy 3"},
		{"missing documents send to the field's counter", func(d *portal.Dossier) {
			d.Status, d.Note = portal.StatusNeedsDocuments, "Bổ sung Giấy chứng sinh bản chính."
		}, []string{"Bạn cần nộp thêm giấy tờ ghi ở phần Ghi chú", "quầy 3"}, nil, "Lấy số đến quầy 3"},
		{"awaiting payment shows the note's amount once, not the procedure fee beside it", func(d *portal.Dossier) {
			d.Status, d.Fee = portal.StatusNeedsPayment, 100000
			d.Note = "Nộp thuế thu nhập cá nhân 41.000.000 đồng và lệ phí trước bạ 10.250.000 đồng theo Thông báo của cơ quan thuế."
		}, []string{"Bạn cần nộp 51.250.000 đ", "Số tiền cần nộp: 51.250.000 đ"}, []string{"100.000 đ", "Lệ phí:"}, "Lấy số đến quầy 3"},
		{"awaiting payment without amounts in the note asks for the fee", func(d *portal.Dossier) {
			d.Status, d.Fee = portal.StatusNeedsPayment, 50000
		}, []string{"Bạn cần nộp 50.000 đ", "Số tiền cần nộp: 50.000 đ"}, nil, "Lấy số đến quầy 3"},
		{"a rejected application points to the reason and a counter", func(d *portal.Dossier) {
			d.Status, d.Note = portal.StatusRejected, "Thông tin trên tờ khai không khớp."
		}, []string{"Không được tiếp nhận", "Lý do ở phần Ghi chú"}, nil, "Lấy số đến quầy 3"},
		{"a stopped application points to the reason and a counter", func(d *portal.Dossier) { d.Status = portal.StatusStopped },
			[]string{"Dừng xử lý", "Lý do ở phần Ghi chú"}, nil, "Lấy số đến quầy 3"},
		{"a withdrawn application needs nothing", func(d *portal.Dossier) { d.Status = portal.StatusWithdrawn },
			[]string{"Đã rút hồ sơ", "Bạn không cần làm gì thêm"}, nil, ""},
		{"a ready result here names the queue's results counter and offers a number", func(d *portal.Dossier) {
			d.Status, d.PickupPlace = portal.StatusDone, here
		}, []string{"Đã có kết quả", "đến quầy 8 để nhận kết quả", "Quầy 8 (Trả kết quả), Trung tâm Phục vụ hành chính công tỉnh Bình Dương"},
			[]string{"Quầy trả kết quả số 3"}, "Lấy số để nhận kết quả"},
		{"a ready result at another centre says where, without a number here", func(d *portal.Dossier) {
			d.Status, d.PickupPlace = portal.StatusDone, "Quầy trả kết quả số 11, Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh"
		}, []string{"không phải trung tâm này", "Quầy trả kết quả số 11"}, nil, ""},
		{"a collected result needs nothing", func(d *portal.Dossier) { d.Status, d.PickupPlace = portal.StatusReturned, here },
			[]string{"Đã trả kết quả", "Bạn đã nhận kết quả"}, nil, ""},
		{"an unknown status sends to a counter", func(d *portal.Dossier) { d.Status = 42 },
			[]string{"Chưa rõ tình trạng", "đến quầy 3"}, nil, "Lấy số đến quầy 3"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			h := newHarness(t, withCollectCounter)
			d := base
			tc.change(&d)
			h.lookUp(d)
			for _, w := range tc.want {
				h.mustSee(w)
			}
			for _, w := range tc.notWant {
				h.mustNotSee(w)
			}
			for _, b := range []string{"Lấy số để nhận kết quả", "Lấy số đến quầy 3", "Lấy số đến quầy 8"} {
				if n := len(h.tiles(b)); (b == tc.button) != (n == 1) {
					t.Errorf("button %q shown %d times, want it: %v", b, n, b == tc.button)
				}
			}
			if tc.button == "" {
				return
			}
			h.tap(tc.button)
			h.mustSee("Bạn muốn lấy số cho:")
			h.tap("Đồng ý, lấy số")
			if len(h.f.tickets) != 1 {
				t.Fatalf("tickets %v", h.f.tickets)
			}
		})
	}
}

func TestAReadyResultIsPrintedWithTheCounterTheScreenShows(t *testing.T) {
	h := newHarness(t, withCollectCounter)
	h.lookUp(portal.Dossier{Code: testCode, ProcedureName: "Đăng ký khai sinh", Status: portal.StatusDone,
		PickupPlace: "Quầy trả kết quả số 3, Trung tâm Phục vụ hành chính công tỉnh Bình Dương"})
	h.tapID("dossier.print")
	if len(h.f.printedDossiers) != 1 || h.f.printedDossiers[0].PickupPlace != "Quầy 8 (Trả kết quả), Trung tâm Phục vụ hành chính công tỉnh Bình Dương" {
		t.Fatalf("printed %+v", h.f.printedDossiers)
	}
}

func TestAmountDue(t *testing.T) {
	tests := []struct {
		note string
		fee  int64
		want int64
	}{
		{"Nộp phí, lệ phí 50.000 đồng tại quầy thu", 50000, 50000},
		{"Nộp thuế 41.000.000 đồng và lệ phí trước bạ 10.250.000 đồng", 100000, 51250000},
		{"Nộp 75,000 VNĐ", 0, 75000},
		{"Bổ sung bản vẽ số 12 và 3 bản sao", 80000, 80000},
		{"", 0, 0},
	}
	for _, tc := range tests {
		if got := amountDue(portal.Dossier{Note: tc.note, Fee: tc.fee}); got != tc.want {
			t.Errorf("amountDue(%q, fee %d) = %d, want %d", tc.note, tc.fee, got, tc.want)
		}
	}
}

func TestDaysOverdueCountsCalendarDaysInVietnam(t *testing.T) {
	due := time.Date(2026, 11, 15, 17, 0, 0, 0, portal.Vietnam)
	for _, tc := range []struct {
		now  time.Time
		want int
	}{
		{time.Date(2026, 11, 15, 18, 0, 0, 0, portal.Vietnam), 1}, // late the same evening
		{time.Date(2026, 11, 16, 8, 0, 0, 0, portal.Vietnam), 1},
		{time.Date(2026, 11, 20, 16, 30, 0, 0, portal.Vietnam), 5},
	} {
		if got := daysOverdue(due, tc.now); got != tc.want {
			t.Errorf("daysOverdue(%v) = %d, want %d", tc.now, got, tc.want)
		}
	}
}
