package sync

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"path/filepath"
	"strconv"
	gosync "sync"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// hostilePortal is a kiosk/v1 portal on loopback that misbehaves on demand:
// empty listings, page tokens that cycle or never end, invalid records,
// pages larger than asked, absurd server times and terminal escapes in text.
// Tests drive it through the real portal.Client, so the client's decoding and
// validation and the Syncer's listing rules are both exercised.
type hostilePortal struct {
	mu       gosync.Mutex
	n        int    // procedures a well-behaved listing holds
	mode     string // "", "empty", "cycle", "endless", "badrecord", "giant", "future", "escapes"
	date     time.Time
	requests int
}

func (h *hostilePortal) set(mode string) {
	h.mu.Lock()
	h.mode = mode
	h.mu.Unlock()
}

func (h *hostilePortal) count() int {
	h.mu.Lock()
	defer h.mu.Unlock()
	return h.requests
}

func procJSON(i int, name string) map[string]any {
	return map[string]any{"code": fmt.Sprintf("1.%06d.000.00.00.H48", i), "name": name,
		"updated_at": "2026-11-22T07:00:00Z"}
}

func (h *hostilePortal) ServeHTTP(w http.ResponseWriter, r *http.Request) {
	h.mu.Lock()
	defer h.mu.Unlock()
	h.requests++
	w.Header().Set("Content-Type", "application/json")
	w.Header().Set("Date", h.date.Format(http.TimeFormat))
	switch r.URL.Path {
	case "/api/v1/agencies":
		if h.mode == "empty" {
			fmt.Fprint(w, `{"items":[]}`)
			return
		}
		fmt.Fprint(w, `{"items":[{"code":"STP","name":"Sở Tư pháp"}]}`)
		return
	case "/api/v1/fields":
		if h.mode == "empty" {
			fmt.Fprint(w, `{"items":[]}`)
			return
		}
		fmt.Fprint(w, `{"items":[{"code":"HT","name":"Hộ tịch"}]}`)
		return
	case "/api/v1/procedures":
	default:
		http.NotFound(w, r)
		return
	}
	size, _ := strconv.Atoi(r.URL.Query().Get("page_size"))
	off, _ := strconv.Atoi(r.URL.Query().Get("page_token"))
	serverTime := h.date.Add(-time.Minute).Format(time.RFC3339)
	var items []any
	next := ""
	switch h.mode {
	case "empty":
	case "cycle": // tokens 1 -> 2 -> 1 -> 2 ...
		items = append(items, procJSON(off, "Thủ tục vòng"))
		next = strconv.Itoa(off%2 + 1)
	case "endless": // a new token and new codes on every page
		items = append(items, procJSON(100000+off, "Thủ tục vô tận"))
		next = strconv.Itoa(off + 1)
	case "giant": // three times the page asked for
		for i := 0; i < 3*size; i++ {
			items = append(items, procJSON(i, "Thủ tục lớn"))
		}
	default:
		for i := off; i < h.n && len(items) < size; i++ {
			name := fmt.Sprintf("Thủ tục số %d", i)
			if h.mode == "escapes" {
				name = "\x1b[2J\x1b]0;pwned\x07" + name
			}
			items = append(items, procJSON(i, name))
		}
		if off+size < h.n {
			next = strconv.Itoa(off + size)
		}
		if h.mode == "badrecord" && off == 0 {
			bad := procJSON(999, "Ngày hỏng")
			bad["updated_at"] = "22/11/2026"
			items = append(items[:len(items)-1], bad)
		}
		if h.mode == "future" {
			serverTime = "9999-12-31T23:59:59Z"
		}
	}
	json.NewEncoder(w).Encode(map[string]any{"items": items, "next_page_token": next,
		"server_time": serverTime, "total": h.n})
}

func startHostile(t *testing.T, n int) (*hostilePortal, *portal.Client) {
	t.Helper()
	h := &hostilePortal{n: n, date: t0}
	srv := httptest.NewServer(h)
	t.Cleanup(srv.Close)
	cl, err := portal.New(portal.Options{BaseURL: srv.URL, KioskID: "k1", KioskKey: "key", Retries: -1})
	if err != nil {
		t.Fatal(err)
	}
	return h, cl
}

func TestAHostilePortalNeverWipesOrLoopsTheCatalogue(t *testing.T) {
	tests := []struct {
		mode    string
		want    error // errors.Is target for the run against the bad portal
		maxReqs int   // the run must stop within this many requests
	}{
		{mode: "empty", want: ErrEmptyListing, maxReqs: 10},
		{mode: "cycle", want: ErrStuckListing, maxReqs: 10},
		{mode: "endless", want: ErrEndlessListing, maxReqs: 100},
		{mode: "giant", want: portal.ErrBadResponse, maxReqs: 10},
		{mode: "future", want: ErrAbsurdCursor, maxReqs: 10},
	}
	for _, tt := range tests {
		t.Run("a portal gone "+tt.mode+" leaves the cached catalogue intact", func(t *testing.T) {
			h, cl := startHostile(t, 25)
			c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
			s := New(cl, c, Options{PageSize: 10, MaxPages: 50, Now: func() time.Time { return t0 }})
			if _, err := s.Run(context.Background(), true, nil); err != nil {
				t.Fatalf("first sync against a good portal: %v", err)
			}
			before := cached(t, c)
			if len(before) != 25 {
				t.Fatalf("cached %d procedures, want 25", len(before))
			}
			st0, _ := c.Stats()

			h.set(tt.mode)
			reqs := h.count()
			_, err := s.Run(context.Background(), true, nil)
			if !errors.Is(err, tt.want) {
				t.Fatalf("run against a %s portal: err %v, want %v", tt.mode, err, tt.want)
			}
			if n := h.count() - reqs; n > tt.maxReqs {
				t.Errorf("the run made %d requests, want at most %d", n, tt.maxReqs)
			}
			after := cached(t, c)
			for code := range before {
				if _, ok := after[code]; !ok {
					t.Errorf("%s was removed from the cache", code)
				}
			}
			// Pages of a cycling or endless listing were stored as they came
			// (they are valid records), but the growth is bounded by the page
			// limit; any other bad listing changes nothing.
			if tt.mode == "cycle" || tt.mode == "endless" {
				if len(after) > len(before)+50 {
					t.Errorf("cache grew to %d procedures", len(after))
				}
			} else if diff := sameSet(after, before); diff != "" {
				t.Errorf("cache changed: %s", diff)
			}
			st1, _ := c.Stats()
			if st1.Agencies != st0.Agencies || st1.Fields != st0.Fields {
				t.Errorf("agencies/fields %d/%d, want %d/%d kept", st1.Agencies, st1.Fields, st0.Agencies, st0.Fields)
			}
			if s.Status().Suspect == "" && tt.mode != "giant" {
				t.Errorf("status does not flag the portal as suspect")
			}
			st, _ := c.SyncState()
			if !st.Cursor.Before(t0.Add(MaxCursorSkew)) {
				t.Errorf("cursor %v accepted from a hostile portal", st.Cursor)
			}
			if st.PageToken != "" {
				t.Errorf("a poisoned page token %q was kept for the next run", st.PageToken)
			}

			h.set("")
			if _, err := s.Run(context.Background(), true, nil); err != nil {
				t.Fatalf("once the portal behaves, the sync succeeds again: %v", err)
			}
			if s.Status().Suspect != "" {
				t.Errorf("still suspect after a good run: %q", s.Status().Suspect)
			}
			if diff := sameSet(cached(t, c), before); diff != "" {
				t.Errorf("after a good full sync: %s", diff)
			}
		})
	}
}

func TestOneInvalidRecordIsSkippedAndCountedNotFatal(t *testing.T) {
	h, cl := startHostile(t, 25)
	h.set("badrecord")
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	s := New(cl, c, Options{PageSize: 10, Now: func() time.Time { return t0 }})
	res, err := s.Run(context.Background(), true, nil)
	if err != nil {
		t.Fatalf("a page with one record with a bad date failed the sync: %v", err)
	}
	if res.Skipped != 1 {
		t.Errorf("skipped %d records, want 1", res.Skipped)
	}
	if got := len(cached(t, c)); got != 24 {
		t.Errorf("cached %d procedures, want the 24 valid ones", got)
	}
}

func TestAnEmptyFirstListingIsNotAnError(t *testing.T) {
	h, cl := startHostile(t, 0)
	h.set("empty")
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	s := New(cl, c, Options{PageSize: 10, Now: func() time.Time { return t0 }})
	if _, err := s.Run(context.Background(), true, nil); err != nil {
		t.Fatalf("an empty portal with an empty cache: %v", err)
	}
}
