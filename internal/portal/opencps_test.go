package portal_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"kiosk/internal/portal"
)

var vn = time.FixedZone("ICT", 7*3600)

// fakeOpenCPS serves the fixtures in testdata/opencps the way an OpenCPS v2
// site does, and records what the client sent.
type fakeOpenCPS struct {
	srv   *httptest.Server
	mu    sync.Mutex
	reqs  []*http.Request
	forms []url.Values
}

func newFakeOpenCPS(t *testing.T) *fakeOpenCPS {
	t.Helper()
	f := &fakeOpenCPS{}
	fixture := func(w http.ResponseWriter, name string) {
		b, err := os.ReadFile(filepath.Join("testdata", "opencps", name))
		if err != nil {
			t.Errorf("fixture %s: %v", name, err)
			w.WriteHeader(500)
			return
		}
		w.Header().Set("Content-Type", "application/json")
		_, _ = w.Write(b)
	}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		_ = r.ParseForm()
		f.mu.Lock()
		f.reqs = append(f.reqs, r.Clone(context.Background()))
		f.forms = append(f.forms, r.PostForm)
		f.mu.Unlock()
		if r.Header.Get("groupId") != "35417" {
			w.WriteHeader(401)
			return
		}
		w.Header().Set("Date", time.Date(2026, 11, 22, 1, 0, 0, 0, time.UTC).Format(http.TimeFormat))
		p := strings.TrimPrefix(r.URL.Path, "/o/rest/v2")
		q := r.URL.Query()
		switch {
		case p == "/serviceinfos" && q.Get("start") == "0":
			fixture(w, "serviceinfos_page1.json")
		case p == "/serviceinfos" && q.Get("start") == "2":
			fixture(w, "serviceinfos_page2.json")
		case p == "/serviceinfos/1.001193.000.00.00.H48":
			fixture(w, "serviceinfo_detail.json")
		case p == "/dossiers/000.00.53.H48-261118-0042":
			if s := r.Header.Get("secretCode"); s != "" && s != "K7QX2P" {
				w.WriteHeader(403)
				return
			}
			fixture(w, "dossier.json")
		case p == "/dossiers/880123/sequences":
			fixture(w, "sequences.json")
		case p == "/dossiers" && q.Get("status") == "releasing":
			fixture(w, "dossiers_releasing.json")
		case p == "/dictcollections/GOVERNMENT_AGENCY/dictitems":
			fixture(w, "dictitems_government_agency.json")
		case p == "/dictcollections/SERVICE_DOMAIN/dictitems":
			fixture(w, "dictitems_service_domain.json")
		case p == "/bookings" && r.Method == http.MethodPost:
			fixture(w, "booking.json")
		case p == "/postal/votings/employee/CB-017":
			fixture(w, "votings.json")
		case strings.HasPrefix(p, "/postal/votings/") && strings.HasSuffix(p, "/results"):
			w.Write([]byte(`{"votingResultId":1}`))
		default:
			w.WriteHeader(404)
		}
	}))
	t.Cleanup(f.srv.Close)
	return f
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

func (f *fakeOpenCPS) count(path string) int {
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

func mustOpenCPS(t *testing.T) (*portal.Client, *fakeOpenCPS) {
	t.Helper()
	f := newFakeOpenCPS(t)
	c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417"})
	return c, f
}

func TestOpenCPSListsProceduresPageByPage(t *testing.T) {
	c, f := mustOpenCPS(t)
	ctx := context.Background()
	p1, err := c.Procedures(ctx, time.Time{}, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := f.last("/serviceinfos")
	if r.URL.Path != "/o/rest/v2/serviceinfos" || r.URL.Query().Get("end") != "2" {
		t.Errorf("first page asked as %s", r.URL)
	}
	if len(p1.Items) != 2 || p1.Total != 3 || p1.NextPageToken == "" {
		t.Fatalf("page 1: %d items, total %d, token %q", len(p1.Items), p1.Total, p1.NextPageToken)
	}
	ks := p1.Items[0]
	if ks.Code != "1.001193.000.00.00.H48" || ks.Name != "Thủ tục đăng ký khai sinh" || ks.FieldCode != "HOTICH" || ks.Level != 4 {
		t.Errorf("mapped %+v", ks)
	}
	if want := time.Date(2026, 11, 20, 2, 15, 0, 0, time.UTC); !ks.UpdatedAt.Equal(want) {
		t.Errorf("epoch-millis modifiedDate read as %v, want %v", ks.UpdatedAt, want)
	}
	if want := time.Date(2026, 11, 15, 14, 0, 0, 0, vn); !p1.Items[1].UpdatedAt.Equal(want) {
		t.Errorf("dd/MM/yyyy modifiedDate read as %v, want %v", p1.Items[1].UpdatedAt, want)
	}
	if len(ks.Steps) != 2 || ks.Steps[1] != "Bước 2: Nhận kết quả." {
		t.Errorf("steps %q", ks.Steps)
	}
	wantCursor := time.Date(2026, 11, 22, 0, 59, 0, 0, time.UTC)
	if !p1.ServerTime.Equal(wantCursor) {
		t.Errorf("cursor %v, want the portal's Date minus a minute %v", p1.ServerTime, wantCursor)
	}

	p2, err := c.Procedures(ctx, time.Time{}, p1.NextPageToken, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Items) != 1 || p2.NextPageToken != "" || !p2.ServerTime.Equal(p1.ServerTime) {
		t.Errorf("page 2: %d items, token %q, cursor %v (want 1, last, same cursor)", len(p2.Items), p2.NextPageToken, p2.ServerTime)
	}

	t.Run("an incremental sync stops at the first unchanged procedure", func(t *testing.T) {
		since := time.Date(2026, 11, 16, 0, 0, 0, 0, vn)
		p, err := c.Procedures(ctx, since, "", 2)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 1 || p.Items[0].Code != "1.001193.000.00.00.H48" || p.NextPageToken != "" {
			t.Errorf("got %d items, token %q", len(p.Items), p.NextPageToken)
		}
		r, _ := f.last("/serviceinfos")
		if q := r.URL.Query(); q.Get("sort") != "modifiedDate" || q.Get("order") != "desc" {
			t.Errorf("not sorted newest first: %s", r.URL.RawQuery)
		}
	})
	t.Run("a forged page token is refused", func(t *testing.T) {
		if _, err := c.Procedures(ctx, time.Time{}, "o-5.x", 2); !errors.Is(err, portal.ErrBadRequest) {
			t.Errorf("got %v", err)
		}
	})
}

func TestOpenCPSProcedureDetailBecomesPlainStructuredText(t *testing.T) {
	c, f := mustOpenCPS(t)
	p, err := c.Procedure(context.Background(), "1.001193.000.00.00.H48")
	if err != nil {
		t.Fatal(err)
	}
	wantSteps := []string{
		"Bước 1: Người có yêu cầu nộp hồ sơ tại Bộ phận Một cửa của UBND cấp xã.",
		"Bước 2: Công chức tư pháp - hộ tịch kiểm tra hồ sơ và ghi vào Sổ hộ tịch.",
		"Bước 3: Trả kết quả cho người có yêu cầu.",
	}
	if strings.Join(p.Steps, "\n") != strings.Join(wantSteps, "\n") {
		t.Errorf("steps:\n%q\nwant\n%q", p.Steps, wantSteps)
	}
	if len(p.LegalBasis) != 2 || strings.Contains(strings.Join(p.LegalBasis, " "), "alert") {
		t.Errorf("legal basis %q (script must be dropped)", p.LegalBasis)
	}
	if len(p.Documents) != 3 || p.Documents[0].Originals != 1 || p.Documents[2].Copies != 1 {
		t.Errorf("documents %+v", p.Documents)
	}
	if len(p.Channels) != 3 {
		t.Fatalf("channels %+v, want in person, online and postal", p.Channels)
	}
	ch := p.Channels[0]
	if ch.Kind != portal.ChannelInPerson || ch.Time.Value != 1 || ch.Time.Unit != "ngày làm việc" {
		t.Errorf("in-person channel %+v, want 1 ngày làm việc", ch)
	}
	if len(ch.Fees) != 2 || ch.Fees[1].Amount != 8000 || ch.Fees[1].Name != "Lệ phí cấp bản sao" {
		t.Errorf("fees %+v", ch.Fees)
	}
	if p.OnlineURL != "https://dichvucong.danang.gov.vn/dang-ky-khai-sinh" || p.SubmitPlace != "UBND xã Hòa Phước" {
		t.Errorf("online %q submit %q", p.OnlineURL, p.SubmitPlace)
	}
	if len(p.Forms) != 1 || p.Forms[0].URL != f.srv.URL+"/o/rest/v2/serviceinfos/40512/filetemplates/TK-KS" {
		t.Errorf("forms %+v", p.Forms)
	}
	if p.Applicants != "Công dân Việt Nam; Người nước ngoài cư trú tại Việt Nam" {
		t.Errorf("applicants %q", p.Applicants)
	}
	for _, s := range append(append(p.Steps, p.Conditions...), p.Result, p.Applicants) {
		if strings.ContainsAny(s, "<>") || strings.Contains(s, "&nbsp;") {
			t.Errorf("markup left in %q", s)
		}
	}
}

func TestOpenCPSDossierLookup(t *testing.T) {
	const code = "000.00.53.H48-261118-0042"
	ctx := context.Background()

	t.Run("the secret from the QR unlocks details and steps", func(t *testing.T) {
		c, f := mustOpenCPS(t)
		d, err := c.Dossier(ctx, code, portal.DossierQuery{Secret: "K7QX2P"})
		if err != nil {
			t.Fatal(err)
		}
		if r, _ := f.last("/dossiers/" + code); r.Header.Get("secretCode") != "K7QX2P" {
			t.Error("secret not sent in the secretCode header")
		}
		if d.Status != portal.StatusProcessing || d.StatusLabel != "Đang xử lý" || !d.Detailed {
			t.Errorf("status %d %q detailed %v", d.Status, d.StatusLabel, d.Detailed)
		}
		if want := time.Date(2026, 11, 18, 8, 30, 0, 0, vn); !d.ReceivedAt.Equal(want) {
			t.Errorf("received %v", d.ReceivedAt)
		}
		if !d.Overdue {
			t.Error("due 20/11 and still processing on 22/11 is overdue")
		}
		if d.Applicant != "Nguyễn V** A" || d.ApplicantID != "*********345" {
			t.Errorf("applicant %q %q not masked", d.Applicant, d.ApplicantID)
		}
		if len(d.Steps) != 3 || !d.Steps[0].Done || d.Steps[1].Done || d.CurrentStep != "Thẩm định hồ sơ" {
			t.Errorf("steps %+v current %q", d.Steps, d.CurrentStep)
		}
		if d.Note != "Chờ xác minh thông tin cha mẹ" {
			t.Errorf("note %q", d.Note)
		}
	})
	t.Run("a wrong secret is reported as such", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		if _, err := c.Dossier(ctx, code, portal.DossierQuery{Secret: "WRONG"}); !errors.Is(err, portal.ErrWrongSecret) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("the matching ID number unlocks details", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		d, err := c.Dossier(ctx, code, portal.DossierQuery{IDNumber: "048 090 012 345"})
		if err != nil || !d.Detailed {
			t.Errorf("got %v detailed %v", err, d.Detailed)
		}
	})
	t.Run("another ID number is refused", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		_, err := c.Dossier(ctx, code, portal.DossierQuery{IDNumber: "001090099999"})
		if !errors.Is(err, portal.ErrWrongSecret) {
			t.Errorf("got %v", err)
		}
		if strings.Contains(err.Error(), "001090099999") {
			t.Errorf("error %q contains the ID number", err)
		}
	})
	t.Run("without a secret only the summary is shown", func(t *testing.T) {
		c, f := mustOpenCPS(t)
		d, err := c.Dossier(ctx, code, portal.DossierQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Detailed || d.Steps != nil || d.Note != "" || d.ApplicantID != "" {
			t.Errorf("summary leaks details: %+v", d)
		}
		if n := f.count("/sequences"); n != 0 {
			t.Errorf("fetched steps %d times for a summary", n)
		}
	})
	t.Run("an unknown dossier is not found", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		if _, err := c.Dossier(ctx, "000.00.53.H48-261118-9999", portal.DossierQuery{}); !errors.Is(err, portal.ErrNotFound) {
			t.Errorf("got %v", err)
		}
	})
}

func TestOpenCPSReadyDossiers(t *testing.T) {
	c, _ := mustOpenCPS(t)
	ds, err := c.ReadyDossiers(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 2 || ds[0].Applicant != "Trần T** N** Á" || ds[1].Applicant != "Lê Đ" {
		t.Fatalf("got %+v", ds)
	}
	if ds[1].FinishedAt.IsZero() {
		t.Error("release date in epoch millis was not used as the finish date")
	}
	ds, err = c.ReadyDossiers(context.Background(), "", "000.00.53")
	if err != nil || len(ds) != 1 {
		t.Errorf("prefix filter: %v %+v", err, ds)
	}
}

func TestOpenCPSDictionaries(t *testing.T) {
	c, _ := mustOpenCPS(t)
	as, err := c.Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	kinds := map[string]string{}
	for _, a := range as {
		kinds[a.Code] = a.Kind
	}
	want := map[string]string{"000.00.00.H48": "province", "000.00.12.H48": "department",
		"000.00.22.H48": "district", "000.00.53.H48": "commune"}
	for code, k := range want {
		if kinds[code] != k {
			t.Errorf("agency %s kind %q, want %q", code, kinds[code], k)
		}
	}
	fs, err := c.Fields(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(fs) != 2 || fs[0].Name != "Hộ tịch" {
		t.Errorf("fields %+v (the item without a code must be dropped)", fs)
	}
}

func TestOpenCPSBooksATicket(t *testing.T) {
	c, f := mustOpenCPS(t)
	tk, err := c.TakeTicket(context.Background(), portal.TicketRequest{KioskID: "KIOSK-01", ServiceCode: "HOTICH", Counter: "3"})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Number != "HT-017" || tk.Counter != "3" || tk.ServiceName != "Hộ tịch" {
		t.Errorf("ticket %+v", tk)
	}
	if _, form := f.last("/bookings"); form.Get("serviceGroupCode") != "HOTICH" || form.Get("gateNumber") != "3" {
		t.Errorf("booking form %v", form)
	}
}

func TestOpenCPSVotesForEachQuestion(t *testing.T) {
	c, f := mustOpenCPS(t)
	_, err := c.SubmitRating(context.Background(), portal.Rating{ID: "r1", Overall: portal.Satisfied,
		Officer: "CB-017", Criteria: map[string]int{"THAIDO": portal.VerySatisfied}})
	if err != nil {
		t.Fatal(err)
	}
	_, general := f.last("/postal/votings/301/results")
	_, attitude := f.last("/postal/votings/302/results")
	if general.Get("selected") != "2" || general.Get("className") != "employee" || general.Get("classPk") != "CB-017" {
		t.Errorf("overall 4 of 3 choices sent as %v, want selected=2 (Hài lòng)", general)
	}
	if attitude.Get("selected") != "1" || attitude.Get("votingCode") != "THAIDO" {
		t.Errorf("criterion 5 sent as %v, want selected=1 (Rất hài lòng)", attitude)
	}
}

func TestOpenCPSHasNoHeartbeat(t *testing.T) {
	c, _ := mustOpenCPS(t)
	if err := c.Heartbeat(context.Background(), portal.Heartbeat{}); !errors.Is(err, portal.ErrUnsupported) {
		t.Errorf("got %v", err)
	}
}

func TestOpenCPSStatusCodesMapToNationalStatuses(t *testing.T) {
	tests := []struct {
		code     string
		received bool
		want     int
		known    bool
	}{
		{"new", false, portal.StatusNew, true},
		{"receiving", false, portal.StatusNew, true},
		{"processing", true, portal.StatusProcessing, true},
		{"waiting", true, portal.StatusNeedsDocuments, true},
		{"paying", true, portal.StatusNeedsPayment, true},
		{"denied", false, portal.StatusRejected, true},
		{"cancelled", true, portal.StatusWithdrawn, true},
		{"pausing", true, portal.StatusStopped, true},
		{"releasing", true, portal.StatusDone, true},
		{"done", true, portal.StatusReturned, true},
		{"DONE", true, portal.StatusReturned, true},
		{"mystery", true, portal.StatusProcessing, false},
		{"mystery", false, portal.StatusNew, false},
	}
	for _, tt := range tests {
		t.Run(tt.code+" maps to its national status", func(t *testing.T) {
			got, known := portal.OpenCPSStatus(tt.code, tt.received)
			if got != tt.want || known != tt.known {
				t.Errorf("got %d %v, want %d %v", got, known, tt.want, tt.known)
			}
		})
	}
}

func TestVotingChoiceKeepsTheScaleOrder(t *testing.T) {
	tests := []struct{ score, n, want int }{
		{5, 3, 1}, {4, 3, 2}, {3, 3, 2}, {2, 3, 3}, {1, 3, 3},
		{5, 5, 1}, {4, 5, 2}, {3, 5, 3}, {2, 5, 4}, {1, 5, 5},
		{9, 5, 1}, {0, 5, 5}, {3, 1, 1},
	}
	for _, tt := range tests {
		if got := portal.VotingChoice(tt.score, tt.n); got != tt.want {
			t.Errorf("score %d of %d choices: got %d, want %d", tt.score, tt.n, got, tt.want)
		}
	}
}
