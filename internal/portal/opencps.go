package portal

// The opencps/v2 dialect maps OpenCPS v2's public REST API onto the kiosk's
// model. This file holds the requests; opencps_wire.go the JSON shapes and
// opencps_map.go the mapping. Everything here was checked against the
// server's JAX-RS resources (VietOpenCPS/opencps-v2, modules/backend-*) and
// OpenCPS's own kiosk (VietOpenCPS/frontend-opencps-v2.1, onegate_21_kios);
// docs/opencps-mapping.md lists each field and call with its source.
//
//   - Incremental procedure sync: OpenCPS has no updated_since and no
//     tombstones. The client lists /serviceinfos with sort=modifiedDate and
//     order=true (ServiceInfoManagementImpl sorts on
//     "modifiedDate_String_sortable" and reverses only when order parses as
//     boolean true, so this is newest first) and stops at the first item
//     older than the cursor; deletions are only noticed by a full sync
//     (since zero), which the sync loop runs now and then. The cursor is the
//     portal's Date header when the listing started, minus a minute for
//     clock skew between the portal's servers.
//   - Paging is by start/end offsets; the page token carries the offset and
//     the listing's start time.
//   - Ratings have no idempotency key: the vote is sent once per question and
//     only repeated when the request provably never left the kiosk.
//   - Heartbeats do not exist (ErrUnsupported); queue tickets carry no
//     "people waiting" count.

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"regexp"
	"strconv"
	"strings"
	"sync"
	"time"
)

// Defaults for zero OpenCPSOptions fields.
const (
	// DefaultOpenCPSBasePath is the REST base every OpenCPS frontend calls
	// (onegate_21_kios store: endPoint '/o/rest/v2'); the newest backends
	// also serve /secure/rest/v2.
	DefaultOpenCPSBasePath = "/o/rest/v2"
	// DefaultOpenCPSReadyDays bounds the ready-to-collect list to results
	// released in the last month.
	DefaultOpenCPSReadyDays = 30
)

// DefaultOpenCPSReadySteps are the process step codes OpenCPS's kiosk asks
// for when it lists results ready to collect (onegate_21_kios store,
// loadingDataHoSoKQ: step '300,310,400'). Sites number their steps
// differently, hence OpenCPSOptions.ReadySteps.
var DefaultOpenCPSReadySteps = []string{"300", "310", "400"}

// OpenCPSOptions are the settings only the opencps/v2 dialect reads. The
// field list matches config.OpenCPS, so the wiring converts one into the
// other directly.
type OpenCPSOptions struct {
	// BasePath is the REST base under the site URL ("" means
	// DefaultOpenCPSBasePath).
	BasePath string
	// Token is sent as Liferay's "Token" header (the CSRF auth token some
	// deployments require on POST); "" sends none. Never logged.
	Token string
	// ReadySteps are the step codes of "result ready" (nil: the default).
	ReadySteps []string
	// ReadyDays is how far back the ready list reaches by release date (0:
	// DefaultOpenCPSReadyDays).
	ReadyDays int
	// StatusMap overrides the mapping of dossierStatus codes to the
	// national statuses 1..10.
	StatusMap map[string]int
	// VotingCriteria maps a voting question to the rating criterion it asks
	// about (see criterionOf): keys are a votingCode, templateNo or votingId,
	// or words of the subject; values a Rating.Criteria code or "overall".
	VotingCriteria map[string]string
}

type openCPS struct {
	t          *transport
	base       string
	groupID    string
	token      string
	readySteps []string
	readyDays  int
	statusMap  map[string]int
	criteria   map[string]string // folded VotingCriteria keys
	now        func() time.Time

	mu     sync.Mutex
	lastPK int64 // last booking classPK handed out
}

func newOpenCPS(o Options, base string) (*openCPS, error) {
	oc := o.OpenCPS
	bp := strings.TrimSpace(oc.BasePath)
	if bp == "" {
		bp = DefaultOpenCPSBasePath
	}
	bp = "/" + strings.Trim(bp, "/")
	if !strings.HasSuffix(base, bp) {
		base += bp
	}
	hdr := map[string]string{}
	if o.GroupID != "" {
		hdr["groupId"] = o.GroupID
	}
	if oc.Token != "" {
		hdr["Token"] = oc.Token
	}
	t, err := newTransport(o, base, hdr)
	if err != nil {
		return nil, err
	}
	steps := oc.ReadySteps
	if len(steps) == 0 {
		steps = DefaultOpenCPSReadySteps
	}
	days := oc.ReadyDays
	if days <= 0 {
		days = DefaultOpenCPSReadyDays
	}
	sm := make(map[string]int, len(oc.StatusMap))
	for k, v := range oc.StatusMap {
		sm[strings.ToLower(strings.TrimSpace(k))] = v
	}
	crit := make(map[string]string, len(oc.VotingCriteria))
	for k, v := range oc.VotingCriteria {
		if k = foldVN(k); k != "" {
			crit[k] = strings.TrimSpace(v)
		}
	}
	return &openCPS{t: t, base: base, groupID: o.GroupID, token: oc.Token, readySteps: steps,
		readyDays: days, statusMap: sm, criteria: crit, now: o.Now}, nil
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
		// GetterUtil.getBoolean: "true" reverses the sort (newest first);
		// "desc" would parse as false and give the oldest first.
		"order": {"true"},
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
	if len(l.Data) > size {
		// Refused, not cut: truncating would drop the rest of the page
		// while the next offset skips past it, so those procedures would
		// silently never reach the cache (Client.cleanPage, the kiosk/v1
		// dialect and sync refuse over-long pages the same way).
		return ProcedurePage{}, badResponse(op, resp.status, "page holds %d items, asked for %d", len(l.Data), size)
	}
	page := ProcedurePage{ServerTime: started, Total: max(l.Total, 0)}
	more := offset+len(l.Data) < l.Total && len(l.Data) > 0
	for _, si := range l.Data {
		if !since.IsZero() && !si.ModifiedDate.IsZero() && si.ModifiedDate.Before(since) {
			more = false // sorted newest first: the rest is older still
			break
		}
		if err := o.addFileTemplates(ctx, &si); err != nil {
			return ProcedurePage{}, err
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

// addFileTemplates fills in a listed procedure's forms from its detail:
// the list carries every text field but no fileTemplates
// (ServiceInfoUtils.mappingToServiceInfoResultModel; only
// mappingToServiceInfoDetailModel adds them), and without them the kiosk
// has no form to offer. That is one more request per procedure listed, so
// a full sync costs twice the requests and an incremental one only those of
// the changed procedures. A portal that is down, overloaded or too slow
// fails the page, which the sync retries from its page token; a detail the
// portal refuses or garbles leaves the procedure without forms.
func (o *openCPS) addFileTemplates(ctx context.Context, si *ocServiceInfo) error {
	if len(si.FileTemplates) > 0 || strings.TrimSpace(string(si.ServiceInfoID)) == "" {
		return nil
	}
	var d ocServiceInfo
	p := "/serviceinfos/" + url.PathEscape(strings.TrimSpace(string(si.ServiceInfoID)))
	_, err := o.t.getJSON(ctx, "GET /serviceinfos/{id}", p, nil, nil, &d)
	switch {
	case err == nil:
		if strings.EqualFold(strings.TrimSpace(d.ServiceCode), strings.TrimSpace(si.ServiceCode)) {
			si.FileTemplates = d.FileTemplates
		}
		return nil
	case ctx.Err() != nil:
		return ctx.Err()
	case errors.Is(err, ErrOffline) || errors.Is(err, ErrRateLimited):
		return err
	}
	o.t.log.Debug("opencps procedure detail unavailable; listed without forms", "code", si.ServiceCode, "err", err)
	return nil
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
	if strings.TrimSpace(si.ServiceCode) == "" {
		return Procedure{}, &Error{Op: "GET /serviceinfos/" + code, Status: 200, Err: ErrNotFound}
	}
	return o.mapProcedure(si), nil
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
	parents := map[string]bool{}
	for _, it := range items {
		if p := it.parentCode(); p != "" {
			parents[p] = true
		}
	}
	out := make([]Agency, 0, len(items))
	for _, it := range items {
		parent := it.parentCode()
		name := ocLine(it.ItemName)
		out = append(out, Agency{Code: it.ItemCode, Name: name,
			Kind: agencyKind(name, parent, parents[it.ItemCode]), ParentCode: parent})
	}
	return out, nil
}

func (o *openCPS) fields(ctx context.Context) ([]Field, error) {
	items, err := o.dictItems(ctx, "SERVICE_DOMAIN")
	if err != nil {
		return nil, err
	}
	out := make([]Field, 0, len(items))
	for _, it := range items {
		out = append(out, Field{Code: it.ItemCode, Name: ocLine(it.ItemName)})
	}
	return out, nil
}

// get203 sends a GET and decodes a 200 answer into v. HTTP 203 is OpenCPS's
// refusal (DossierManagementImpl.getDetailDossier answers a failed password
// check with 203 and a plain-text message; BusinessExceptionImpl answers a
// missing login with 203 and an ErrorMsgModel): it comes back as
// ok=false with the body's kind, for the caller to turn into an error.
func (o *openCPS) get203(ctx context.Context, op, path string, q url.Values, hdr map[string]string, v any) (refused, jsonBody bool, err error) {
	resp, err := o.t.do(ctx, request{method: http.MethodGet, path: path, query: q, header: hdr, op: op})
	if err != nil {
		return false, false, err
	}
	if resp.status == http.StatusNonAuthoritativeInfo {
		var em ocErrorMsg
		return true, json.Unmarshal(resp.body, &em) == nil && (em.Message != "" || em.Code != 0), nil
	}
	return false, false, decodeJSON(op, resp, v)
}

// dossier looks a dossier up by its number:
//   - with the receipt's secret: GET /dossiers/{dossierNo} with the
//     secretCode header (getDetailDossier; OpenCPS's kiosk sends it the same
//     way, getDossierDetailPass). 203 means the password check failed, which
//     OpenCPS also answers for an unknown number, so the public list is
//     asked whether the number exists to tell ErrNotFound from
//     ErrWrongSecret;
//   - with the applicant's ID number: GET /dossiers?dossierNo=&applicantIdNo=
//     (OpenCPS's kiosk, loadingDataHoSo): the server matches both, so an
//     empty answer for a number that exists is ErrWrongSecret;
//   - with neither: the detail without a secret, which OpenCPS refuses with
//     203 and a login error: ErrSecretRequired.
func (o *openCPS) dossier(ctx context.Context, code string, q DossierQuery) (Dossier, error) {
	op := "GET /dossiers/{dossierNo}"
	if q.IDNumber != "" && q.Secret == "" {
		return o.dossierByApplicant(ctx, code, q.IDNumber)
	}
	hdr := map[string]string{}
	if q.Secret != "" {
		hdr["secretCode"] = q.Secret
	}
	var od ocDossier
	refused, jsonBody, err := o.get203(ctx, op, "/dossiers/"+url.PathEscape(code), nil, hdr, &od)
	switch {
	case err != nil:
		var pe *Error
		if errors.As(err, &pe) && pe.Status == http.StatusForbidden {
			// BusinessExceptionImpl: any other failure, an unknown number
			// among them, is 403 "No Content".
			pe.Err = ErrNotFound
		}
		return Dossier{}, err
	case refused && q.Secret == "":
		return Dossier{}, &Error{Op: op, Status: 203, Err: ErrSecretRequired}
	case refused && jsonBody:
		return Dossier{}, &Error{Op: op, Status: 203, Err: ErrSecretRequired, Message: "the portal refused the secret as a login"}
	case refused:
		if n, err := o.countByNumber(ctx, code); err == nil && n == 0 {
			return Dossier{}, &Error{Op: op, Status: 203, Err: ErrNotFound}
		}
		return Dossier{}, &Error{Op: op, Status: 203, Err: ErrWrongSecret}
	}
	if !strings.EqualFold(strings.TrimSpace(od.DossierNo), code) {
		return Dossier{}, &Error{Op: op, Status: 200, Err: ErrNotFound}
	}
	d := o.mapDossier(od)
	d.Detailed = true
	if od.DossierID != "" {
		d.Steps, d.CurrentStep = o.sequences(ctx, string(od.DossierID), d)
	}
	return d, nil
}

func (o *openCPS) dossierByApplicant(ctx context.Context, code, idNumber string) (Dossier, error) {
	const op = "GET /dossiers?dossierNo=&applicantIdNo="
	var l ocList[ocDossier]
	q := url.Values{"dossierNo": {code}, "applicantIdNo": {normID(idNumber)}, "start": {"0"}, "end": {"10"}}
	refused, _, err := o.get203(ctx, op, "/dossiers", q, nil, &l)
	if err != nil {
		return Dossier{}, err
	}
	if refused {
		return Dossier{}, &Error{Op: op, Status: 203, Err: ErrSecretRequired}
	}
	for _, od := range capSlice(l.Data, 10) {
		if !strings.EqualFold(strings.TrimSpace(od.DossierNo), code) {
			continue // the index matches dossierNo loosely
		}
		d := o.mapDossier(od)
		d.Detailed = true
		if od.DossierID != "" {
			d.Steps, d.CurrentStep = o.sequences(ctx, string(od.DossierID), d)
		}
		return d, nil
	}
	if n, err := o.countByNumber(ctx, code); err == nil && n > 0 {
		return Dossier{}, &Error{Op: op, Status: 200, Err: ErrWrongSecret, Message: "ID number does not match"}
	}
	return Dossier{}, &Error{Op: op, Status: 200, Err: ErrNotFound}
}

// countByNumber asks the public list how many dossiers carry this exact
// number.
func (o *openCPS) countByNumber(ctx context.Context, code string) (int, error) {
	var l ocList[ocDossier]
	q := url.Values{"dossierNo": {code}, "start": {"0"}, "end": {"10"}}
	if _, err := o.t.getJSON(ctx, "GET /dossiers?dossierNo=", "/dossiers", q, nil, &l); err != nil {
		return 0, err
	}
	n := 0
	for _, od := range capSlice(l.Data, 10) {
		if strings.EqualFold(strings.TrimSpace(od.DossierNo), code) {
			n++
		}
	}
	return n, nil
}

func normID(s string) string { return strings.ToUpper(strings.Join(strings.Fields(s), "")) }

// sequences fetches the processing steps and returns them with the current
// step's name; failure only loses the timeline. The server marks the
// sequence of the dossier's last action with statusText; the ones before it
// are done, and everything is done once the result is out.
func (o *openCPS) sequences(ctx context.Context, id string, d Dossier) ([]DossierStep, string) {
	var l ocList[ocSequence]
	p := "/dossiers/" + url.PathEscape(id) + "/sequences"
	if _, err := o.t.getJSON(ctx, "GET /dossiers/{id}/sequences", p, nil, nil, &l); err != nil {
		o.t.log.Debug("opencps dossier steps unavailable", "err", err)
		return nil, d.CurrentStep
	}
	seqs := capSlice(l.Data, maxDossierSteps)
	finished := d.Status >= StatusDone
	cur := -1
	for i, s := range seqs {
		if strings.TrimSpace(s.StatusText) != "" {
			cur = i
		}
	}
	current := d.CurrentStep
	steps := make([]DossierStep, 0, len(seqs))
	for i, s := range seqs {
		name := ocLine(s.SequenceName)
		if name == "" {
			continue
		}
		st := DossierStep{Name: name, Done: finished || (cur >= 0 && i < cur)}
		if !s.StartDate.IsZero() && (st.Done || i == cur) {
			at := s.StartDate.Time
			st.At = &at
		}
		if i == cur && !finished {
			current = name
		}
		steps = append(steps, st)
	}
	return steps, current
}

// readyDossiers lists results ready to collect the way OpenCPS's kiosk does
// (onegate_21_kios store, loadingDataHoSoKQ): /dossiers/publish/searchDossiers
// with the site's step codes and release-date bounds in dd/MM/yyyy
// (DossierManagementImpl converts them with
// APIDateTimeUtils.convertNormalDateToLuceneDate). The code prefix is also
// checked here because the keyword search matches anywhere.
func (o *openCPS) readyDossiers(ctx context.Context, agency, prefix string) ([]ReadyDossier, error) {
	today := o.now().In(Vietnam)
	q := url.Values{
		"step":            {strings.Join(o.readySteps, ",")},
		"fromReleaseDate": {today.AddDate(0, 0, -o.readyDays).Format("02/01/2006")},
		"toReleaseDate":   {today.Format("02/01/2006")},
		"start":           {"0"},
		"end":             {"500"},
	}
	if agency != "" {
		q.Set("agency", agency)
	}
	if prefix != "" {
		q.Set("keyword", prefix)
	}
	var l ocList[ocDossier]
	if _, err := o.t.getJSON(ctx, "GET /dossiers/publish/searchDossiers", "/dossiers/publish/searchDossiers", q, nil, &l); err != nil {
		return nil, err
	}
	out := make([]ReadyDossier, 0, len(l.Data))
	for _, od := range capSlice(l.Data, maxListItems) {
		if prefix != "" && !strings.HasPrefix(strings.ToUpper(od.DossierNo), strings.ToUpper(prefix)) {
			continue
		}
		if agency != "" && od.GovAgencyCode != "" && !strings.EqualFold(od.GovAgencyCode, agency) {
			continue
		}
		fin := od.FinishDate.Time
		if fin.IsZero() {
			fin = od.ReleaseDate.Time
		}
		out = append(out, ReadyDossier{Code: od.DossierNo, ProcedureName: ocLine(od.ServiceName), AgencyCode: od.GovAgencyCode,
			AgencyName: ocLine(od.GovAgencyName), Applicant: unshout(od.ApplicantName), FinishedAt: fin, PickupPlace: ocLine(od.GovAgencyName)})
	}
	return out, nil
}

// bookingClassName is the className of the kiosk's bookings; with a fresh
// classPK per ticket it never collides with OpenCPS's own (dossier, eform).
const bookingClassName = "kiosk"

// nextClassPK returns a classPK no earlier ticket of this process used:
// BookingManagementImpl.addBooking updates the booking with the same
// className and classPK instead of creating one, so a constant classPK
// would hand every citizen the same record. Milliseconds since the epoch
// keep it unique across restarts too.
func (o *openCPS) nextClassPK() int64 {
	o.mu.Lock()
	defer o.mu.Unlock()
	pk := o.now().UnixMilli()
	if pk <= o.lastPK {
		pk = o.lastPK + 1
	}
	o.lastPK = pk
	return pk
}

// takeTicket books a queue number with POST /bookings. The service code is
// sent as serviceCode and serviceGroupCode, the counter as gateNumber; the
// number is the booking's count (what OpenCPS's LaySoTuDong screen shows).
func (o *openCPS) takeTicket(ctx context.Context, r TicketRequest) (Ticket, error) {
	form := url.Values{
		"className":        {bookingClassName},
		"classPK":          {strconv.FormatInt(o.nextClassPK(), 10)},
		"serviceCode":      {r.ServiceCode},
		"serviceGroupCode": {r.ServiceCode},
		"gateNumber":       {r.Counter},
		"bookingName":      {r.KioskID},
		"state":            {"0"},
		"online":           {"false"},
	}
	var b ocBooking
	if _, err := o.t.sendForm(ctx, "POST /bookings", "/bookings", retryUnsent, form, &b); err != nil {
		return Ticket{}, err
	}
	t := Ticket{ServiceCode: r.ServiceCode, Counter: string(b.GateNumber), IssuedAt: b.CreateDate.Time,
		WaitingUnknown: true} // BookingDataModel has no queue length
	if b.Count > 0 {
		t.Number = strconv.FormatInt(int64(b.Count), 10)
	}
	if b.ServiceGroupCode != "" {
		t.ServiceCode = b.ServiceGroupCode
	}
	if t.IssuedAt.IsZero() {
		t.IssuedAt = o.now()
	}
	return t, nil
}

// ratingSubject names what a rating is about, as OpenCPS's kiosk does:
// className "dossier" with the numeric dossierId (ChiTietHoSo), "employee"
// with an employeeId (ChiTietDanhGiaCanBo), or "govagency" with the agency
// code (ChiTietDanhGiaCLDV). A dossier number is turned into its id with the
// public list; an officer must already be an employeeId (see Officers).
func (o *openCPS) ratingSubject(ctx context.Context, r Rating) (className, classPK string, err error) {
	switch {
	case r.DossierCode != "":
		if allDigits(r.DossierCode) {
			return "dossier", r.DossierCode, nil
		}
		var l ocList[ocDossier]
		q := url.Values{"dossierNo": {r.DossierCode}, "start": {"0"}, "end": {"10"}}
		if _, err := o.t.getJSON(ctx, "GET /dossiers?dossierNo=", "/dossiers", q, nil, &l); err != nil {
			return "", "", err
		}
		for _, od := range l.Data {
			if strings.EqualFold(strings.TrimSpace(od.DossierNo), r.DossierCode) && od.DossierID != "" {
				return "dossier", string(od.DossierID), nil
			}
		}
		return "", "", &Error{Op: "rating", Err: ErrNotFound, Message: "the portal does not know the rated dossier"}
	case allDigits(strings.TrimSpace(r.Officer)):
		return "employee", strings.TrimSpace(r.Officer), nil
	case agencyCodeRE.MatchString(strings.TrimSpace(r.Counter)):
		return "govagency", strings.TrimSpace(r.Counter), nil
	}
	// A counter label ("1–2", "5") or an officer's typed name is no
	// OpenCPS subject: rated as one, the server would list no questions
	// and the vote could never be delivered. The centre is rated instead
	// (the typed name goes with the comment, see submitRating).
	return "govagency", o.groupID, nil
}

// agencyCodeRE is an agency's electronic id ("000.00.15.H29"), the classPk
// of a govagency rating; a counter label never has this shape.
var agencyCodeRE = regexp.MustCompile(`^[0-9A-Za-z]{1,8}(\.[0-9A-Za-z]{1,8}){2,5}$`)

// submitRating answers every voting question of the subject, each with the
// score of the criterion it asks about (criterionOf), else the overall
// score. The comment goes with the first question that takes comments
// (VotingResultInputModel: comment, selected, email).
func (o *openCPS) submitRating(ctx context.Context, r Rating) (RatingReceipt, error) {
	className, classPK, err := o.ratingSubject(ctx, r)
	if err != nil {
		return RatingReceipt{}, err
	}
	if classPK == "" {
		classPK = "0"
	}
	var qs ocList[ocVoting]
	p := "/postal/votings/" + url.PathEscape(className) + "/" + url.PathEscape(classPK)
	if _, err := o.t.getJSON(ctx, "GET /postal/votings/{className}/{classPk}", p, nil, nil, &qs); err != nil {
		return RatingReceipt{}, err
	}
	questions := make([]ocVoting, 0, len(qs.Data))
	for _, q := range capSlice(qs.Data, 50) {
		if q.VotingID != "" && len(q.Choices) > 0 {
			questions = append(questions, q)
		}
	}
	withComment := 0 // the first question that takes comments, else the first
	for i, q := range questions {
		if q.Commentable {
			withComment = i
			break
		}
	}
	sent := 0
	comment := strings.TrimSpace(r.Comment)
	if officer := strings.TrimSpace(r.Officer); officer != "" && !allDigits(officer) {
		// A name typed on the kiosk cannot be an employeeId; it stays with
		// the vote as text rather than being dropped.
		comment = strings.TrimSpace("Cán bộ: " + cleanText(officer, maxNameRunes) + ". " + comment)
	}
	for i, q := range questions {
		score := r.Overall
		if s, ok := r.Criteria[o.criterionOf(q, r.Criteria)]; ok {
			score = s
		}
		form := url.Values{
			"className":  {className},
			"classPk":    {classPK},
			"selected":   {strconv.Itoa(choiceFor(q.Choices, score))},
			"votingCode": {q.VotingCode},
			"email":      {""},
		}
		if i == withComment && comment != "" {
			form.Set("comment", comment)
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

// criterionOf names the kiosk criterion a voting question asks about, ""
// for none (the overall score). A stock server lists no votingCode
// (VotingUtils.mappingVotingDocList sets subject, templateNo, choices and
// the counts only), and every subject's questions are fresh copies of the
// site's template questions with new votingIds (VotingActionsImpl
// .getVotingList copies subject, templateNo and votingCode), so a question
// is known by, in this order:
//  1. the site's voting_criteria: its votingCode, templateNo or votingId
//     exactly, else the longest key found among the subject's words;
//  2. its votingCode, when the server lists one (a patched site) and the
//     rating has a criterion of that very code;
//  3. its subject read for what it asks: "thái độ" (attitude), "thời
//     gian" / "thời hạn" / "đúng hẹn" (time), "hướng dẫn" (guidance).
//
// Position is never used: the order is the template's creation order, which
// differs per site.
func (o *openCPS) criterionOf(q ocVoting, rated map[string]int) string {
	for _, k := range []string{q.VotingCode, q.TemplateNo, string(q.VotingID)} {
		if c, ok := o.criteria[foldVN(k)]; ok && strings.TrimSpace(k) != "" {
			return c
		}
	}
	subject := " " + foldVN(q.Subject) + " "
	best, bestLen := "", 0
	for k, c := range o.criteria {
		if len(k) > bestLen && strings.Contains(subject, " "+k+" ") {
			best, bestLen = c, len(k)
		}
	}
	if bestLen > 0 {
		return best
	}
	if _, ok := rated[q.VotingCode]; ok && q.VotingCode != "" {
		return q.VotingCode
	}
	for _, w := range subjectCriteria {
		if strings.Contains(subject, " "+w.words+" ") {
			return w.criterion
		}
	}
	return ""
}

// subjectCriteria are the words of a question's subject (folded) that tell
// which criterion of the rating screen it asks about.
var subjectCriteria = []struct{ words, criterion string }{
	{"thai do", "attitude"}, {"tac phong", "attitude"}, {"giao tiep", "attitude"},
	{"thoi gian", "time"}, {"thoi han", "time"}, {"dung hen", "time"}, {"tre hen", "time"},
	{"huong dan", "guidance"},
}

// mayRate asks /votings/checkpermission whether a guest who gives a dossier
// number and an ID number may rate (backend-api-rest VotingManagementImpl:
// hasPermission is true when a dossier matches both).
func (o *openCPS) mayRate(ctx context.Context, dossierCode, idNumber string) (bool, error) {
	var out struct {
		HasPermission bool `json:"hasPermission"`
	}
	q := url.Values{"dossierNo": {dossierCode}, "applicantIdNo": {normID(idNumber)}}
	if _, err := o.t.getJSON(ctx, "GET /votings/checkpermission", "/votings/checkpermission", q, nil, &out); err != nil {
		return false, err
	}
	return out.HasPermission, nil
}

// officers lists an agency's officers from /employees/publish/{agency}
// (OpenCPS's kiosk, loadEmployees), in the server's order.
func (o *openCPS) officers(ctx context.Context, agency string) ([]Officer, error) {
	var l ocList[ocEmployee]
	p := "/employees/publish/" + url.PathEscape(agency)
	if _, err := o.t.getJSON(ctx, "GET /employees/publish/{agency}", p, url.Values{"start": {"0"}, "end": {"200"}}, nil, &l); err != nil {
		return nil, err
	}
	out := make([]Officer, 0, len(l.Data))
	for _, e := range capSlice(l.Data, maxListItems) {
		id := strings.TrimSpace(string(e.EmployeeID))
		name := cleanText(ocLine(e.FullName), maxNameRunes)
		if id == "" || name == "" {
			continue
		}
		out = append(out, Officer{ID: id, Name: name, Title: cleanText(ocLine(e.Title), maxNameRunes)})
	}
	return out, nil
}

func (o *openCPS) heartbeat(context.Context, Heartbeat) error {
	return &Error{Op: "heartbeat", Err: ErrUnsupported, Message: "OpenCPS v2 has no kiosk heartbeat endpoint"}
}
