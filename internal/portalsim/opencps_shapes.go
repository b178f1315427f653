package portalsim

// The dataset in OpenCPS's JSON shapes. OpenCPS keeps procedures as HTML
// text fields, so the structured procedure is written out as the HTML an
// OpenCPS administrator would have typed; what the kiosk reads back is what
// it would read from a real site.

import (
	"fmt"
	"html"
	"sort"
	"strconv"
	"strings"
	"time"

	"kiosk/internal/portal"
)

// Date layouts OpenCPS writes (APIDateTimeUtils; ServiceInfoUtils).
const (
	ocIndexLayout  = "20060102150405"      // _LUCENE_PATTERN, list answers copy index fields
	ocNormalLayout = "02/01/2006 15:04:05" // _NORMAL_PARTTERN, dossier answers
	ocDetailLayout = "02-01-2006 03:04:05" // ServiceInfoUtils detail: "dd-MM-yyyy hh:mm:ss", a 12-hour clock without AM/PM
)

func ocDate(t time.Time, layout string) string {
	if t.IsZero() {
		return ""
	}
	return t.In(portal.Vietnam).Format(layout)
}

func ocDatePtr(t *time.Time, shift time.Duration, layout string) string {
	if t == nil {
		return ""
	}
	return ocDate(t.Add(shift), layout)
}

func paras(lines []string) string {
	var b strings.Builder
	for _, l := range lines {
		b.WriteString("<p>" + html.EscapeString(l) + "</p>")
	}
	return b.String()
}

func ocTemplateNo(i int) string { return fmt.Sprintf("TP%02d", i+1) }

var channelLabel = map[int]string{
	portal.ChannelInPerson: "Trực tiếp",
	portal.ChannelOnline:   "Trực tuyến",
	portal.ChannelPostal:   "Qua bưu chính công ích",
}

// ocServiceInfoItem is one ServiceInfoModel of the list as
// ServiceInfoUtils.mappingToServiceInfoResultModel fills it: every text
// field and the service configs, the dates as index strings, but no file
// templates (those only come with the detail); call with mu held.
func (s *Server) ocServiceInfoItem(p portal.Procedure) map[string]any {
	m := map[string]any{
		"serviceInfoId": s.openCPS.serviceID[p.Code], "serviceCode": p.Code, "serviceName": p.Name,
		"administrationCode": p.AgencyCode, "administrationName": p.AgencyName,
		"domainCode": p.FieldCode, "domainName": p.FieldName, "maxLevel": p.Level,
		"createDate": ocDate(p.UpdatedAt, ocIndexLayout), "modifiedDate": ocDate(p.UpdatedAt, ocIndexLayout),
		// HtmlUtil.escape'd, as OpenCPS stores what its admin form posts.
		"processText":  html.EscapeString(paras(p.Steps)),
		"durationText": ocDuration(p),
		"public":       "true", "active": "true", "synced": 0,
	}
	var method strings.Builder
	method.WriteString("<ul>")
	for _, c := range p.Channels {
		method.WriteString("<li>" + html.EscapeString(channelLabel[c.Kind]+": "+c.Description) + "</li>")
	}
	method.WriteString("</ul>")
	m["methodText"] = method.String()
	var docs strings.Builder
	docs.WriteString("<p>Thành phần hồ sơ:</p><ul>")
	for _, d := range p.Documents {
		docs.WriteString("<li>" + html.EscapeString(fmt.Sprintf("%s (%02d bản chính, %02d bản sao)", d.Name, d.Originals, d.Copies)) + "</li>")
	}
	docs.WriteString("</ul><p>Số lượng hồ sơ: 01 bộ</p>")
	m["dossierText"] = docs.String()
	m["conditionText"] = paras(p.Conditions)
	m["regularText"] = paras(p.LegalBasis)
	m["applicantText"] = html.EscapeString(paras(strings.Split(p.Applicants, "; ")))
	m["resultText"] = paras([]string{p.Result})
	var fees []string
	if len(p.Channels) > 0 {
		for _, f := range p.Channels[0].Fees {
			if f.Amount > 0 {
				fees = append(fees, fmt.Sprintf("%s: %s đồng", f.Name, groupThousands(f.Amount)))
			} else {
				fees = append(fees, f.Name+": "+f.Note)
			}
		}
	}
	m["feeText"] = paras(fees)
	m["serviceConfigs"] = []map[string]any{{"serviceConfigId": 60000 + s.openCPS.serviceID[p.Code]%10000,
		"govAgencyCode": p.AgencyCode, "govAgencyName": p.AgencyName,
		"serviceLevel": p.Level, "serviceUrl": p.OnlineURL, "serviceInstruction": ""}}
	return m
}

func ocDuration(p portal.Procedure) string {
	if len(p.Channels) == 0 || p.Channels[0].Time.Value <= 0 {
		return ""
	}
	t := p.Channels[0].Time
	out := "<p>" + html.EscapeString(fmt.Sprintf("%02s %s", strconv.FormatFloat(t.Value, 'f', -1, 64), t.Unit)) + "</p>"
	if t.Note != "" {
		out += "<p>" + html.EscapeString(t.Note) + "</p>"
	}
	return out
}

// ocServiceInfoDetail is ServiceInfoDetailModel
// (mappingToServiceInfoDetailModel): the list's fields, the file templates,
// and the dates as "dd-MM-yyyy hh:mm:ss"; call with mu held.
func (s *Server) ocServiceInfoDetail(p portal.Procedure) map[string]any {
	m := s.ocServiceInfoItem(p)
	m["createDate"] = ocDate(p.UpdatedAt, ocDetailLayout)
	m["modifiedDate"] = ocDate(p.UpdatedAt, ocDetailLayout)
	templates := []map[string]any{}
	for i, d := range p.Documents {
		if d.FormURL != "" {
			name := d.FormName
			if name == "" {
				name = d.Name
			}
			templates = append(templates, map[string]any{"fileTemplateNo": ocTemplateNo(i), "templateName": name,
				"fileType": "docx", "fileSize": 0})
		}
	}
	m["fileTemplates"] = templates
	return m
}

func groupThousands(n int64) string {
	s := strconv.FormatInt(n, 10)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "." + s[i:]
	}
	return s
}

// ocDictItem is one DictItemModel as DataManagementUtils fills it.
func ocDictItem(code, name string, level int, parent, parentName string) map[string]any {
	return map[string]any{"itemCode": code, "itemName": name, "itemNameEN": "", "itemDescription": "",
		"level": level, "sibling": 1, "treeIndex": "",
		"parentItem": []map[string]any{{"itemCode": parent, "itemName": parentName, "itemNameEN": ""}}}
}

// ocAgencyItems writes the agencies as a dictionary tree.
func ocAgencyItems(as []portal.Agency) []map[string]any {
	byCode := map[string]portal.Agency{}
	for _, a := range as {
		byCode[a.Code] = a
	}
	level := func(a portal.Agency) int {
		n := 0
		for seen := map[string]bool{}; a.ParentCode != "" && !seen[a.ParentCode] && n < 10; n++ {
			seen[a.ParentCode] = true
			p, ok := byCode[a.ParentCode]
			if !ok {
				break
			}
			a = p
		}
		return n
	}
	out := make([]map[string]any, 0, len(as))
	for _, a := range as {
		out = append(out, ocDictItem(a.Code, a.Name, level(a), a.ParentCode, byCode[a.ParentCode].Name))
	}
	return out
}

// ocStatus is the OpenCPS dossierStatus for a national status. Status 2
// (accepted) has no OpenCPS code of its own: it is "processing" with the
// reception step.
func ocStatus(st int) string {
	switch st {
	case portal.StatusNew:
		return "receiving"
	case portal.StatusRejected:
		return "denied"
	case portal.StatusNeedsDocuments:
		return "waiting"
	case portal.StatusNeedsPayment:
		return "paying"
	case portal.StatusWithdrawn:
		return "cancelled"
	case portal.StatusStopped:
		return "pausing"
	case portal.StatusDone:
		return "releasing"
	case portal.StatusReturned:
		return "done"
	}
	return "processing"
}

// ocStepCode is the process step a dossier of this status stands at; 300
// (result ready) and 400 (returned) as in OpenCPS's default processes.
func ocStepCode(st int) string {
	switch st {
	case portal.StatusNew:
		return "100"
	case portal.StatusAccepted:
		return "110"
	case portal.StatusDone:
		return "300"
	case portal.StatusReturned:
		return "400"
	}
	return "200"
}

// ocSortedDossiers lists dossier codes in a stable order; call with mu held.
func (s *Server) ocSortedDossiers() []string {
	codes := make([]string, 0, len(s.dossiers))
	for c := range s.dossiers {
		codes = append(codes, c)
	}
	sort.Strings(codes)
	return codes
}

// ocReleased is when the result came out (shifted); zero if not yet.
func (s *Server) ocReleased(rec DossierRecord) time.Time {
	if rec.Status < portal.StatusDone {
		return time.Time{}
	}
	switch {
	case rec.ReturnedAt != nil:
		return rec.ReturnedAt.Add(s.shift)
	case rec.FinishedAt != nil:
		return rec.FinishedAt.Add(s.shift)
	}
	return time.Time{}
}

// ocDossierItem is DossierDataModel as DossierUtils.mappingForGetList fills
// it: the applicant name upper-cased, receiveDate formatted, the other dates
// copied from the index; call with mu held.
func (s *Server) ocDossierItem(rec DossierRecord) map[string]any {
	m := s.ocDossierCommon(rec)
	m["applicantName"] = strings.ToUpper(rec.ApplicantName)
	m["receiveDate"] = ocDate(shiftTime(rec.ReceivedAt, s.shift), ocNormalLayout)
	m["submitDate"] = ocDate(shiftTime(rec.ReceivedAt, s.shift), ocNormalLayout)
	m["dueDate"] = ocDate(shiftTime(rec.DueAt, s.shift), ocIndexLayout)
	m["finishDate"] = ocDatePtr(rec.FinishedAt, s.shift, ocIndexLayout)
	m["releaseDate"] = ocDate(s.ocReleased(rec), ocIndexLayout)
	m["dossierNote"] = html.EscapeString(paras([]string{rec.Note}))
	return m
}

// ocDossierPublishItem is DossierDataPublishModel as
// DossierUtils.mappingForGetPublishList fills it for
// /dossiers/publish/searchDossiers: no dossierId and no agency, the
// applicant's name as stored, receiveDate formatted and the other dates
// copied from the index; call with mu held.
func (s *Server) ocDossierPublishItem(rec DossierRecord) map[string]any {
	return map[string]any{
		"serviceCode": rec.ProcedureCode, "serviceName": rec.ProcedureName,
		"applicantName": rec.ApplicantName, "applicantIdNo": rec.ApplicantIDNumber, "dossierNo": rec.Code,
		"receiveDate":   ocDate(shiftTime(rec.ReceivedAt, s.shift), ocNormalLayout),
		"dueDate":       ocDate(shiftTime(rec.DueAt, s.shift), ocIndexLayout),
		"finishDate":    ocDatePtr(rec.FinishedAt, s.shift, ocIndexLayout),
		"releaseDate":   ocDate(s.ocReleased(rec), ocIndexLayout),
		"dossierStatus": ocStatus(rec.Status), "dossierStatusText": rec.StatusLabel,
		"dossierSubStatus": "", "dossierSubStatusText": "",
	}
}

// ocDossierDetailItem is DossierDetailModel (mappingForGetDetail, which
// upper-cases the applicant's name too); call with mu held.
func (s *Server) ocDossierDetailItem(rec DossierRecord) map[string]any {
	m := s.ocDossierCommon(rec)
	m["applicantName"] = strings.ToUpper(rec.ApplicantName)
	m["receiveDate"] = ocDate(shiftTime(rec.ReceivedAt, s.shift), ocNormalLayout)
	m["submitDate"] = ocDate(shiftTime(rec.ReceivedAt, s.shift), ocNormalLayout)
	m["dueDate"] = ocDate(shiftTime(rec.DueAt, s.shift), ocNormalLayout)
	m["finishDate"] = ocDatePtr(rec.FinishedAt, s.shift, ocNormalLayout)
	m["releaseDate"] = ocDate(s.ocReleased(rec), ocNormalLayout)
	m["dossierNote"] = html.EscapeString(paras([]string{rec.Note}))
	m["paymentFee"] = strconv.FormatInt(rec.Fee, 10)
	return m
}

func (s *Server) ocDossierCommon(rec DossierRecord) map[string]any {
	return map[string]any{
		"dossierId": s.openCPS.dossierID[strings.ToUpper(rec.Code)], "dossierNo": rec.Code,
		"serviceCode": rec.ProcedureCode, "serviceName": rec.ProcedureName,
		"govAgencyCode": rec.AgencyCode, "govAgencyName": rec.AgencyName,
		"applicantIdNo": rec.ApplicantIDNumber, "dossierStatus": ocStatus(rec.Status), "dossierStatusText": rec.StatusLabel,
		"dossierSubStatus": "", "dossierSubStatusText": "", "stepCode": ocStepCode(rec.Status), "stepName": rec.CurrentStep,
		"online": "false", "viaPostal": 0, "extendDate": "",
	}
}

// ocSequencesBody is getDossierProcessSequencesJSON for the dossier's
// steps; call with mu held.
func (s *Server) ocSequencesBody(rec DossierRecord) map[string]any {
	cur := -1
	if rec.Status < portal.StatusDone {
		for i, st := range rec.Steps {
			if !st.Done {
				cur = i
				break
			}
		}
	}
	data := make([]map[string]any, 0, len(rec.Steps))
	for i, st := range rec.Steps {
		seq := map[string]any{"sequenceNo": strconv.Itoa(i + 1), "sequenceName": st.Name, "sequenceRole": "", "durationCount": 0}
		if st.At != nil {
			seq["startDate"] = st.At.Add(s.shift).UnixMilli()
		}
		if i == cur {
			seq["statusText"] = "Đang thực hiện: " + st.Name
		}
		data = append(data, seq)
	}
	return map[string]any{"processNo": rec.ProcedureCode, "durationUnit": 0, "durationCount": 0, "total": len(data), "data": data}
}

// ocOfficerNames are invented officers for the demo, two per agency.
var ocOfficerNames = []struct{ name, title string }{
	{"Nguyễn Thị Lan", "Công chức một cửa"}, {"Trần Văn Minh", "Chuyên viên"},
	{"Lê Thị Hồng", "Công chức tư pháp - hộ tịch"}, {"Phạm Quốc Bảo", "Chuyên viên"},
	{"Võ Thị Thu", "Công chức một cửa"}, {"Hoàng Minh Đức", "Công chức địa chính"},
}

func ocEmployeesOf(as []portal.Agency, agency string) []map[string]any {
	out := []map[string]any{}
	for i, a := range as {
		if a.Code != agency {
			continue
		}
		for j := 0; j < 2; j++ {
			o := ocOfficerNames[(2*i+j)%len(ocOfficerNames)]
			out = append(out, map[string]any{"employeeId": 50000 + 10*i + j, "employeeNo": fmt.Sprintf("CB-%03d", 10*i+j),
				"fullName": o.name, "title": o.title, "gender": "", "email": "", "telNo": ""})
		}
	}
	return out
}
