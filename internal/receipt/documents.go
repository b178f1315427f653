package receipt

import (
	"fmt"
	"net/url"
	"strconv"
	"strings"
	"time"

	"kiosk/internal/escpos"
	"kiosk/internal/portal"
)

// Site is who prints the receipt and how.
type Site struct {
	Name    string // centre name, printed at the top
	Hotline string
	Lang    string    // "vi" (default) or "en": labels only, data stays as is
	Now     time.Time // printed time; its location is used for all dates
	// LookupURL, when set, is the prefix of the dossier QR code: the
	// (query-escaped) dossier code is appended, e.g.
	// "https://dichvucong.example.gov.vn/tra-cuu?ma=". Empty: the QR carries
	// the bare code, which the kiosk's scanner also accepts.
	LookupURL string
}

func (s Site) en() bool { return s.Lang == "en" }

// l picks the label for the site's language.
func (s Site) l(vi, en string) string {
	if s.en() {
		return en
	}
	return vi
}

func (s Site) date(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	if !s.Now.IsZero() {
		t = t.In(s.Now.Location())
	}
	return t.Format("02/01/2006")
}

func (s Site) dateTime(t time.Time) string {
	if t.IsZero() {
		return "-"
	}
	if !s.Now.IsZero() {
		t = t.In(s.Now.Location())
	}
	return t.Format("15:04 02/01/2006")
}

func (s Site) header(d *Doc) {
	if s.Name != "" {
		d.Text(s.Name, escpos.AlignCenter, true)
	}
	d.Feed(8)
}

func (s Site) footer(d *Doc) {
	d.Separator()
	d.Text(s.l("In lúc ", "Printed ")+s.dateTime(s.Now), escpos.AlignCenter, false)
	if s.Name != "" {
		d.Text(s.Name, escpos.AlignCenter, false)
	}
	if s.Hotline != "" {
		d.Text(s.l("Đường dây nóng: ", "Hotline: ")+s.Hotline, escpos.AlignCenter, false)
	}
	d.Cut()
}

// money formats VND the Vietnamese way ("100.000 đ") or the English way.
func (s Site) money(v int64) string {
	neg := v < 0
	if neg {
		v = -v
	}
	digits := strconv.FormatInt(v, 10)
	sep := "."
	if s.en() {
		sep = ","
	}
	var b strings.Builder
	for i, c := range digits {
		if i > 0 && (len(digits)-i)%3 == 0 {
			b.WriteString(sep)
		}
		b.WriteRune(c)
	}
	out := b.String()
	if neg {
		out = "-" + out
	}
	return out + s.l(" đ", " VND")
}

func (s Site) channel(kind int) string {
	switch kind {
	case portal.ChannelInPerson:
		return s.l("Trực tiếp", "In person")
	case portal.ChannelOnline:
		return s.l("Trực tuyến", "Online")
	case portal.ChannelPostal:
		return s.l("Qua bưu chính", "By post")
	}
	return s.l("Khác", "Other")
}

func (s Site) duration(d portal.Duration) string {
	if d.Value == 0 && d.Unit == "" {
		return d.Note
	}
	v := strconv.FormatFloat(d.Value, 'f', -1, 64)
	if !s.en() {
		v = strings.ReplaceAll(v, ".", ",")
	}
	out := strings.TrimSpace(v + " " + d.Unit)
	if d.Note != "" {
		out += " (" + d.Note + ")"
	}
	return out
}

// copies says how many originals and copies of a document to bring.
func (s Site) copies(doc portal.Document) string {
	var parts []string
	if doc.Originals > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", doc.Originals, s.l("bản chính", plural(doc.Originals, "original"))))
	}
	if doc.Copies > 0 {
		parts = append(parts, fmt.Sprintf("%d %s", doc.Copies, s.l("bản sao", plural(doc.Copies, "copy"))))
	}
	out := strings.Join(parts, ", ")
	if doc.Note != "" {
		if out != "" {
			out += "; "
		}
		out += doc.Note
	}
	return out
}

func plural(n int, w string) string {
	if n == 1 {
		return w
	}
	if strings.HasSuffix(w, "y") {
		return w[:len(w)-1] + "ies"
	}
	return w + "s"
}

// ProcedureChecklist is the list a citizen takes home: what the procedure
// is, which papers to bring (a box to tick for each, with originals and
// copies), fees, processing time, where to submit and a QR code to the
// online page.
func ProcedureChecklist(p portal.Procedure, s Site) Doc {
	var d Doc
	s.header(&d)
	d.Title(s.l("DANH MỤC HỒ SƠ CẦN CHUẨN BỊ", "DOCUMENTS TO BRING"))
	d.Text(p.Name, escpos.AlignLeft, true)
	d.KV(s.l("Mã thủ tục", "Procedure code"), p.Code)
	if p.AgencyName != "" {
		d.KV(s.l("Cơ quan thực hiện", "Agency"), p.AgencyName)
	}
	if p.FieldName != "" {
		d.KV(s.l("Lĩnh vực", "Field"), p.FieldName)
	}
	d.Separator()
	d.Text(s.l("Giấy tờ cần mang theo:", "Papers to bring:"), escpos.AlignLeft, true)
	if len(p.Documents) == 0 {
		d.Text(s.l("(Không yêu cầu giấy tờ)", "(No papers required)"), escpos.AlignLeft, false)
	}
	for _, doc := range p.Documents {
		d.Check(doc.Name, s.copies(doc))
	}
	d.Separator()
	s.times(&d, p.Channels)
	s.fees(&d, p.Channels)
	if p.SubmitPlace != "" {
		d.KV(s.l("Nơi nộp hồ sơ", "Where to submit"), p.SubmitPlace)
	}
	if p.AnyCentre { // không phụ thuộc địa giới hành chính (Nghị định 118/2025/NĐ-CP)
		d.Text(s.l("Nộp được tại bất kỳ Trung tâm Phục vụ hành chính công nào trong tỉnh, thành phố.",
			"Can be submitted at any Public Administration Service Centre in the province or city."), escpos.AlignLeft, false)
	}
	if p.OnlineURL != "" {
		d.QR(p.OnlineURL, s.l("Quét mã để nộp hồ sơ trực tuyến", "Scan to apply online"))
	}
	s.footer(&d)
	return d
}

// group is a value shared by some submission channels.
type group struct {
	value    string
	channels []string
}

// grouped collects equal values across channels in first-seen order.
func grouped(add func(yield func(value, channel string))) []group {
	var gs []group
	add(func(value, channel string) {
		for i := range gs {
			if gs[i].value == value {
				gs[i].channels = append(gs[i].channels, channel)
				return
			}
		}
		gs = append(gs, group{value, []string{channel}})
	})
	return gs
}

// suffix names the channels a value applies to, unless it applies to all.
func suffix(g group, all int) string {
	if len(g.channels) == all {
		return ""
	}
	return " (" + strings.Join(g.channels, ", ") + ")"
}

// times prints the processing time once per distinct value, naming the
// channels only where they differ.
func (s Site) times(d *Doc, chs []portal.Channel) {
	gs := grouped(func(yield func(string, string)) {
		for _, ch := range chs {
			if t := s.duration(ch.Time); t != "" {
				yield(t, s.channel(ch.Kind))
			}
		}
	})
	if len(gs) == 0 {
		return
	}
	d.Text(s.l("Thời hạn giải quyết:", "Processing time:"), escpos.AlignLeft, true)
	for _, g := range gs {
		if sfx := suffix(g, len(chs)); sfx != "" {
			d.Item("- "+strings.TrimPrefix(sfx, " ")+": "+g.value, 2)
		} else {
			d.Item("- "+g.value, 2)
		}
	}
}

// fees prints each distinct fee once, naming the channels only where it
// does not apply to all of them.
func (s Site) fees(d *Doc, chs []portal.Channel) {
	gs := grouped(func(yield func(string, string)) {
		for _, ch := range chs {
			for _, f := range ch.Fees {
				v := s.money(f.Amount)
				if f.Amount == 0 {
					v = s.l("Miễn phí", "Free")
				}
				if f.Note != "" {
					v += " (" + f.Note + ")"
				}
				name := f.Name
				if name == "" {
					name = s.l("Lệ phí", "Fee")
				}
				yield(name+": "+v, s.channel(ch.Kind))
			}
		}
	})
	if len(gs) == 0 {
		d.KV(s.l("Phí, lệ phí", "Fees"), s.l("Không", "None"))
		return
	}
	d.Text(s.l("Phí, lệ phí:", "Fees:"), escpos.AlignLeft, true)
	for _, g := range gs {
		d.Item("- "+g.value+suffix(g, len(chs)), 2)
	}
}

// DossierLookupData is what the dossier slip's QR code carries.
func DossierLookupData(code string, s Site) string {
	if s.LookupURL == "" {
		return code
	}
	return s.LookupURL + url.QueryEscape(code)
}

// DossierSlip is the status of one application on paper. Personal data is
// printed as the Dossier carries it (already masked by the portal) and masked
// again defensively: a receipt left at the kiosk must not name anyone.
func DossierSlip(dz portal.Dossier, s Site) Doc {
	var d Doc
	s.header(&d)
	d.Title(s.l("THÔNG TIN HỒ SƠ", "APPLICATION STATUS"))
	d.Barcode(dz.Code)
	d.Text(dz.ProcedureName, escpos.AlignLeft, true)
	if dz.AgencyName != "" {
		d.KV(s.l("Cơ quan", "Agency"), dz.AgencyName)
	}
	label := portal.StatusLabel(dz.Status, s.Lang)
	if (dz.Status < portal.StatusNew || dz.Status > portal.StatusReturned) && dz.StatusLabel != "" {
		label = dz.StatusLabel
	}
	d.Separator()
	d.Text(s.l("Trạng thái: ", "Status: ")+label, escpos.AlignLeft, true)
	d.Text(portal.StatusExplain(dz.Status, s.Lang), escpos.AlignLeft, false)
	if dz.Overdue {
		d.Text(s.l("(!) HỒ SƠ ĐÃ QUÁ HẠN GIẢI QUYẾT", "(!) THIS APPLICATION IS OVERDUE"), escpos.AlignCenter, true)
	}
	d.KV(s.l("Ngày tiếp nhận", "Received"), s.date(dz.ReceivedAt))
	d.KV(s.l("Ngày hẹn trả", "Due"), s.date(dz.DueAt))
	if dz.FinishedAt != nil {
		d.KV(s.l("Ngày có kết quả", "Finished"), s.date(*dz.FinishedAt))
	}
	if dz.ReturnedAt != nil {
		d.KV(s.l("Ngày trả kết quả", "Returned"), s.date(*dz.ReturnedAt))
	}
	if dz.CurrentStep != "" {
		d.KV(s.l("Bước hiện tại", "Current step"), dz.CurrentStep)
	}
	if dz.PickupPlace != "" {
		d.KV(s.l("Nơi nhận kết quả", "Collect at"), dz.PickupPlace)
	}
	if dz.Detailed && len(dz.Steps) > 0 {
		d.Text(s.l("Tiến trình xử lý:", "Progress:"), escpos.AlignLeft, true)
		for _, st := range dz.Steps {
			box, when := "[ ] ", ""
			if st.Done {
				box = "[x] "
			}
			if st.At != nil {
				when = " (" + s.date(*st.At) + ")"
			}
			d.Item(box+st.Name+when, 4)
		}
	}
	if dz.Detailed && dz.Fee > 0 {
		d.KV(s.l("Phí, lệ phí phải nộp", "Fees to pay"), s.money(dz.Fee))
	}
	if a := portal.MaskName(dz.Applicant); a != "" {
		d.KV(s.l("Người nộp", "Applicant"), a)
	}
	if id := portal.MaskID(dz.ApplicantID); id != "" {
		d.KV(s.l("Số giấy tờ", "ID number"), id)
	}
	d.QR(DossierLookupData(dz.Code, s), s.l("Quét mã để tra cứu lại hồ sơ", "Scan to check this application again"))
	s.footer(&d)
	return d
}

// QueueTicket is a queue number: very big, with the service, the counter,
// how many people are ahead and a QR code to follow the queue on a phone.
func QueueTicket(t portal.Ticket, s Site) Doc {
	var d Doc
	s.header(&d)
	d.Text(s.l("SỐ THỨ TỰ CỦA BẠN", "YOUR NUMBER"), escpos.AlignCenter, true)
	d.Feed(12)
	d.Big(t.Number)
	d.Feed(12)
	if t.ServiceName != "" {
		d.Text(t.ServiceName, escpos.AlignCenter, true)
	}
	if t.Counter != "" {
		d.add(Block{Kind: BlockText, Text: s.l("Quầy ", "Counter ") + t.Counter, Align: escpos.AlignCenter, Bold: true, Size: 2})
	}
	if !t.WaitingUnknown { // the portal gives no count: print none rather than 0
		d.KV(s.l("Số người chờ trước bạn", "People ahead of you"), strconv.Itoa(t.Waiting))
	}
	d.KV(s.l("Giờ lấy số", "Issued"), s.dateTime(t.IssuedAt))
	if t.FollowURL != "" {
		d.QR(t.FollowURL, s.l("Quét mã để theo dõi lượt gọi", "Scan to follow the queue"))
	}
	d.Text(s.l("Vui lòng chờ đến lượt và theo dõi màn hình gọi số.", "Please wait for your number on the display."), escpos.AlignCenter, false)
	s.footer(&d)
	return d
}

// VietnameseSample is every Vietnamese letter, lowercase then capitals, as
// the test page prints it.
const VietnameseSample = "aàảãáạ ăằẳẵắặ âầẩẫấậ đ eèẻẽéẹ êềểễếệ iìỉĩíị oòỏõóọ ôồổỗốộ ơờởỡớợ uùủũúụ ưừửữứự yỳỷỹýỵ\n" +
	"AÀẢÃÁẠ ĂẰẲẴẮẶ ÂẦẨẪẤẬ Đ EÈẺẼÉẸ ÊỀỂỄẾỆ IÌỈĨÍỊ OÒỎÕÓỌ ÔỒỔỖỐỘ ƠỜỞỠỚỢ UÙỦŨÚỤ ƯỪỬỮỨỰ YỲỶỸÝỴ"

// TestPage shows a technician that the printer and its profile agree:
// profile data, every Vietnamese letter, sizes, a QR code, a barcode and a
// column ruler.
func TestPage(s Site, p Profile) Doc {
	var d Doc
	s.header(&d)
	d.Title(s.l("TRANG IN THỬ", "TEST PAGE"))
	d.KV(s.l("Cấu hình", "Profile"), p.Name)
	d.KV(s.l("Máy in", "Printer"), p.Model)
	d.KV(s.l("Khổ in", "Width"), fmt.Sprintf("%d dots, %d dpi, %d %s", p.WidthDots, p.DPI, p.Columns, s.l("cột", "columns")))
	mode := p.TextMode
	if p.TextModeNative() {
		mode = fmt.Sprintf("%s (ESC t %d)", p.TextMode, p.CodepageN)
	}
	d.KV(s.l("Chữ tiếng Việt", "Vietnamese text"), mode)
	yes := func(b bool) string {
		if b {
			return s.l("có", "yes")
		}
		return s.l("không", "no")
	}
	d.KV(s.l("QR của máy in", "Native QR"), yes(p.NativeQR))
	d.KV(s.l("Dao cắt", "Cutter"), p.Cut)
	d.Separator()
	d.Text(VietnameseSample, escpos.AlignLeft, false)
	d.Text(s.l("Chữ đậm: Đăng ký khai sinh", "Bold: Đăng ký khai sinh"), escpos.AlignLeft, true)
	d.add(Block{Kind: BlockText, Text: s.l("Cỡ đôi: Hộ tịch", "Double: Hộ tịch"), Size: 2})
	d.Separator()
	ruler := strings.Builder{}
	for i := 1; i <= p.Columns; i++ {
		ruler.WriteByte(byte('0' + i%10))
	}
	d.Text(ruler.String(), escpos.AlignLeft, false)
	d.QR("KIOSK TEST "+p.Name, s.l("QR thử", "Test QR"))
	d.Barcode("KIOSK-TEST-0123")
	s.footer(&d)
	return d
}
