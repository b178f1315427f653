package portal_test

import (
	"context"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/json"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"net/http"
	"net/http/httptest"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// fakePortal is an httptest server whose handler sees the attempt number.
type fakePortal struct {
	srv   *httptest.Server
	calls atomic.Int32
	mu    sync.Mutex
	reqs  []*http.Request
}

func newFake(t *testing.T, h func(n int, w http.ResponseWriter, r *http.Request)) *fakePortal {
	t.Helper()
	f := &fakePortal{}
	f.srv = httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n := int(f.calls.Add(1))
		f.mu.Lock()
		f.reqs = append(f.reqs, r.Clone(context.Background()))
		f.mu.Unlock()
		h(n, w, r)
	}))
	t.Cleanup(f.srv.Close)
	return f
}

func (f *fakePortal) request(i int) *http.Request {
	f.mu.Lock()
	defer f.mu.Unlock()
	return f.reqs[i]
}

// sleeper records the waits the client asks for without waiting.
type sleeper struct {
	mu    sync.Mutex
	waits []time.Duration
}

func (s *sleeper) Sleep(ctx context.Context, d time.Duration) error {
	s.mu.Lock()
	s.waits = append(s.waits, d)
	s.mu.Unlock()
	return ctx.Err()
}

var testNow = time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)

func mustClient(t *testing.T, o portal.Options) (*portal.Client, *sleeper) {
	t.Helper()
	s := &sleeper{}
	if o.Sleep == nil {
		o.Sleep = s.Sleep
	}
	if o.Now == nil {
		o.Now = func() time.Time { return testNow }
	}
	if o.Rand == nil {
		o.Rand = func() float64 { return 0.5 }
	}
	if o.KioskID == "" {
		o.KioskID = "KIOSK-01"
		o.KioskKey = "k3y"
	}
	if o.Retries == 0 {
		o.Retries = 2
	}
	c, err := portal.New(o)
	if err != nil {
		t.Fatalf("New: %v", err)
	}
	return c, s
}

func writeJSON(w http.ResponseWriter, status int, v any) {
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(status)
	_ = json.NewEncoder(w).Encode(v)
}

func apiError(w http.ResponseWriter, status int, code string) {
	writeJSON(w, status, portal.APIError{Code: code, Message: "test " + code})
}

func healthOK(w http.ResponseWriter) {
	writeJSON(w, 200, map[string]any{"status": "ok", "server_time": testNow})
}

func TestClientRetriesOnlyWhatMayBeRetried(t *testing.T) {
	tests := []struct {
		name      string
		handler   func(n int, w http.ResponseWriter)
		wantErr   error
		wantCalls int
	}{
		{"a 503 followed by success is retried and succeeds", func(n int, w http.ResponseWriter) {
			if n == 1 {
				apiError(w, 503, "internal")
				return
			}
			healthOK(w)
		}, nil, 2},
		{"a 500 on every attempt ends as offline after all retries", func(n int, w http.ResponseWriter) {
			apiError(w, 500, "internal")
		}, portal.ErrOffline, 3},
		{"a 429 on every attempt ends as rate limited after all retries", func(n int, w http.ResponseWriter) {
			apiError(w, 429, "rate_limited")
		}, portal.ErrRateLimited, 3},
		{"a 404 is final at once", func(n int, w http.ResponseWriter) {
			apiError(w, 404, "not_found")
		}, portal.ErrNotFound, 1},
		{"a 401 is final at once", func(n int, w http.ResponseWriter) {
			apiError(w, 401, "unauthorized")
		}, portal.ErrUnauthorized, 1},
		{"a 400 is final at once", func(n int, w http.ResponseWriter) {
			apiError(w, 400, "bad_request")
		}, portal.ErrBadRequest, 1},
		{"garbage instead of JSON is a bad response and not retried", func(n int, w http.ResponseWriter) {
			w.Header().Set("Content-Type", "text/html")
			fmt.Fprint(w, "<html><body>Bảo trì hệ thống</body></html>")
		}, portal.ErrBadResponse, 1},
		{"a health answer that is not ok is a bad response", func(n int, w http.ResponseWriter) {
			writeJSON(w, 200, map[string]any{"status": "degraded"})
		}, portal.ErrBadResponse, 1},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { tt.handler(n, w) })
			c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
			_, err := c.Health(context.Background())
			if !errors.Is(err, tt.wantErr) || (tt.wantErr == nil) != (err == nil) {
				t.Fatalf("got error %v, want %v", err, tt.wantErr)
			}
			if got := int(f.calls.Load()); got != tt.wantCalls {
				t.Errorf("portal saw %d requests, want %d", got, tt.wantCalls)
			}
		})
	}
}

func TestClientErrorCarriesStatusAndCode(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { apiError(w, 404, "not_found") })
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	_, err := c.Procedure(context.Background(), "1.001612.000.00.00.H48")
	var pe *portal.Error
	if !errors.As(err, &pe) {
		t.Fatalf("error %v is not a *portal.Error", err)
	}
	if pe.Status != 404 || pe.Code != "not_found" || pe.Message != "test not_found" {
		t.Errorf("got status %d code %q message %q", pe.Status, pe.Code, pe.Message)
	}
}

func TestClientSendsKioskCredentials(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { healthOK(w) })
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL + "/", KioskID: "HCC-01", KioskKey: "s3cret"})
	if _, err := c.Health(context.Background()); err != nil {
		t.Fatal(err)
	}
	r := f.request(0)
	if r.URL.Path != "/api/v1/health" {
		t.Errorf("path %q", r.URL.Path)
	}
	if got := r.Header.Get("X-Kiosk-ID"); got != "HCC-01" {
		t.Errorf("X-Kiosk-ID %q", got)
	}
	if got := r.Header.Get("Authorization"); got != "Bearer s3cret" {
		t.Errorf("Authorization %q", got)
	}
}

func TestClientHonoursRetryAfter(t *testing.T) {
	tests := []struct {
		name       string
		retryAfter string
		want       time.Duration
	}{
		{"seconds are waited as given", "7", 7 * time.Second},
		{"an HTTP date is waited until", testNow.Add(12 * time.Second).Format(http.TimeFormat), 12 * time.Second},
		{"a very long wait is capped", "3600", 30 * time.Second},
		{"an unreadable value falls back to backoff", "soon", 100 * time.Millisecond},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if n == 1 {
					w.Header().Set("Retry-After", tt.retryAfter)
					apiError(w, 429, "rate_limited")
					return
				}
				healthOK(w)
			})
			c, s := mustClient(t, portal.Options{BaseURL: f.srv.URL})
			if _, err := c.Health(context.Background()); err != nil {
				t.Fatal(err)
			}
			if len(s.waits) != 1 || s.waits[0] != tt.want {
				t.Errorf("waits %v, want [%v]", s.waits, tt.want)
			}
		})
	}
}

func TestClientBacksOffExponentiallyWithJitter(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { apiError(w, 502, "internal") })
	c, s := mustClient(t, portal.Options{BaseURL: f.srv.URL, Retries: 4, BackoffBase: 100 * time.Millisecond,
		BackoffMax: 500 * time.Millisecond, Rand: func() float64 { return 0.5 }})
	_, err := c.Health(context.Background())
	if !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("got %v", err)
	}
	want := []time.Duration{50 * time.Millisecond, 100 * time.Millisecond, 200 * time.Millisecond, 250 * time.Millisecond}
	if fmt.Sprint(s.waits) != fmt.Sprint(want) {
		t.Errorf("waits %v, want %v (half of 100ms·2ⁿ capped at 500ms)", s.waits, want)
	}
}

func TestClientTimesOutASlowPortal(t *testing.T) {
	release := make(chan struct{})
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		select {
		case <-r.Context().Done():
		case <-release:
		}
	})
	defer close(release)
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL, Timeout: 50 * time.Millisecond, Retries: 1})
	_, err := c.Health(context.Background())
	if !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("got %v, want ErrOffline", err)
	}
	if !errors.Is(err, context.DeadlineExceeded) {
		t.Errorf("error %v does not say it timed out", err)
	}
	if got := f.calls.Load(); got != 2 {
		t.Errorf("%d attempts, want 2 (a timeout is retried)", got)
	}
}

func TestClientStopsWhenTheCallerGivesUp(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { apiError(w, 503, "internal") })
	ctx, cancel := context.WithCancel(context.Background())
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL, Retries: 5, Sleep: func(ctx context.Context, d time.Duration) error {
		cancel()
		return ctx.Err()
	}})
	_, err := c.Health(ctx)
	if !errors.Is(err, context.Canceled) || errors.Is(err, portal.ErrOffline) {
		t.Errorf("got %v, want context.Canceled only", err)
	}
	if got := f.calls.Load(); got != 1 {
		t.Errorf("%d attempts after cancel, want 1", got)
	}
}

func TestClientRefusesOversizedBodiesWithoutReadingThem(t *testing.T) {
	tests := []struct {
		name          string
		contentLength bool
	}{
		{"a streamed 50 MB body", false},
		{"a 50 MB body announced by Content-Length", true},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			const total = 50 << 20
			var written atomic.Int64
			f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
				if tt.contentLength {
					w.Header().Set("Content-Length", fmt.Sprint(total))
				}
				w.Header().Set("Content-Type", "application/json")
				chunk := []byte(`{"items":[` + strings.Repeat(" ", 64<<10-10))
				for written.Load() < total {
					k, err := w.Write(chunk)
					written.Add(int64(k))
					if err != nil {
						return
					}
				}
			})
			c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL, MaxBodyBytes: 1 << 20})
			_, err := c.Procedures(context.Background(), time.Time{}, "", 100)
			if !errors.Is(err, portal.ErrBadResponse) {
				t.Fatalf("got %v, want ErrBadResponse", err)
			}
			if got := f.calls.Load(); got != 1 {
				t.Errorf("%d attempts, want 1 (an oversized body is not retried)", got)
			}
			f.srv.CloseClientConnections()
			if w := written.Load(); w >= total {
				t.Errorf("the server could write all %d bytes: the client read the whole body", w)
			}
		})
	}
}

func TestClientReportsAnUnreachablePortalAsOffline(t *testing.T) {
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	addr := ln.Addr().String()
	ln.Close()
	c, s := mustClient(t, portal.Options{BaseURL: "http://" + addr})

	t.Run("a GET is retried and ends as offline", func(t *testing.T) {
		s.waits = nil
		_, err := c.Agencies(context.Background())
		if !errors.Is(err, portal.ErrOffline) {
			t.Fatalf("got %v", err)
		}
		if len(s.waits) != 2 {
			t.Errorf("%d retries, want 2", len(s.waits))
		}
	})
	t.Run("a ticket is retried too because the request never left the kiosk", func(t *testing.T) {
		s.waits = nil
		_, err := c.TakeTicket(context.Background(), portal.TicketRequest{ServiceCode: "HT"})
		if !errors.Is(err, portal.ErrOffline) {
			t.Fatalf("got %v", err)
		}
		if len(s.waits) != 2 {
			t.Errorf("%d retries, want 2", len(s.waits))
		}
	})
}

func TestClientNeverTakesTwoTicketsForOneTouch(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { apiError(w, 502, "internal") })
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	_, err := c.TakeTicket(context.Background(), portal.TicketRequest{ServiceCode: "HT"})
	if !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("got %v", err)
	}
	if got := f.calls.Load(); got != 1 {
		t.Errorf("the portal received %d ticket requests, want 1", got)
	}
}

func TestClientTakesATicket(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		var req portal.TicketRequest
		_ = json.NewDecoder(r.Body).Decode(&req)
		if r.Method != http.MethodPost || r.URL.Path != "/api/v1/queue/tickets" || req.ServiceCode != "HT" || req.KioskID != "KIOSK-01" {
			apiError(w, 400, "bad_request")
			return
		}
		writeJSON(w, 201, portal.Ticket{Number: "A-042", ServiceCode: "HT", ServiceName: "Hộ tịch", Counter: "3", Waiting: 4, IssuedAt: testNow})
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	tk, err := c.TakeTicket(context.Background(), portal.TicketRequest{ServiceCode: "HT"})
	if err != nil {
		t.Fatal(err)
	}
	if tk.Number != "A-042" || tk.Waiting != 4 || tk.Counter != "3" {
		t.Errorf("got %+v", tk)
	}
}

func TestClientSendsRatingsIdempotently(t *testing.T) {
	var mu sync.Mutex
	seen := map[string]portal.RatingReceipt{}
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		key := r.Header.Get("Idempotency-Key")
		if key == "" {
			apiError(w, 400, "bad_request")
			return
		}
		if n == 1 { // the first attempt is lost behind a 503
			apiError(w, 503, "internal")
			return
		}
		mu.Lock()
		defer mu.Unlock()
		if rr, ok := seen[key]; ok {
			rr.Duplicate = true
			writeJSON(w, 200, rr)
			return
		}
		rr := portal.RatingReceipt{ID: "R" + fmt.Sprint(len(seen)+1), ReceivedAt: testNow}
		seen[key] = rr
		writeJSON(w, 201, rr)
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	r := portal.Rating{ID: "01J-rating-1", Overall: portal.Satisfied, CreatedAt: testNow}

	first, err := c.SubmitRating(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	again, err := c.SubmitRating(context.Background(), r)
	if err != nil {
		t.Fatal(err)
	}
	if first.Duplicate || !again.Duplicate || again.ID != first.ID {
		t.Errorf("first %+v, replay %+v: want the same receipt marked duplicate", first, again)
	}
	for i := range int(f.calls.Load()) {
		if got := f.request(i).Header.Get("Idempotency-Key"); got != r.ID {
			t.Errorf("attempt %d sent Idempotency-Key %q", i+1, got)
		}
	}

	t.Run("a rating without an id is refused before sending", func(t *testing.T) {
		before := f.calls.Load()
		_, err := c.SubmitRating(context.Background(), portal.Rating{Overall: 5})
		if !errors.Is(err, portal.ErrBadRequest) || f.calls.Load() != before {
			t.Errorf("got %v after %d requests", err, f.calls.Load()-before)
		}
	})
}

func TestClientHeartbeat(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/api/v1/kiosks/KIOSK-01/heartbeat" {
			apiError(w, 404, "not_found")
			return
		}
		w.WriteHeader(204)
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	if err := c.Heartbeat(context.Background(), portal.Heartbeat{Version: "1.0", SentAt: testNow}); err != nil {
		t.Fatal(err)
	}
}

func dossierJSON(d portal.Dossier) func(n int, w http.ResponseWriter, r *http.Request) {
	return func(n int, w http.ResponseWriter, r *http.Request) { writeJSON(w, 200, d) }
}

func TestClientDossierLookup(t *testing.T) {
	const code = "000.00.53.H48-220921-0099"
	at := testNow.Add(-48 * time.Hour)
	full := portal.Dossier{Code: code, Status: 4, ReceivedAt: at, DueAt: testNow,
		Applicant: "Nguyễn Văn An", ApplicantID: "001090012345", Detailed: true,
		Steps: []portal.DossierStep{{Name: "Tiếp nhận", At: &at, Done: true}}, Note: "ghi chú", Fee: 50000}

	t.Run("the secret goes in a header and unlocks details", func(t *testing.T) {
		f := newFake(t, dossierJSON(full))
		c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
		d, err := c.Dossier(context.Background(), code, portal.DossierQuery{Secret: "abc123"})
		if err != nil {
			t.Fatal(err)
		}
		r := f.request(0)
		if r.Header.Get("X-Dossier-Secret") != "abc123" || r.URL.Query().Get("secret") != "" {
			t.Errorf("secret not sent as X-Dossier-Secret header: %v", r.Header)
		}
		if !d.Detailed || len(d.Steps) != 1 || d.Fee != 50000 {
			t.Errorf("details lost: %+v", d)
		}
	})
	t.Run("personal data is masked even when the portal did not", func(t *testing.T) {
		f := newFake(t, dossierJSON(full))
		c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
		d, err := c.Dossier(context.Background(), code, portal.DossierQuery{IDNumber: "001090012345"})
		if err != nil {
			t.Fatal(err)
		}
		if f.request(0).Header.Get("X-Applicant-Id") != "001090012345" {
			t.Error("ID number not sent as X-Applicant-Id")
		}
		if d.Applicant != "Nguyễn V** A" || d.ApplicantID != "*********345" {
			t.Errorf("applicant %q id %q not masked", d.Applicant, d.ApplicantID)
		}
	})
	t.Run("a summary never shows steps, note, fee or ID", func(t *testing.T) {
		sum := full
		sum.Detailed = false
		f := newFake(t, dossierJSON(sum))
		c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
		d, err := c.Dossier(context.Background(), code, portal.DossierQuery{})
		if err != nil {
			t.Fatal(err)
		}
		if d.Steps != nil || d.Note != "" || d.Fee != 0 || d.ApplicantID != "" {
			t.Errorf("summary leaks details: %+v", d)
		}
		if d.StatusLabel != "Đang xử lý" {
			t.Errorf("missing label filled as %q", d.StatusLabel)
		}
	})
	t.Run("a wrong secret is reported as such", func(t *testing.T) {
		f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) { apiError(w, 403, "wrong_secret") })
		c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
		_, err := c.Dossier(context.Background(), code, portal.DossierQuery{Secret: "nope"})
		if !errors.Is(err, portal.ErrWrongSecret) {
			t.Errorf("got %v", err)
		}
		if strings.Contains(err.Error(), "nope") {
			t.Errorf("error %q contains the secret", err)
		}
	})
	t.Run("a status outside 1..10 is a bad response", func(t *testing.T) {
		bad := full
		bad.Status = 42
		f := newFake(t, dossierJSON(bad))
		c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
		if _, err := c.Dossier(context.Background(), code, portal.DossierQuery{}); !errors.Is(err, portal.ErrBadResponse) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("an answer about another dossier is a bad response", func(t *testing.T) {
		f := newFake(t, dossierJSON(full))
		c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
		if _, err := c.Dossier(context.Background(), "000.00.53.H48-220921-0100", portal.DossierQuery{}); !errors.Is(err, portal.ErrBadResponse) {
			t.Errorf("got %v", err)
		}
	})
	t.Run("an empty code is refused before sending", func(t *testing.T) {
		f := newFake(t, dossierJSON(full))
		c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
		if _, err := c.Dossier(context.Background(), "  ", portal.DossierQuery{}); !errors.Is(err, portal.ErrBadRequest) || f.calls.Load() != 0 {
			t.Errorf("got %v", err)
		}
	})
}

func TestClientReadyDossiersAreMasked(t *testing.T) {
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("ready") != "true" || q.Get("agency") != "STP" || q.Get("q") != "000.00" {
			apiError(w, 400, "bad_request")
			return
		}
		writeJSON(w, 200, map[string]any{"items": []portal.ReadyDossier{
			{Code: "000.00.53.H48-220921-0099", Applicant: "Trần Thị Ngọc Ánh", FinishedAt: testNow},
			{Code: "", Applicant: "Không mã"},
		}})
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	ds, err := c.ReadyDossiers(context.Background(), "STP", "000.00")
	if err != nil {
		t.Fatal(err)
	}
	if len(ds) != 1 || ds[0].Applicant != "Trần T** N** Á" {
		t.Errorf("got %+v, want one masked line", ds)
	}
}

func TestClientProcedurePages(t *testing.T) {
	since := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	f := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
		q := r.URL.Query()
		if q.Get("updated_since") != "2026-11-01T00:00:00Z" || q.Get("page_token") != "p2" || q.Get("page_size") != "50" {
			apiError(w, 400, "bad_request")
			return
		}
		writeJSON(w, 200, portal.ProcedurePage{
			Items: []portal.Procedure{
				{Code: "1.001612.000.00.00.H48", Name: "Đăng ký khai sinh", Level: 4, UpdatedAt: testNow},
				{Code: "1.000001.000.00.00.H48", Name: "ignored", Deleted: true, UpdatedAt: testNow},
				{Code: "", Name: "không có mã"},
				{Code: "1.000002.000.00.00.H48", Name: ""},
			},
			NextPageToken: "p3", ServerTime: testNow, Total: 120,
		})
	})
	c, _ := mustClient(t, portal.Options{BaseURL: f.srv.URL})
	p, err := c.Procedures(context.Background(), since, "p2", 50)
	if err != nil {
		t.Fatal(err)
	}
	if len(p.Items) != 2 || p.Items[0].Name != "Đăng ký khai sinh" || !p.Items[1].Deleted || p.Items[1].Name != "" {
		t.Errorf("items %+v: want one procedure and one bare tombstone", p.Items)
	}
	if p.NextPageToken != "p3" || !p.ServerTime.Equal(testNow) || p.Total != 120 {
		t.Errorf("paging fields %q %v %d", p.NextPageToken, p.ServerTime, p.Total)
	}

	t.Run("a page pointing at itself is refused so sync cannot loop", func(t *testing.T) {
		g := newFake(t, func(n int, w http.ResponseWriter, r *http.Request) {
			writeJSON(w, 200, portal.ProcedurePage{NextPageToken: "same"})
		})
		c, _ := mustClient(t, portal.Options{BaseURL: g.srv.URL})
		if _, err := c.Procedures(context.Background(), time.Time{}, "same", 10); !errors.Is(err, portal.ErrBadResponse) {
			t.Errorf("got %v", err)
		}
	})
}

func TestClientTrustsOnlyThePinnedCA(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) { healthOK(w) }))
	defer srv.Close()
	dir := t.TempDir()
	good := filepath.Join(dir, "portal-ca.pem")
	if err := os.WriteFile(good, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: srv.Certificate().Raw}), 0o600); err != nil {
		t.Fatal(err)
	}
	bad := filepath.Join(dir, "other-ca.pem")
	if err := os.WriteFile(bad, pem.EncodeToMemory(&pem.Block{Type: "CERTIFICATE", Bytes: selfSigned(t)}), 0o600); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name   string
		caFile string
		ok     bool
	}{
		{"the portal's own CA is accepted", good, true},
		{"system roots alone do not trust a private CA", "", false},
		{"another CA is rejected", bad, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			c, _ := mustClient(t, portal.Options{BaseURL: srv.URL, CAFile: tt.caFile, Retries: -1})
			_, err := c.Health(context.Background())
			if (err == nil) != tt.ok {
				t.Errorf("got %v", err)
			}
		})
	}
	t.Run("a CA file without a certificate is refused at start", func(t *testing.T) {
		junk := filepath.Join(dir, "junk.pem")
		_ = os.WriteFile(junk, []byte("not a cert"), 0o600)
		if _, err := portal.New(portal.Options{BaseURL: srv.URL, CAFile: junk}); err == nil {
			t.Error("no error")
		}
	})
	t.Run("a wrapped transport (metrics) still trusts only the CA file", func(t *testing.T) {
		for _, tt := range tests {
			var seen int
			wrap := func(next http.RoundTripper) http.RoundTripper {
				return roundTripFunc(func(r *http.Request) (*http.Response, error) { seen++; return next.RoundTrip(r) })
			}
			c, _ := mustClient(t, portal.Options{BaseURL: srv.URL, CAFile: tt.caFile, Retries: -1, WrapTransport: wrap})
			if _, err := c.Health(context.Background()); (err == nil) != tt.ok {
				t.Errorf("%s: got %v", tt.name, err)
			}
			if seen != 1 {
				t.Errorf("%s: the wrapper saw %d requests, want 1", tt.name, seen)
			}
		}
	})
}

type roundTripFunc func(*http.Request) (*http.Response, error)

func (f roundTripFunc) RoundTrip(r *http.Request) (*http.Response, error) { return f(r) }

// selfSigned returns a fresh self-signed CA certificate (DER) that signed
// nothing the test server uses.
func selfSigned(t *testing.T) []byte {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(7), Subject: pkix.Name{CommonName: "Other CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
		IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	return der
}

func TestNewRejectsBadOptions(t *testing.T) {
	tests := []struct {
		name string
		o    portal.Options
	}{
		{"an unknown dialect", portal.Options{BaseURL: "http://x", Dialect: "soap/1"}},
		{"a base URL without scheme", portal.Options{BaseURL: "portal.example"}},
		{"an empty base URL", portal.Options{}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			if _, err := portal.New(tt.o); err == nil {
				t.Error("no error")
			}
		})
	}
}
