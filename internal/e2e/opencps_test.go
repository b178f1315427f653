package e2e

import (
	"context"
	"encoding/json"
	"errors"
	"html"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/internal/config"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/process"
	"kiosk/internal/search"
)

// TestCitizenFlowAgainstAnOpenCPSSite runs one citizen's visit — search,
// dossier lookup, queue ticket, rating — through the kiosk's services built
// from the shipped kiosk-config/demo-opencps.toml, against the real
// cmd/portalsim binary started as `kiosk -demo` starts it for that config
// (portalsim -dialect opencps -group-id … -token …), over loopback HTTP. It
// is the short form's check that the kiosk works with an OpenCPS-shaped
// portal, not only with its own kiosk/v1 API.
func TestCitizenFlowAgainstAnOpenCPSSite(t *testing.T) {
	root := moduleRoot(t)
	shipped, err := config.Load(filepath.Join(root, "kiosk-config", "demo-opencps.toml"), config.Known{})
	if err != nil {
		t.Fatal(err)
	}
	if shipped.Portal.Dialect != "opencps/v2" || shipped.Portal.GroupID == "" || shipped.Portal.OpenCPS.Token == "" {
		t.Fatalf("demo-opencps.toml speaks %q to group %q (token set: %v); want opencps/v2 with a group and a token",
			shipped.Portal.Dialect, shipped.Portal.GroupID, shipped.Portal.OpenCPS.Token != "")
	}
	sim, err := process.StartDemoPortal(context.Background(), process.DemoPortalOptions{
		Binary:  buildPortalsimBinary(t),
		OpenCPS: &process.DemoOpenCPS{GroupID: shipped.Portal.GroupID, Token: shipped.Portal.OpenCPS.Token},
		Log:     os.Stderr,
	})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(sim.Stop)

	k := buildKiosk(t, sim.URL, func(c *config.Config) {
		url := c.Portal.BaseURL
		c.Portal = shipped.Portal
		c.Portal.BaseURL, c.Portal.Retries = url, -1
		c.Queue = shipped.Queue
	})
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	var rec portalsim.DossierRecord
	for _, d := range ds.Dossiers {
		if d.Code == demoDossier {
			rec = d
		}
	}

	// 1. The catalogue arrives by a full sync and is searched offline.
	res, err := k.S.Syncer.Run(k.Ctx, true, nil)
	if err != nil {
		t.Fatalf("full sync from the OpenCPS site: %v", err)
	}
	k.S.Catalogue.RebuildIndex()
	if got := cachedCodes(t, k); len(got) != len(ds.Procedures) {
		t.Fatalf("the cache holds %d procedures after %d pages, the site publishes %d", len(got), res.Pages, len(ds.Procedures))
	}
	hits := k.S.Catalogue.Search(search.Query{Text: "lam giay khai sinh"})
	if len(hits) == 0 || hits[0].Code != "1.001193.000.00.00.H29" {
		t.Fatalf("searching \"lam giay khai sinh\" found %+v, want Đăng ký khai sinh first", hits)
	}
	p, err := k.S.Catalogue.Procedure(hits[0].Code)
	if err != nil || len(p.Documents) == 0 || len(p.Steps) == 0 || p.AgencyName == "" {
		t.Fatalf("procedure page from the cache: %+v, %v", p, err)
	}
	wantForms := 0
	for _, pr := range ds.Procedures {
		if pr.Code == p.Code {
			for _, d := range pr.Documents {
				if d.FormURL != "" {
					wantForms++
				}
			}
		}
	}
	if wantForms == 0 || len(p.Forms) != wantForms {
		t.Errorf("the cached procedure has %d forms, the site %d (they come from the detail's fileTemplates)", len(p.Forms), wantForms)
	}
	noFollow := &http.Client{CheckRedirect: func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }}
	for _, f := range p.Forms {
		resp, err := noFollow.Get(f.URL) // as a citizen's phone opens the QR: no groupId
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if !strings.HasPrefix(f.URL, sim.URL+"/o/rest/v2/serviceinfos/") || resp.StatusCode != http.StatusFound {
			t.Errorf("form %q links to %s, which answered %s", f.Name, f.URL, resp.Status)
		}
	}
	record("opencps: search", "full sync of the OpenCPS site's catalogue, searched offline (\"lam giay khai sinh\" → Đăng ký khai sinh)", "nothing")

	// 2. Their dossier, by the receipt's secret and by the ID number.
	for _, q := range []portal.DossierQuery{{Secret: rec.Secret}, {IDNumber: rec.ApplicantIDNumber}} {
		d, err := k.S.Lookups.Dossier(k.Ctx, demoDossier, q)
		if err != nil {
			t.Fatalf("lookup: %v", err)
		}
		if d.Status != portal.StatusDone || !d.Detailed || d.CurrentStep == "" || d.Applicant != portal.MaskName(rec.ApplicantName) {
			t.Errorf("dossier %+v", d)
		}
		if d.ReturnedAt != nil {
			t.Error("a result waiting at the counter is shown as returned")
		}
	}
	if _, err := k.S.Lookups.Dossier(k.Ctx, demoDossier, portal.DossierQuery{Secret: "WRONG1"}); !errors.Is(err, portal.ErrWrongSecret) {
		t.Errorf("wrong secret: %v", err)
	}
	record("opencps: dossier lookup", "found by secret and by ID number (masked applicant, current step); a wrong secret (HTTP 203) said so", "nothing")

	// 3. Two citizens take numbers for the same service.
	svc := shipped.Queue[0].Code
	var numbers []string
	for i := 0; i < 2; i++ {
		tk, err := k.S.Tickets.TakeTicket(k.Ctx, portal.TicketRequest{ServiceCode: svc, Counter: shipped.Queue[0].Counter})
		if err != nil {
			t.Fatalf("ticket: %v", err)
		}
		if tk.ServiceName != shipped.Queue[0].NameVI {
			t.Errorf("ticket for %q named %q", svc, tk.ServiceName)
		}
		numbers = append(numbers, tk.Number)
		if err := k.S.Receipts.PrintTicket(k.Ctx, tk, "vi"); err != nil {
			t.Errorf("printing the ticket: %v", err)
		}
	}
	if numbers[0] == numbers[1] || numbers[0] == "" {
		t.Errorf("two citizens got numbers %q", numbers)
	}
	if st := simStats(t, sim.URL); st.Tickets != 2 {
		t.Errorf("the site holds %d bookings, want 2", st.Tickets)
	}
	record("opencps: queue tickets", "two citizens got numbers "+strings.Join(numbers, " and ")+" (booking count, one booking each)", "nothing")

	// 4. They rate the service while the site is down; it is delivered once
	// it is back, once.
	post(t, sim.URL+"/admin/offline")
	const comment = "Cán bộ hướng dẫn tận tình"
	if err := k.S.Ratings.SaveRating(portal.Rating{Overall: portal.Satisfied, Comment: comment, DossierCode: demoDossier}); err != nil {
		t.Fatal(err)
	}
	if n, err := k.S.Deliver.DeliverOnce(k.Ctx); err == nil || n != 0 {
		t.Errorf("delivery with the site down: %d delivered, error %v", n, err)
	}
	post(t, sim.URL+"/admin/online")
	k.Clk.Add(time.Hour) // past the retry backoff
	for i := 0; i < 3; i++ {
		if _, err := k.S.Deliver.DeliverOnce(k.Ctx); err != nil {
			t.Fatalf("delivery once the site is back: %v", err)
		}
	}
	votes := simVotes(t, sim.URL)
	if len(votes.Votes) != 2 || len(votes.Subjects) != 1 || !strings.HasPrefix(votes.Subjects[0], "dossier/") {
		t.Fatalf("the site received %+v", votes)
	}
	if html.UnescapeString(votes.Votes[0].Comment) != comment || votes.Votes[0].Selected != "2" || votes.Votes[1].Selected != "2" {
		t.Errorf("votes %+v: want the comment on the first question and \"Hài lòng\" (2) on both", votes.Votes)
	}
	record("opencps: rating", "saved while the site was down, delivered once when it was back: the dossier's votes with the comment", "nothing")

	// Nothing personal in the kiosk's logs.
	logs := k.Logs.String()
	for _, secret := range []string{rec.ApplicantName, strings.ToUpper(rec.ApplicantName), rec.ApplicantIDNumber, rec.Secret} {
		if strings.Contains(logs, secret) {
			t.Errorf("the kiosk's log holds %q", secret)
		}
	}
}

// buildPortalsimBinary builds cmd/portalsim (or takes
// $KIOSK_E2E_PORTALSIM_BIN).
func buildPortalsimBinary(t *testing.T) string {
	t.Helper()
	if bin := os.Getenv("KIOSK_E2E_PORTALSIM_BIN"); bin != "" {
		return bin
	}
	bin := filepath.Join(t.TempDir(), "portalsim")
	cmd := exec.Command(goTool(), "build", "-o", bin, "./cmd/portalsim")
	cmd.Dir = moduleRoot(t)
	if out, err := cmd.CombinedOutput(); err != nil {
		t.Fatalf("building the portal simulator: %v\n%s", err, out)
	}
	return bin
}

func post(t *testing.T, url string) {
	t.Helper()
	resp, err := http.Post(url, "text/plain", nil)
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
}

func getJSON(t *testing.T, url string, v any) {
	t.Helper()
	resp, err := http.Get(url)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	if err := json.NewDecoder(resp.Body).Decode(v); err != nil {
		t.Fatalf("%s: %v", url, err)
	}
}

func simStats(t *testing.T, base string) portalsim.Stats {
	var st portalsim.Stats
	getJSON(t, base+"/admin/stats", &st)
	return st
}

func simVotes(t *testing.T, base string) (v struct {
	Votes    []portalsim.OCVote `json:"votes"`
	Subjects []string           `json:"subjects"`
}) {
	getJSON(t, base+"/admin/opencps/votes", &v)
	return v
}
