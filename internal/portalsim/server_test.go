package portalsim

import (
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"kiosk/internal/portal"
)

var t0 = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

// clock is a settable test clock.
type clock struct {
	mu  sync.Mutex
	now time.Time
}

func (c *clock) Now() time.Time { c.mu.Lock(); defer c.mu.Unlock(); return c.now }
func (c *clock) Add(d time.Duration) {
	c.mu.Lock()
	c.now = c.now.Add(d)
	c.mu.Unlock()
}

func miniDataset(nprocs int) *Dataset {
	ds := &Dataset{
		Fields:    []portal.Field{{Code: "HOTICH", Name: "Hộ tịch"}},
		Agencies:  []portal.Agency{{Code: "000.00.15.H29", Name: "Sở Tư pháp Thành phố Hồ Chí Minh", Kind: "department"}, {Code: "000.10.00.H29", Name: "UBND phường Thủ Dầu Một", Kind: "commune"}},
		Reference: t0,
	}
	for i := 0; i < nprocs; i++ {
		ds.Procedures = append(ds.Procedures, portal.Procedure{
			Code: fmt.Sprintf("1.%06d.000.00.00.H29", 1000+i), Name: fmt.Sprintf("Thủ tục số %d", i),
			AgencyCode: "000.00.15.H29", FieldCode: "HOTICH", Level: 3, LevelOld: 3,
			Channels:  []portal.Channel{{Kind: 1, Time: portal.Duration{Value: 3, Unit: "ngày làm việc"}}},
			UpdatedAt: t0.Add(-time.Duration(nprocs-i) * time.Hour),
		})
	}
	fin := t0.Add(-24 * time.Hour)
	step := t0.Add(-72 * time.Hour)
	ds.Dossiers = []DossierRecord{
		{Dossier: portal.Dossier{Code: "000.00.15.H29-261115-0001", ProcedureName: "Đăng ký khai sinh", AgencyCode: "000.00.15.H29",
			Status: 4, StatusLabel: "Đang xử lý", ReceivedAt: t0.Add(-96 * time.Hour), DueAt: t0.Add(48 * time.Hour),
			Steps: []portal.DossierStep{{Name: "Tiếp nhận", At: &step, Done: true}, {Name: "Thẩm định"}}, Note: "ghi chú", Fee: 8000},
			ApplicantName: "Nguyễn Văn An", ApplicantIDNumber: "074090001234", ApplicantPhone: "0912345678", Secret: "S3CRET01"},
		{Dossier: portal.Dossier{Code: "000.00.15.H29-261110-0002", ProcedureName: "Đăng ký kết hôn", AgencyCode: "000.00.15.H29",
			Status: 9, StatusLabel: "Đã xử lý xong", FinishedAt: &fin, PickupPlace: "Quầy số 3"},
			ApplicantName: "Trần Thị Bích Ngọc", ApplicantIDNumber: "074190005678", Secret: "S3CRET02"},
		{Dossier: portal.Dossier{Code: "000.10.00.H29-261101-0003", ProcedureName: "Chứng thực chữ ký", AgencyCode: "000.10.00.H29",
			Status: 9, StatusLabel: "Đã xử lý xong", FinishedAt: &fin, PickupPlace: "UBND phường"},
			ApplicantName: "Lê Hoàng Phúc", ApplicantIDNumber: "074085009999", Secret: "S3CRET03"},
	}
	return ds
}

type sim struct {
	t     *testing.T
	srv   *Server
	base  string
	clock *clock
}

func startSim(t *testing.T, ds *Dataset, o Options) *sim {
	t.Helper()
	c := &clock{now: t0}
	o.Now = c.Now
	srv, base, stop, err := StartServer(context.Background(), "127.0.0.1:0", ds, o)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(stop)
	return &sim{t: t, srv: srv, base: base, clock: c}
}

func (s *sim) do(method, path string, hdr map[string]string, body string) (*http.Response, []byte) {
	s.t.Helper()
	req, err := http.NewRequest(method, s.base+path, strings.NewReader(body))
	if err != nil {
		s.t.Fatal(err)
	}
	req.Header.Set("X-Kiosk-ID", "test-01")
	req.Header.Set("Authorization", "Bearer k")
	for k, v := range hdr {
		req.Header.Set(k, v)
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		s.t.Fatalf("%s %s: %v", method, path, err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, b
}

func (s *sim) get(path string, hdr map[string]string) (int, []byte) {
	resp, b := s.do("GET", path, hdr, "")
	return resp.StatusCode, b
}

// listAll pages through a listing and returns every item and the cursor.
func (s *sim) listAll(since string, size int, between func(page int)) ([]portal.Procedure, time.Time, int) {
	s.t.Helper()
	var all []portal.Procedure
	tok := ""
	var st time.Time
	total := 0
	for page := 0; ; page++ {
		q := url.Values{"page_size": {fmt.Sprint(size)}}
		if since != "" {
			q.Set("updated_since", since)
		}
		if tok != "" {
			q.Set("page_token", tok)
		}
		code, b := s.get("/api/v1/procedures?"+q.Encode(), nil)
		if code != 200 {
			s.t.Fatalf("listing page %d: %d %s", page, code, b)
		}
		var p portal.ProcedurePage
		if err := json.Unmarshal(b, &p); err != nil {
			s.t.Fatal(err)
		}
		all = append(all, p.Items...)
		st, total = p.ServerTime, p.Total
		if p.NextPageToken == "" {
			return all, st, total
		}
		tok = p.NextPageToken
		if between != nil {
			between(page)
		}
	}
}

func TestWrongKioskKeyIsRefused(t *testing.T) {
	s := startSim(t, miniDataset(2), Options{KioskKey: "right"})
	code, b := s.get("/api/v1/fields", nil)
	if code != http.StatusUnauthorized || !strings.Contains(string(b), `"unauthorized"`) {
		t.Errorf("got %d %s, want 401 unauthorized", code, b)
	}
	code, _ = s.get("/api/v1/fields", map[string]string{"Authorization": "Bearer right"})
	if code != 200 {
		t.Errorf("right key: got %d, want 200", code)
	}
}

func TestFullListingPagesThroughEveryProcedureOnce(t *testing.T) {
	s := startSim(t, miniDataset(10), Options{})
	items, cursor, total := s.listAll("", 3, nil)
	if len(items) != 10 || total != 10 {
		t.Fatalf("got %d items (total %d), want 10", len(items), total)
	}
	seen := map[string]bool{}
	for _, p := range items {
		if seen[p.Code] {
			t.Errorf("%s returned twice", p.Code)
		}
		seen[p.Code] = true
	}
	if !cursor.Equal(t0) {
		t.Errorf("cursor %v, want the listing's start %v", cursor, t0)
	}
}

func TestPagingStaysConsistentWhileProceduresChange(t *testing.T) {
	s := startSim(t, miniDataset(20), Options{})
	var touched []string
	items, cursor, _ := s.listAll("", 4, func(page int) {
		s.clock.Add(time.Second)
		touched = append(touched, s.srv.Touch(3)...)
	})
	seen := map[string]int{}
	for _, p := range items {
		seen[p.Code]++
	}
	for c, n := range seen {
		if n > 1 {
			t.Errorf("%s returned %d times in one listing", c, n)
		}
	}
	// Whatever changed during the listing comes with the next incremental sync.
	s.clock.Add(time.Second)
	inc, _, _ := s.listAll(cursor.Format(time.RFC3339Nano), 100, nil)
	got := map[string]bool{}
	for _, p := range inc {
		got[p.Code] = true
	}
	for _, c := range touched {
		if !got[c] {
			t.Errorf("%s changed during the listing but is missing from the next incremental sync", c)
		}
	}
	for c := range seen {
		got[c] = true
	}
	if len(got) != 20 {
		t.Errorf("listing plus incremental saw %d procedures, want all 20", len(got))
	}
}

func TestIncrementalSyncCarriesTombstones(t *testing.T) {
	s := startSim(t, miniDataset(5), Options{})
	_, cursor, _ := s.listAll("", 100, nil)
	s.clock.Add(time.Minute)
	if !s.srv.Delete("1.001001.000.00.00.H29") {
		t.Fatal("delete failed")
	}
	s.srv.Touch(1)
	inc, _, total := s.listAll(cursor.Format(time.RFC3339Nano), 100, nil)
	if len(inc) != 2 || total != 2 {
		t.Fatalf("got %d changes (total %d), want a tombstone and an update", len(inc), total)
	}
	var tomb *portal.Procedure
	for i := range inc {
		if inc[i].Deleted {
			tomb = &inc[i]
		}
	}
	if tomb == nil || tomb.Code != "1.001001.000.00.00.H29" || tomb.Name != "" {
		t.Errorf("got %+v, want a bare tombstone for 1.001001.000.00.00.H29", inc)
	}
	full, _, _ := s.listAll("", 100, nil)
	for _, p := range full {
		if p.Deleted {
			t.Errorf("a full listing returned tombstone %s", p.Code)
		}
	}
	if code, _ := s.get("/api/v1/procedures/1.001001.000.00.00.H29", nil); code != 404 {
		t.Errorf("deleted procedure: got %d, want 404", code)
	}
}

func TestBadPagingInputIsRefused(t *testing.T) {
	s := startSim(t, miniDataset(3), Options{})
	for _, q := range []string{"page_token=%21%21garbage", "updated_since=yesterday", "page_size=-4"} {
		if code, b := s.get("/api/v1/procedures?"+q, nil); code != 400 || !strings.Contains(string(b), "bad_request") {
			t.Errorf("%s: got %d %s, want 400 bad_request", q, code, b)
		}
	}
}

func TestDossierLookupUnlocksDetailsOnlyWithTheSecretOrIDNumber(t *testing.T) {
	s := startSim(t, miniDataset(1), Options{})
	const code = "000.00.15.H29-261115-0001"
	tests := []struct {
		name         string
		hdr          map[string]string
		wantStatus   int
		wantDetailed bool
	}{
		{"no secret gives the public summary", nil, 200, false},
		{"the receipt's secret unlocks the details", map[string]string{"X-Dossier-Secret": "S3CRET01"}, 200, true},
		{"the applicant's ID number unlocks the details", map[string]string{"X-Applicant-Id": "074090001234"}, 200, true},
		{"a wrong secret is refused", map[string]string{"X-Dossier-Secret": "nope"}, 403, false},
		{"a wrong ID number is refused", map[string]string{"X-Applicant-Id": "074090009999"}, 403, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			status, b := s.get("/api/v1/dossiers/"+code, tt.hdr)
			if status != tt.wantStatus {
				t.Fatalf("got %d %s, want %d", status, b, tt.wantStatus)
			}
			for _, secret := range []string{"Nguyễn Văn An", "074090001234", "0912345678", "S3CRET01"} {
				if strings.Contains(string(b), secret) {
					t.Errorf("response leaks %q: %s", secret, b)
				}
			}
			if status != 200 {
				return
			}
			var d portal.Dossier
			if err := json.Unmarshal(b, &d); err != nil {
				t.Fatal(err)
			}
			if d.Detailed != tt.wantDetailed || (len(d.Steps) > 0) != tt.wantDetailed {
				t.Errorf("detailed=%v with %d steps, want detailed=%v", d.Detailed, len(d.Steps), tt.wantDetailed)
			}
			if d.Applicant != "Nguyễn V** A" {
				t.Errorf("applicant %q, want masked Nguyễn V** A", d.Applicant)
			}
		})
	}
	if status, _ := s.get("/api/v1/dossiers/000.00.15.H29-261115-9999", nil); status != 404 {
		t.Errorf("unknown code: got %d, want 404", status)
	}
	if status, _ := s.get("/api/v1/dossiers/not-a-code", nil); status != 400 {
		t.Errorf("malformed code: got %d, want 400", status)
	}
}

func TestReadyListIsMaskedAndFiltered(t *testing.T) {
	s := startSim(t, miniDataset(1), Options{})
	var out struct{ Items []portal.ReadyDossier }
	status, b := s.get("/api/v1/dossiers?ready=true", nil)
	if status != 200 || json.Unmarshal(b, &out) != nil || len(out.Items) != 2 {
		t.Fatalf("got %d %s, want the two ready dossiers", status, b)
	}
	if strings.Contains(string(b), "Trần Thị Bích Ngọc") || out.Items[0].Applicant == "" {
		t.Errorf("ready list not masked: %s", b)
	}
	_, b = s.get("/api/v1/dossiers?ready=true&agency=000.10.00.H29", nil)
	out.Items = nil
	if json.Unmarshal(b, &out); len(out.Items) != 1 || out.Items[0].Code != "000.10.00.H29-261101-0003" {
		t.Errorf("agency filter: got %s", b)
	}
	_, b = s.get("/api/v1/dossiers?ready=true&q=261110", nil)
	out.Items = nil
	if json.Unmarshal(b, &out); len(out.Items) != 1 || out.Items[0].Code != "000.00.15.H29-261110-0002" {
		t.Errorf("code search: got %s", b)
	}
}

func TestRatingsAreIdempotentByKey(t *testing.T) {
	s := startSim(t, miniDataset(1), Options{})
	body := `{"id":"r-1","kiosk_id":"test-01","overall":5,"created_at":"2026-11-22T08:00:00Z"}`
	resp, b := s.do("POST", "/api/v1/ratings", map[string]string{"Idempotency-Key": "r-1"}, body)
	if resp.StatusCode != 201 {
		t.Fatalf("first: got %d %s", resp.StatusCode, b)
	}
	resp, b = s.do("POST", "/api/v1/ratings", map[string]string{"Idempotency-Key": "r-1"}, body)
	var rc portal.RatingReceipt
	if resp.StatusCode != 200 || json.Unmarshal(b, &rc) != nil || !rc.Duplicate || rc.ID != "r-1" {
		t.Errorf("replay: got %d %s, want 200 with duplicate=true", resp.StatusCode, b)
	}
	resp, _ = s.do("POST", "/api/v1/ratings", map[string]string{"Idempotency-Key": "r-1"}, strings.Replace(body, `"overall":5`, `"overall":1`, 1))
	if resp.StatusCode != 409 {
		t.Errorf("same key, other rating: got %d, want 409", resp.StatusCode)
	}
	resp, _ = s.do("POST", "/api/v1/ratings", nil, body)
	if resp.StatusCode != 400 {
		t.Errorf("no key: got %d, want 400", resp.StatusCode)
	}
	if got := s.srv.Ratings(); len(got) != 1 {
		t.Errorf("server stored %d ratings, want 1", len(got))
	}
}

func TestTicketsCountUpPerService(t *testing.T) {
	s := startSim(t, miniDataset(1), Options{})
	var first, second portal.Ticket
	_, b := s.do("POST", "/api/v1/queue/tickets", nil, `{"kiosk_id":"k","service_code":"HOTICH"}`)
	json.Unmarshal(b, &first)
	_, b = s.do("POST", "/api/v1/queue/tickets", nil, `{"kiosk_id":"k","service_code":"HOTICH"}`)
	json.Unmarshal(b, &second)
	if first.Number == "" || first.Number == second.Number || second.Waiting != first.Waiting+1 || first.ServiceName != "Hộ tịch" {
		t.Errorf("got %+v then %+v, want consecutive numbers with one more person waiting", first, second)
	}
	if !strings.Contains(first.FollowURL, first.Number) {
		t.Errorf("follow URL %q does not name the ticket", first.FollowURL)
	}
	resp, _ := s.do("POST", "/api/v1/queue/tickets", nil, `{}`)
	if resp.StatusCode != 400 {
		t.Errorf("no service: got %d, want 400", resp.StatusCode)
	}
}

func TestFaultSwitches(t *testing.T) {
	s := startSim(t, miniDataset(1), Options{Seed: 7})
	s.srv.SetFaults(Faults{FailRate: 1})
	saw := map[int]bool{}
	for i := 0; i < 20; i++ {
		resp, _ := s.do("GET", "/api/v1/fields", nil, "")
		saw[resp.StatusCode] = true
		if resp.StatusCode == 429 && resp.Header.Get("Retry-After") == "" {
			t.Error("429 without Retry-After")
		}
	}
	if !saw[500] || !saw[429] {
		t.Errorf("fail rate 1 gave %v, want both 500 and 429", saw)
	}

	s.srv.SetFaults(Faults{GarbageRate: 1})
	bad := 0
	for i := 0; i < 12; i++ {
		resp, b := s.do("GET", "/api/v1/fields", nil, "")
		var v struct{ Items []portal.Field }
		if resp.StatusCode == 200 && (json.Unmarshal(b, &v) != nil || len(v.Items) == 0) {
			bad++
		}
	}
	if bad != 12 {
		t.Errorf("garbage rate 1: %d of 12 answers were garbage", bad)
	}

	s.srv.SetFaults(Faults{})
	s.srv.SetOffline(true)
	if _, err := http.Get(s.base + "/api/v1/health"); err == nil {
		t.Error("offline portal answered")
	}
	resp, _ := http.Post(s.base+"/admin/online", "", nil)
	resp.Body.Close()
	if code, _ := s.get("/api/v1/health", nil); code != 200 {
		t.Errorf("back online: got %d", code)
	}
}

func TestDatasetLoadsFromFilesAndRejectsBrokenOnes(t *testing.T) {
	ds := miniDataset(3)
	enc := func(v any) *fstest.MapFile { b, _ := json.Marshal(v); return &fstest.MapFile{Data: b} }
	fsys := fstest.MapFS{
		"fields.json": enc(ds.Fields), "agencies.json": enc(ds.Agencies),
		"procedures.json": enc(ds.Procedures), "dossiers.json": enc(ds.Dossiers),
	}
	got, err := LoadDataset(fsys)
	if err != nil {
		t.Fatal(err)
	}
	if len(got.Procedures) != 3 || len(got.Dossiers) != 3 || got.Dossiers[0].Secret != "S3CRET01" {
		t.Errorf("loaded %+v", got)
	}
	broken := append([]portal.Procedure(nil), ds.Procedures...)
	broken[1].AgencyCode = "nowhere"
	fsys["procedures.json"] = enc(broken)
	if _, err := LoadDataset(fsys); err == nil || !strings.Contains(err.Error(), "unknown agency") {
		t.Errorf("got %v, want an unknown agency error", err)
	}
}

func TestSyntheticCatalogueIsDeterministicUniqueAndValid(t *testing.T) {
	a, b := miniDataset(3), miniDataset(3)
	a.AddSynthetic(3000, 42)
	b.AddSynthetic(3000, 42)
	if len(a.Procedures) != 3003 {
		t.Fatalf("got %d procedures, want 3003", len(a.Procedures))
	}
	if err := a.Validate(); err != nil {
		t.Fatal(err)
	}
	names := map[string]bool{}
	for i := range a.Procedures {
		if a.Procedures[i].Code != b.Procedures[i].Code || a.Procedures[i].Name != b.Procedures[i].Name {
			t.Fatalf("procedure %d differs between runs with the same seed", i)
		}
		p := a.Procedures[i]
		names[p.Name] = true
		if i >= 3 && (len(p.Documents) < 2 || len(p.Channels) == 0 || p.AgencyName == "" || len(p.LegalBasis) == 0) {
			t.Errorf("%s is incomplete: %+v", p.Code, p)
		}
	}
	if len(names) < 1000 {
		t.Errorf("only %d distinct names in 3000: the catalogue would not look real", len(names))
	}
}

func FuzzDecodeToken(f *testing.F) {
	f.Add(encodeToken(pageToken{Since: 1, Start: 2, LastTime: 2, LastCode: "x", Total: 3}))
	f.Add("")
	f.Add("!!!")
	f.Fuzz(func(t *testing.T, s string) {
		tok, err := decodeToken(s)
		if err == nil && (tok.Start <= 0 || tok.Since > tok.Start) {
			t.Errorf("accepted an impossible token %+v", tok)
		}
	})
}

func BenchmarkListSixtyThousandInPagesOf500(b *testing.B) {
	ds := miniDataset(0)
	ds.AddSynthetic(60000, 1)
	srv, base, stop, err := StartServer(context.Background(), "127.0.0.1:0", ds, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer stop()
	_ = srv
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tok, n := "", 0
		for {
			resp, err := http.Get(base + "/api/v1/procedures?page_size=500&page_token=" + url.QueryEscape(tok))
			if err != nil {
				b.Fatal(err)
			}
			var p portal.ProcedurePage
			if err := json.NewDecoder(resp.Body).Decode(&p); err != nil {
				b.Fatal(err)
			}
			resp.Body.Close()
			n += len(p.Items)
			if tok = p.NextPageToken; tok == "" {
				break
			}
		}
		if n != 60000 {
			b.Fatalf("listed %d", n)
		}
	}
}

func TestTheEmbeddedDemoDatasetLoads(t *testing.T) {
	ds, err := Demo()
	if err != nil {
		t.Fatal(err)
	}
	if len(ds.Procedures) == 0 || len(ds.Fields) == 0 || len(ds.Agencies) == 0 {
		t.Errorf("demo dataset is empty: %d procedures, %d fields, %d agencies", len(ds.Procedures), len(ds.Fields), len(ds.Agencies))
	}
}
