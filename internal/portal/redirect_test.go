package portal_test

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"errors"
	"net/http"
	"net/http/httptest"
	gosync "sync"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// recorder is a server that must never be reached: it records every header
// it receives.
type recorder struct {
	mu      gosync.Mutex
	headers []http.Header
}

func (r *recorder) ServeHTTP(w http.ResponseWriter, req *http.Request) {
	r.mu.Lock()
	r.headers = append(r.headers, req.Header.Clone())
	r.mu.Unlock()
	w.Header().Set("Content-Type", "application/json")
	w.Write([]byte(`{"code":"000.00.53.H48-220921-0099","status":9,"detailed":true}`))
}

func (r *recorder) got() []http.Header {
	r.mu.Lock()
	defer r.mu.Unlock()
	return r.headers
}

func redirector(to string) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		http.Redirect(w, r, to+r.URL.RequestURI(), http.StatusFound)
	})
}

func TestRedirectsAreRefusedAndCarryNoSecrets(t *testing.T) {
	elsewhere := &recorder{}
	other := httptest.NewServer(elsewhere) // another port on the same IP
	defer other.Close()
	plain := &recorder{}
	plainSrv := httptest.NewServer(plain)
	defer plainSrv.Close()

	httpsToHTTP := httptest.NewTLSServer(redirector(plainSrv.URL))
	defer httpsToHTTP.Close()
	toOtherPort := httptest.NewServer(redirector(other.URL))
	defer toOtherPort.Close()

	tests := []struct {
		name   string
		base   string
		client func() *http.Client
		target *recorder
	}{
		{"a redirect to another port with the built-in client", toOtherPort.URL, nil, elsewhere},
		{"a redirect to another port with a caller's client (the kiosk's wiring)", toOtherPort.URL,
			func() *http.Client { return &http.Client{Transport: http.DefaultTransport} }, elsewhere},
		{"a redirect from https to plain http", httpsToHTTP.URL, func() *http.Client {
			return &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: certPool(httpsToHTTP)}}}
		}, plain},
	}
	for _, tt := range tests {
		t.Run(tt.name+" is refused", func(t *testing.T) {
			o := portal.Options{BaseURL: tt.base, KioskID: "k1", KioskKey: "very-secret-key", Retries: -1}
			if tt.client != nil {
				o.HTTPClient = tt.client()
			}
			cl, err := portal.New(o)
			if err != nil {
				t.Fatal(err)
			}
			_, err = cl.Dossier(context.Background(), "000.00.53.H48-220921-0099",
				portal.DossierQuery{Secret: "S3CR3T", IDNumber: "074090001111"})
			if !errors.Is(err, portal.ErrBadResponse) {
				t.Fatalf("got %v, want a refused redirect (ErrBadResponse)", err)
			}
			if hs := tt.target.got(); len(hs) != 0 {
				t.Fatalf("the redirect target was reached %d times, with headers %v", len(hs), hs[0])
			}
			if tt.client != nil && o.HTTPClient.CheckRedirect != nil {
				t.Error("the caller's client was modified")
			}
		})
	}
}

func certPool(s *httptest.Server) *x509.CertPool {
	p := x509.NewCertPool()
	p.AddCert(s.Certificate())
	return p
}

func TestACertificateInvalidAtTheKiosksTimeIsRecognised(t *testing.T) {
	srv := httptest.NewTLSServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Write([]byte(`{"status":"ok"}`))
	}))
	defer srv.Close()
	for _, tt := range []struct {
		name string
		now  time.Time
		want bool
	}{
		{"a clock far ahead sees an expired certificate", time.Date(2099, 1, 1, 0, 0, 0, 0, time.UTC), true},
		{"a right clock sees a valid certificate", time.Now(), false},
	} {
		t.Run(tt.name, func(t *testing.T) {
			now := tt.now
			hc := &http.Client{Transport: &http.Transport{TLSClientConfig: &tls.Config{RootCAs: certPool(srv), Time: func() time.Time { return now }}}}
			cl, err := portal.New(portal.Options{BaseURL: srv.URL, KioskID: "k1", KioskKey: "k", Retries: -1, HTTPClient: hc})
			if err != nil {
				t.Fatal(err)
			}
			_, err = cl.Health(context.Background())
			if got := portal.IsCertTimeError(err); got != tt.want {
				t.Errorf("IsCertTimeError(%v) = %v, want %v", err, got, tt.want)
			}
			if !tt.want {
				if d, _ := cl.ServerDate(); d.IsZero() {
					t.Error("the portal's Date header was not kept")
				}
			}
		})
	}
}
