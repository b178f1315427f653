package health

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

func TestReportNamesWhatStaffMustFix(t *testing.T) {
	now := time.Date(2026, 11, 22, 9, 0, 0, 0, time.UTC)
	tests := []struct {
		name    string
		src     Sources
		want    []string
		notWant []string
	}{
		{
			name: "a healthy kiosk has no problems",
			src: Sources{
				Portal:  func(context.Context) PortalHealth { return PortalHealth{Reachable: true, CheckedAt: now} },
				Cache:   func() CacheHealth { return CacheHealth{Procedures: 150, LastSync: now.Add(-time.Minute)} },
				Printer: func() DeviceHealth { return DeviceHealth{Online: true, State: "ok"} },
				Scanner: func() DeviceHealth { return DeviceHealth{Online: true, State: "connected"} },
			},
			notWant: []string{"printer", "portal", "cache", "scanner"},
		},
		{
			name: "paper out, portal down and a stale cache are all reported",
			src: Sources{
				Portal:  func(context.Context) PortalHealth { return PortalHealth{Reachable: false, CheckedAt: now} },
				Cache:   func() CacheHealth { return CacheHealth{LastSync: now.Add(-48 * time.Hour)} },
				Printer: func() DeviceHealth { return DeviceHealth{Online: true, State: "out"} },
				Scanner: func() DeviceHealth { return DeviceHealth{State: "disconnected"} },
			},
			want: []string{"printer: out of paper", "portal: unreachable", "cache: stale", "scanner: disconnected"},
		},
		{
			name: "a cache that never synced is reported",
			src:  Sources{Cache: func() CacheHealth { return CacheHealth{} }},
			want: []string{"cache: never synced"},
		},
		{
			name:    "a clock moved back after a sync is reported, and the cache is not 'never synced'",
			src:     Sources{Cache: func() CacheHealth { return CacheHealth{Procedures: 150, LastSync: now.Add(30 * 24 * time.Hour)} }},
			want:    []string{"clock: the last sync", "moved back"},
			notWant: []string{"never synced", "stale"},
		},
		{
			name: "a clock far ahead of the portal's Date header is reported",
			src: Sources{Portal: func(context.Context) PortalHealth {
				return PortalHealth{Reachable: true, CheckedAt: now, ServerDate: now.Add(-14 * 365 * 24 * time.Hour), DateSeenAt: now}
			}},
			want: []string{"clock: the kiosk's clock is 5110 days ahead of the portal's"},
		},
		{
			name: "a clock within a few seconds of the portal's is fine",
			src: Sources{Portal: func(context.Context) PortalHealth {
				return PortalHealth{Reachable: true, CheckedAt: now, ServerDate: now.Add(-3 * time.Second), DateSeenAt: now}
			}},
			notWant: []string{"clock"},
		},
		{
			name: "a TLS certificate not valid at the kiosk's time points at the clock",
			src: Sources{Portal: func(context.Context) PortalHealth {
				return PortalHealth{Reachable: false, CheckedAt: now, CertTimeError: true}
			}},
			want:    []string{"expired or not yet valid", "check the kiosk's date and time"},
			notWant: []string{"portal: unreachable"},
		},
		{
			name: "a portal answering 500 is failing, not unreachable",
			src: Sources{Portal: func(context.Context) PortalHealth {
				return PortalHealth{Reachable: false, CheckedAt: now, ServerError: true}
			}},
			want:    []string{"portal: answers with server errors"},
			notWant: []string{"unreachable"},
		},
		{
			name: "a portal whose listing was refused is flagged",
			src: Sources{Portal: func(context.Context) PortalHealth {
				return PortalHealth{Reachable: true, CheckedAt: now, Suspect: "portal listed no procedures"}
			}},
			want: []string{"portal: its catalogue answer was refused"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			m := &Monitor{Now: func() time.Time { return now }, Src: tt.src, StaleAfter: 24 * time.Hour}
			m.RefreshPortal(context.Background())
			got := strings.Join(m.Report().Problems, "\n")
			for _, w := range tt.want {
				if !strings.Contains(got, w) {
					t.Errorf("problems %q lack %q", got, w)
				}
			}
			for _, nw := range tt.notWant {
				if strings.Contains(got, nw) {
					t.Errorf("problems %q should not mention %q", got, nw)
				}
			}
		})
	}
}

func TestErrorRingKeepsNewestWarningsFirst(t *testing.T) {
	ring := NewErrorRing(3)
	log := slog.New(ring.Handler(slog.NewTextHandler(io.Discard, nil)))
	log.Info("not kept")
	for _, msg := range []string{"one", "two", "three", "four"} {
		log.Warn(msg, "err", "boom-"+msg)
	}
	got := ring.Recent()
	if len(got) != 3 {
		t.Fatalf("got %d records, want 3", len(got))
	}
	if got[0].Message != "four" || got[2].Message != "two" || got[0].Detail != "boom-four" {
		t.Errorf("got %+v, want four, three, two with details", got)
	}
}

func TestStatusEndpointServesTheReportOverAUnixSocket(t *testing.T) {
	m := &Monitor{KioskID: "demo-01", Version: "test", Src: Sources{
		Outbox: func() OutboxHealth { return OutboxHealth{Depth: 4} },
	}}
	sock := filepath.Join(t.TempDir(), "kiosk.sock")
	l, err := ListenUnix(sock)
	if err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	go Serve(ctx, l, Handler(m, nil), nil)

	c := &http.Client{Transport: &http.Transport{DialContext: func(ctx context.Context, _, _ string) (net.Conn, error) {
		var d net.Dialer
		return d.DialContext(ctx, "unix", sock)
	}}}
	resp, err := c.Get("http://kiosk/status")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	var r Report
	if err := json.NewDecoder(resp.Body).Decode(&r); err != nil {
		t.Fatal(err)
	}
	if r.KioskID != "demo-01" || r.Outbox.Depth != 4 {
		t.Errorf("got %+v, want kiosk demo-01 with outbox depth 4", r)
	}
}

func TestMetricsAreServedOnlyWhenEnabled(t *testing.T) {
	m := &Monitor{}
	rec := httptest.NewRecorder()
	Handler(m, nil).ServeHTTP(rec, httptest.NewRequest("GET", "/metrics", nil))
	if rec.Code != http.StatusNotFound {
		t.Errorf("metrics disabled: got %d, want 404", rec.Code)
	}
}

func TestStatusIsServedOverTCPOnlyOnLoopback(t *testing.T) {
	m := &Monitor{KioskID: "k1"}
	for _, tt := range []struct {
		addr string
		want int
	}{{"127.0.0.1:0", http.StatusOK}, {"0.0.0.0:0", http.StatusNotFound}} {
		l, err := net.Listen("tcp", tt.addr)
		if err != nil {
			t.Fatal(err)
		}
		h := TCPHandler(m, http.NotFoundHandler(), l)
		l.Close()
		rec := httptest.NewRecorder()
		h.ServeHTTP(rec, httptest.NewRequest(http.MethodGet, "/status", nil))
		if rec.Code != tt.want {
			t.Errorf("/status on a listener at %s: %d, want %d", tt.addr, rec.Code, tt.want)
		}
	}
}

func TestAClockBeforeTheBuildIsReported(t *testing.T) {
	built := time.Date(2026, 11, 1, 0, 0, 0, 0, time.UTC)
	for _, tt := range []struct {
		now  time.Time
		want bool
	}{
		{time.Date(2000, 1, 1, 0, 0, 0, 0, time.UTC), true}, // dead CMOS battery
		{time.Date(2026, 6, 1, 0, 0, 0, 0, time.UTC), true}, // after the floor, before the build
		{time.Date(2026, 11, 22, 0, 0, 0, 0, time.UTC), false},
	} {
		m := &Monitor{Now: func() time.Time { return tt.now }, BuiltAt: built}
		r := m.Report()
		if got := strings.Contains(strings.Join(r.Problems, "\n"), "before this software was built"); got != tt.want {
			t.Errorf("clock %v: reported %v, want %v (%q)", tt.now, got, tt.want, r.Problems)
		}
	}
}
