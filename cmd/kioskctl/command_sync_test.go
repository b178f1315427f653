package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/sync"
)

const demoConfig = "../../kiosk-config/demo.toml"

// fakeKioskPortal serves the kiosk/v1 listing endpoints for n procedures,
// pageSize per page, with offset page tokens.
func fakeKioskPortal(t *testing.T, n int) *httptest.Server {
	t.Helper()
	serverTime := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	mux := http.NewServeMux()
	write := func(w http.ResponseWriter, v any) {
		w.Header().Set("Content-Type", "application/json")
		json.NewEncoder(w).Encode(v)
	}
	mux.HandleFunc("GET /api/v1/agencies", func(w http.ResponseWriter, r *http.Request) {
		write(w, map[string]any{"items": []portal.Agency{{Code: "STP", Name: "Sở Tư pháp"}}})
	})
	mux.HandleFunc("GET /api/v1/fields", func(w http.ResponseWriter, r *http.Request) {
		write(w, map[string]any{"items": []portal.Field{{Code: "HT", Name: "Hộ tịch"}}})
	})
	mux.HandleFunc("GET /api/v1/procedures", func(w http.ResponseWriter, r *http.Request) {
		size, _ := strconv.Atoi(r.URL.Query().Get("page_size"))
		if size <= 0 || size > 10 {
			size = 10
		}
		list := n
		if r.URL.Query().Get("updated_since") != "" {
			list = 0 // nothing changed since
		}
		off, _ := strconv.Atoi(r.URL.Query().Get("page_token"))
		end := min(off+size, list)
		page := portal.ProcedurePage{ServerTime: serverTime, Total: list, Items: []portal.Procedure{}}
		for i := off; i < end; i++ {
			page.Items = append(page.Items, portal.Procedure{Code: fmt.Sprintf("1.%06d.000.00.00.H48", i),
				Name: fmt.Sprintf("Đăng ký khai sinh %d", i), UpdatedAt: serverTime.Add(-time.Hour)})
		}
		if end < list {
			page.NextPageToken = strconv.Itoa(end)
		}
		write(w, page)
	})
	srv := httptest.NewServer(mux)
	t.Cleanup(srv.Close)
	return srv
}

func runCtl(args ...string) (code int, stdout, stderr string) {
	var out, errb bytes.Buffer
	code = run(args, &out, &errb)
	return code, out.String(), errb.String()
}

func TestSyncFillsTheCacheThenSyncsOnlyChanges(t *testing.T) {
	srv := fakeKioskPortal(t, 40)
	cache := filepath.Join(t.TempDir(), "cache.db")
	code, out, errOut := runCtl("-config", demoConfig, "-portal", srv.URL, "-cache", cache, "sync")
	if code != 0 {
		t.Fatalf("sync exit %d, stderr:\n%s", code, errOut)
	}
	if !strings.Contains(out, "synced (full)") || !strings.Contains(out, "40 procedures, 1 agencies, 1 fields") {
		t.Errorf("summary = %q, want a full sync of 40 procedures", out)
	}
	if !strings.Contains(errOut, "[####################] 100% 4 pages 40/40") {
		t.Errorf("progress on a non-terminal = %q, want a final 100%% line", errOut)
	}
	if strings.Contains(errOut, "\r") {
		t.Errorf("progress on a non-terminal must not redraw with \\r: %q", errOut)
	}

	code, out, errOut = runCtl("-config", demoConfig, "-portal", srv.URL, "-cache", cache, "sync")
	if code != 0 || !strings.Contains(out, "synced (incremental)") || !strings.Contains(out, "40 procedures") {
		t.Errorf("second sync exit %d, out %q, err %q; want an incremental sync keeping 40 procedures", code, out, errOut)
	}
	code, out, _ = runCtl("-config", demoConfig, "-portal", srv.URL, "-cache", cache, "sync", "-full")
	if code != 0 || !strings.Contains(out, "synced (full)") {
		t.Errorf("sync -full exit %d, out %q; want a full sync", code, out)
	}
}

func TestSyncWithThePortalDownSaysWhatTheCacheStillHas(t *testing.T) {
	srv := fakeKioskPortal(t, 15)
	cache := filepath.Join(t.TempDir(), "cache.db")
	if code, _, errOut := runCtl("-config", demoConfig, "-portal", srv.URL, "-cache", cache, "sync"); code != 0 {
		t.Fatalf("first sync failed: %s", errOut)
	}
	url := srv.URL
	srv.Close()
	code, _, errOut := runCtl("-config", demoConfig, "-portal", url, "-cache", cache, "sync")
	if code != 1 {
		t.Errorf("exit code = %d, want 1", code)
	}
	if want := "portal unreachable at " + url + "; the cache still has 15 procedures from "; !strings.Contains(errOut, want) {
		t.Errorf("stderr = %q, want it to contain %q", errOut, want)
	}
}

func TestSyncRefusesACacheHeldByAnotherProcess(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "cache.db")
	c, err := catalog.Open(cache, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	code, _, errOut := runCtl("-config", demoConfig, "-portal", "http://127.0.0.1:1", "-cache", cache, "sync")
	if code != 1 || !strings.Contains(errOut, cache) || !strings.Contains(errOut, "another kiosk or kioskctl process") {
		t.Errorf("exit %d, stderr %q; want 1 and a message naming the file and the other process", code, errOut)
	}
}

func TestProgressBar(t *testing.T) {
	cases := []struct {
		name string
		p    sync.Progress
		want string
	}{
		{"a known total fills the bar in proportion", sync.Progress{Pages: 12, Items: 6000, Total: 60000, Percent: 10},
			"[##..................]  10% 12 pages 6000/60000"},
		{"a finished sync shows a full bar", sync.Progress{Pages: 4, Items: 40, Total: 40, Percent: 100, Done: true},
			"[####################] 100% 4 pages 40/40"},
		{"an unknown total shows question marks and counts", sync.Progress{Pages: 3, Items: 1500},
			"[????????????????????] 3 pages 1500"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			if got := newProgressBar(nil, false).line(tc.p); got != tc.want {
				t.Errorf("line = %q, want %q", got, tc.want)
			}
		})
	}

	t.Run("a terminal gets one line redrawn in place", func(t *testing.T) {
		var b bytes.Buffer
		bar := newProgressBar(&b, true)
		for i := 1; i <= 4; i++ {
			bar.update(sync.Progress{Pages: i, Items: i * 10, Total: 40, Percent: float64(i) * 25, Done: i == 4})
		}
		bar.finish()
		if strings.Count(b.String(), "\r") != 4 || strings.Count(b.String(), "\n") != 1 {
			t.Errorf("terminal output = %q, want 4 redraws and one final newline", b.String())
		}
	})
	t.Run("a log gets a line for the first page and one per ten percent", func(t *testing.T) {
		var b bytes.Buffer
		bar := newProgressBar(&b, false)
		for i := 1; i <= 100; i++ {
			bar.update(sync.Progress{Pages: i, Items: i, Total: 100, Percent: float64(i), Done: i == 100})
		}
		if n := strings.Count(b.String(), "\n"); n != 11 {
			t.Errorf("non-terminal output has %d lines, want 11:\n%s", n, b.String())
		}
	})
}

func TestSyncAgainstTheSimulator(t *testing.T) {
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	url, stop, err := portalsim.Start(context.Background(), "127.0.0.1:0", ds, portalsim.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer stop()
	cache := filepath.Join(t.TempDir(), "cache.db")
	code, out, errOut := runCtl("-config", demoConfig, "-portal", url, "-cache", cache, "sync")
	if code != 0 {
		t.Fatalf("sync exit %d: %s", code, errOut)
	}
	want := 0
	for _, p := range ds.Procedures {
		if !p.Deleted {
			want++
		}
	}
	if !strings.Contains(out, fmt.Sprintf(": %d procedures, %d agencies, %d fields", want, len(ds.Agencies), len(ds.Fields))) {
		t.Errorf("summary %q does not show the demo's %d procedures, %d agencies and %d fields", out, want, len(ds.Agencies), len(ds.Fields))
	}
}
