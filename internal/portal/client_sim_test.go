package portal_test

import (
	"context"
	"encoding/json"
	"errors"
	"io"
	"net/http"
	"strings"
	"testing"
	"time"

	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

// simPortal starts the simulator on loopback with the demo dataset plus two
// dossiers of the test's own (one being processed, one ready to collect), so
// that the lookups are exercised whatever the demo data holds.
func simPortal(t *testing.T) (*portalsim.Dataset, string) {
	t.Helper()
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatalf("demo dataset: %v", err)
	}
	if len(ds.Procedures) == 0 || len(ds.Agencies) == 0 || len(ds.Fields) == 0 {
		t.Fatal("demo dataset is empty")
	}
	p := ds.Procedures[0]
	received := portalsim.DemoReference.Add(-72 * time.Hour)
	finished := portalsim.DemoReference.Add(-24 * time.Hour)
	tmpl := portal.Dossier{ProcedureCode: p.Code, ProcedureName: p.Name, AgencyCode: p.AgencyCode, AgencyName: p.AgencyName,
		ReceivedAt: received, DueAt: portalsim.DemoReference.Add(72 * time.Hour), PickupPlace: "Quầy số 3",
		CurrentStep: "Thẩm định hồ sơ", Note: "Hồ sơ hợp lệ", Fee: 30000,
		Steps: []portal.DossierStep{{Name: "Tiếp nhận", At: &received, Done: true}, {Name: "Thẩm định hồ sơ"}}}
	processing, ready := tmpl, tmpl
	processing.Code, processing.Status = "000.00.99.H48-261117-0001", portal.StatusProcessing
	ready.Code, ready.Status, ready.FinishedAt = "000.00.99.H48-261117-0002", portal.StatusDone, &finished
	ds.Dossiers = append(ds.Dossiers,
		portalsim.DossierRecord{Dossier: processing, ApplicantName: "Phạm Thị Thu Hà", ApplicantIDNumber: "048190001234",
			ApplicantPhone: "0905123456", Secret: "Q7W2-TEST"},
		portalsim.DossierRecord{Dossier: ready, ApplicantName: "Võ Văn Kiệt", ApplicantIDNumber: "048090009876",
			ApplicantPhone: "0905987654", Secret: "R8X3-TEST"})
	if err := ds.Validate(); err != nil {
		t.Fatalf("test dossiers do not fit the demo dataset: %v", err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	base, stop, err := portalsim.Start(ctx, "127.0.0.1:0", ds, portalsim.Options{KioskKey: "demo-key", Seed: 1})
	if err != nil {
		cancel()
		t.Fatalf("starting simulator: %v", err)
	}
	t.Cleanup(func() { stop(); cancel() })
	return ds, base
}

func simClient(t *testing.T, base, key string) *portal.Client {
	t.Helper()
	c, err := portal.New(portal.Options{BaseURL: base, KioskID: "KIOSK-TEST", KioskKey: key, Retries: 2,
		Timeout: 5 * time.Second, Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }})
	if err != nil {
		t.Fatal(err)
	}
	return c
}

func simAdmin(t *testing.T, base, path string) []byte {
	t.Helper()
	method := http.MethodPost
	if strings.HasPrefix(path, "/admin/stats") {
		method = http.MethodGet
	}
	req, _ := http.NewRequest(method, base+path, nil)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatalf("admin %s: %v", path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if resp.StatusCode >= 300 {
		t.Fatalf("admin %s: HTTP %d %s", path, resp.StatusCode, b)
	}
	return b
}

func setFaults(t *testing.T, base, faults string) {
	t.Helper()
	resp, err := http.Post(base+"/admin/faults", "application/json", strings.NewReader(faults))
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode >= 300 {
		t.Fatalf("setting faults %s: HTTP %d", faults, resp.StatusCode)
	}
}

func TestClientAgainstSimulator(t *testing.T) {
	ds, base := simPortal(t)
	c := simClient(t, base, "demo-key")
	ctx := context.Background()

	t.Run("the health check answers", func(t *testing.T) {
		if _, err := c.Health(ctx); err != nil {
			t.Fatal(err)
		}
	})

	var cursor time.Time
	t.Run("a full listing pages through every procedure once", func(t *testing.T) {
		seen := map[string]bool{}
		token, pages := "", 0
		size := max(1, len(ds.Procedures)/3) // several pages whatever the dataset's size
		for {
			p, err := c.Procedures(ctx, time.Time{}, token, size)
			if err != nil {
				t.Fatalf("page %d: %v", pages+1, err)
			}
			pages++
			if pages == 1 {
				cursor = p.ServerTime
			} else if !p.ServerTime.Equal(cursor) {
				t.Errorf("page %d cursor %v differs from the first page's %v", pages, p.ServerTime, cursor)
			}
			for _, it := range p.Items {
				if it.Deleted {
					t.Errorf("full listing contains tombstone %s", it.Code)
				}
				if seen[it.Code] {
					t.Errorf("%s listed twice", it.Code)
				}
				seen[it.Code] = true
			}
			if p.NextPageToken == "" || pages > 1000 {
				break
			}
			token = p.NextPageToken
		}
		if len(seen) != len(ds.Procedures) || pages < 2 {
			t.Errorf("%d procedures in %d pages, want %d in several", len(seen), pages, len(ds.Procedures))
		}
	})

	t.Run("an incremental sync brings changes and tombstones", func(t *testing.T) {
		if cursor.IsZero() {
			t.Skip("no cursor from the full listing")
		}
		victim := ds.Procedures[len(ds.Procedures)-1].Code
		simAdmin(t, base, "/admin/touch?n=3")
		simAdmin(t, base, "/admin/delete?code="+victim)
		p, err := c.Procedures(ctx, cursor, "", 1000)
		if err != nil {
			t.Fatal(err)
		}
		live, gone := 0, false
		for _, it := range p.Items {
			if it.Deleted && it.Code == victim {
				gone = true
			} else if !it.Deleted {
				live++
			}
		}
		if live < 3 || !gone {
			t.Errorf("%d changed procedures and tombstone %v, want ≥3 and true", live, gone)
		}
		if _, err := c.Procedure(ctx, victim); !errors.Is(err, portal.ErrNotFound) {
			t.Errorf("deleted procedure: got %v, want ErrNotFound", err)
		}
	})

	t.Run("one procedure, agencies and fields", func(t *testing.T) {
		want := ds.Procedures[0]
		p, err := c.Procedure(ctx, want.Code)
		if err != nil || p.Name != want.Name {
			t.Errorf("got %q, %v; want %q", p.Name, err, want.Name)
		}
		as, err := c.Agencies(ctx)
		if err != nil || len(as) != len(ds.Agencies) {
			t.Errorf("%d agencies, %v; want %d", len(as), err, len(ds.Agencies))
		}
		fs, err := c.Fields(ctx)
		if err != nil || len(fs) != len(ds.Fields) {
			t.Errorf("%d fields, %v; want %d", len(fs), err, len(ds.Fields))
		}
	})

	rec := ds.Dossiers[len(ds.Dossiers)-2] // the processing one added by simPortal
	t.Run("a dossier without a secret shows only the masked summary", func(t *testing.T) {
		d, err := c.Dossier(ctx, rec.Code, portal.DossierQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Detailed || d.Steps != nil || d.Note != "" || d.Fee != 0 || d.ApplicantID != "" {
			t.Errorf("summary shows details: %+v", d)
		}
		if d.CurrentStep != rec.CurrentStep || d.PickupPlace != rec.PickupPlace {
			t.Errorf("summary lacks step %q or pickup place %q", d.CurrentStep, d.PickupPlace)
		}
		if d.Status != rec.Status || d.Applicant != portal.MaskName(rec.ApplicantName) {
			t.Errorf("status %d applicant %q, want %d %q", d.Status, d.Applicant, rec.Status, portal.MaskName(rec.ApplicantName))
		}
	})
	t.Run("the secret from the receipt unlocks the details", func(t *testing.T) {
		d, err := c.Dossier(ctx, rec.Code, portal.DossierQuery{Secret: rec.Secret})
		if err != nil {
			t.Fatal(err)
		}
		if !d.Detailed || d.ApplicantID != portal.MaskID(rec.ApplicantIDNumber) || len(d.Steps) != 2 || d.Fee != 30000 {
			t.Errorf("detailed %v applicant id %q steps %d fee %d", d.Detailed, d.ApplicantID, len(d.Steps), d.Fee)
		}
	})
	t.Run("the applicant's ID number unlocks the details", func(t *testing.T) {
		d, err := c.Dossier(ctx, rec.Code, portal.DossierQuery{IDNumber: rec.ApplicantIDNumber})
		if err != nil || !d.Detailed {
			t.Errorf("got %v, detailed %v", err, d.Detailed)
		}
	})
	t.Run("a wrong secret is refused", func(t *testing.T) {
		if _, err := c.Dossier(ctx, rec.Code, portal.DossierQuery{Secret: "not-" + rec.Secret}); !errors.Is(err, portal.ErrWrongSecret) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("an unknown dossier is not found", func(t *testing.T) {
		if _, err := c.Dossier(ctx, "000.00.99.H48-200101-9999", portal.DossierQuery{}); !errors.Is(err, portal.ErrNotFound) {
			t.Errorf("got %v", err)
		}
	})

	t.Run("the ready list is masked", func(t *testing.T) {
		ready, err := c.ReadyDossiers(ctx, "", "")
		if err != nil {
			t.Fatal(err)
		}
		found := false
		for _, r := range ready {
			found = found || r.Code == "000.00.99.H48-261117-0002"
		}
		if !found {
			t.Fatal("the finished test dossier is not in the ready list")
		}
		byCode := map[string]portalsim.DossierRecord{}
		for _, d := range ds.Dossiers {
			byCode[d.Code] = d
		}
		for _, r := range ready {
			if r.Applicant != portal.MaskName(byCode[r.Code].ApplicantName) {
				t.Errorf("%s applicant %q is not the masked name", r.Code, r.Applicant)
			}
		}
		agency := ready[0].AgencyCode
		only, err := c.ReadyDossiers(ctx, agency, "")
		if err != nil {
			t.Fatal(err)
		}
		for _, r := range only {
			if r.AgencyCode != agency {
				t.Errorf("filter by %s returned %s", agency, r.AgencyCode)
			}
		}
	})

	t.Run("a ticket is issued", func(t *testing.T) {
		tk, err := c.TakeTicket(ctx, portal.TicketRequest{ServiceCode: ds.Fields[0].Code})
		if err != nil {
			t.Fatal(err)
		}
		if tk.Number == "" || tk.Counter == "" {
			t.Errorf("ticket %+v", tk)
		}
	})

	t.Run("a replayed rating is acknowledged once", func(t *testing.T) {
		r := portal.Rating{ID: "sim-test-rating-1", Overall: portal.VerySatisfied, CreatedAt: time.Now().UTC()}
		first, err := c.SubmitRating(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		again, err := c.SubmitRating(ctx, r)
		if err != nil {
			t.Fatal(err)
		}
		if first.Duplicate || !again.Duplicate || again.ID != first.ID {
			t.Errorf("first %+v, replay %+v", first, again)
		}
		var st struct {
			Ratings int `json:"ratings"`
		}
		_ = json.Unmarshal(simAdmin(t, base, "/admin/stats"), &st)
		if st.Ratings != 1 {
			t.Errorf("simulator stored %d ratings, want 1", st.Ratings)
		}
	})

	t.Run("a heartbeat is accepted", func(t *testing.T) {
		if err := c.Heartbeat(ctx, portal.Heartbeat{Version: "test", SentAt: time.Now().UTC()}); err != nil {
			t.Error(err)
		}
	})

	t.Run("a wrong kiosk key is unauthorised", func(t *testing.T) {
		bad := simClient(t, base, "wrong-key")
		if _, err := bad.Agencies(ctx); !errors.Is(err, portal.ErrUnauthorized) {
			t.Errorf("got %v", err)
		}
	})

	t.Run("a flaky portal still gives a complete listing thanks to retries", func(t *testing.T) {
		setFaults(t, base, `{"fail_rate":0.3}`)
		defer setFaults(t, base, `{}`)
		patient, err := portal.New(portal.Options{BaseURL: base, KioskID: "KIOSK-TEST", KioskKey: "demo-key", Retries: 8,
			Sleep: func(ctx context.Context, d time.Duration) error { return ctx.Err() }})
		if err != nil {
			t.Fatal(err)
		}
		n, token := 0, ""
		for i := 0; i < 100; i++ {
			p, err := patient.Procedures(ctx, time.Time{}, token, max(1, len(ds.Procedures)/4))
			if err != nil {
				t.Fatalf("page %d: %v", i+1, err)
			}
			n += len(p.Items)
			if token = p.NextPageToken; token == "" {
				break
			}
		}
		if n < len(ds.Procedures)-1 { // one was deleted above
			t.Errorf("listed %d procedures, want %d", n, len(ds.Procedures)-1)
		}
		var st struct {
			Failed int `json:"failed"`
		}
		_ = json.Unmarshal(simAdmin(t, base, "/admin/stats"), &st)
		if st.Failed == 0 {
			t.Error("the simulator failed no request: the test proved nothing")
		}
	})

	t.Run("garbage answers are bad responses, never a crash or a huge buffer", func(t *testing.T) {
		setFaults(t, base, `{"garbage_rate":1}`)
		defer setFaults(t, base, `{}`)
		for i := range 12 { // the simulator picks one of four kinds of garbage at random
			_, err := c.Procedures(ctx, time.Time{}, "", 10)
			if !errors.Is(err, portal.ErrBadResponse) {
				t.Errorf("attempt %d: got %v, want ErrBadResponse", i+1, err)
			}
		}
	})

	t.Run("an offline portal is reported as offline, and recovers", func(t *testing.T) {
		simAdmin(t, base, "/admin/offline")
		_, err := c.Health(ctx)
		simAdmin(t, base, "/admin/online")
		if !errors.Is(err, portal.ErrOffline) {
			t.Errorf("offline: got %v", err)
		}
		if _, err := c.Health(ctx); err != nil {
			t.Errorf("back online: %v", err)
		}
	})
}
