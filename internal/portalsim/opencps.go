package portalsim

// The OpenCPS v2 dialect: the same dataset served in the shapes and with the
// behaviour of an OpenCPS v2 site (VietOpenCPS/opencps-v2,
// modules/backend-api-rest), so the whole kiosk can be driven against an
// OpenCPS-like server. What each endpoint mirrors is named at its handler;
// opencps_shapes.go turns the dataset into OpenCPS's JSON.

import (
	"crypto/subtle"
	"fmt"
	"html"
	"io"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"time"

	"kiosk/internal/portal"
)

// OpenCPSOptions configure the OpenCPS dialect.
type OpenCPSOptions struct {
	// GroupID is the site's groupId; requests with another answer as an
	// empty site does. "" accepts any.
	GroupID string
	// Token, when set, is required in the Token header of every POST, as
	// Liferay's auth token check does.
	Token string
	// BasePath is the REST base ("" means "/o/rest/v2").
	BasePath string
}

// ocState is what the OpenCPS dialect keeps beside the shared dataset:
// stable numeric ids, bookings and voting results.
type ocState struct {
	opts      OpenCPSOptions
	serviceID map[string]int64 // procedure code -> serviceInfoId
	dossierID map[string]int64 // dossier code -> dossierId
	bookings  map[string]*ocBookingRec
	counts    map[string]int // per serviceGroupCode: last count handed out
	results   []OCVote
	listed    []string // className/classPk of each voting list asked for
	created   time.Time
	nextID    int64
}

type ocBookingRec struct {
	id        int64
	className string
	classPK   int64
	service   string
	gate      string
	count     int
	created   time.Time
}

// OCVote is one voting result the OpenCPS dialect received.
// Comment, Selected and Email are stored HTML-escaped, as the server
// stores them.
type OCVote struct {
	VotingID  string `json:"votingId"`
	ClassName string `json:"className"`
	ClassPK   string `json:"classPk"`
	Selected  string `json:"selected"`
	Comment   string `json:"comment"`
	Email     string `json:"email"`
}

func newOCState(o OpenCPSOptions, ds *Dataset) *ocState {
	if o.BasePath == "" {
		o.BasePath = "/o/rest/v2"
	}
	o.BasePath = "/" + strings.Trim(o.BasePath, "/")
	st := &ocState{opts: o, serviceID: map[string]int64{}, dossierID: map[string]int64{},
		bookings: map[string]*ocBookingRec{}, counts: map[string]int{}, created: ds.Reference}
	codes := make([]string, 0, len(ds.Procedures))
	for _, p := range ds.Procedures {
		codes = append(codes, p.Code)
	}
	sort.Strings(codes)
	for i, c := range codes {
		st.serviceID[c] = 40001 + int64(i)
	}
	dcodes := make([]string, 0, len(ds.Dossiers))
	for _, d := range ds.Dossiers {
		dcodes = append(dcodes, strings.ToUpper(d.Code))
	}
	sort.Strings(dcodes)
	for i, c := range dcodes {
		st.dossierID[c] = 880001 + int64(i)
	}
	return st
}

func (s *Server) openCPSRoutes(m *http.ServeMux) {
	b := s.openCPS.opts.BasePath
	h := func(pattern string, f http.HandlerFunc) {
		method, path, _ := strings.Cut(pattern, " ")
		m.HandleFunc(method+" "+b+path, s.api(s.ocSite(f)))
	}
	h("GET /serviceinfos", s.ocServiceInfos)
	h("GET /serviceinfos/{id}", s.ocServiceInfo)
	// The form download takes no groupId (downloadFileTemplateOfServiceInfo
	// looks the template up by serviceInfoId and number alone), so the QR
	// code on the kiosk's screen opens it on a citizen's phone.
	m.HandleFunc("GET "+b+"/serviceinfos/{id}/filetemplates/{no}", s.api(s.ocDated(s.ocFileTemplate)))
	h("GET /dictcollections/{collection}/dictitems", s.ocDictItems)
	h("GET /dossiers", s.ocDossiers)
	h("GET /dossiers/publish/searchDossiers", s.ocSearchDossiers)
	h("GET /dossiers/{id}", s.ocDossierDetail)
	h("GET /dossiers/{id}/sequences", s.ocSequences)
	h("POST /bookings", s.ocAddBooking)
	h("GET /postal/votings/{className}/{classPk}", s.ocVotings)
	h("POST /postal/votings/{id}/results", s.ocVotingResult)
	h("GET /votings/checkpermission", s.ocCheckPermission)
	h("GET /employees/publish/{agency}", s.ocEmployees)
	m.HandleFunc("GET /admin/opencps/votes", s.ocAdminVotes)
	m.HandleFunc(b+"/", s.api(func(w http.ResponseWriter, r *http.Request) {
		writeJSON(w, http.StatusNotFound, ocError(404, "Not Found."))
	}))
}

// ocSite checks the groupId and the Token. A request for another site sees
// an empty one (GetterUtil.getLong of an unknown group gives results of
// group 0); a POST without the configured Token is refused with 403, as
// Liferay's AuthTokenUtil check does.
func (s *Server) ocSite(h http.HandlerFunc) http.HandlerFunc {
	return s.ocDated(func(w http.ResponseWriter, r *http.Request) {
		o := s.openCPS.opts
		if r.Method == http.MethodPost && o.Token != "" &&
			subtle.ConstantTimeCompare([]byte(r.Header.Get("Token")), []byte(o.Token)) != 1 {
			writeJSON(w, http.StatusForbidden, ocError(403, "No Content."))
			return
		}
		if o.GroupID != "" && r.Header.Get("groupId") != o.GroupID {
			if r.Method == http.MethodGet && !strings.Contains(r.URL.Path, "/dossiers/") {
				writeJSON(w, http.StatusOK, map[string]any{"total": 0, "data": []any{}})
				return
			}
			writeJSON(w, http.StatusForbidden, ocError(403, "No Content."))
			return
		}
		h(w, r)
	})
}

// ocDated sets the Date header from the simulator's clock: a real site's
// Date is its own clock, and the client's incremental cursor is read from
// it.
func (s *Server) ocDated(h http.HandlerFunc) http.HandlerFunc {
	return func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Date", s.now().UTC().Format(http.TimeFormat))
		h(w, r)
	}
}

// ocError is backend-auth ErrorMsgModel, BusinessExceptionImpl's body.
func ocError(code int, msg string) map[string]any {
	return map[string]any{"code": code, "message": msg, "description": msg}
}

// liferayBool is GetterUtil.getBoolean: only these words are true.
func liferayBool(v string) bool {
	switch strings.ToLower(strings.TrimSpace(v)) {
	case "true", "t", "y", "yes", "on", "1":
		return true
	}
	return false
}

// ocPage slices a list by start/end; end 0 means everything
// (ServiceInfoManagementImpl: QueryUtil.ALL_POS).
func ocPage[T any](items []T, q url.Values) map[string]any {
	start, _ := strconv.Atoi(q.Get("start"))
	end, _ := strconv.Atoi(q.Get("end"))
	total := len(items)
	if end == 0 {
		start, end = 0, total
	}
	start, end = min(max(start, 0), total), min(max(end, 0), total)
	end = max(end, start)
	return map[string]any{"total": total, "data": items[start:end]}
}

// ocServiceInfos mirrors ServiceInfoManagementImpl.getServiceInfos: sort on
// the field's string form (<field>_String_sortable; maxLevel as a number),
// reversed only when order is boolean true; default sort serviceCode.
func (s *Server) ocServiceInfos(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	items := make([]map[string]any, 0, len(s.procs))
	for _, p := range s.procs {
		if p.Deleted { // OpenCPS deletes rows; it has no tombstones
			continue
		}
		items = append(items, s.ocServiceInfoItem(p))
	}
	s.mu.Unlock()
	field := q.Get("sort")
	if field == "" {
		field = "serviceCode"
	}
	key := func(m map[string]any) string {
		if field == "maxLevel" {
			return fmt.Sprintf("%03d", m["maxLevel"])
		}
		v, _ := m[field].(string)
		return v
	}
	sort.SliceStable(items, func(i, j int) bool {
		if ki, kj := key(items[i]), key(items[j]); ki != kj {
			return ki < kj
		}
		return items[i]["serviceCode"].(string) < items[j]["serviceCode"].(string)
	})
	if liferayBool(q.Get("order")) {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	writeJSON(w, http.StatusOK, ocPage(items, q))
}

// ocServiceInfo mirrors getServiceInfoDetail: by id or by code.
func (s *Server) ocServiceInfo(w http.ResponseWriter, r *http.Request) {
	p, ok := s.ocFindService(r.PathValue("id"))
	if !ok {
		writeJSON(w, http.StatusNotFound, ocError(404, "Not Found."))
		return
	}
	s.mu.Lock()
	body := s.ocServiceInfoDetail(p)
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

func (s *Server) ocFindService(id string) (portal.Procedure, bool) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if p, ok := s.procs[id]; ok && !p.Deleted {
		return p, true
	}
	for code, n := range s.openCPS.serviceID {
		if strconv.FormatInt(n, 10) == id {
			p, ok := s.procs[code]
			return p, ok && !p.Deleted
		}
	}
	return portal.Procedure{}, false
}

// ocFileTemplate sends the form's file; the simulator, which has no files,
// redirects to the dataset's form URL. The id must be the numeric
// serviceInfoId (GetterUtil.getLong(id) in the Java), not the code.
func (s *Server) ocFileTemplate(w http.ResponseWriter, r *http.Request) {
	_, numeric := strconv.ParseInt(r.PathValue("id"), 10, 64)
	p, ok := s.ocFindService(r.PathValue("id"))
	if ok && numeric == nil {
		for i, d := range p.Documents {
			if d.FormURL != "" && ocTemplateNo(i) == r.PathValue("no") {
				http.Redirect(w, r, d.FormURL, http.StatusFound)
				return
			}
		}
	}
	writeJSON(w, http.StatusNotFound, ocError(404, "Not Found."))
}

// ocDictItems mirrors DictCollectionManagementImpl through
// DataManagementUtils: level and a one-element parentItem list.
func (s *Server) ocDictItems(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	var items []map[string]any
	switch r.PathValue("collection") {
	case "GOVERNMENT_AGENCY":
		items = ocAgencyItems(s.agencies)
	case "SERVICE_DOMAIN":
		for _, f := range s.fields {
			items = append(items, ocDictItem(f.Code, f.Name, 0, "", ""))
		}
	}
	s.mu.Unlock()
	if items == nil {
		items = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, ocPage(items, r.URL.Query()))
}

// ocDossiers mirrors DossierManagementImpl.getDossiers as the public kiosk
// uses it: dossierNo and applicantIdNo filter exactly.
func (s *Server) ocDossiers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	no, idNo := strings.ToUpper(strings.TrimSpace(q.Get("dossierNo"))), strings.TrimSpace(q.Get("applicantIdNo"))
	s.mu.Lock()
	var out []map[string]any
	for _, code := range s.ocSortedDossiers() {
		rec := s.dossiers[code]
		if no != "" && code != no {
			continue
		}
		if idNo != "" && subtle.ConstantTimeCompare([]byte(idNo), []byte(rec.ApplicantIDNumber)) != 1 {
			continue
		}
		out = append(out, s.ocDossierItem(rec))
	}
	s.mu.Unlock()
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, ocPage(out, q))
}

// ocSearchDossiers mirrors /dossiers/publish/searchDossiers as OpenCPS's
// kiosk calls it: step codes and release dates in dd/MM/yyyy.
func (s *Server) ocSearchDossiers(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	steps := map[string]bool{}
	for _, st := range strings.Split(q.Get("step"), ",") {
		if st = strings.TrimSpace(st); st != "" {
			steps[st] = true
		}
	}
	day := func(v string, end bool) time.Time {
		t, err := time.ParseInLocation("02/01/2006", strings.TrimSpace(v), portal.Vietnam)
		if err != nil {
			return time.Time{}
		}
		if end {
			t = t.AddDate(0, 0, 1)
		}
		return t
	}
	from, to := day(q.Get("fromReleaseDate"), false), day(q.Get("toReleaseDate"), true)
	kw := strings.ToUpper(strings.TrimSpace(q.Get("keyword")))
	agency := q.Get("agency")
	s.mu.Lock()
	var out []map[string]any
	for _, code := range s.ocSortedDossiers() {
		rec := s.dossiers[code]
		rel := s.ocReleased(rec)
		switch {
		case len(steps) > 0 && !steps[ocStepCode(rec.Status)]:
		case !from.IsZero() && (rel.IsZero() || rel.Before(from)):
		case !to.IsZero() && (rel.IsZero() || !rel.Before(to)):
		case kw != "" && !strings.Contains(code, kw):
		case agency != "" && rec.AgencyCode != agency:
		default:
			out = append(out, s.ocDossierPublishItem(rec))
		}
	}
	s.mu.Unlock()
	if out == nil {
		out = []map[string]any{}
	}
	writeJSON(w, http.StatusOK, ocPage(out, q))
}

// ocDossierDetail mirrors DossierManagementImpl.getDetailDossier: a
// password in the secretKey query or the secretCode header, else a login;
// a failed check (an unknown dossier too) is 203 with a text message, no
// password and no login is 203 with an ErrorMsgModel.
func (s *Server) ocDossierDetail(w http.ResponseWriter, r *http.Request) {
	secret := r.URL.Query().Get("secretKey")
	if secret == "" {
		secret = r.Header.Get("secretCode")
	}
	if secret == "" {
		writeJSON(w, http.StatusNonAuthoritativeInfo, ocError(203, "Non-Authoritative Information."))
		return
	}
	s.mu.Lock()
	rec, ok := s.ocFindDossier(r.PathValue("id"))
	var body map[string]any
	if ok && subtle.ConstantTimeCompare([]byte(secret), []byte(rec.Secret)) == 1 {
		body = s.ocDossierDetailItem(rec)
	}
	s.mu.Unlock()
	if body == nil {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(http.StatusNonAuthoritativeInfo)
		io.WriteString(w, "secretKey not sucess")
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// ocFindDossier finds a dossier by number or dossierId; call with mu held.
func (s *Server) ocFindDossier(id string) (DossierRecord, bool) {
	if rec, ok := s.dossiers[strings.ToUpper(strings.TrimSpace(id))]; ok {
		return rec, true
	}
	for code, n := range s.openCPS.dossierID {
		if strconv.FormatInt(n, 10) == id {
			rec, ok := s.dossiers[code]
			return rec, ok
		}
	}
	return DossierRecord{}, false
}

// ocSequences mirrors getDossierProcessSequencesJSON: statusText marks the
// sequence the dossier's last action is in.
func (s *Server) ocSequences(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	rec, ok := s.ocFindDossier(r.PathValue("id"))
	var body map[string]any
	if ok {
		body = s.ocSequencesBody(rec)
	}
	s.mu.Unlock()
	if !ok {
		writeJSON(w, http.StatusForbidden, ocError(403, "No Content."))
		return
	}
	writeJSON(w, http.StatusOK, body)
}

// ocAddBooking mirrors BookingManagementImpl.addBooking: the booking with
// the same className and classPK is updated, otherwise a new one gets the
// next count of its service group.
func (s *Server) ocAddBooking(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, ocError(400, "Bad Request."))
		return
	}
	f := r.PostForm
	pk, _ := strconv.ParseInt(f.Get("classPK"), 10, 64) // input.getClassPK() is a long
	group := f.Get("serviceGroupCode")
	if group == "" {
		group = f.Get("serviceCode")
	}
	key := f.Get("className") + "/" + strconv.FormatInt(pk, 10)
	s.mu.Lock()
	st := s.openCPS
	b, ok := st.bookings[key]
	if !ok {
		st.nextID++
		st.counts[group]++
		b = &ocBookingRec{id: 5500 + st.nextID, className: f.Get("className"), classPK: pk, count: st.counts[group], created: s.now()}
		st.bookings[key] = b
		s.stats.Tickets++
	}
	b.service, b.gate = group, f.Get("gateNumber")
	if b.gate == "" {
		b.gate = strconv.Itoa(1 + b.count%4)
	}
	body := map[string]any{
		"bookingId": b.id, "createDate": b.created.UnixMilli(), "modifiedDate": s.now().UnixMilli(),
		"className": b.className, "classPK": b.classPK, "serviceCode": f.Get("serviceCode"), "codeNumber": f.Get("codeNumber"),
		"bookingName": f.Get("bookingName"), "checkinDate": 0, "gateNumber": b.gate, "state": 0, "bookingDate": 0,
		"speaking": false, "serviceGroupCode": group, "count": b.count, "online": false, "bookingInTime": "",
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, body)
}

// ocVotingQuestions are the questions every subject gets, as an OpenCPS site
// configures them; choices are listed best first.
var ocVotingQuestions = []struct {
	id          int64
	code        string
	subject     string
	choices     []string
	commentable bool
}{
	{301, "CHUNG", "Ông/Bà đánh giá chung về việc giải quyết thủ tục hành chính", []string{"Rất hài lòng", "Hài lòng", "Không hài lòng"}, true},
	{302, "THAIDO", "Thái độ, tinh thần phục vụ của cán bộ", []string{"Rất hài lòng", "Hài lòng", "Bình thường", "Không hài lòng", "Rất không hài lòng"}, false},
}

// ocVotings mirrors backend-postal-api-rest VotingManagementImpl
// .getVotingList through VotingUtils.mappingVotingDocList: that mapper sets
// no votingCode, className or classPK, dates are _TIMESTAMP strings, and
// answers counts the results per choice (selected = position + 1).
func (s *Server) ocVotings(w http.ResponseWriter, r *http.Request) {
	switch r.PathValue("className") {
	case "dossier", "employee", "govagency":
	default:
		writeJSON(w, http.StatusOK, map[string]any{"total": 0, "data": []any{}})
		return
	}
	s.mu.Lock()
	st := s.openCPS
	st.listed = append(st.listed, r.PathValue("className")+"/"+r.PathValue("classPk"))
	data := make([]map[string]any, 0, len(ocVotingQuestions))
	for _, q := range ocVotingQuestions {
		id := strconv.FormatInt(q.id, 10)
		answers := make([]string, len(q.choices))
		total := 0
		for i := range q.choices {
			n := 0
			for _, v := range st.results {
				if v.VotingID == id && v.Selected == strconv.Itoa(i+1) {
					n++
				}
			}
			answers[i], total = strconv.Itoa(n), total+n
		}
		data = append(data, map[string]any{"votingId": q.id, "userId": 20139, "userName": "Quản trị hệ thống",
			"createDate": ocTimestamp(st.created), "modifiedDate": ocTimestamp(st.created),
			"templateNo": q.code, "subject": q.subject, "commentable": q.commentable,
			"choices": q.choices, "answers": answers, "answersCount": total, "selected": 0})
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"total": len(data), "data": data})
}

// ocTimestamp is APIDateTimeUtils._TIMESTAMP, "yyyy-MM-dd'T'HH:mm:ss.SSS'Z'".
func ocTimestamp(t time.Time) string { return t.UTC().Format("2006-01-02T15:04:05.000Z") }

// ocVotingResult mirrors addVotingResult: the form binds comment, selected
// and email (VotingResultInputModel), each through HtmlUtil.escape; a guest's
// vote is always added, never merged (VotingActionsImpl), and a voting
// that does not exist gives an empty VotingResultModel with 200. className
// and classPk, which OpenCPS's kiosk sends too, are ignored by the server
// and kept here only for tests.
func (s *Server) ocVotingResult(w http.ResponseWriter, r *http.Request) {
	if err := r.ParseForm(); err != nil {
		writeJSON(w, http.StatusBadRequest, ocError(400, "Bad Request."))
		return
	}
	id := r.PathValue("id")
	known := false
	for _, q := range ocVotingQuestions {
		known = known || strconv.FormatInt(q.id, 10) == id
	}
	if !known {
		writeJSON(w, http.StatusOK, map[string]any{})
		return
	}
	f := r.PostForm
	v := OCVote{VotingID: id, ClassName: f.Get("className"), ClassPK: f.Get("classPk"),
		Selected: html.EscapeString(f.Get("selected")), Comment: html.EscapeString(f.Get("comment")),
		Email: html.EscapeString(f.Get("email"))}
	s.mu.Lock()
	s.openCPS.results = append(s.openCPS.results, v)
	resultID := 7700 + len(s.openCPS.results)
	now := s.now()
	s.mu.Unlock()
	sel, _ := strconv.Atoi(v.Selected) // GetterUtil.get(selected, 0)
	writeJSON(w, http.StatusOK, map[string]any{"votingResultId": resultID, "userId": 0, "fullName": "",
		"createDate": ocTimestamp(now), "modifiedDate": ocTimestamp(now), "email": v.Email, "comment": v.Comment,
		"selected": sel, "currentUser": true})
}

// OpenCPSVotes returns the voting results received, for tests.
func (s *Server) OpenCPSVotes() []OCVote {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.openCPS == nil {
		return nil
	}
	return append([]OCVote(nil), s.openCPS.results...)
}

// OpenCPSVotingSubjects returns the className/classPk of every voting list
// asked for, in order, for tests: what a rating was about.
func (s *Server) OpenCPSVotingSubjects() []string {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.openCPS == nil {
		return nil
	}
	return append([]string(nil), s.openCPS.listed...)
}

// ocAdminVotes serves GET /admin/opencps/votes: what OpenCPSVotes and
// OpenCPSVotingSubjects return, for tests that run the simulator binary.
func (s *Server) ocAdminVotes(w http.ResponseWriter, r *http.Request) {
	writeJSON(w, http.StatusOK, map[string]any{"votes": s.OpenCPSVotes(), "subjects": s.OpenCPSVotingSubjects()})
}

// ocCheckPermission mirrors backend-api-rest VotingManagementImpl
// .checkVotePermission (findByDN_AN).
func (s *Server) ocCheckPermission(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	s.mu.Lock()
	rec, ok := s.dossiers[strings.ToUpper(strings.TrimSpace(q.Get("dossierNo")))]
	refuse := s.faults.RefuseRatings
	s.mu.Unlock()
	has := ok && !refuse && rec.ApplicantIDNumber != "" &&
		subtle.ConstantTimeCompare([]byte(strings.TrimSpace(q.Get("applicantIdNo"))), []byte(rec.ApplicantIDNumber)) == 1
	writeJSON(w, http.StatusOK, map[string]any{"hasPermission": has})
}

// ocEmployees mirrors EmployeeManagementImpl.getEmployeesByItemCode.
func (s *Server) ocEmployees(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	emps := ocEmployeesOf(s.agencies, r.PathValue("agency"))
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, ocPage(emps, r.URL.Query()))
}
