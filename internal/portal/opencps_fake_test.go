package portal_test

import (
	"context"
	"encoding/json"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"sort"
	"strconv"
	"strings"
	"sync"
	"testing"
	"time"
)

// fakeOpenCPS is an OpenCPS v2 site for the tests. Its data are the JSON
// fixtures in testdata/opencps (shaped from the Java models, see
// testdata/README.md), and it answers the way the Java resources do, not the
// way the client expects:
//   - /serviceinfos sorts on the field's string form and reverses only when
//     order parses as boolean true (ServiceInfoManagementImpl), pages with
//     start/end, and end=0 means everything;
//   - /dossiers/{no} with a secretCode header or secretKey query answers 203
//     with a text body when the password check fails or the dossier does not
//     exist, and 203 with an ErrorMsgModel without either
//     (DossierManagementImpl.getDetailDossier, BusinessExceptionImpl);
//   - /dossiers filters dossierNo and applicantIdNo exactly;
//     /dossiers/publish/searchDossiers filters step codes and release dates
//     given as dd/MM/yyyy;
//   - POST /bookings upserts by className+classPK (BookingManagementImpl)
//     and numbers a new booking with the next count of the day;
//   - POST /postal/votings/{id}/results reads only comment, selected and
//     email (VotingResultInputModel);
//   - /votings/checkpermission answers hasPermission for dossierNo +
//     applicantIdNo (VotingManagementImpl).
type fakeOpenCPS struct {
	t        *testing.T
	srv      *httptest.Server
	groupID  string
	token    string // required Token header on POST when set
	basePath string

	mu       sync.Mutex
	reqs     []*http.Request
	forms    []url.Values
	services []map[string]any
	dossiers []map[string]any
	secrets  map[string]string // dossierNo -> password
	bookings map[string]map[string]any
	count    int
	results  map[string][]url.Values // votingId -> forms received
	subjects []string                // className/classPk of each voting list asked
	votings  string                  // fixture of the voting list ("": votings.json)
}

func newFakeOpenCPS(t *testing.T) *fakeOpenCPS {
	t.Helper()
	f := &fakeOpenCPS{t: t, groupID: "35417", basePath: "/o/rest/v2",
		secrets:  map[string]string{"000.00.53.H48-261118-0042": "K7QX2P", "000.00.53.H48-261110-0007": "M2RT8W"},
		bookings: map[string]map[string]any{}, results: map[string][]url.Values{}}
	var services, dossiers struct {
		Data []map[string]any `json:"data"`
	}
	f.decode("serviceinfos.json", &services)
	f.decode("dossiers.json", &dossiers)
	f.services, f.dossiers = services.Data, dossiers.Data
	f.srv = httptest.NewServer(http.HandlerFunc(f.serve))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakeOpenCPS) fixture(name string) []byte {
	b, err := os.ReadFile(filepath.Join("testdata", "opencps", name))
	if err != nil {
		f.t.Fatalf("fixture %s: %v", name, err)
	}
	return b
}

func (f *fakeOpenCPS) decode(name string, v any) {
	if err := json.Unmarshal(f.fixture(name), v); err != nil {
		f.t.Fatalf("fixture %s: %v", name, err)
	}
}

func ocWrite(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	if b, ok := v.([]byte); ok {
		_, _ = w.Write(b)
		return
	}
	_ = json.NewEncoder(w).Encode(v)
}

// liferayBool is GetterUtil.getBoolean: only these words are true.
func liferayBool(s string) bool {
	switch strings.ToLower(strings.TrimSpace(s)) {
	case "true", "t", "y", "yes", "on", "1":
		return true
	}
	return false
}

func str(m map[string]any, k string) string {
	switch v := m[k].(type) {
	case string:
		return v
	case float64:
		return strconv.FormatFloat(v, 'f', -1, 64)
	}
	return ""
}

func page(items []map[string]any, q url.Values) map[string]any {
	start, _ := strconv.Atoi(q.Get("start"))
	end, _ := strconv.Atoi(q.Get("end"))
	total := len(items)
	if end == 0 {
		start, end = 0, total
	}
	start, end = min(max(start, 0), total), min(max(end, 0), total)
	if end < start {
		end = start
	}
	return map[string]any{"total": total, "data": items[start:end]}
}

func (f *fakeOpenCPS) serve(w http.ResponseWriter, r *http.Request) {
	_ = r.ParseForm()
	f.mu.Lock()
	defer f.mu.Unlock()
	f.reqs = append(f.reqs, r.Clone(context.Background()))
	f.forms = append(f.forms, r.PostForm)
	w.Header().Set("Date", time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC).Format(http.TimeFormat))
	if !strings.HasPrefix(r.URL.Path, f.basePath+"/") {
		http.NotFound(w, r)
		return
	}
	p := strings.TrimPrefix(r.URL.Path, f.basePath)
	q := r.URL.Query()
	if r.Header.Get("groupId") != f.groupID {
		// groupId 0: a site with nothing in it.
		ocWrite(w, 200, map[string]any{"total": 0, "data": []any{}})
		return
	}
	if r.Method == http.MethodPost && f.token != "" && r.Header.Get("Token") != f.token {
		ocWrite(w, 403, map[string]any{"code": 403, "message": "No Content.", "description": "invalid auth token"})
		return
	}
	seg := strings.Split(strings.Trim(p, "/"), "/")
	switch {
	case p == "/serviceinfos":
		f.listServices(w, q)
	case len(seg) == 2 && seg[0] == "serviceinfos":
		if seg[1] == "1.001193.000.00.00.H48" || seg[1] == "40512" {
			ocWrite(w, 200, f.fixture("serviceinfo_detail.json"))
			return
		}
		ocWrite(w, 403, map[string]any{"code": 403, "message": "No Content.", "description": "not found"})
	case p == "/dossiers":
		var out []map[string]any
		for _, d := range f.dossiers {
			if no := q.Get("dossierNo"); no != "" && str(d, "dossierNo") != no {
				continue
			}
			if id := q.Get("applicantIdNo"); id != "" && str(d, "applicantIdNo") != id {
				continue
			}
			out = append(out, d)
		}
		ocWrite(w, 200, page(out, q))
	case p == "/dossiers/publish/searchDossiers":
		f.searchDossiers(w, q)
	case len(seg) == 3 && seg[0] == "dossiers" && seg[2] == "sequences":
		if seg[1] == "880123" || seg[1] == "880087" {
			ocWrite(w, 200, f.fixture("sequences.json"))
			return
		}
		ocWrite(w, 403, map[string]any{"code": 403, "message": "No Content."})
	case len(seg) == 2 && seg[0] == "dossiers":
		f.dossierDetail(w, r, seg[1])
	case p == "/dictcollections/GOVERNMENT_AGENCY/dictitems":
		ocWrite(w, 200, f.fixture("dictitems_government_agency.json"))
	case p == "/dictcollections/SERVICE_DOMAIN/dictitems":
		ocWrite(w, 200, f.fixture("dictitems_service_domain.json"))
	case p == "/bookings" && r.Method == http.MethodPost:
		f.addBooking(w, r)
	case len(seg) == 4 && seg[0] == "postal" && seg[1] == "votings" && r.Method == http.MethodGet:
		f.subjects = append(f.subjects, seg[2]+"/"+seg[3])
		name := f.votings
		if name == "" {
			name = "votings.json"
		}
		ocWrite(w, 200, f.fixture(name))
	case len(seg) == 4 && seg[0] == "postal" && seg[3] == "results" && r.Method == http.MethodPost:
		// VotingResultInputModel binds only these three form fields.
		in := url.Values{"comment": {r.PostForm.Get("comment")}, "selected": {r.PostForm.Get("selected")},
			"email": {r.PostForm.Get("email")}}
		f.results[seg[2]] = append(f.results[seg[2]], in)
		ocWrite(w, 200, map[string]any{"votingResultId": len(f.results), "votingId": seg[2],
			"comment": in.Get("comment"), "selected": in.Get("selected")})
	case p == "/votings/checkpermission":
		ok := false
		for _, d := range f.dossiers {
			if str(d, "dossierNo") == q.Get("dossierNo") && str(d, "applicantIdNo") == q.Get("applicantIdNo") {
				ok = true
			}
		}
		ocWrite(w, 200, map[string]any{"hasPermission": ok})
	case len(seg) == 3 && seg[0] == "employees" && seg[1] == "publish":
		if seg[2] == "000.00.53.H48" {
			ocWrite(w, 200, f.fixture("employees.json"))
			return
		}
		ocWrite(w, 200, map[string]any{"total": 0, "data": []any{}})
	default:
		http.NotFound(w, r)
	}
}

func (f *fakeOpenCPS) listServices(w http.ResponseWriter, q url.Values) {
	items := append([]map[string]any(nil), f.services...)
	field := q.Get("sort")
	if field == "" {
		field = "serviceCode"
	}
	// "<field>_String_sortable": the value's string form, ascending.
	sort.SliceStable(items, func(i, j int) bool { return str(items[i], field) < str(items[j], field) })
	if liferayBool(q.Get("order")) {
		for i, j := 0, len(items)-1; i < j; i, j = i+1, j-1 {
			items[i], items[j] = items[j], items[i]
		}
	}
	ocWrite(w, 200, page(items, q))
}

func (f *fakeOpenCPS) searchDossiers(w http.ResponseWriter, q url.Values) {
	steps := map[string]bool{}
	for _, s := range strings.Split(q.Get("step"), ",") {
		if s = strings.TrimSpace(s); s != "" {
			steps[s] = true
		}
	}
	// convertNormalDateToLuceneDate: dd/MM/yyyy -> yyyyMMdd000000.
	lucene := func(s string) string {
		t, err := time.Parse("02/01/2006", s)
		if err != nil {
			return ""
		}
		return t.Format("20060102") + "000000"
	}
	from, to := lucene(q.Get("fromReleaseDate")), lucene(q.Get("toReleaseDate"))
	var out []map[string]any
	for _, d := range f.dossiers {
		rel := str(d, "releaseDate")
		if rel == "" {
			rel = str(d, "finishDate")
		}
		switch {
		case len(steps) > 0 && !steps[str(d, "stepCode")]:
		case from != "" && rel < from:
		case to != "" && rel[:min(len(rel), 8)] > to[:8]:
		case q.Get("keyword") != "" && !strings.Contains(str(d, "dossierNo"), q.Get("keyword")):
		default:
			out = append(out, d)
		}
	}
	ocWrite(w, 200, page(out, q))
}

func (f *fakeOpenCPS) dossierDetail(w http.ResponseWriter, r *http.Request, id string) {
	secret := r.URL.Query().Get("secretKey")
	if secret == "" {
		secret = r.Header.Get("secretCode")
	}
	if secret == "" {
		// Not logged in and no password: UnauthenticationException.
		ocWrite(w, 203, f.fixture("error_203_unauthenticated.json"))
		return
	}
	var found map[string]any
	for _, d := range f.dossiers {
		if str(d, "dossierNo") == id || str(d, "dossierId") == id {
			found = d
		}
	}
	if found == nil || f.secrets[str(found, "dossierNo")] != secret {
		w.Header().Set("Content-Type", "application/json")
		w.WriteHeader(203)
		_, _ = w.Write([]byte("secretKey not sucess"))
		return
	}
	if str(found, "dossierNo") == "000.00.53.H48-261118-0042" {
		ocWrite(w, 200, f.fixture("dossier_detail.json"))
		return
	}
	ocWrite(w, 200, found)
}

func (f *fakeOpenCPS) addBooking(w http.ResponseWriter, r *http.Request) {
	var b map[string]any
	f.decode("booking.json", &b)
	form := r.PostForm
	key := form.Get("className") + "/" + form.Get("classPK")
	if old, ok := f.bookings[key]; ok {
		b = old // getByClassName_PK found it: update in place
	} else {
		f.count++
		b["bookingId"] = 5520 + f.count
		b["count"] = f.count
		b["createDate"] = time.Date(2026, 11, 22, 8, 1, 30, 0, time.UTC).UnixMilli()
		f.bookings[key] = b
	}
	b["className"] = form.Get("className")
	pk, _ := strconv.ParseInt(form.Get("classPK"), 10, 64) // input.getClassPK() is a long
	b["classPK"] = pk
	for _, k := range []string{"serviceCode", "codeNumber", "bookingName", "gateNumber", "serviceGroupCode"} {
		b[k] = form.Get(k)
	}
	ocWrite(w, 200, b)
}

func (f *fakeOpenCPS) last(path string) (*http.Request, url.Values) {
	f.mu.Lock()
	defer f.mu.Unlock()
	for i := len(f.reqs) - 1; i >= 0; i-- {
		if strings.HasSuffix(f.reqs[i].URL.Path, path) {
			return f.reqs[i], f.forms[i]
		}
	}
	return nil, nil
}

func (f *fakeOpenCPS) countPath(path string) int {
	f.mu.Lock()
	defer f.mu.Unlock()
	n := 0
	for _, r := range f.reqs {
		if strings.HasSuffix(r.URL.Path, path) {
			n++
		}
	}
	return n
}
