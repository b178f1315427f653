package portal_test

import (
	"context"
	"errors"
	"net/http"
	"net/http/httptest"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"kiosk/internal/portal"
)

func TestAConfiguredZeroRetriesMeansOneAttempt(t *testing.T) {
	var n atomic.Int32
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		n.Add(1)
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	for _, tt := range []struct{ configured, attempts int }{{0, 1}, {2, 3}} {
		n.Store(0)
		cl, err := portal.New(portal.Options{BaseURL: srv.URL, KioskID: "k1", KioskKey: "k",
			Retries: portal.RetryCount(tt.configured), Sleep: func(context.Context, time.Duration) error { return nil }})
		if err != nil {
			t.Fatal(err)
		}
		cl.Agencies(context.Background())
		if got := int(n.Load()); got != tt.attempts {
			t.Errorf("retries = %d: %d attempts, want %d", tt.configured, got, tt.attempts)
		}
	}
}

func TestAServerErrorIsNotReportedAsUnreachable(t *testing.T) {
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.WriteHeader(http.StatusInternalServerError)
	}))
	defer srv.Close()
	cl, err := portal.New(portal.Options{BaseURL: srv.URL, KioskID: "k1", KioskKey: "k", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	_, err = cl.Agencies(context.Background())
	if !errors.Is(err, portal.ErrServer) || !errors.Is(err, portal.ErrOffline) {
		t.Fatalf("got %v, want ErrServer (which still matches ErrOffline for the cache fallback)", err)
	}
	if strings.Contains(err.Error(), "unreachable") || !strings.Contains(err.Error(), "server error (HTTP 500)") {
		t.Errorf("message %q, want a server error, not 'unreachable'", err)
	}
}
