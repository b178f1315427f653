package main

import (
	"fmt"
	"time"

	"kiosk/internal/portal"
)

// refDate is the reference date of the dossiers: the simulator shifts every
// dossier date by (now - refDate) so the demo always looks current.
var refDate = time.Date(2026, 11, 20, 0, 0, 0, 0, ict)

// dossierRecord is one dossier as the simulator stores it: the wire Dossier
// plus the plain personal data and the receipt secret, which the simulator
// masks or checks on the way out.
type dossierRecord struct {
	portal.Dossier
	ApplicantName     string `json:"applicant_name"`
	ApplicantIDNumber string `json:"applicant_id_number"`
	ApplicantPhone    string `json:"applicant_phone"`
	Secret            string `json:"secret"`
}

// showcase dossiers have fixed codes that docs and tests can name.
type showcase struct {
	proc     string
	agency   string // "" = the procedure's own or a local one
	status   int
	received time.Time
	counter  int
}

var showcases = []showcase{
	{proc: "2.001417", agency: agTP, status: portal.StatusDone, received: time.Date(2026, 10, 15, 9, 12, 0, 0, ict), counter: 12},
	{proc: "1.001193", agency: agXa, status: portal.StatusReturned, received: time.Date(2026, 11, 3, 8, 5, 0, 0, ict), counter: 7},
	{proc: "1.012751", agency: agVPDKDD, status: portal.StatusProcessing, received: time.Date(2026, 10, 1, 14, 40, 0, 0, ict), counter: 31},
	{proc: "1.009994", agency: agXa, status: portal.StatusNeedsDocuments, received: time.Date(2026, 11, 9, 10, 20, 0, 0, ict), counter: 45},
	{proc: "1.012752", agency: agVPDKDD, status: portal.StatusNeedsPayment, received: time.Date(2026, 11, 2, 15, 3, 0, 0, ict), counter: 58},
}

// dossierProcs are the procedures the generated dossiers are drawn from:
// the ones citizens most often come back to ask about.
var dossierProcs = []string{
	"1.001193", "1.000894", "1.000656", "2.000635", "1.004873", "1.004859", "1.001695", "2.001035",
	"1.004222", "1.004194", "1.004192", "1.012874", "1.012876", "1.011411", "1.001612", "2.002008",
	"2.002012", "1.012751", "1.012752", "1.012753", "1.012756", "1.012757", "1.009994", "1.009995",
	"1.002809", "1.002804", "1.012000", "1.001978", "1.000105", "1.000286", "1.001000", "1.001002",
	"3.000182", "2.001914", "1.012270", "2.000689", "2.001417", "1.001776", "2.000633", "1.001029",
}

// statusCounts says how many generated dossiers each status gets.
var statusCounts = [...]int{0, 5, 5, 4, 14, 5, 5, 4, 4, 10, 8}

var needsDocs = map[string]string{
	fHoTich:  "Bổ sung Giấy chứng sinh bản chính; bản đã nộp bị mờ, không đọc được số hiệu.",
	fDatDai:  "Bổ sung mảnh trích đo địa chính thửa đất có xác nhận của đơn vị đo đạc và bản sao chứng từ nộp thuế sử dụng đất phi nông nghiệp.",
	fXayDung: "Bổ sung bản vẽ mặt bằng móng và cam kết bảo đảm an toàn công trình liền kề có chữ ký của chủ đầu tư.",
	fDN:      "Bổ sung bản sao giấy tờ pháp lý của người đại diện theo pháp luật; ngành, nghề kinh doanh phải ghi theo mã ngành cấp 4.",
	fCuTru:   "Bổ sung hợp đồng thuê nhà có công chứng hoặc chứng thực, hoặc văn bản đồng ý của chủ nhà.",
	fDuongBo: "Bổ sung Giấy khám sức khỏe của người lái xe; dữ liệu khám sức khỏe chưa được liên thông.",
	fBHXH:    "Bổ sung bản sao Giấy chứng sinh của con; đơn vị sử dụng lao động cần nộp lại danh sách mẫu 01B-HSB có chữ ký.",
	fLDNN:    "Bổ sung Phiếu lý lịch tư pháp đã được hợp pháp hóa lãnh sự và dịch sang tiếng Việt có chứng thực.",
	fATTP:    "Bổ sung Giấy xác nhận đã được tập huấn kiến thức an toàn thực phẩm của người trực tiếp chế biến.",
	fKCB:     "Bổ sung Giấy xác nhận hoàn thành thực hành khám bệnh, chữa bệnh có chữ ký của người đứng đầu cơ sở.",
}

const needsDocsDefault = "Bổ sung bản sao có chứng thực của giấy tờ còn thiếu theo Phiếu yêu cầu bổ sung, hoàn thiện hồ sơ; nộp tại quầy tiếp nhận hoặc trực tuyến trong 15 ngày."

var rejectReasons = []string{
	"Hồ sơ không thuộc thẩm quyền giải quyết; đề nghị nộp tại UBND cấp xã nơi cư trú.",
	"Thiếu giấy tờ bắt buộc theo quy định; đã hướng dẫn người nộp hoàn thiện và nộp lại.",
	"Thông tin trên tờ khai không khớp với Cơ sở dữ liệu quốc gia về dân cư.",
}

var stopReasons = []string{
	"Quá thời hạn 15 ngày mà người nộp không bổ sung hồ sơ theo yêu cầu.",
	"Đất đang có đơn tranh chấp được Tòa án nhân dân thụ lý.",
	"Theo yêu cầu của cơ quan có thẩm quyền để xác minh thông tin.",
}

func dossiers(procs []portal.Procedure, ags map[string]portal.Agency) ([]dossierRecord, error) {
	byCode := map[string]portal.Procedure{}
	for _, p := range procs {
		byCode[p.Code] = p
	}
	var communes []portal.Agency
	for _, a := range agencies {
		if a.Kind == portal.AgencyCommune {
			communes = append(communes, a)
		}
	}
	g := &dossierGen{r: &rng{s: 20261120}, used: map[string]bool{}}
	var out []dossierRecord
	for _, s := range showcases {
		p, ok := byCode[s.proc+codeSuffix]
		if !ok {
			return nil, fmt.Errorf("showcase dossier: unknown procedure %s", s.proc)
		}
		out = append(out, g.make(p, ags[s.agency], s.status, s.received, s.counter, s.status == portal.StatusProcessing))
	}
	// Deal statuses out in a shuffled but fixed order.
	var statuses []int
	for st, n := range statusCounts {
		for range n {
			statuses = append(statuses, st)
		}
	}
	for i := len(statuses) - 1; i > 0; i-- {
		j := g.r.intn(i + 1)
		statuses[i], statuses[j] = statuses[j], statuses[i]
	}
	processing := 0
	for i, st := range statuses {
		p, ok := byCode[dossierProcs[(i*7)%len(dossierProcs)]+codeSuffix]
		if !ok {
			return nil, fmt.Errorf("dossier: unknown procedure %s", dossierProcs[(i*7)%len(dossierProcs)])
		}
		a := ags[p.AgencyCode]
		if a.Kind == portal.AgencyCommune {
			a = pick(g.r, communes)
		}
		overdue := false
		if st == portal.StatusProcessing {
			overdue = processing%3 == 0
			processing++
		}
		out = append(out, g.make(p, a, st, time.Time{}, 0, overdue))
	}
	return out, nil
}

type dossierGen struct {
	r    *rng
	used map[string]bool
}

// make builds one dossier. A zero received time is chosen to fit the status;
// late asks for a processing dossier already past its due date.
func (g *dossierGen) make(p portal.Procedure, a portal.Agency, status int, received time.Time, counter int, late bool) dossierRecord {
	r := g.r
	days := 1
	if len(p.Channels) > 0 && p.Channels[0].Time.Unit != unitHour {
		days = max(1, int(p.Channels[0].Time.Value))
	}
	if received.IsZero() {
		var back int
		switch status {
		case portal.StatusNew, portal.StatusAccepted:
			back = r.intn(3)
		case portal.StatusRejected:
			back = 1 + r.intn(10)
		case portal.StatusProcessing:
			if late {
				back = days + 1 + r.intn(10)
			} else {
				back = r.intn(days)
			}
		case portal.StatusNeedsDocuments, portal.StatusNeedsPayment:
			back = 2 + r.intn(days+4)
		case portal.StatusWithdrawn, portal.StatusStopped:
			back = 5 + r.intn(30)
		case portal.StatusDone:
			back = days + 1 + r.intn(8)
		default: // returned
			back = days + 5 + r.intn(30)
		}
		day := subWorkdays(refDate, back+1)
		received = day.Add(time.Duration(7*60+30+r.intn(9*60)) * time.Minute)
	}
	due := time.Date(received.Year(), received.Month(), received.Day(), 17, 0, 0, 0, ict)
	due = addWorkdays(due, days)

	if counter == 0 {
		counter = 1 + r.intn(150)
	}
	code := fmt.Sprintf("%s-%s-%04d", a.Code, received.Format("060102"), counter)
	for g.used[code] {
		counter++
		code = fmt.Sprintf("%s-%s-%04d", a.Code, received.Format("060102"), counter)
	}
	g.used[code] = true

	who := r.person()
	d := portal.Dossier{
		Code:          code,
		ProcedureCode: p.Code,
		ProcedureName: p.Name,
		AgencyCode:    a.Code,
		AgencyName:    a.Name,
		Status:        status,
		StatusLabel:   portal.StatusLabel(status, "vi"),
		ReceivedAt:    received,
		DueAt:         due,
		Fee:           firstFee(p),
	}

	// The timeline: submit, accept, examine, sign, hand over.
	limit := refDate.Add(-2 * time.Hour)
	accepted := before(received.Add(time.Duration(20+r.intn(70))*time.Minute), limit)
	examined := addWorkdays(received, max(1, days/2))
	signed := addWorkdays(received, max(1, days*3/4))
	if days <= 1 { // same-day procedures: examined and signed within hours
		examined = accepted.Add(time.Duration(60+r.intn(120)) * time.Minute)
		signed = examined.Add(time.Duration(30+r.intn(60)) * time.Minute)
	}
	examined, signed = before(examined, limit), before(signed, limit)
	step := func(name string, at time.Time, done bool) portal.DossierStep {
		s := portal.DossierStep{Name: name, Done: done}
		if done {
			t := at
			s.At = &t
		}
		return s
	}
	steps := []portal.DossierStep{
		step("Nộp hồ sơ", received, true),
		step("Tiếp nhận hồ sơ", accepted, status != portal.StatusNew),
		step("Thẩm định, xử lý hồ sơ", examined, false),
		step("Trình lãnh đạo ký duyệt", signed, false),
		step("Trả kết quả", time.Time{}, false),
	}
	done := func(upTo int) {
		for i := 2; i <= upTo; i++ {
			t := examined
			if i == 3 {
				t = signed
			}
			steps[i] = step(steps[i].Name, t, true)
		}
	}
	switch status {
	case portal.StatusNew:
		d.CurrentStep = "Chờ tiếp nhận hồ sơ"
	case portal.StatusAccepted:
		d.CurrentStep = "Chuyển hồ sơ đến bộ phận chuyên môn"
	case portal.StatusRejected:
		steps = []portal.DossierStep{step("Nộp hồ sơ", received, true), step("Kiểm tra hồ sơ", accepted, true)}
		d.CurrentStep = "Không tiếp nhận hồ sơ"
		d.Note = pick(r, rejectReasons)
		d.FinishedAt = ptr(accepted)
	case portal.StatusProcessing:
		if !late && r.intn(3) == 0 {
			done(2)
			d.CurrentStep = "Trình lãnh đạo ký duyệt"
		} else {
			d.CurrentStep = "Thẩm định, xử lý hồ sơ"
		}
		d.Overdue = due.Before(refDate)
	case portal.StatusNeedsDocuments:
		d.CurrentStep = "Chờ công dân bổ sung giấy tờ"
		d.Note = needsDocs[p.FieldCode]
		if d.Note == "" {
			d.Note = needsDocsDefault
		}
	case portal.StatusNeedsPayment:
		done(2)
		d.CurrentStep = "Chờ thực hiện nghĩa vụ tài chính"
		d.Note = paymentNote(p, d.Fee, r)
	case portal.StatusWithdrawn:
		d.CurrentStep = "Đã rút hồ sơ"
		d.Note = "Công dân có đơn xin rút hồ sơ ngày " + examined.Format("02/01/2006") + "; giấy tờ đã nộp được trả lại tại quầy tiếp nhận."
		d.FinishedAt = ptr(examined)
	case portal.StatusStopped:
		d.CurrentStep = "Dừng xử lý"
		d.Note = pick(r, stopReasons)
		d.FinishedAt = ptr(examined)
	case portal.StatusDone, portal.StatusReturned:
		finished := addWorkdays(received, max(1, days-r.intn(max(1, days/3))))
		if days <= 1 {
			finished = signed
		}
		finished = before(finished.Add(time.Duration(r.intn(240))*time.Minute), limit)
		signed = finished
		if !examined.Before(signed) {
			examined = signed.Add(-time.Hour)
		}
		done(3)
		d.FinishedAt = ptr(finished)
		d.Overdue = finished.After(due)
		d.PickupPlace = pickupPlace(a, r)
		d.CurrentStep = "Chờ trả kết quả"
		if status == portal.StatusReturned {
			day := addWorkdays(time.Date(finished.Year(), finished.Month(), finished.Day(), 7, 30, 0, 0, ict), r.intn(4))
			returned := before(day.Add(time.Duration(r.intn(9*60))*time.Minute), limit)
			if !returned.After(finished) {
				returned = finished.Add(30 * time.Minute)
			}
			steps[4] = step("Trả kết quả", returned, true)
			d.ReturnedAt = ptr(returned)
			d.CurrentStep = "Đã trả kết quả"
		}
	}
	d.Steps = steps
	return dossierRecord{Dossier: d, ApplicantName: who.name, ApplicantIDNumber: who.id, ApplicantPhone: who.phone, Secret: r.secret()}
}

func ptr(t time.Time) *time.Time { return &t }

// before returns t, or limit when t is not before it.
func before(t, limit time.Time) time.Time {
	if t.Before(limit) {
		return t
	}
	return limit
}

func isWorkday(t time.Time) bool { return t.Weekday() != time.Saturday && t.Weekday() != time.Sunday }

func addWorkdays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, 1)
		if isWorkday(t) {
			n--
		}
	}
	return t
}

func subWorkdays(t time.Time, n int) time.Time {
	for n > 0 {
		t = t.AddDate(0, 0, -1)
		if isWorkday(t) {
			n--
		}
	}
	return t
}

// firstFee is the main fee of the in-person channel (0 when waived).
func firstFee(p portal.Procedure) int64 {
	if len(p.Channels) == 0 || len(p.Channels[0].Fees) == 0 {
		return 0
	}
	return p.Channels[0].Fees[0].Amount
}

func vnd(n int64) string {
	s := fmt.Sprint(n)
	var out []byte
	for i := range len(s) {
		if i > 0 && (len(s)-i)%3 == 0 {
			out = append(out, '.')
		}
		out = append(out, s[i])
	}
	return string(out) + " đồng"
}

func paymentNote(p portal.Procedure, fee int64, r *rng) string {
	if p.FieldCode == fDatDai {
		tax := int64(8+r.intn(40)) * 1000000
		return "Nộp thuế thu nhập cá nhân " + vnd(tax) + " và lệ phí trước bạ " + vnd(tax/4) +
			" theo Thông báo của cơ quan thuế; nộp tại ngân hàng hoặc trực tuyến, mang chứng từ đến quầy số 3 để tiếp tục giải quyết."
	}
	if fee == 0 {
		fee = 50000
	}
	return "Nộp phí, lệ phí " + vnd(fee) + " tại quầy thu hoặc thanh toán trực tuyến trên Cổng Dịch vụ công; hồ sơ được giải quyết tiếp sau khi nộp."
}

func pickupPlace(a portal.Agency, r *rng) string {
	switch a.Kind {
	case portal.AgencyCommune:
		return fmt.Sprintf("Quầy trả kết quả số %d, %s", 1+r.intn(6), a.Address)
	default:
		return fmt.Sprintf("Quầy trả kết quả số %d, Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh, %s", 10+r.intn(12), centreAddress)
	}
}
