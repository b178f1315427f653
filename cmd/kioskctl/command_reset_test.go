package main

import (
	"path/filepath"
	"strings"
	"testing"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
)

func seededCache(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := catalog.Open(path, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.ApplyPage(procedures(3), catalog.SyncState{})
	c.Enqueue(catalog.KindRating, "r1", []byte(`{"id":"r1"}`))
	c.Close()
	return path
}

func cacheStats(t *testing.T, path string) catalog.Stats {
	t.Helper()
	c, err := catalog.Open(path, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	st, err := c.Stats()
	if err != nil {
		t.Fatal(err)
	}
	return st
}

func TestReset(t *testing.T) {
	cases := []struct {
		name      string
		args      []string
		input     string
		wantCode  int
		wantClear bool
	}{
		{"answering no keeps everything", []string{"reset"}, "no\n", 1, false},
		{"an empty answer keeps everything", []string{"reset"}, "", 1, false},
		{"answering yes clears the cache and outbox", []string{"reset"}, "yes\n", 0, true},
		{"-yes clears without asking", []string{"reset", "-yes"}, "", 0, true},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			path := seededCache(t)
			resetInput = strings.NewReader(tc.input)
			defer func() { resetInput = nil }()
			code, out, errOut := runCtl(append([]string{"-config", demoConfig, "-cache", path}, tc.args...)...)
			if code != tc.wantCode {
				t.Fatalf("exit %d, want %d; stdout %q stderr %q", code, tc.wantCode, out, errOut)
			}
			st := cacheStats(t, path)
			if cleared := st.Procedures == 0 && st.OutboxDepth == 0; cleared != tc.wantClear {
				t.Errorf("after reset stats = %+v, want cleared=%v", st, tc.wantClear)
			}
			if len(tc.args) == 1 && !strings.Contains(errOut, "1 ratings/heartbeats NOT YET DELIVERED") {
				t.Errorf("the question should warn about undelivered ratings: %q", errOut)
			}
		})
	}
}

func procedures(n int) []portal.Procedure {
	out := make([]portal.Procedure, n)
	for i := range out {
		out[i] = portal.Procedure{Code: string(rune('A' + i)), Name: "Thủ tục"}
	}
	return out
}
