package portalsim

// The OpenCPS dialect driven by the kiosk's own opencps/v2 client over
// loopback HTTP: what the kiosk reads from it must be the dataset the
// kiosk/v1 dialect serves. Where the simulator copies a behaviour of the
// Java server, the test says which (VietOpenCPS/opencps-v2).

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"html"
	"net/http"
	"net/url"
	"strings"
	"testing"
	"time"

	"kiosk/internal/portal"
)

const (
	ocGroup = "35417"
	ocToken = "tok-4f1c"
)

func startOCSim(t *testing.T, ds *Dataset) *sim {
	t.Helper()
	return startSim(t, ds, Options{Dialect: DialectOpenCPS, OpenCPS: OpenCPSOptions{GroupID: ocGroup, Token: ocToken}})
}

// ocClient is the kiosk's opencps/v2 client pointed at the simulator, on the
// simulator's clock, without retries.
func ocClient(t *testing.T, s *sim, edit func(*portal.Options)) *portal.Client {
	t.Helper()
	o := portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: s.base, GroupID: ocGroup,
		OpenCPS: portal.OpenCPSOptions{Token: ocToken}, Retries: -1, Timeout: 10 * time.Second, Now: s.clock.Now}
	if edit != nil {
		edit(&o)
	}
	c, err := portal.New(o)
	if err != nil {
		t.Fatal(err)
	}
	return c
}

// listOC pages through the client's listing and returns every item, the
// cursor and the number of pages asked for.
func listOC(t *testing.T, c *portal.Client, since time.Time, size int) ([]portal.Procedure, time.Time, int) {
	t.Helper()
	var all []portal.Procedure
	tok := ""
	for pages := 1; ; pages++ {
		p, err := c.Procedures(context.Background(), since, tok, size)
		if err != nil {
			t.Fatalf("page %d: %v", pages, err)
		}
		all = append(all, p.Items...)
		if p.NextPageToken == "" {
			return all, p.ServerTime, pages
		}
		if pages > 1000 {
			t.Fatal("the listing does not end")
		}
		tok = p.NextPageToken
	}
}

func TestOpenCPSListingFullAndIncremental(t *testing.T) {
	s := startOCSim(t, miniDataset(10))
	c := ocClient(t, s, nil)

	all, cursor, pages := listOC(t, c, time.Time{}, 3)
	if len(all) != 10 || pages != 4 {
		t.Fatalf("full listing: %d procedures in %d pages, want 10 in 4", len(all), pages)
	}
	seen := map[string]bool{}
	for i, p := range all {
		if seen[p.Code] {
			t.Errorf("%s listed twice", p.Code)
		}
		seen[p.Code] = true
		if i > 0 && p.UpdatedAt.After(all[i-1].UpdatedAt) {
			t.Errorf("%s (%v) after %s (%v): the client asks newest first (order=true) and the server must honour it",
				p.Code, p.UpdatedAt, all[i-1].Code, all[i-1].UpdatedAt)
		}
	}
	// The index string "yyyyMMddHHmmss" carries the time to the second.
	want := miniDataset(10).Procedures[9].UpdatedAt
	if !all[0].UpdatedAt.Equal(want) {
		t.Errorf("newest procedure modified %v, want %v", all[0].UpdatedAt, want)
	}
	// The cursor is the portal's Date (the simulator's clock) minus a minute.
	if wantCursor := t0.Add(-time.Minute); !cursor.Equal(wantCursor) {
		t.Errorf("cursor %v, want %v", cursor, wantCursor)
	}

	t.Run("an incremental listing brings only what changed and stops at the first older item", func(t *testing.T) {
		s.clock.Add(time.Hour)
		touched := s.srv.Touch(4)
		before := s.srv.Stats().Requests
		got, _, pages := listOC(t, c, cursor, 3)
		if len(got) != 4 {
			t.Fatalf("incremental listing gave %d procedures, want the 4 touched", len(got))
		}
		wantSet := map[string]bool{}
		for _, code := range touched {
			wantSet[code] = true
		}
		for _, p := range got {
			if !wantSet[p.Code] {
				t.Errorf("%s was not changed but came back", p.Code)
			}
		}
		// 4 changed items in pages of 3: the second page holds the 4th and
		// then an older one, so the listing ends there. Besides the two
		// pages, only the changed procedures' details are fetched (for
		// their file templates).
		if asked := s.srv.Stats().Requests - before; pages != 2 || asked != 2+4 {
			t.Errorf("asked %d pages (%d requests), want 2 pages and 4 details: the listing must stop at the first older item", pages, asked)
		}
	})

	t.Run("another site's groupId sees an empty site", func(t *testing.T) {
		other := ocClient(t, s, func(o *portal.Options) { o.GroupID = "99999" })
		p, err := other.Procedures(context.Background(), time.Time{}, "", 50)
		if err != nil || len(p.Items) != 0 {
			t.Errorf("got %d procedures, error %v; want none", len(p.Items), err)
		}
	})
}

// The same demo dataset reaches the kiosk with the same content through
// either dialect, OpenCPS's HTML text fields and all.
func TestOpenCPSServesTheSameDatasetAsKioskV1(t *testing.T) {
	ds, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	oc := ocClient(t, startOCSim(t, ds), nil)
	kv := startSim(t, ds, Options{})
	kc, err := portal.New(portal.Options{BaseURL: kv.base, KioskID: "t", KioskKey: "k", Retries: -1, Now: kv.clock.Now})
	if err != nil {
		t.Fatal(err)
	}
	ocAll, _, _ := listOC(t, oc, time.Time{}, 50)
	kvAll, _, _ := listOC(t, kc, time.Time{}, 50)
	if len(ocAll) != len(kvAll) || len(ocAll) != len(ds.Procedures) {
		t.Fatalf("opencps listed %d, kiosk/v1 %d, dataset has %d", len(ocAll), len(kvAll), len(ds.Procedures))
	}
	byCode := map[string]portal.Procedure{}
	for _, p := range kvAll {
		byCode[p.Code] = p
	}
	for _, p := range ocAll {
		k, ok := byCode[p.Code]
		switch {
		case !ok:
			t.Errorf("%s only in the OpenCPS listing", p.Code)
		case p.Name != k.Name || p.AgencyCode != k.AgencyCode || p.FieldCode != k.FieldCode || p.Level != k.Level:
			t.Errorf("%s: opencps %q/%s/%s/level %d, kiosk/v1 %q/%s/%s/level %d",
				p.Code, p.Name, p.AgencyCode, p.FieldCode, p.Level, k.Name, k.AgencyCode, k.FieldCode, k.Level)
		case !p.UpdatedAt.Equal(k.UpdatedAt.Truncate(time.Second)):
			t.Errorf("%s modified %v via opencps, %v via kiosk/v1", p.Code, p.UpdatedAt, k.UpdatedAt)
		case strings.Join(p.Steps, "|") != strings.Join(k.Steps, "|"):
			t.Errorf("%s steps differ:\nopencps  %q\nkiosk/v1 %q", p.Code, p.Steps, k.Steps)
		// The opencps/v2 client takes serviceUrl only from a service
		// config of level 3 or 4 (online submission), kiosk/v1 sends the
		// page of any procedure.
		case len(p.Documents) != len(k.Documents) || len(p.Forms) != len(k.Forms) || (k.Level >= portal.LevelPartial && p.OnlineURL != k.OnlineURL):
			t.Errorf("%s: opencps %d documents, %d forms, online %q; kiosk/v1 %d, %d, %q",
				p.Code, len(p.Documents), len(p.Forms), p.OnlineURL, len(k.Documents), len(k.Forms), k.OnlineURL)
		case len(p.Channels) == 0 || len(k.Channels) == 0 || len(p.Channels[0].Fees) != len(k.Channels[0].Fees):
			t.Errorf("%s: fees differ: %+v vs %+v", p.Code, p.Channels, k.Channels)
		}
	}
}

func TestOpenCPSProcedureDetail(t *testing.T) {
	ds, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	s := startOCSim(t, ds)
	c := ocClient(t, s, nil)
	var want portal.Procedure
	for _, p := range ds.Procedures {
		forms := 0
		for _, d := range p.Documents {
			if d.FormURL != "" {
				forms++
			}
		}
		if forms > 0 && len(p.Channels) > 0 && len(p.Channels[0].Fees) > 0 && len(p.LegalBasis) > 0 {
			want = p
			break
		}
	}
	if want.Code == "" {
		t.Fatal("the demo dataset has no procedure with forms, fees and legal basis")
	}
	got, err := c.Procedure(context.Background(), want.Code)
	if err != nil {
		t.Fatal(err)
	}
	if got.Name != want.Name || got.AgencyName != want.AgencyName || got.FieldName != want.FieldName {
		t.Errorf("got %q / %q / %q, want %q / %q / %q", got.Name, got.AgencyName, got.FieldName, want.Name, want.AgencyName, want.FieldName)
	}
	if strings.Join(got.LegalBasis, "|") != strings.Join(want.LegalBasis, "|") || strings.Join(got.Conditions, "|") != strings.Join(want.Conditions, "|") {
		t.Errorf("legal basis %q conditions %q, want %q %q", got.LegalBasis, got.Conditions, want.LegalBasis, want.Conditions)
	}
	if len(got.Documents) != len(want.Documents) {
		t.Fatalf("%d documents, want %d: %+v", len(got.Documents), len(want.Documents), got.Documents)
	}
	for i, d := range got.Documents {
		w := want.Documents[i]
		if !strings.HasPrefix(d.Name, w.Name) || d.Originals != w.Originals || d.Copies != w.Copies {
			t.Errorf("document %d: %q %d/%d, want %q %d/%d", i, d.Name, d.Originals, d.Copies, w.Name, w.Originals, w.Copies)
		}
	}
	if len(got.Channels) == 0 || len(got.Channels[0].Fees) != len(want.Channels[0].Fees) {
		t.Fatalf("channels %+v", got.Channels)
	}
	for i, f := range got.Channels[0].Fees {
		if w := want.Channels[0].Fees[i]; f.Amount != w.Amount || f.Name != w.Name {
			t.Errorf("fee %d: %q %d, want %q %d", i, f.Name, f.Amount, w.Name, w.Amount)
		}
	}
	if got.Channels[0].Time.Value != want.Channels[0].Time.Value || got.Channels[0].Time.Unit != want.Channels[0].Time.Unit {
		t.Errorf("duration %+v, want %+v", got.Channels[0].Time, want.Channels[0].Time)
	}
	// Forms: fileTemplateNo (FileTemplateModel) makes a URL under the REST
	// base that the site answers with the form.
	var wantForms []string
	for _, d := range want.Documents {
		if d.FormURL != "" {
			wantForms = append(wantForms, d.FormURL)
		}
	}
	if len(got.Forms) != len(wantForms) {
		t.Fatalf("%d forms, want %d", len(got.Forms), len(wantForms))
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for i, f := range got.Forms {
		if !strings.HasPrefix(f.URL, s.base+"/o/rest/v2/serviceinfos/") {
			t.Errorf("form URL %s is not under the REST base", f.URL)
			continue
		}
		resp, err := noFollow.Get(f.URL)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if loc := resp.Header.Get("Location"); resp.StatusCode != http.StatusFound || loc != wantForms[i] {
			t.Errorf("form %s answered %d → %q, want the form at %s", f.URL, resp.StatusCode, loc, wantForms[i])
		}
	}
	if _, err := c.Procedure(context.Background(), "9.999999.000.00.00.H29"); !errors.Is(err, portal.ErrNotFound) {
		t.Errorf("unknown procedure: %v, want ErrNotFound", err)
	}
}

func TestOpenCPSAgenciesAndFields(t *testing.T) {
	ds := miniDataset(1)
	ds.Agencies = append(ds.Agencies, portal.Agency{Code: "000.00.00.H29", Name: "UBND Thành phố Hồ Chí Minh", Kind: "province"})
	ds.Agencies[0].ParentCode, ds.Agencies[1].ParentCode = "000.00.00.H29", "000.00.00.H29"
	c := ocClient(t, startOCSim(t, ds), nil)
	as, err := c.Agencies(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	if len(as) != 3 {
		t.Fatalf("%d agencies: %+v", len(as), as)
	}
	for _, a := range as {
		want := map[string]struct{ parent, kind string }{
			"000.00.00.H29": {"", "province"}, "000.00.15.H29": {"000.00.00.H29", "department"}, "000.10.00.H29": {"000.00.00.H29", "commune"},
		}[a.Code]
		if a.ParentCode != want.parent || a.Kind != want.kind {
			t.Errorf("%s %q: parent %q kind %q, want %q %q (from parentItem and the name)", a.Code, a.Name, a.ParentCode, a.Kind, want.parent, want.kind)
		}
	}
	fs, err := c.Fields(context.Background())
	if err != nil || len(fs) != 1 || fs[0].Code != "HOTICH" || fs[0].Name != "Hộ tịch" {
		t.Errorf("fields %+v, %v", fs, err)
	}
}

func TestOpenCPSDossierLookup(t *testing.T) {
	s := startOCSim(t, miniDataset(1))
	c := ocClient(t, s, nil)
	ctx := context.Background()
	const code = "000.00.15.H29-261115-0001"
	rec := miniDataset(1).Dossiers[0]

	check := func(t *testing.T, d portal.Dossier) {
		t.Helper()
		if !d.Detailed || d.Status != portal.StatusProcessing || d.Code != code {
			t.Errorf("got %s status %d detailed %v", d.Code, d.Status, d.Detailed)
		}
		if !d.ReceivedAt.Equal(rec.ReceivedAt) || !d.DueAt.Equal(rec.DueAt) {
			t.Errorf("received %v due %v, want %v %v (dd/MM/yyyy HH:mm:ss)", d.ReceivedAt, d.DueAt, rec.ReceivedAt, rec.DueAt)
		}
		// statusText on the sequence marks the current step.
		if d.CurrentStep != "Thẩm định" || len(d.Steps) != 2 || !d.Steps[0].Done || d.Steps[1].Done {
			t.Errorf("current step %q, steps %+v", d.CurrentStep, d.Steps)
		}
		if d.Applicant != "Nguyễn V** A" || d.ApplicantID != "*********234" {
			t.Errorf("applicant %q %q, want masked", d.Applicant, d.ApplicantID)
		}
		if d.Note != "ghi chú" {
			t.Errorf("note %q", d.Note)
		}
	}
	t.Run("by the receipt's secret", func(t *testing.T) {
		d, err := c.Dossier(ctx, code, portal.DossierQuery{Secret: "S3CRET01"})
		if err != nil {
			t.Fatal(err)
		}
		check(t, d)
		if d.Fee != 8000 {
			t.Errorf("fee %d, want the detail's paymentFee 8000", d.Fee)
		}
	})
	t.Run("by the applicant's ID number", func(t *testing.T) {
		d, err := c.Dossier(ctx, code, portal.DossierQuery{IDNumber: "0740 9000 1234"})
		if err != nil {
			t.Fatal(err)
		}
		check(t, d)
	})
	for _, tc := range []struct {
		name string
		code string
		q    portal.DossierQuery
		want error
		not  error
	}{
		{"a wrong secret is answered 203 and read as a wrong secret", code, portal.DossierQuery{Secret: "nope"}, portal.ErrWrongSecret, portal.ErrNotFound},
		{"a wrong ID number is a wrong secret", code, portal.DossierQuery{IDNumber: "074090009999"}, portal.ErrWrongSecret, portal.ErrNotFound},
		{"no secret at all is 203 with a login error", code, portal.DossierQuery{}, portal.ErrSecretRequired, nil},
		{"an unknown number with a secret is not found", "000.00.15.H29-261115-9999", portal.DossierQuery{Secret: "S3CRET01"}, portal.ErrNotFound, portal.ErrWrongSecret},
		{"an unknown number with an ID number is not found", "000.00.15.H29-261115-9999", portal.DossierQuery{IDNumber: "074090001234"}, portal.ErrNotFound, portal.ErrWrongSecret},
		{"another dossier's secret does not open this one", code, portal.DossierQuery{Secret: "S3CRET02"}, portal.ErrWrongSecret, nil},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := c.Dossier(ctx, tc.code, tc.q)
			if !errors.Is(err, tc.want) || (tc.not != nil && errors.Is(err, tc.not)) {
				t.Errorf("got %v, want %v", err, tc.want)
			}
		})
	}
	t.Run("the wrong-secret answer is HTTP 203 with a text body", func(t *testing.T) {
		st, b := s.get("/o/rest/v2/dossiers/"+code, map[string]string{"groupId": ocGroup, "secretCode": "nope"})
		if st != http.StatusNonAuthoritativeInfo || json.Valid(b) {
			t.Errorf("got %d %q, want 203 and plain text (DossierManagementImpl.getDetailDossier)", st, b)
		}
		st, b = s.get("/o/rest/v2/dossiers/"+code, map[string]string{"groupId": ocGroup})
		if st != http.StatusNonAuthoritativeInfo || !strings.Contains(string(b), `"message"`) {
			t.Errorf("no secret: got %d %q, want 203 and an ErrorMsgModel (BusinessExceptionImpl)", st, b)
		}
	})
}

func TestOpenCPSStatusesComeBackAsTheDatasetHasThem(t *testing.T) {
	ds := miniDataset(1)
	base := ds.Dossiers[0]
	ds.Dossiers = nil
	for st := portal.StatusNew; st <= portal.StatusReturned; st++ {
		d := base
		d.Code = "000.00.15.H29-261115-00" + string(rune('0'+st/10)) + string(rune('0'+st%10))
		d.Status, d.StatusLabel, d.Secret = st, "", "S"+d.Code
		ds.Dossiers = append(ds.Dossiers, d)
	}
	c := ocClient(t, startOCSim(t, ds), nil)
	for _, d := range ds.Dossiers {
		got, err := c.Dossier(context.Background(), d.Code, portal.DossierQuery{Secret: d.Secret})
		if err != nil {
			t.Fatal(err)
		}
		want := d.Status
		if want == portal.StatusAccepted {
			want = portal.StatusProcessing // OpenCPS has no "accepted": it is processing at the reception step
		}
		if got.Status != want {
			t.Errorf("status %d came back as %d", d.Status, got.Status)
		}
	}
	t.Run("the site's status map overrides the built-in one", func(t *testing.T) {
		c := ocClient(t, startOCSim(t, ds), func(o *portal.Options) {
			o.OpenCPS.StatusMap = map[string]int{"releasing": portal.StatusReturned}
		})
		d := ds.Dossiers[portal.StatusDone-1]
		got, err := c.Dossier(context.Background(), d.Code, portal.DossierQuery{Secret: d.Secret})
		if err != nil || got.Status != portal.StatusReturned {
			t.Errorf("got %d, %v; want 10 from the override", got.Status, err)
		}
	})
}

func TestOpenCPSReadyList(t *testing.T) {
	s := startOCSim(t, miniDataset(1))
	c := ocClient(t, s, nil)
	ready, err := c.ReadyDossiers(context.Background(), "", "")
	if err != nil {
		t.Fatal(err)
	}
	if len(ready) != 2 {
		t.Fatalf("%d ready: %+v; want the two finished dossiers", len(ready), ready)
	}
	for _, r := range ready {
		if strings.Contains(r.Applicant, "Ngọc") || strings.Contains(r.Applicant, "Phúc") || !strings.Contains(r.Applicant, "*") {
			t.Errorf("applicant %q not masked", r.Applicant)
		}
		if r.FinishedAt.IsZero() {
			t.Errorf("%s has no finish date", r.Code)
		}
	}
	ready, err = c.ReadyDossiers(context.Background(), "000.10.00.H29", "")
	if err != nil || len(ready) != 1 || ready[0].Code != "000.10.00.H29-261101-0003" {
		t.Errorf("one agency: %+v, %v", ready, err)
	}
	t.Run("a site whose result step is numbered otherwise lists nothing with the default steps", func(t *testing.T) {
		c := ocClient(t, s, func(o *portal.Options) { o.OpenCPS.ReadySteps = []string{"500"} })
		ready, err := c.ReadyDossiers(context.Background(), "", "")
		if err != nil || len(ready) != 0 {
			t.Errorf("got %d, %v", len(ready), err)
		}
	})
	t.Run("results released longer ago than ready_days are left out", func(t *testing.T) {
		s.clock.Add(40 * 24 * time.Hour)
		ready, err := c.ReadyDossiers(context.Background(), "", "")
		if err != nil || len(ready) != 0 {
			t.Errorf("got %d, %v", len(ready), err)
		}
	})
}

func TestOpenCPSTwoTicketsGetTwoNumbers(t *testing.T) {
	s := startOCSim(t, miniDataset(1))
	c := ocClient(t, s, nil)
	ctx := context.Background()
	var nums []string
	for i := 0; i < 2; i++ {
		tk, err := c.TakeTicket(ctx, portal.TicketRequest{KioskID: "k1", ServiceCode: "HOTICH", Counter: "2"})
		if err != nil {
			t.Fatal(err)
		}
		if tk.Counter != "2" || tk.ServiceCode != "HOTICH" || !tk.WaitingUnknown {
			t.Errorf("ticket %+v", tk)
		}
		nums = append(nums, tk.Number)
	}
	if nums[0] != "1" || nums[1] != "2" {
		t.Errorf("numbers %q, want 1 then 2 (the booking's count)", nums)
	}
	other, err := c.TakeTicket(ctx, portal.TicketRequest{KioskID: "k1", ServiceCode: "DATDAI"})
	if err != nil || other.Number != "1" {
		t.Errorf("another service group: %+v, %v; want its own count from 1", other, err)
	}
	if n := s.srv.Stats().Tickets; n != 3 {
		t.Errorf("the site holds %d bookings, want 3", n)
	}
	t.Run("the site's bookings are an upsert by className and classPK", func(t *testing.T) {
		form := url.Values{"className": {"kiosk"}, "classPK": {"0"}, "serviceGroupCode": {"HOTICH"}}
		var counts []float64
		for i := 0; i < 2; i++ {
			resp, b := s.do("POST", "/o/rest/v2/bookings", map[string]string{"groupId": ocGroup, "Token": ocToken,
				"Content-Type": "application/x-www-form-urlencoded"}, form.Encode())
			var out map[string]any
			if resp.StatusCode != 200 || json.Unmarshal(b, &out) != nil {
				t.Fatalf("%d %s", resp.StatusCode, b)
			}
			counts = append(counts, out["count"].(float64))
		}
		if counts[0] != counts[1] {
			t.Errorf("the same classPK got counts %v: it must reuse the booking (BookingManagementImpl.addBooking)", counts)
		}
	})
	t.Run("a POST without the Liferay token is refused", func(t *testing.T) {
		c := ocClient(t, s, func(o *portal.Options) { o.OpenCPS.Token = "" })
		if _, err := c.TakeTicket(ctx, portal.TicketRequest{KioskID: "k1", ServiceCode: "HOTICH"}); err == nil {
			t.Error("got a ticket without the token")
		}
	})
}

func TestOpenCPSRatings(t *testing.T) {
	s := startOCSim(t, miniDataset(1))
	c := ocClient(t, s, nil)
	ctx := context.Background()
	const comment = "Cán bộ hướng dẫn tận tình <cảm ơn>"

	t.Run("a dossier's rating goes to its numeric dossierId with the comment on the commentable question", func(t *testing.T) {
		_, err := c.SubmitRating(ctx, portal.Rating{ID: "r1", KioskID: "k1", Overall: portal.Dissatisfied,
			DossierCode: "000.00.15.H29-261115-0001", Comment: comment})
		if err != nil {
			t.Fatal(err)
		}
		votes := s.srv.OpenCPSVotes()
		if len(votes) != 2 {
			t.Fatalf("%d votes, want one per question: %+v", len(votes), votes)
		}
		want := fmt.Sprintf("dossier/%d", s.srv.openCPS.dossierID["000.00.15.H29-261115-0001"])
		if subj := s.srv.OpenCPSVotingSubjects(); len(subj) != 1 || subj[0] != want {
			t.Errorf("asked for the questions of %q, want %s (the numeric dossierId)", subj, want)
		}
		// "Không hài lòng" is choice 3 of 3 in the first question and 4 of 5
		// in the second: selected is the position + 1 in the server's order.
		if votes[0].VotingID != "301" || votes[0].Selected != "3" || votes[1].VotingID != "302" || votes[1].Selected != "4" {
			t.Errorf("votes %+v, want 301=3 and 302=4", votes)
		}
		if html.UnescapeString(votes[0].Comment) != comment || votes[1].Comment != "" {
			t.Errorf("comments %q / %q, want the comment once, on the commentable question", votes[0].Comment, votes[1].Comment)
		}
	})
	t.Run("an officer's rating goes to the employeeId from the officer list", func(t *testing.T) {
		officers, err := c.Officers(ctx, "000.00.15.H29")
		if err != nil || len(officers) != 2 {
			t.Fatalf("officers %+v, %v", officers, err)
		}
		if officers[0].Name == "" || officers[0].ID == "" {
			t.Fatalf("officer %+v", officers[0])
		}
		if _, err := c.SubmitRating(ctx, portal.Rating{ID: "r2", KioskID: "k1", Overall: portal.VerySatisfied, Officer: officers[1].ID}); err != nil {
			t.Fatal(err)
		}
		subj := s.srv.OpenCPSVotingSubjects()
		if got := subj[len(subj)-1]; got != "employee/"+officers[1].ID {
			t.Errorf("rated %s, want employee/%s", got, officers[1].ID)
		}
		votes := s.srv.OpenCPSVotes()
		if last := votes[len(votes)-1]; last.Selected != "1" {
			t.Errorf("very satisfied sent as %s, want 1 (Rất hài lòng, listed first)", last.Selected)
		}
	})
	t.Run("an agency's rating goes to the agency code", func(t *testing.T) {
		if _, err := c.SubmitRating(ctx, portal.Rating{ID: "r3", KioskID: "k1", Overall: portal.Satisfied, Counter: "000.10.00.H29"}); err != nil {
			t.Fatal(err)
		}
		subj := s.srv.OpenCPSVotingSubjects()
		if got := subj[len(subj)-1]; got != "govagency/000.10.00.H29" {
			t.Errorf("rated %s", got)
		}
	})
	t.Run("a counter label or a typed officer name is no subject: the centre is rated, the name kept", func(t *testing.T) {
		// The rating screen offers the queues' counters ("1–2") and a
		// free-text officer field; rated as themselves they would find no
		// questions and the vote could never be delivered.
		before := len(s.srv.OpenCPSVotes())
		if _, err := c.SubmitRating(ctx, portal.Rating{ID: "r4", KioskID: "k1", Overall: portal.Satisfied, Counter: "1–2",
			Officer: "chị Lan", Comment: "Nhanh"}); err != nil {
			t.Fatal(err)
		}
		subj := s.srv.OpenCPSVotingSubjects()
		if got := subj[len(subj)-1]; got != "govagency/"+ocGroup {
			t.Errorf("rated %s, want the centre govagency/%s", got, ocGroup)
		}
		votes := s.srv.OpenCPSVotes()[before:]
		if len(votes) != 2 || html.UnescapeString(votes[0].Comment) != "Cán bộ: chị Lan. Nhanh" {
			t.Errorf("votes %+v, want the typed name with the comment", votes)
		}
	})
	t.Run("the voting list counts the results per choice", func(t *testing.T) {
		_, b := s.get("/o/rest/v2/postal/votings/dossier/880001", map[string]string{"groupId": ocGroup})
		var l struct {
			Data []struct {
				VotingID     int64    `json:"votingId"`
				Answers      []string `json:"answers"`
				AnswersCount int      `json:"answersCount"`
			} `json:"data"`
		}
		if err := json.Unmarshal(b, &l); err != nil || len(l.Data) != 2 {
			t.Fatalf("%s: %v", b, err)
		}
		if got := strings.Join(l.Data[0].Answers, ","); got != "1,2,1" || l.Data[0].AnswersCount != 4 {
			t.Errorf("question 301 answers %s (%d), want 1,2,1 (4)", got, l.Data[0].AnswersCount)
		}
	})
	t.Run("a guest may rate only a dossier whose ID number they know", func(t *testing.T) {
		ok, err := c.MayRate(ctx, "000.00.15.H29-261115-0001", "074090001234")
		if err != nil || !ok {
			t.Errorf("right ID number: %v, %v", ok, err)
		}
		ok, err = c.MayRate(ctx, "000.00.15.H29-261115-0001", "074090009999")
		if err != nil || ok {
			t.Errorf("wrong ID number: %v, %v", ok, err)
		}
	})
	t.Run("a site that lets no guest rate is played with POST /admin/faults refuse_ratings", func(t *testing.T) {
		resp, err := http.Post(s.base+"/admin/faults", "application/json", strings.NewReader(`{"refuse_ratings":true}`))
		if err != nil || resp.StatusCode != http.StatusOK {
			t.Fatalf("faults: %v %v", resp, err)
		}
		resp.Body.Close()
		defer s.srv.SetFaults(Faults{})
		ok, err := c.MayRate(ctx, "000.00.15.H29-261115-0001", "074090001234")
		if err != nil || ok {
			t.Errorf("right ID number with ratings refused: %v, %v", ok, err)
		}
	})
}

func TestOpenCPSHasNoKioskHeartbeat(t *testing.T) {
	c := ocClient(t, startOCSim(t, miniDataset(1)), nil)
	if err := c.Heartbeat(context.Background(), portal.Heartbeat{KioskID: "k1"}); !errors.Is(err, portal.ErrUnsupported) {
		t.Errorf("got %v, want ErrUnsupported", err)
	}
}

// The simulator lists its questions as a stock server does, without
// votingCode: the client knows the attitude question by its subject and
// sends it the attitude score, the general one the overall score.
func TestOpenCPSCriteriaReachTheirStockQuestions(t *testing.T) {
	s := startOCSim(t, miniDataset(1))
	c := ocClient(t, s, nil)
	if _, err := c.SubmitRating(context.Background(), portal.Rating{ID: "r1", KioskID: "k1", Overall: portal.Satisfied,
		Criteria: map[string]int{"attitude": portal.VeryDissatisfied}, DossierCode: "000.00.15.H29-261115-0001"}); err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, v := range s.srv.OpenCPSVotes() {
		got[v.VotingID] = v.Selected
	}
	// 301: [Rất hài lòng, Hài lòng, Không hài lòng]; 302: five levels, best first.
	if got["301"] != "2" || got["302"] != "5" {
		t.Errorf("votes %v, want 301=2 (overall 4) and 302=5 (attitude 1)", got)
	}
}
