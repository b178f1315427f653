package portal

// Mapping of the opencps/v2 dialect: OpenCPS's wire types (opencps_wire.go)
// onto the kiosk's model. Field sources are in docs/opencps-mapping.md.

import (
	"html"
	"math"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"unicode"

	"golang.org/x/text/unicode/norm"
)

// ocText turns an OpenCPS text field into plain lines. OpenCPS stores what
// its forms post through HtmlUtil.escape (VotingManagementImpl,
// ServiceInfoManagementImpl), so a fragment often arrives with its markup
// escaped ("&lt;p&gt;Bước 1&lt;/p&gt;"): entities are decoded first when
// the text holds no markup of its own, then the HTML becomes text.
func ocText(s string) []string {
	if !strings.Contains(s, "<") && strings.Contains(s, "&") {
		s = html.UnescapeString(s)
	}
	return HTMLToText(s)
}

func ocLine(s string) string { return strings.Join(ocText(s), " ") }

// openCPSStatus maps every dossierStatus of DossierStatusConstants and
// DossierTerm.DOSSIER_STATUS_* to a national status (TrangThaiHoSo 1..10).
// Sites map differently (OpenCPS lets each site configure its mapping to
// the national portal), so OpenCPSOptions.StatusMap overrides entries.
var openCPSStatus = map[string]int{
	"new":            StatusNew,        // mới: saved, not yet submitted
	"collecting":     StatusNew,        // chờ bổ sung trước khi nộp
	"receiving":      StatusNew,        // chờ tiếp nhận
	"processing":     StatusProcessing, // đang xử lý
	"handover":       StatusProcessing, // chuyển giao giữa cơ quan
	"interoperating": StatusProcessing, // liên thông
	"waiting":        StatusNeedsDocuments,
	"correcting":     StatusNeedsDocuments, // yêu cầu sửa đổi, bổ sung
	"paying":         StatusNeedsPayment,
	"cancelling":     StatusWithdrawn, // citizen asked to withdraw
	"cancelled":      StatusWithdrawn,
	"denied":         StatusRejected,
	"pausing":        StatusStopped, // tạm dừng
	"unresolved":     StatusStopped, // không giải quyết được
	"releasing":      StatusDone,    // result ready to collect
	"posting":        StatusDone,    // result being sent by post
	"done":           StatusReturned,
}

// OpenCPSStatusCodes lists the dossierStatus codes the dialect knows.
func OpenCPSStatusCodes() []string {
	out := make([]string, 0, len(openCPSStatus))
	for k := range openCPSStatus {
		out = append(out, k)
	}
	return out
}

// OpenCPSStatus maps an OpenCPS dossierStatus code to a national status
// (1..10) with the built-in table. Unknown codes count as "being processed"
// once the dossier was received, and as new before; ok reports whether the
// code was known.
func OpenCPSStatus(code string, received bool) (status int, ok bool) {
	return openCPSStatusWith(nil, code, received)
}

func openCPSStatusWith(override map[string]int, code string, received bool) (int, bool) {
	code = strings.ToLower(strings.TrimSpace(code))
	if s, ok := override[code]; ok && s >= StatusNew && s <= StatusReturned {
		return s, true
	}
	if s, ok := openCPSStatus[code]; ok {
		return s, true
	}
	if received {
		return StatusProcessing, false
	}
	return StatusNew, false
}

var (
	// reDurations are tried in order: "01 ngày làm việc" wins over an
	// earlier "sau 15 giờ".
	reDurations = []*regexp.Regexp{
		regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(ngày làm việc)`),
		regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(ngày)`),
		regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(tháng)`),
		regexp.MustCompile(`(?i)(\d+(?:[.,]\d+)?)\s*(giờ)`),
	}
	reAmount    = regexp.MustCompile(`(?i)(\d{1,3}(?:[.,]\d{3})+|\d+)\s*(?:đồng|vnđ|vnd|đ)`)
	reOriginals = regexp.MustCompile(`(?i)(\d+)\s*bản chính`)
	reCopies    = regexp.MustCompile(`(?i)(\d+)\s*bản sao`)
)

func (o *openCPS) mapProcedure(si ocServiceInfo) Procedure {
	p := Procedure{
		Code:       strings.TrimSpace(si.ServiceCode),
		Name:       strings.Join(ocText(si.ServiceName), " "),
		AgencyCode: si.AdministrationCode,
		AgencyName: strings.Join(ocText(si.AdministrationName), " "),
		FieldCode:  si.DomainCode,
		FieldName:  strings.Join(ocText(si.DomainName), " "),
		Steps:      ocText(si.ProcessText),
		Conditions: ocText(si.ConditionText),
		LegalBasis: ocText(si.RegularText),
		Applicants: strings.Join(ocText(si.ApplicantText), "; "),
		Result:     strings.Join(ocText(si.ResultText), "; "),
		UpdatedAt:  si.ModifiedDate.Time,
	}
	level := int(si.MaxLevel)
	var places []string
	for _, sc := range capSlice(si.ServiceConfigs, maxSubItems) {
		level = max(level, int(sc.ServiceLevel))
		if n := strings.Join(ocText(sc.GovAgencyName), " "); n != "" {
			places = append(places, n)
		}
		if p.OnlineURL == "" && sc.ServiceLevel >= LevelPartial && strings.HasPrefix(sc.ServiceURL, "http") {
			p.OnlineURL = sc.ServiceURL
		}
	}
	p.SubmitPlace = strings.Join(places, "; ")
	if level >= 1 && level <= 4 {
		p.LevelOld = level
		p.Level = max(level, LevelInfo)
	}

	// Duration: the first "N ngày làm việc" in the text; the full text is the note.
	durLines := ocText(si.DurationText)
	var dur Duration
	for _, re := range reDurations {
		if m := re.FindStringSubmatch(strings.Join(durLines, " ")); m != nil {
			dur.Value, _ = strconv.ParseFloat(strings.Replace(m[1], ",", ".", 1), 64)
			dur.Unit = strings.ToLower(m[2])
			break
		}
	}
	dur.Note = cleanText(strings.Join(durLines, " "), maxTextRunes)

	var fees []Fee
	for _, l := range ocText(si.FeeText) {
		f := Fee{Name: "Phí, lệ phí", Note: l}
		if name, _, ok := strings.Cut(l, ":"); ok && len([]rune(name)) <= 60 {
			f.Name = strings.TrimSpace(name)
		}
		if m := reAmount.FindStringSubmatch(l); m != nil {
			digits := strings.NewReplacer(".", "", ",", "").Replace(m[1])
			f.Amount, _ = strconv.ParseInt(digits, 10, 64)
		}
		fees = append(fees, f)
	}

	// Channels from the method text; in person when nothing is said.
	method := ocText(si.MethodText)
	kinds := map[int][]string{}
	for _, l := range method {
		low := strings.ToLower(l)
		if strings.Contains(low, "trực tiếp") {
			kinds[ChannelInPerson] = append(kinds[ChannelInPerson], l)
		}
		if strings.Contains(low, "trực tuyến") || strings.Contains(low, "qua mạng") || strings.Contains(low, "dịch vụ công") {
			kinds[ChannelOnline] = append(kinds[ChannelOnline], l)
		}
		if strings.Contains(low, "bưu chính") || strings.Contains(low, "bưu điện") {
			kinds[ChannelPostal] = append(kinds[ChannelPostal], l)
		}
	}
	if len(kinds) == 0 {
		kinds[ChannelInPerson] = method
	}
	if p.OnlineURL != "" && kinds[ChannelOnline] == nil {
		kinds[ChannelOnline] = []string{}
	}
	for k := ChannelInPerson; k <= ChannelPostal; k++ {
		if ls, ok := kinds[k]; ok {
			p.Channels = append(p.Channels, Channel{Kind: k, Time: dur, Fees: fees, Description: strings.Join(ls, " ")})
		}
	}

	for _, l := range ocText(si.DossierText) {
		low := strings.ToLower(l)
		if strings.HasPrefix(low, "số lượng hồ sơ") || strings.HasPrefix(low, "thành phần hồ sơ") {
			continue
		}
		d := Document{Name: l}
		if m := reOriginals.FindStringSubmatch(l); m != nil {
			d.Originals, _ = strconv.Atoi(m[1])
		}
		if m := reCopies.FindStringSubmatch(l); m != nil {
			d.Copies, _ = strconv.Atoi(m[1])
		}
		p.Documents = append(p.Documents, d)
	}
	for _, ft := range capSlice(si.FileTemplates, maxSubItems) {
		name := strings.Join(ocText(ft.TemplateName), " ")
		no := strings.TrimSpace(string(ft.FileTemplateNo))
		if name == "" || no == "" || si.ServiceInfoID == "" {
			continue
		}
		p.Forms = append(p.Forms, Form{Name: name,
			URL: o.base + "/serviceinfos/" + url.PathEscape(string(si.ServiceInfoID)) + "/filetemplates/" + url.PathEscape(no)})
	}
	return p
}

// agencyKind guesses the kind of agency from its official name, and from its
// place in the tree: the dictionary has no kind (DictItemModel carries only
// the tree), and many sites keep every department at level 0, so "no
// parent" alone does not make a province; a root with children does.
func agencyKind(name, parent string, hasChildren bool) string {
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "ubnd ")
	n = strings.TrimPrefix(n, "ủy ban nhân dân ")
	n = strings.TrimPrefix(n, "uỷ ban nhân dân ")
	switch {
	case strings.HasPrefix(n, "tỉnh") || strings.HasPrefix(n, "thành phố trực thuộc"):
		return "province"
	case strings.TrimSpace(parent) == "" && hasChildren:
		// The root of the tree: a centrally-run city ("UBND thành phố Đà
		// Nẵng") is named like a district but is the province.
		return "province"
	case strings.HasPrefix(n, "xã") || strings.HasPrefix(n, "phường") || strings.HasPrefix(n, "thị trấn"):
		return "commune"
	case strings.HasPrefix(n, "huyện") || strings.HasPrefix(n, "quận") || strings.HasPrefix(n, "thị xã") || strings.HasPrefix(n, "thành phố"):
		return "district"
	default:
		return "department"
	}
}

// VotingChoice maps a 1..5 score onto one of n choices listed best first
// ("Rất hài lòng", "Hài lòng", "Không hài lòng"), returning a 1-based index.
func VotingChoice(score, n int) int {
	if n <= 1 {
		return 1
	}
	score = min(max(score, VeryDissatisfied), VerySatisfied)
	return 1 + int(math.Round(float64(VerySatisfied-score)/4*float64(n-1)))
}

// choiceScores reads the satisfaction level of common Vietnamese and English
// choice labels; the longest phrase is tried first so that "rất không hài
// lòng" is not read as "hài lòng".
var choiceScores = []struct {
	phrase string
	score  int
}{
	{"rat khong hai long", VeryDissatisfied}, {"very dissatisfied", VeryDissatisfied},
	{"khong hai long", Dissatisfied}, {"chua hai long", Dissatisfied}, {"dissatisfied", Dissatisfied},
	{"rat hai long", VerySatisfied}, {"very satisfied", VerySatisfied},
	{"binh thuong", Neutral}, {"tam duoc", Neutral}, {"neutral", Neutral},
	{"hai long", Satisfied}, {"satisfied", Satisfied},
}

// choiceFor picks the choice that best matches score and returns the value
// OpenCPS expects in "selected": its position in the server's order plus
// one (VotingUtils counts results with selected = i+1). Labels are read for
// their satisfaction level; when they cannot all be read, the choices are
// taken as listed best first.
func choiceFor(choices []string, score int) int {
	scores := make([]int, len(choices))
	for i, c := range choices {
		s := labelScore(c)
		if s == 0 {
			return VotingChoice(score, len(choices))
		}
		scores[i] = s
	}
	best, bestDist := 0, 99
	for i, s := range scores {
		if d := abs(s - score); d < bestDist {
			best, bestDist = i, d
		}
	}
	return best + 1
}

func labelScore(label string) int {
	l := foldVN(label)
	for _, cs := range choiceScores {
		if strings.Contains(l, cs.phrase) {
			return cs.score
		}
	}
	return 0
}

// foldVN lowercases and strips Vietnamese diacritics ("đ" too) so labels
// match however the site typed them.
func foldVN(s string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteByte('d')
		case unicode.IsLetter(r) || unicode.IsDigit(r):
			b.WriteRune(r)
		default:
			b.WriteByte(' ')
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}

func abs(n int) int {
	if n < 0 {
		return -n
	}
	return n
}

func (o *openCPS) mapDossier(od ocDossier) Dossier {
	received := !od.ReceiveDate.IsZero()
	status, known := openCPSStatusWith(o.statusMap, od.DossierStatus, received)
	d := Dossier{
		Code:          od.DossierNo,
		ProcedureCode: od.ServiceCode,
		ProcedureName: ocLine(od.ServiceName),
		AgencyCode:    od.GovAgencyCode,
		AgencyName:    ocLine(od.GovAgencyName),
		Status:        status,
		StatusLabel:   ocLine(od.DossierStatusText),
		ReceivedAt:    od.ReceiveDate.Time,
		DueAt:         od.DueDate.Time,
		CurrentStep:   ocLine(od.StepName),
		Note:          ocLine(od.DossierNote),
		Fee:           int64(od.PaymentFee),
		Applicant:     unshout(od.ApplicantName),
		ApplicantID:   od.ApplicantIDNo,
		// OpenCPS returns results at the one-stop shop of the handling agency.
		PickupPlace: ocLine(od.GovAgencyName),
	}
	if !known || d.StatusLabel == "" {
		d.StatusLabel = StatusLabel(status, "vi")
	}
	if d.ReceivedAt.IsZero() {
		d.ReceivedAt = od.SubmitDate.Time
	}
	if od.ExtendDate.After(d.DueAt) {
		d.DueAt = od.ExtendDate.Time
	}
	if !od.FinishDate.IsZero() {
		t := od.FinishDate.Time
		d.FinishedAt = &t
	}
	// releaseDate is when the result was released, which for "releasing"
	// means ready at the counter, not yet in the citizen's hands (the
	// ready list is bounded by it: onegate_21_kios, fromReleaseDate); only
	// a dossier that is done was returned.
	if !od.ReleaseDate.IsZero() && status == StatusReturned {
		t := od.ReleaseDate.Time
		d.ReturnedAt = &t
	}
	if !d.DueAt.IsZero() {
		end := o.now()
		if d.FinishedAt != nil {
			end = *d.FinishedAt
		}
		d.Overdue = end.After(d.DueAt) && status != StatusRejected && status != StatusWithdrawn
	}
	return d
}

// unshout writes a name OpenCPS sent in capitals the way people write it:
// DossierUtils.mappingForGetList and mappingForGetDetail upper-case the
// applicant's name ("NGUYỄN VĂN AN"), which masked would read
// "NGUYỄN V** A" beside the "Nguyễn V** A" of every other screen. A name
// with any lower-case letter is left as the portal wrote it.
func unshout(name string) string {
	for _, r := range name {
		if unicode.IsLower(r) {
			return name
		}
	}
	words := strings.Fields(name)
	for i, w := range words {
		rs := []rune(strings.ToLower(w))
		if len(rs) > 0 {
			rs[0] = unicode.ToUpper(rs[0])
		}
		words[i] = string(rs)
	}
	return strings.Join(words, " ")
}
