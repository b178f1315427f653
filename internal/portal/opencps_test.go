package portal_test

import (
	"context"
	"errors"
	"strings"
	"testing"
	"time"

	"kiosk/internal/portal"
)

var vn = time.FixedZone("ICT", 7*3600)

func mustOpenCPS(t *testing.T) (*portal.Client, *fakeOpenCPS) {
	t.Helper()
	f := newFakeOpenCPS(t)
	c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417"})
	return c, f
}

func TestOpenCPSListsProceduresNewestFirst(t *testing.T) {
	c, f := mustOpenCPS(t)
	ctx := context.Background()
	p1, err := c.Procedures(ctx, time.Time{}, "", 2)
	if err != nil {
		t.Fatal(err)
	}
	r, _ := f.last("/serviceinfos")
	if q := r.URL.Query(); q.Get("sort") != "modifiedDate" || q.Get("end") != "2" {
		t.Errorf("first page asked as %s", r.URL.RawQuery)
	}
	if len(p1.Items) != 2 || p1.Total != 4 || p1.NextPageToken == "" {
		t.Fatalf("page 1: %d items, total %d, token %q", len(p1.Items), p1.Total, p1.NextPageToken)
	}
	ks := p1.Items[0]
	if ks.Code != "1.001193.000.00.00.H48" || p1.Items[1].Code != "1.003583.000.00.00.H48" {
		t.Errorf("page 1 is %s, %s: want the two most recently modified", ks.Code, p1.Items[1].Code)
	}
	if want := time.Date(2026, 11, 20, 9, 15, 0, 0, vn); !ks.UpdatedAt.Equal(want) {
		t.Errorf("index-string modifiedDate read as %v, want %v", ks.UpdatedAt, want)
	}
	if ks.Level != 4 || ks.FieldCode != "HOTICH" {
		t.Errorf("mapped %+v", ks)
	}
	if len(ks.Steps) != 2 || ks.Steps[1] != "Bước 2: Nhận kết quả." {
		t.Errorf("entity-escaped process text became %q", ks.Steps)
	}
	wantCursor := time.Date(2026, 11, 22, 0, 59, 0, 0, time.UTC)
	if !p1.ServerTime.Equal(wantCursor) {
		t.Errorf("cursor %v, want the portal's Date minus a minute %v", p1.ServerTime, wantCursor)
	}

	p2, err := c.Procedures(ctx, time.Time{}, p1.NextPageToken, 2)
	if err != nil {
		t.Fatal(err)
	}
	if len(p2.Items) != 2 || p2.NextPageToken != "" || !p2.ServerTime.Equal(p1.ServerTime) {
		t.Errorf("page 2: %d items, token %q, cursor %v (want 2, last, same cursor)", len(p2.Items), p2.NextPageToken, p2.ServerTime)
	}
	if p2.Items[1].Code != "2.000908.000.00.00.H48" {
		t.Errorf("the oldest procedure should come last, got %s", p2.Items[1].Code)
	}

	t.Run("an incremental sync stops at the first older procedure", func(t *testing.T) {
		since := time.Date(2026, 11, 16, 0, 0, 0, 0, vn)
		p, err := c.Procedures(ctx, since, "", 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 1 || p.NextPageToken == "" {
			t.Fatalf("first page: %d items, token %q", len(p.Items), p.NextPageToken)
		}
		p, err = c.Procedures(ctx, since, p.NextPageToken, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 1 || p.Items[0].Code != "1.003583.000.00.00.H48" || p.NextPageToken == "" {
			t.Fatalf("second page: %+v token %q", p.Items, p.NextPageToken)
		}
		before := f.countPath("/serviceinfos")
		p, err = c.Procedures(ctx, since, p.NextPageToken, 1)
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Items) != 0 || p.NextPageToken != "" {
			t.Errorf("third page holds the 15/11 procedure, older than the cursor: got %d items, token %q", len(p.Items), p.NextPageToken)
		}
		if n := f.countPath("/serviceinfos") - before; n != 1 {
			t.Errorf("asked %d more pages after the first older item", n)
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
	if want := time.Date(2026, 11, 20, 9, 15, 0, 0, vn); !p.UpdatedAt.Equal(want) {
		t.Errorf("dd-MM-yyyy modifiedDate read as %v, want %v", p.UpdatedAt, want)
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
		t.Errorf("forms %+v, want the fileTemplateNo TK-KS", p.Forms)
	}
	if p.Applicants != "Công dân Việt Nam; Người nước ngoài cư trú tại Việt Nam" {
		t.Errorf("entity-escaped applicants became %q", p.Applicants)
	}
	for _, s := range append(append(p.Steps, p.Conditions...), p.Result, p.Applicants) {
		if strings.ContainsAny(s, "<>") || strings.Contains(s, "&nbsp;") || strings.Contains(s, "&lt;") {
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
		if len(d.Steps) != 3 || !d.Steps[0].Done || d.Steps[1].Done || d.Steps[2].Done {
			t.Errorf("steps %+v: want the one before statusText done", d.Steps)
		}
		if d.CurrentStep != "Thẩm định hồ sơ" {
			t.Errorf("current step %q, want the sequence marked with statusText", d.CurrentStep)
		}
		if d.Steps[1].At == nil || !d.Steps[1].At.Equal(time.Date(2026, 11, 18, 10, 30, 0, 0, vn)) {
			t.Errorf("current step started at %v", d.Steps[1].At)
		}
		if d.Note != "Chờ xác minh thông tin cha mẹ" {
			t.Errorf("note %q", d.Note)
		}
	})
	t.Run("a wrong secret is a 203 with text and reported as such", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		_, err := c.Dossier(ctx, code, portal.DossierQuery{Secret: "WRONG"})
		if !errors.Is(err, portal.ErrWrongSecret) || errors.Is(err, portal.ErrSecretRequired) || errors.Is(err, portal.ErrNotFound) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("an unknown number with a secret is not found, not a wrong secret", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		_, err := c.Dossier(ctx, "000.00.53.H48-261118-9999", portal.DossierQuery{Secret: "K7QX2P"})
		if !errors.Is(err, portal.ErrNotFound) || errors.Is(err, portal.ErrWrongSecret) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("without a secret the 203 login error asks for the secret", func(t *testing.T) {
		c, f := mustOpenCPS(t)
		_, err := c.Dossier(ctx, code, portal.DossierQuery{})
		if !errors.Is(err, portal.ErrSecretRequired) || errors.Is(err, portal.ErrNotFound) {
			t.Errorf("got %v", err)
		}
		if !errors.Is(err, portal.ErrWrongSecret) {
			t.Error("ErrSecretRequired must also match ErrWrongSecret, so screens ask for the ID number")
		}
		if n := f.countPath("/sequences"); n != 0 {
			t.Errorf("fetched steps %d times without a secret", n)
		}
	})
	t.Run("the matching ID number unlocks details through the list", func(t *testing.T) {
		c, f := mustOpenCPS(t)
		d, err := c.Dossier(ctx, code, portal.DossierQuery{IDNumber: "048 090 012 345"})
		if err != nil || !d.Detailed || d.Status != portal.StatusProcessing {
			t.Fatalf("got %v detailed %v", err, d.Detailed)
		}
		r, _ := f.last("/dossiers")
		if q := r.URL.Query(); q.Get("dossierNo") != code || q.Get("applicantIdNo") != "048090012345" {
			t.Errorf("asked %s", r.URL.RawQuery)
		}
		if want := time.Date(2026, 11, 20, 17, 0, 0, 0, vn); !d.DueAt.Equal(want) {
			t.Errorf("index-string dueDate read as %v, want %v", d.DueAt, want)
		}
		if d.CurrentStep != "Thẩm định hồ sơ" {
			t.Errorf("current step %q", d.CurrentStep)
		}
	})
	t.Run("another ID number is refused as a wrong secret", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		_, err := c.Dossier(ctx, code, portal.DossierQuery{IDNumber: "001090099999"})
		if !errors.Is(err, portal.ErrWrongSecret) || errors.Is(err, portal.ErrNotFound) {
			t.Errorf("got %v", err)
		}
		if strings.Contains(err.Error(), "001090099999") {
			t.Errorf("error %q contains the ID number", err)
		}
	})
	t.Run("an unknown number with an ID number is not found", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		_, err := c.Dossier(ctx, "000.00.53.H48-261118-9999", portal.DossierQuery{IDNumber: "048090012345"})
		if !errors.Is(err, portal.ErrNotFound) {
			t.Errorf("got %v", err)
		}
	})
}

func TestOpenCPSReadyDossiers(t *testing.T) {
	c, f := mustOpenCPS(t)
	ds, err := c.ReadyDossiers(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	r, _ := f.last("/dossiers/publish/searchDossiers")
	if r == nil {
		t.Fatal("the ready list did not use /dossiers/publish/searchDossiers")
	}
	if q := r.URL.Query(); q.Get("step") != "300,310,400" || q.Get("fromReleaseDate") != "23/10/2026" || q.Get("toReleaseDate") != "22/11/2026" {
		t.Errorf("asked %s", r.URL.RawQuery)
	}
	// 0007 (step 300, finished 19/11) and 0031 (step 310, released 12/11);
	// not 0002 (released in September) nor 0020 (step 500).
	if len(ds) != 2 || ds[0].Code != "000.00.53.H48-261110-0007" || ds[1].Code != "000.00.22.H48-261105-0031" {
		t.Fatalf("got %+v", ds)
	}
	// The list's capitals (DossierUtils upper-cases the name) are written
	// as on every other screen before masking.
	if ds[0].Applicant != "Trần T** N** Á" {
		t.Errorf("applicant %q, want masked as Trần T** N** Á", ds[0].Applicant)
	}
	if want := time.Date(2026, 11, 12, 15, 0, 0, 0, vn); !ds[1].FinishedAt.Equal(want) {
		t.Errorf("release date %v, want %v", ds[1].FinishedAt, want)
	}
	ds, err = c.ReadyDossiers(context.Background(), "", "000.00.53")
	if err != nil || len(ds) != 1 {
		t.Errorf("prefix filter: %v %+v", err, ds)
	}

	t.Run("step codes and the window come from the site config", func(t *testing.T) {
		f := newFakeOpenCPS(t)
		c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417",
			OpenCPS: portal.OpenCPSOptions{ReadySteps: []string{"500"}, ReadyDays: 7}})
		ds, err := c.ReadyDossiers(context.Background(), "", "")
		if err != nil || len(ds) != 1 || ds[0].Code != "000.00.53.H48-261115-0020" {
			t.Errorf("got %v %+v", err, ds)
		}
		if r, _ := f.last("/dossiers/publish/searchDossiers"); r.URL.Query().Get("fromReleaseDate") != "15/11/2026" {
			t.Errorf("asked %s", r.URL.RawQuery)
		}
	})
}

func TestOpenCPSDictionaries(t *testing.T) {
	c, _ := mustOpenCPS(t)
	as, err := c.Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]portal.Agency{}
	for _, a := range as {
		got[a.Code] = a
	}
	want := map[string]struct{ kind, parent string }{
		"000.00.00.H48": {"province", ""}, "000.00.12.H48": {"department", "000.00.00.H48"},
		"000.00.22.H48": {"district", "000.00.00.H48"}, "000.00.53.H48": {"commune", "000.00.22.H48"},
		"000.00.31.H48": {"department", ""},
	}
	for code, w := range want {
		if a := got[code]; a.Kind != w.kind || a.ParentCode != w.parent {
			t.Errorf("agency %s: kind %q parent %q, want %q %q", code, a.Kind, a.ParentCode, w.kind, w.parent)
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

func TestOpenCPSTwoTicketsGetTwoNumbers(t *testing.T) {
	c, f := mustOpenCPS(t)
	ctx := context.Background()
	req := portal.TicketRequest{KioskID: "KIOSK-01", ServiceCode: "HOTICH", Counter: "3"}
	t1, err := c.TakeTicket(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	_, form1 := f.last("/bookings")
	t2, err := c.TakeTicket(ctx, req)
	if err != nil {
		t.Fatal(err)
	}
	_, form2 := f.last("/bookings")
	if t1.Number != "1" || t2.Number != "2" {
		t.Errorf("numbers %q and %q, want the bookings' counts 1 and 2", t1.Number, t2.Number)
	}
	if form1.Get("classPK") == form2.Get("classPK") || form1.Get("classPK") == "0" {
		t.Errorf("classPK %q then %q: the server would update one booking", form1.Get("classPK"), form2.Get("classPK"))
	}
	if t1.Counter != "3" || form1.Get("serviceGroupCode") != "HOTICH" || form1.Get("className") == "" {
		t.Errorf("ticket %+v form %v", t1, form1)
	}
	if want := time.Date(2026, 11, 22, 8, 1, 30, 0, time.UTC); !t1.IssuedAt.Equal(want) {
		t.Errorf("issued %v, want the booking's createDate", t1.IssuedAt)
	}
	if r, _ := f.last("/bookings"); r.Header.Get("Token") != "" {
		t.Error("a Token header was sent though none is configured")
	}

	t.Run("a site that requires Liferay's Token gets it", func(t *testing.T) {
		f := newFakeOpenCPS(t)
		f.token = "aB3xYz9Q"
		c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417"})
		if _, err := c.TakeTicket(ctx, req); err == nil {
			t.Error("the fake accepted a booking without its Token")
		}
		c, _ = mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417",
			OpenCPS: portal.OpenCPSOptions{Token: "aB3xYz9Q"}})
		if tk, err := c.TakeTicket(ctx, req); err != nil || tk.Number == "" {
			t.Errorf("with the token: %v %+v", err, tk)
		}
	})
}

func TestOpenCPSRatings(t *testing.T) {
	ctx := context.Background()
	t.Run("the comment arrives and each question gets its position", func(t *testing.T) {
		c, f := mustOpenCPS(t)
		_, err := c.SubmitRating(ctx, portal.Rating{ID: "r1", Overall: portal.Satisfied, Officer: "50211",
			Comment: "Cán bộ hướng dẫn tận tình", Criteria: map[string]int{"THAIDO": portal.VerySatisfied}})
		if err != nil {
			t.Fatal(err)
		}
		if len(f.subjects) != 1 || f.subjects[0] != "employee/50211" {
			t.Errorf("questions asked for %v, want employee/50211", f.subjects)
		}
		general, attitude, timing := f.results["301"], f.results["302"], f.results["303"]
		if len(general) != 1 || len(attitude) != 1 || len(timing) != 1 {
			t.Fatalf("results %v", f.results)
		}
		if general[0].Get("selected") != "2" || general[0].Get("comment") != "Cán bộ hướng dẫn tận tình" {
			t.Errorf("overall 4 of [Rất hài lòng, Hài lòng, Không hài lòng] sent as %v, want selected=2 with the comment", general[0])
		}
		if attitude[0].Get("selected") != "1" || attitude[0].Get("comment") != "" {
			t.Errorf("criterion 5 sent as %v, want selected=1 and the comment only once", attitude[0])
		}
		if timing[0].Get("selected") != "3" {
			t.Errorf("score 4 on choices listed worst first sent as %v, want 3 (Hài lòng)", timing[0])
		}
	})
	t.Run("a dossier is rated by its numeric dossierId", func(t *testing.T) {
		c, f := mustOpenCPS(t)
		if _, err := c.SubmitRating(ctx, portal.Rating{ID: "r2", Overall: portal.VerySatisfied,
			DossierCode: "000.00.53.H48-261118-0042"}); err != nil {
			t.Fatal(err)
		}
		if len(f.subjects) != 1 || f.subjects[0] != "dossier/880123" {
			t.Errorf("questions asked for %v", f.subjects)
		}
	})
	t.Run("the centre is rated by its agency code", func(t *testing.T) {
		c, f := mustOpenCPS(t)
		if _, err := c.SubmitRating(ctx, portal.Rating{ID: "r3", Overall: portal.Neutral, Counter: "000.00.53.H48"}); err != nil {
			t.Fatal(err)
		}
		if len(f.subjects) != 1 || f.subjects[0] != "govagency/000.00.53.H48" {
			t.Errorf("questions asked for %v", f.subjects)
		}
	})
	t.Run("guests are checked with checkpermission", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		ok, err := c.MayRate(ctx, "000.00.53.H48-261118-0042", "048090012345")
		if err != nil || !ok {
			t.Errorf("the applicant: %v %v", ok, err)
		}
		ok, err = c.MayRate(ctx, "000.00.53.H48-261118-0042", "001090099999")
		if err != nil || ok {
			t.Errorf("someone else: %v %v", ok, err)
		}
	})
	t.Run("officers come from employees/publish in the server's order", func(t *testing.T) {
		c, _ := mustOpenCPS(t)
		os, err := c.Officers(ctx, "000.00.53.H48")
		if err != nil || len(os) != 2 || os[0].ID != "50211" || os[0].Name != "Nguyễn Thị Lan" {
			t.Errorf("got %v %+v", err, os)
		}
	})
}

func TestOpenCPSBasePathIsConfigurable(t *testing.T) {
	f := newFakeOpenCPS(t)
	f.basePath = "/secure/rest/v2"
	c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417",
		OpenCPS: portal.OpenCPSOptions{BasePath: "secure/rest/v2/"}})
	if _, err := c.Agencies(context.Background()); err != nil {
		t.Errorf("with base path /secure/rest/v2: %v", err)
	}
	c, _ = mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417"})
	if _, err := c.Agencies(context.Background()); !errors.Is(err, portal.ErrNotFound) {
		t.Errorf("the default /o/rest/v2 on a /secure server: %v", err)
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
		{"interoperating", true, portal.StatusProcessing, true},
		{"waiting", true, portal.StatusNeedsDocuments, true},
		{"correcting", true, portal.StatusNeedsDocuments, true},
		{"paying", true, portal.StatusNeedsPayment, true},
		{"denied", false, portal.StatusRejected, true},
		{"cancelling", true, portal.StatusWithdrawn, true},
		{"cancelled", true, portal.StatusWithdrawn, true},
		{"pausing", true, portal.StatusStopped, true},
		{"unresolved", true, portal.StatusStopped, true},
		{"releasing", true, portal.StatusDone, true},
		{"posting", true, portal.StatusDone, true},
		{"done", true, portal.StatusReturned, true},
		{"DONE", true, portal.StatusReturned, true},
		{"received", true, portal.StatusProcessing, false}, // not an OpenCPS status
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
	if n := len(portal.OpenCPSStatusCodes()); n != 17 {
		t.Errorf("%d codes known, want the 17 of DossierStatusConstants and DossierTerm", n)
	}
}

func TestOpenCPSStatusMapOverride(t *testing.T) {
	f := newFakeOpenCPS(t)
	c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417",
		OpenCPS: portal.OpenCPSOptions{StatusMap: map[string]int{"Processing": portal.StatusAccepted}}})
	d, err := c.Dossier(context.Background(), "000.00.53.H48-261118-0042", portal.DossierQuery{Secret: "K7QX2P"})
	if err != nil {
		t.Fatal(err)
	}
	if d.Status != portal.StatusAccepted {
		t.Errorf("status %d, want the site's mapping %d", d.Status, portal.StatusAccepted)
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
