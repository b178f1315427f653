package portal

// The opencps/v2 dialect maps OpenCPS v2's public REST API (/o/rest/v2) onto
// the kiosk's model. Field names follow OpenCPS's ServiceInfo, Dossier,
// DictItem, Booking and Voting resources. Where OpenCPS has no equivalent the
// mapping is an approximation, documented at each method:
//
//   - Incremental procedure sync: OpenCPS has no updated_since and no
//     tombstones. The client lists /serviceinfos sorted by modifiedDate
//     descending and stops at the first item older than the cursor; deletions
//     are only noticed by a full sync (since zero), which the sync loop runs
//     now and then. The cursor is the portal's Date header when the listing
//     started, minus a minute for clock skew between the portal's servers.
//   - Paging is by start/end offsets; the page token carries the offset and
//     the listing's start time.
//   - Ratings have no idempotency key: the vote is sent once per question and
//     only repeated when the request provably never left the kiosk.
//   - Heartbeats do not exist (ErrUnsupported); queue tickets carry no
//     "people waiting" count.

import (
	"bytes"
	"context"
	"crypto/subtle"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"time"
)

const openCPSBasePath = "/o/rest/v2"

// vnZone is Vietnam's time zone (UTC+7, no DST); OpenCPS writes local times.
var vnZone = time.FixedZone("ICT", 7*3600)

type openCPS struct {
	t       *transport
	base    string
	groupID string
	now     func() time.Time
}

// ocList is OpenCPS's list envelope.
type ocList[T any] struct {
	Total int `json:"total"`
	Data  []T `json:"data"`
}

// ocTime accepts OpenCPS dates: epoch milliseconds (number or string),
// "dd/MM/yyyy HH:mm:ss", "dd/MM/yyyy HH:mm", "dd/MM/yyyy", RFC 3339 or
// "yyyy-MM-dd HH:mm:ss". Anything else, and empty values, are the zero time.
type ocTime struct{ time.Time }

func (t *ocTime) UnmarshalJSON(b []byte) error {
	t.Time = time.Time{}
	b = bytes.TrimSpace(b)
	if len(b) == 0 || string(b) == "null" {
		return nil
	}
	if b[0] == '"' {
		var s string
		if err := json.Unmarshal(b, &s); err != nil {
			return nil
		}
		t.Time = parseOpenCPSTime(s)
		return nil
	}
	if ms, err := strconv.ParseFloat(string(b), 64); err == nil {
		t.Time = fromMillis(ms)
	}
	return nil
}

func fromMillis(ms float64) time.Time {
	// Refuse the absurd (before 1990 or after 2200): a fuzzer or a broken
	// portal must not produce dates the screen cannot show.
	if ms < 631152000000 || ms > 7258118400000 || math.IsNaN(ms) {
		return time.Time{}
	}
	return time.UnixMilli(int64(ms)).In(vnZone)
}

var ocLayouts = []string{"02/01/2006 15:04:05", "02/01/2006 15:04", "02/01/2006", "2006-01-02 15:04:05", "2006-01-02"}

func parseOpenCPSTime(s string) time.Time {
	s = strings.TrimSpace(s)
	if s == "" {
		return time.Time{}
	}
	if ms, err := strconv.ParseFloat(s, 64); err == nil {
		return fromMillis(ms)
	}
	if t, err := time.Parse(time.RFC3339, s); err == nil {
		return t
	}
	for _, l := range ocLayouts {
		if t, err := time.ParseInLocation(l, s, vnZone); err == nil {
			return t
		}
	}
	return time.Time{}
}

// ocInt accepts a number or a numeric string.
type ocInt int64

func (n *ocInt) UnmarshalJSON(b []byte) error {
	*n = 0
	s := strings.Trim(string(bytes.TrimSpace(b)), `"`)
	if f, err := strconv.ParseFloat(strings.TrimSpace(s), 64); err == nil && !math.IsNaN(f) && math.Abs(f) < 1e15 {
		*n = ocInt(f)
	}
	return nil
}

// ocString accepts a string or a number (ids are either in OpenCPS).
type ocString string

func (s *ocString) UnmarshalJSON(b []byte) error {
	*s = ""
	b = bytes.TrimSpace(b)
	if len(b) > 0 && b[0] == '"' {
		var v string
		if err := json.Unmarshal(b, &v); err != nil {
			return err
		}
		*s = ocString(v)
		return nil
	}
	if string(b) != "null" {
		*s = ocString(b)
	}
	return nil
}

type ocServiceInfo struct {
	ServiceInfoID      ocString `json:"serviceInfoId"`
	ServiceCode        string   `json:"serviceCode"`
	ServiceName        string   `json:"serviceName"`
	ProcessText        string   `json:"processText"`
	MethodText         string   `json:"methodText"`
	DossierText        string   `json:"dossierText"`
	ConditionText      string   `json:"conditionText"`
	DurationText       string   `json:"durationText"`
	ApplicantText      string   `json:"applicantText"`
	ResultText         string   `json:"resultText"`
	RegularText        string   `json:"regularText"`
	FeeText            string   `json:"feeText"`
	AdministrationCode string   `json:"administrationCode"`
	AdministrationName string   `json:"administrationName"`
	DomainCode         string   `json:"domainCode"`
	DomainName         string   `json:"domainName"`
	MaxLevel           ocInt    `json:"maxLevel"`
	ModifiedDate       ocTime   `json:"modifiedDate"`
	FileTemplates      []struct {
		TemplateNo   ocString `json:"templateNo"`
		TemplateName string   `json:"templateName"`
	} `json:"fileTemplates"`
	ServiceConfigs []struct {
		GovAgencyCode      string `json:"govAgencyCode"`
		GovAgencyName      string `json:"govAgencyName"`
		ServiceLevel       ocInt  `json:"serviceLevel"`
		ServiceURL         string `json:"serviceUrl"`
		ServiceInstruction string `json:"serviceInstruction"`
	} `json:"serviceConfigs"`
}

type ocDossier struct {
	DossierID         ocString `json:"dossierId"`
	DossierNo         string   `json:"dossierNo"`
	ServiceCode       string   `json:"serviceCode"`
	ServiceName       string   `json:"serviceName"`
	GovAgencyCode     string   `json:"govAgencyCode"`
	GovAgencyName     string   `json:"govAgencyName"`
	ApplicantName     string   `json:"applicantName"`
	ApplicantIDNo     string   `json:"applicantIdNo"`
	DossierStatus     string   `json:"dossierStatus"`
	DossierStatusText string   `json:"dossierStatusText"`
	SubmitDate        ocTime   `json:"submitDate"`
	ReceiveDate       ocTime   `json:"receiveDate"`
	DueDate           ocTime   `json:"dueDate"`
	ExtendDate        ocTime   `json:"extendDate"`
	FinishDate        ocTime   `json:"finishDate"`
	ReleaseDate       ocTime   `json:"releaseDate"`
	DossierNote       string   `json:"dossierNote"`
	StepName          string   `json:"stepName"`
	PaymentFee        ocInt    `json:"paymentFee"`
}

type ocDictItem struct {
	ItemCode       string `json:"itemCode"`
	ItemName       string `json:"itemName"`
	ParentItemCode string `json:"parentItemCode"`
	Address        string `json:"address"`
	TelNo          string `json:"telNo"`
}

// openCPSStatus maps OpenCPS dossierStatus codes to national statuses.
var openCPSStatus = map[string]int{
	"new":            StatusNew,
	"collecting":     StatusNew,
	"receiving":      StatusNew, // waiting to be received
	"received":       StatusAccepted,
	"processing":     StatusProcessing,
	"handover":       StatusProcessing,
	"correcting":     StatusProcessing,
	"interoperating": StatusProcessing,
	"waiting":        StatusNeedsDocuments, // chờ bổ sung
	"paying":         StatusNeedsPayment,
	"cancelling":     StatusWithdrawn,
	"cancelled":      StatusWithdrawn,
	"denied":         StatusRejected,
	"pausing":        StatusStopped,
	"unresolved":     StatusStopped,
	"releasing":      StatusDone, // result ready to collect
	"posting":        StatusDone, // result being sent by post
	"done":           StatusReturned,
}

// OpenCPSStatus maps an OpenCPS dossierStatus code to a national status
// (1..10). Unknown codes count as "being processed" once the dossier was
// received, and as new before; ok reports whether the code was known.
func OpenCPSStatus(code string, received bool) (status int, ok bool) {
	if s, ok := openCPSStatus[strings.ToLower(strings.TrimSpace(code))]; ok {
		return s, true
	}
	if received {
		return StatusProcessing, false
	}
	return StatusNew, false
}

func (o *openCPS) health(ctx context.Context) error {
	var l ocList[json.RawMessage]
	_, err := o.t.getJSON(ctx, "GET /serviceinfos", "/serviceinfos", url.Values{"start": {"0"}, "end": {"1"}}, nil, &l)
	return err
}

func (o *openCPS) procedures(ctx context.Context, since time.Time, token string, size int) (ProcedurePage, error) {
	const op = "GET /serviceinfos"
	offset, started, err := parseOCToken(token)
	if err != nil {
		return ProcedurePage{}, &Error{Op: op, Err: ErrBadRequest, Message: "invalid page token"}
	}
	q := url.Values{
		"start": {strconv.Itoa(offset)},
		"end":   {strconv.Itoa(offset + size)},
		"sort":  {"modifiedDate"},
		"order": {"desc"},
	}
	var l ocList[ocServiceInfo]
	resp, err := o.t.getJSON(ctx, op, "/serviceinfos", q, nil, &l)
	if err != nil {
		return ProcedurePage{}, err
	}
	if started.IsZero() {
		started = o.now()
		if d, err := http.ParseTime(resp.header.Get("Date")); err == nil {
			started = d
		}
		started = started.Add(-time.Minute).UTC().Truncate(time.Second)
	}
	page := ProcedurePage{ServerTime: started, Total: max(l.Total, 0)}
	more := offset+len(l.Data) < l.Total && len(l.Data) > 0
	for _, si := range capSlice(l.Data, maxPageItems) {
		if !since.IsZero() && !si.ModifiedDate.IsZero() && si.ModifiedDate.Before(since) {
			more = false // sorted newest first: the rest is older still
			break
		}
		page.Items = append(page.Items, o.mapProcedure(si))
	}
	if !since.IsZero() {
		page.Total = 0 // unknown: only the changed part is listed
	}
	if more {
		page.NextPageToken = fmt.Sprintf("o%d.%d", offset+len(l.Data), started.Unix())
	}
	return page, nil
}

func parseOCToken(tok string) (int, time.Time, error) {
	if tok == "" {
		return 0, time.Time{}, nil
	}
	off, ts, ok := strings.Cut(strings.TrimPrefix(tok, "o"), ".")
	n, err1 := strconv.Atoi(off)
	sec, err2 := strconv.ParseInt(ts, 10, 64)
	if !ok || !strings.HasPrefix(tok, "o") || err1 != nil || err2 != nil || n < 0 || n > 10_000_000 || sec <= 0 {
		return 0, time.Time{}, errors.New("bad token")
	}
	return n, time.Unix(sec, 0).UTC(), nil
}

func (o *openCPS) procedure(ctx context.Context, code string) (Procedure, error) {
	var si ocServiceInfo
	_, err := o.t.getJSON(ctx, "GET /serviceinfos/"+code, "/serviceinfos/"+url.PathEscape(code), nil, nil, &si)
	if err != nil {
		return Procedure{}, err
	}
	return o.mapProcedure(si), nil
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
		Name:       strings.Join(HTMLToText(si.ServiceName), " "),
		AgencyCode: si.AdministrationCode,
		AgencyName: si.AdministrationName,
		FieldCode:  si.DomainCode,
		FieldName:  si.DomainName,
		Steps:      HTMLToText(si.ProcessText),
		Conditions: HTMLToText(si.ConditionText),
		LegalBasis: HTMLToText(si.RegularText),
		Applicants: strings.Join(HTMLToText(si.ApplicantText), "; "),
		Result:     strings.Join(HTMLToText(si.ResultText), "; "),
		UpdatedAt:  si.ModifiedDate.Time,
	}
	level := int(si.MaxLevel)
	var places []string
	for _, sc := range capSlice(si.ServiceConfigs, maxSubItems) {
		level = max(level, int(sc.ServiceLevel))
		if sc.GovAgencyName != "" {
			places = append(places, sc.GovAgencyName)
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
	durLines := HTMLToText(si.DurationText)
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
	for _, l := range HTMLToText(si.FeeText) {
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
	method := HTMLToText(si.MethodText)
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

	for _, l := range HTMLToText(si.DossierText) {
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
		if ft.TemplateName == "" || ft.TemplateNo == "" || si.ServiceInfoID == "" {
			continue
		}
		p.Forms = append(p.Forms, Form{Name: ft.TemplateName,
			URL: o.base + "/serviceinfos/" + url.PathEscape(string(si.ServiceInfoID)) + "/filetemplates/" + url.PathEscape(string(ft.TemplateNo))})
	}
	return p
}

func (o *openCPS) dictItems(ctx context.Context, collection string) ([]ocDictItem, error) {
	var l ocList[ocDictItem]
	p := "/dictcollections/" + collection + "/dictitems"
	_, err := o.t.getJSON(ctx, "GET "+p, p, url.Values{"start": {"0"}, "end": {strconv.Itoa(maxListItems)}}, nil, &l)
	return l.Data, err
}

func (o *openCPS) agencies(ctx context.Context) ([]Agency, error) {
	items, err := o.dictItems(ctx, "GOVERNMENT_AGENCY")
	if err != nil {
		return nil, err
	}
	out := make([]Agency, 0, len(items))
	for _, it := range items {
		out = append(out, Agency{Code: it.ItemCode, Name: it.ItemName, Kind: agencyKind(it.ItemName, it.ParentItemCode),
			ParentCode: it.ParentItemCode, Address: it.Address, Phone: it.TelNo})
	}
	return out, nil
}

// agencyKind guesses the kind of agency from its official name and place in
// the tree, since the dictionary does not say: the root is the province.
func agencyKind(name, parent string) string {
	if strings.TrimSpace(parent) == "" {
		return "province"
	}
	n := strings.ToLower(strings.TrimSpace(name))
	n = strings.TrimPrefix(n, "ubnd ")
	n = strings.TrimPrefix(n, "ủy ban nhân dân ")
	n = strings.TrimPrefix(n, "uỷ ban nhân dân ")
	switch {
	case strings.HasPrefix(n, "tỉnh") || strings.HasPrefix(n, "thành phố trực thuộc"):
		return "province"
	case strings.HasPrefix(n, "xã") || strings.HasPrefix(n, "phường") || strings.HasPrefix(n, "thị trấn"):
		return "commune"
	case strings.HasPrefix(n, "huyện") || strings.HasPrefix(n, "quận") || strings.HasPrefix(n, "thị xã") || strings.HasPrefix(n, "thành phố"):
		return "district"
	default:
		return "department"
	}
}

func (o *openCPS) fields(ctx context.Context) ([]Field, error) {
	items, err := o.dictItems(ctx, "SERVICE_DOMAIN")
	if err != nil {
		return nil, err
	}
	out := make([]Field, 0, len(items))
	for _, it := range items {
		out = append(out, Field{Code: it.ItemCode, Name: it.ItemName})
	}
	return out, nil
}

// dossier looks a dossier up by its number. The secret goes in the secretCode
// header. OpenCPS has no ID-number lookup, so an ID number is compared with
// the dossier's applicantIdNo here, in constant time, and a mismatch is
// ErrWrongSecret; if the portal does not return applicantIdNo the summary is
// shown.
func (o *openCPS) dossier(ctx context.Context, code string, q DossierQuery) (Dossier, error) {
	op := "GET /dossiers/" + code
	hdr := map[string]string{}
	if q.Secret != "" {
		hdr["secretCode"] = q.Secret
	}
	var raw struct {
		ocDossier
		Data []ocDossier `json:"data"`
	}
	_, err := o.t.getJSON(ctx, op, "/dossiers/"+url.PathEscape(code), nil, hdr, &raw)
	if err != nil {
		var pe *Error
		if q.Secret != "" && errors.As(err, &pe) && (pe.Status == 401 || pe.Status == 403) {
			pe.Err = ErrWrongSecret
		}
		return Dossier{}, err
	}
	od := raw.ocDossier
	if od.DossierNo == "" { // some deployments wrap the answer in a list
		for _, d := range raw.Data {
			if strings.EqualFold(d.DossierNo, code) {
				od = d
				break
			}
		}
		if od.DossierNo == "" {
			return Dossier{}, &Error{Op: op, Status: 200, Err: ErrNotFound}
		}
	}
	d := o.mapDossier(od)
	switch {
	case q.Secret != "":
		d.Detailed = true
	case q.IDNumber != "" && od.ApplicantIDNo != "":
		if subtle.ConstantTimeCompare([]byte(normID(q.IDNumber)), []byte(normID(od.ApplicantIDNo))) != 1 {
			return Dossier{}, &Error{Op: op, Status: 200, Err: ErrWrongSecret, Message: "ID number does not match"}
		}
		d.Detailed = true
	}
	if d.Detailed && od.DossierID != "" {
		d.Steps = o.sequences(ctx, string(od.DossierID), d)
	}
	return d, nil
}

func normID(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

func (o *openCPS) mapDossier(od ocDossier) Dossier {
	received := !od.ReceiveDate.IsZero()
	status, known := OpenCPSStatus(od.DossierStatus, received)
	d := Dossier{
		Code:          od.DossierNo,
		ProcedureCode: od.ServiceCode,
		ProcedureName: od.ServiceName,
		AgencyCode:    od.GovAgencyCode,
		AgencyName:    od.GovAgencyName,
		Status:        status,
		StatusLabel:   od.DossierStatusText,
		ReceivedAt:    od.ReceiveDate.Time,
		DueAt:         od.DueDate.Time,
		CurrentStep:   od.StepName,
		Note:          strings.Join(HTMLToText(od.DossierNote), " "),
		Fee:           int64(od.PaymentFee),
		Applicant:     od.ApplicantName,
		ApplicantID:   od.ApplicantIDNo,
		// OpenCPS returns results at the one-stop shop of the handling agency.
		PickupPlace: od.GovAgencyName,
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
	if !od.ReleaseDate.IsZero() {
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

// sequences fetches the processing steps; failure only loses the timeline.
func (o *openCPS) sequences(ctx context.Context, id string, d Dossier) []DossierStep {
	var l ocList[struct {
		SequenceNo   ocString `json:"sequenceNo"`
		SequenceName string   `json:"sequenceName"`
	}]
	p := "/dossiers/" + url.PathEscape(id) + "/sequences"
	if _, err := o.t.getJSON(ctx, "GET /dossiers/{id}/sequences", p, nil, nil, &l); err != nil {
		o.t.log.Debug("opencps dossier steps unavailable", "err", err)
		return nil
	}
	finished := d.Status >= StatusDone
	cur := -1
	for i, s := range l.Data {
		if d.CurrentStep != "" && strings.EqualFold(strings.TrimSpace(s.SequenceName), strings.TrimSpace(d.CurrentStep)) {
			cur = i
		}
	}
	steps := make([]DossierStep, 0, len(l.Data))
	for i, s := range capSlice(l.Data, maxDossierSteps) {
		if s.SequenceName == "" {
			continue
		}
		steps = append(steps, DossierStep{Name: s.SequenceName, Done: finished || i < cur})
	}
	return steps
}

// readyDossiers lists dossiers in status "releasing" (result ready to
// collect); the code prefix is also checked here because OpenCPS's keyword
// search matches anywhere.
func (o *openCPS) readyDossiers(ctx context.Context, agency, prefix string) ([]ReadyDossier, error) {
	q := url.Values{"status": {"releasing"}, "start": {"0"}, "end": {"500"}}
	if agency != "" {
		q.Set("agency", agency)
	}
	if prefix != "" {
		q.Set("keyword", prefix)
	}
	var l ocList[ocDossier]
	if _, err := o.t.getJSON(ctx, "GET /dossiers?status=releasing", "/dossiers", q, nil, &l); err != nil {
		return nil, err
	}
	out := make([]ReadyDossier, 0, len(l.Data))
	for _, od := range capSlice(l.Data, maxListItems) {
		if prefix != "" && !strings.HasPrefix(strings.ToUpper(od.DossierNo), strings.ToUpper(prefix)) {
			continue
		}
		fin := od.FinishDate.Time
		if fin.IsZero() {
			fin = od.ReleaseDate.Time
		}
		out = append(out, ReadyDossier{Code: od.DossierNo, ProcedureName: od.ServiceName, AgencyCode: od.GovAgencyCode,
			AgencyName: od.GovAgencyName, Applicant: od.ApplicantName, FinishedAt: fin, PickupPlace: od.GovAgencyName})
	}
	return out, nil
}

// takeTicket books a queue number with POST /bookings. The service code is
// sent as serviceGroupCode and the counter as gateNumber.
func (o *openCPS) takeTicket(ctx context.Context, r TicketRequest) (Ticket, error) {
	form := url.Values{
		"className":        {"kiosk"},
		"classPK":          {"0"},
		"serviceCode":      {r.ServiceCode},
		"serviceGroupCode": {r.ServiceCode},
		"gateNumber":       {r.Counter},
		"bookingName":      {r.KioskID},
		"state":            {"0"},
	}
	var b struct {
		CodeNumber       string   `json:"codeNumber"`
		GateNumber       ocString `json:"gateNumber"`
		ServiceGroupCode string   `json:"serviceGroupCode"`
		ServiceName      string   `json:"serviceName"`
		CreateDate       ocTime   `json:"createDate"`
	}
	if _, err := o.t.sendForm(ctx, "POST /bookings", "/bookings", retryUnsent, form, &b); err != nil {
		return Ticket{}, err
	}
	t := Ticket{Number: b.CodeNumber, ServiceCode: r.ServiceCode, ServiceName: b.ServiceName,
		Counter: string(b.GateNumber), IssuedAt: b.CreateDate.Time}
	if b.ServiceGroupCode != "" {
		t.ServiceCode = b.ServiceGroupCode
	}
	if t.IssuedAt.IsZero() {
		t.IssuedAt = o.now()
	}
	return t, nil
}

// ocChoices accepts choices as a JSON array or as one "#"-separated string.
type ocChoices []string

func (c *ocChoices) UnmarshalJSON(b []byte) error {
	*c = nil
	var arr []string
	if json.Unmarshal(b, &arr) == nil {
		*c = arr
		return nil
	}
	var s string
	if json.Unmarshal(b, &s) == nil && s != "" {
		*c = strings.Split(s, "#")
	}
	return nil
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

// submitRating answers every voting question of the subject: the dossier if
// the rating names one, else the officer, else the centre (className
// "govagency" with the site's groupId). A criterion whose code equals the
// question's votingCode gives that question's score; others get the overall
// score.
func (o *openCPS) submitRating(ctx context.Context, r Rating) (RatingReceipt, error) {
	className, classPK := "govagency", o.groupID
	switch {
	case r.DossierCode != "":
		className, classPK = "dossier", r.DossierCode
	case r.Officer != "":
		className, classPK = "employee", r.Officer
	}
	if classPK == "" {
		classPK = "0"
	}
	var qs ocList[struct {
		VotingID   ocString  `json:"votingId"`
		VotingCode string    `json:"votingCode"`
		Subject    string    `json:"subject"`
		Choices    ocChoices `json:"choices"`
	}]
	p := "/postal/votings/" + url.PathEscape(className) + "/" + url.PathEscape(classPK)
	if _, err := o.t.getJSON(ctx, "GET /postal/votings/{className}/{classPk}", p, nil, nil, &qs); err != nil {
		return RatingReceipt{}, err
	}
	sent := 0
	for _, q := range capSlice(qs.Data, 50) {
		if q.VotingID == "" || len(q.Choices) == 0 {
			continue
		}
		score := r.Overall
		if s, ok := r.Criteria[q.VotingCode]; ok && q.VotingCode != "" {
			score = s
		}
		form := url.Values{
			"className":  {className},
			"classPk":    {classPK},
			"selected":   {strconv.Itoa(VotingChoice(score, len(q.Choices)))},
			"votingCode": {q.VotingCode},
		}
		if _, err := o.t.sendForm(ctx, "POST /postal/votings/{id}/results",
			"/postal/votings/"+url.PathEscape(string(q.VotingID))+"/results", retryUnsent, form, nil); err != nil {
			return RatingReceipt{}, err
		}
		sent++
	}
	if sent == 0 {
		return RatingReceipt{}, &Error{Op: "rating", Err: ErrUnsupported, Message: "the portal has no voting questions for " + className}
	}
	return RatingReceipt{ID: r.ID, ReceivedAt: o.now()}, nil
}

func (o *openCPS) heartbeat(context.Context, Heartbeat) error {
	return &Error{Op: "heartbeat", Err: ErrUnsupported, Message: "OpenCPS v2 has no kiosk heartbeat endpoint"}
}
