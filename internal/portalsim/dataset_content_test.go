package portalsim_test

import (
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"testing"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kiosk/assets"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// These tests check the content of the embedded demo dataset (assets/demo)
// by reading its JSON directly, so they say what is wrong with the data
// rather than with the loader.

// demoRecord mirrors the dossiers.json layout: a Dossier plus plain data.
type demoRecord struct {
	portal.Dossier
	ApplicantName     string `json:"applicant_name"`
	ApplicantIDNumber string `json:"applicant_id_number"`
	ApplicantPhone    string `json:"applicant_phone"`
	Secret            string `json:"secret"`
}

type demoData struct {
	fields     []portal.Field
	agencies   []portal.Agency
	procedures []portal.Procedure
	dossiers   []demoRecord
}

var reference = time.Date(2026, 11, 20, 0, 0, 0, 0, time.FixedZone("ICT", 7*3600))

func loadDemo(t *testing.T) demoData {
	t.Helper()
	var dd demoData
	for name, v := range map[string]any{
		"demo/fields.json": &dd.fields, "demo/agencies.json": &dd.agencies,
		"demo/procedures.json": &dd.procedures, "demo/dossiers.json": &dd.dossiers,
	} {
		b, err := assets.Demo.ReadFile(name)
		if err != nil {
			t.Fatalf("embedded demo dataset: %v", err)
		}
		dec := json.NewDecoder(strings.NewReader(string(b)))
		dec.DisallowUnknownFields()
		if err := dec.Decode(v); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
	}
	return dd
}

// fold lower-cases and composes text so names compare with exact diacritics.
func fold(s string) string { return strings.ToLower(norm.NFC.String(s)) }

// requiredProcedures are the procedures issue 2 §7 lists; each entry is the
// words one procedure name must contain (official wording: "TNHH" is written
// "trách nhiệm hữu hạn" in procedure names).
var requiredProcedures = [][]string{
	{"đăng ký khai sinh"},
	{"đăng ký kết hôn"},
	{"đăng ký khai tử"},
	{"cấp bản sao trích lục hộ tịch"},
	{"cấp giấy xác nhận tình trạng hôn nhân"},
	{"đăng ký nhận cha, mẹ, con"},
	{"thay đổi, cải chính, bổ sung thông tin hộ tịch"},
	{"chứng thực bản sao từ bản chính"},
	{"chứng thực chữ ký"},
	{"đăng ký thường trú"},
	{"đăng ký tạm trú"},
	{"cấp thẻ căn cước"},
	{"cấp hộ chiếu phổ thông"},
	{"đăng ký thành lập hộ kinh doanh"},
	{"đăng ký thành lập doanh nghiệp tư nhân"},
	{"đăng ký thành lập công ty trách nhiệm hữu hạn một thành viên"},
	{"đăng ký thay đổi nội dung đăng ký doanh nghiệp"},
	{"đăng ký, cấp giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu"},
	{"đăng ký biến động", "chuyển nhượng", "quyền sử dụng đất"},
	{"cấp đổi giấy chứng nhận quyền sử dụng đất"},
	{"cấp giấy phép xây dựng", "nhà ở riêng lẻ"},
	{"đổi giấy phép lái xe"},
	{"cấp lại giấy phép lái xe"},
	{"đăng ký xe"},
	{"giải quyết hưởng trợ cấp thất nghiệp"},
	{"cấp giấy phép lao động cho người lao động nước ngoài"},
	{"cấp lại thẻ bảo hiểm y tế"},
	{"giải quyết hưởng chế độ thai sản"},
	{"chuyển trường đối với học sinh trung học cơ sở"},
	{"cấp bản sao văn bằng, chứng chỉ từ sổ gốc"},
	{"cấp chứng chỉ hành nghề khám bệnh, chữa bệnh"},
	{"cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm"},
	{"cấp phiếu lý lịch tư pháp"},
	{"trợ cấp xã hội hằng tháng cho người cao tuổi"},
	{"cấp giấy phép bán lẻ rượu"},
	{"cấp giấy phép đủ điều kiện kinh doanh dịch vụ karaoke"},
}

func TestDemoHasEveryProcedureTheIssueLists(t *testing.T) {
	dd := loadDemo(t)
	for _, words := range requiredProcedures {
		t.Run(words[0], func(t *testing.T) {
			for _, p := range dd.procedures {
				name := fold(p.Name)
				all := true
				for _, w := range words {
					all = all && strings.Contains(name, fold(w))
				}
				if all {
					return
				}
			}
			t.Errorf("no procedure name contains %q", words)
		})
	}
}

func TestDemoCatalogueIsLargeEnough(t *testing.T) {
	dd := loadDemo(t)
	if n := len(dd.procedures); n < 150 {
		t.Errorf("%d procedures, want at least 150", n)
	}
	if n := len(dd.fields); n < 15 {
		t.Errorf("%d fields, want at least 15", n)
	}
	used := map[string]bool{}
	for _, p := range dd.procedures {
		used[p.FieldCode] = true
	}
	for _, f := range dd.fields {
		if !used[f.Code] {
			t.Errorf("field %s (%s) has no procedure", f.Code, f.Name)
		}
	}
	kinds := map[string]int{}
	for _, a := range dd.agencies {
		kinds[a.Kind]++
	}
	if kinds[portal.AgencyProvince] != 1 || kinds[portal.AgencyProvinceCentre] != 1 || kinds[portal.AgencyDepartment] < 10 ||
		kinds[portal.AgencyDistrict] != 0 || kinds[portal.AgencyCommune] < 12 {
		t.Errorf("agencies by kind = %v, want one province, one province centre, ≥10 departments, no district (abolished 1 July 2025), ≥12 communes", kinds)
	}
}

var (
	procCodeRE    = regexp.MustCompile(`^\d\.\d{6}\.000\.00\.00\.H29$`)
	agencyCodeRE  = regexp.MustCompile(`^000\.\d{2}\.\d{2}\.H29$`)
	dossierCodeRE = regexp.MustCompile(`^(000\.\d{2}\.\d{2}\.H29)-(\d{6})-(\d{4})$`)
	idNumberRE    = regexp.MustCompile(`^\d{12}$`)
	phoneRE       = regexp.MustCompile(`^0\d{9}$`)
	secretRE      = regexp.MustCompile(`^[A-Z0-9]{8}$`)
)

func TestDemoAgenciesAreComplete(t *testing.T) {
	dd := loadDemo(t)
	codes := map[string]bool{}
	for _, a := range dd.agencies {
		codes[a.Code] = true
	}
	for _, a := range dd.agencies {
		switch {
		case !agencyCodeRE.MatchString(a.Code):
			t.Errorf("agency %q: code is not an electronic id like 000.00.15.H29", a.Code)
		case a.Name == "" || a.Address == "":
			// Phones are left out: none could be checked (assets/demo/README.md).
			t.Errorf("agency %s: name and address are both needed: %+v", a.Code, a)
		case a.Kind == portal.AgencyCommune && a.Unit == "":
			t.Errorf("agency %s: a commune-level unit must say whether it is a xã, phường or đặc khu", a.Code)
		case a.Kind != "province" && !codes[a.ParentCode]:
			t.Errorf("agency %s: parent %q does not exist", a.Code, a.ParentCode)
		}
	}
	if len(codes) != len(dd.agencies) {
		t.Errorf("agency codes are not unique")
	}
}

func TestEveryDemoProcedureIsComplete(t *testing.T) {
	dd := loadDemo(t)
	agencies := map[string]string{}
	for _, a := range dd.agencies {
		agencies[a.Code] = a.Name
	}
	fields := map[string]string{}
	for _, f := range dd.fields {
		fields[f.Code] = f.Name
	}
	seen := map[string]bool{}
	from := time.Date(2025, 11, 1, 0, 0, 0, 0, reference.Location())
	to := time.Date(2026, 11, 16, 0, 0, 0, 0, reference.Location())
	for _, p := range dd.procedures {
		var problems []string
		bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
		if !procCodeRE.MatchString(p.Code) {
			bad("code is not N.NNNNNN.000.00.00.H29")
		}
		if seen[p.Code] {
			bad("code is used twice")
		}
		seen[p.Code] = true
		if r := []rune(p.Name); len(r) == 0 || !unicode.IsUpper(r[0]) || strings.TrimSpace(p.Name) != p.Name || strings.Contains(p.Name, "  ") {
			bad("name %q must start with a capital and have no stray spaces", p.Name)
		}
		if name, ok := agencies[p.AgencyCode]; !ok || name != p.AgencyName {
			bad("agency %s %q does not match the agency list", p.AgencyCode, p.AgencyName)
		}
		if name, ok := fields[p.FieldCode]; !ok || name != p.FieldName {
			bad("field %s %q does not match the field list", p.FieldCode, p.FieldName)
		}
		if p.Level < 2 || p.Level > 4 || p.LevelOld < 2 || p.LevelOld > 4 {
			bad("levels %d/%d are not 2..4", p.LevelOld, p.Level)
		}
		online := false
		for i, ch := range p.Channels {
			if i == 0 && ch.Kind != portal.ChannelInPerson {
				bad("first channel is not in person")
			}
			if ch.Kind == portal.ChannelOnline {
				online = true
			}
			if ch.Time.Value <= 0 || ch.Time.Unit == "" || len(ch.Fees) == 0 || ch.Description == "" {
				bad("channel %d lacks time, fees or description", ch.Kind)
			}
			for _, f := range ch.Fees {
				if f.Name == "" || f.Amount < 0 || (f.Amount == 0 && f.Note == "") {
					bad("fee %+v needs a name and an amount or a note", f)
				}
			}
		}
		if len(p.Channels) == 0 || online != (p.Level >= portal.LevelPartial) {
			bad("has an online channel = %v with level %d", online, p.Level)
		}
		if n := len(p.Documents); n < 2 || n > 8 {
			bad("%d documents, want 2..8", n)
		}
		forms := 0
		for _, d := range p.Documents {
			if d.Name == "" || d.Originals+d.Copies == 0 && d.Note == "" {
				bad("document %+v needs a name and a count or a note", d)
			}
			if d.FormName != "" {
				forms++
				if !strings.HasPrefix(d.FormURL, "https://") {
					bad("form %q has no URL", d.FormName)
				}
			}
		}
		if forms != len(p.Forms) {
			bad("%d documents with a form but %d forms", forms, len(p.Forms))
		}
		if n := len(p.Steps); n < 3 || n > 6 {
			bad("%d steps, want 3..6", n)
		}
		if len(p.LegalBasis) == 0 || p.Applicants == "" || p.Result == "" || p.SubmitPlace == "" || len(p.Keywords) == 0 {
			bad("legal basis, applicants, result, submit place and keywords are all needed")
		}
		if p.OnlineURL != "https://dichvucong.hochiminhcity.gov.vn/thu-tuc/"+p.Code {
			bad("online URL %q", p.OnlineURL)
		}
		if p.UpdatedAt.Before(from) || !p.UpdatedAt.Before(to) {
			bad("updated_at %s outside 2025-11-01..2026-11-15", p.UpdatedAt)
		}
		if p.Deleted {
			bad("is a tombstone")
		}
		for _, pr := range problems {
			t.Errorf("%s %q: %s", p.Code, p.Name, pr)
		}
	}
}

func TestDemoDossiersCoverEveryStatus(t *testing.T) {
	dd := loadDemo(t)
	if n := len(dd.dossiers); n < 60 {
		t.Errorf("%d dossiers, want at least 60", n)
	}
	byStatus := map[int]int{}
	overdue, ready := 0, 0
	for _, d := range dd.dossiers {
		byStatus[d.Status]++
		if d.Overdue {
			overdue++
		}
		if d.Status == portal.StatusDone && d.FinishedAt != nil && d.PickupPlace != "" {
			ready++
		}
	}
	for s := portal.StatusNew; s <= portal.StatusReturned; s++ {
		if byStatus[s] < 2 {
			t.Errorf("status %d (%s): %d dossiers, want several", s, portal.StatusLabel(s, "vi"), byStatus[s])
		}
	}
	if overdue < 3 {
		t.Errorf("%d overdue dossiers, want at least 3", overdue)
	}
	if ready < 5 {
		t.Errorf("%d dossiers ready to collect, want at least 5", ready)
	}
}

func TestEveryDemoDossierIsConsistent(t *testing.T) {
	dd := loadDemo(t)
	agencies := map[string]string{}
	for _, a := range dd.agencies {
		agencies[a.Code] = a.Name
	}
	procs := map[string]string{}
	for _, p := range dd.procedures {
		procs[p.Code] = p.Name
	}
	codes, secrets := map[string]bool{}, map[string]bool{}
	for _, d := range dd.dossiers {
		var problems []string
		bad := func(format string, args ...any) { problems = append(problems, fmt.Sprintf(format, args...)) }
		m := dossierCodeRE.FindStringSubmatch(d.Code)
		switch {
		case m == nil:
			bad("code is not {agency}-{yyMMdd}-{NNNN}")
		case m[1] != d.AgencyCode:
			bad("code starts with %s but the agency is %s", m[1], d.AgencyCode)
		case m[2] != d.ReceivedAt.Format("060102"):
			bad("code date %s is not the received date %s", m[2], d.ReceivedAt.Format("2006-01-02"))
		}
		if codes[d.Code] {
			bad("code is used twice")
		}
		codes[d.Code] = true
		if name, ok := agencies[d.AgencyCode]; !ok || name != d.AgencyName {
			bad("agency %s %q does not match the agency list", d.AgencyCode, d.AgencyName)
		}
		if name, ok := procs[d.ProcedureCode]; !ok || name != d.ProcedureName {
			bad("procedure %s %q does not match the catalogue", d.ProcedureCode, d.ProcedureName)
		}
		if d.StatusLabel != portal.StatusLabel(d.Status, "vi") {
			bad("status %d labelled %q", d.Status, d.StatusLabel)
		}
		if !secretRE.MatchString(d.Secret) || secrets[d.Secret] {
			bad("secret %q must be 8 unique letters or digits", d.Secret)
		}
		secrets[d.Secret] = true
		if !idNumberRE.MatchString(d.ApplicantIDNumber) {
			bad("ID number %q is not 12 digits", d.ApplicantIDNumber)
		}
		if len(strings.Fields(d.ApplicantName)) < 2 || !phoneRE.MatchString(d.ApplicantPhone) {
			bad("applicant %q / phone %q", d.ApplicantName, d.ApplicantPhone)
		}
		if d.Applicant != "" || d.ApplicantID != "" || d.Detailed {
			bad("masked fields must be left to the server")
		}
		if !d.ReceivedAt.Before(reference) || !d.DueAt.After(d.ReceivedAt) {
			bad("received %s / due %s", d.ReceivedAt, d.DueAt)
		}
		if d.Overdue && !d.DueAt.Before(reference) && (d.FinishedAt == nil || !d.FinishedAt.After(d.DueAt)) {
			bad("marked overdue but due %s is not past", d.DueAt)
		}
		if d.FinishedAt != nil && (d.FinishedAt.Before(d.ReceivedAt) || !d.FinishedAt.Before(reference)) {
			bad("finished %s", d.FinishedAt)
		}
		switch d.Status {
		case portal.StatusNeedsDocuments, portal.StatusNeedsPayment:
			if d.Note == "" {
				bad("status %d needs a note saying what to do", d.Status)
			}
		case portal.StatusDone:
			if d.FinishedAt == nil || d.PickupPlace == "" || d.ReturnedAt != nil {
				bad("a ready dossier needs finished_at and a pickup place, and no returned_at")
			}
		case portal.StatusReturned:
			if d.FinishedAt == nil || d.ReturnedAt == nil || !d.ReturnedAt.After(*d.FinishedAt) || !d.ReturnedAt.Before(reference) {
				bad("a returned dossier needs finished_at < returned_at < reference")
			}
		}
		if d.CurrentStep == "" || len(d.Steps) < 2 {
			bad("needs a current step and a timeline")
		}
		var last time.Time
		for _, s := range d.Steps {
			if s.Done != (s.At != nil) {
				bad("step %q: done=%v but at=%v", s.Name, s.Done, s.At)
			}
			if s.At != nil {
				if s.At.Before(last) || !s.At.Before(reference) {
					bad("step %q at %s is out of order or after the reference date", s.Name, s.At)
				}
				last = *s.At
			}
		}
		for _, pr := range problems {
			t.Errorf("dossier %s: %s", d.Code, pr)
		}
	}
}

func TestTheSimulatorLoadsTheDemoDataset(t *testing.T) {
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	dd := loadDemo(t)
	if len(ds.Procedures) != len(dd.procedures) || len(ds.Dossiers) != len(dd.dossiers) {
		t.Errorf("Demo() has %d procedures and %d dossiers, the files %d and %d",
			len(ds.Procedures), len(ds.Dossiers), len(dd.procedures), len(dd.dossiers))
	}
	if !ds.Reference.Equal(reference) {
		t.Errorf("Demo() reference date %s, the dossiers are written around %s", ds.Reference, reference)
	}
}
