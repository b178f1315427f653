package main

import (
	"encoding/json"
	"path/filepath"
	"slices"
	"strings"
	"testing"
	"time"

	"kiosk/internal/catalog"
	"kiosk/internal/portal"
)

// searchCache writes a small catalogue into a fresh cache file, as a sync
// would, and returns its path.
func searchCache(t *testing.T, procs []portal.Procedure) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := catalog.Open(path, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	if err := c.ReplaceFields([]portal.Field{{Code: "HT", Name: "Hộ tịch"}, {Code: "DD", Name: "Đất đai"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.ReplaceAgencies([]portal.Agency{{Code: "UBX", Name: "Ủy ban nhân dân cấp xã"}, {Code: "STNMT", Name: "Sở Tài nguyên và Môi trường"}}); err != nil {
		t.Fatal(err)
	}
	if err := c.ApplyPage(procs, catalog.SyncState{Cursor: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)}); err != nil {
		t.Fatal(err)
	}
	return path
}

var searchProcs = []portal.Procedure{
	{Code: "1.001193.000.00.00.H48", Name: "Đăng ký khai sinh", FieldCode: "HT", FieldName: "Hộ tịch", AgencyCode: "UBX", Level: 3},
	{Code: "1.004746.000.00.00.H48", Name: "Đăng ký khai sinh lưu động", FieldCode: "HT", FieldName: "Hộ tịch", AgencyCode: "UBX", Level: 2},
	{Code: "1.000894.000.00.00.H48", Name: "Đăng ký kết hôn", FieldCode: "HT", FieldName: "Hộ tịch", AgencyCode: "UBX", Level: 3},
	{Code: "1.004227.000.00.00.H48", Name: "Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", FieldCode: "DD", AgencyCode: "STNMT", Level: 3},
}

func TestSearchPrintsJSONFromTheCacheAlone(t *testing.T) {
	cache := searchCache(t, searchProcs)
	// The portal URL points nowhere: search never needs it.
	code, out, errOut := runCtl("-config", demoConfig, "-portal", "http://127.0.0.1:1", "-cache", cache, "search", "-json", "-limit", "2", "dang ky khai sinh")
	if code != 0 {
		t.Fatalf("exit %d, stderr %s", code, errOut)
	}
	var hits []map[string]any
	if err := json.Unmarshal([]byte(out), &hits); err != nil {
		t.Fatalf("output is not JSON: %v\n%s", err, out)
	}
	if len(hits) != 2 {
		t.Fatalf("%d hits, want 2 (-limit): %s", len(hits), out)
	}
	for _, h := range hits {
		var keys []string
		for k := range h {
			keys = append(keys, k)
		}
		slices.Sort(keys)
		if !slices.Equal(keys, []string{"code", "matched", "name", "score"}) {
			t.Errorf("keys = %v, want exactly code, name, score, matched", keys)
		}
	}
	if hits[0]["code"] != "1.001193.000.00.00.H48" || hits[0]["name"] != "Đăng ký khai sinh" {
		t.Errorf("first hit = %v, want Đăng ký khai sinh", hits[0])
	}
	if m, _ := hits[0]["matched"].([]any); len(m) != 4 || m[0] != "Đăng" {
		t.Errorf("matched = %v, want the four words of the name", hits[0]["matched"])
	}
}

func TestSearchText(t *testing.T) {
	cache := searchCache(t, searchProcs)
	tests := []struct {
		name     string
		args     []string
		code     int
		contains []string
		absent   []string
	}{
		{"an everyday name finds the land certificate", []string{"search", "so do"}, 0,
			[]string{"1. Cấp Giấy chứng nhận quyền sử dụng đất lần đầu", "1.004227.000.00.00.H48", "matched: Giấy chứng nhận quyền sử dụng đất"}, nil},
		{"words may come as separate arguments", []string{"search", "ket", "hon"}, 0, []string{"1. Đăng ký kết hôn"}, nil},
		{"a field filter keeps to that field", []string{"search", "-field", "HT", "dang ky"}, 0, []string{"Đăng ký khai sinh", "Đăng ký kết hôn"}, []string{"Giấy chứng nhận"}},
		{"a field filter can leave nothing", []string{"search", "-field", "DD", "dang ky khai sinh"}, 1, nil, []string{"khai sinh"}},
		{"a level filter keeps to that level", []string{"search", "-level", "2", "khai sinh"}, 0, []string{"1. Đăng ký khai sinh lưu động"}, []string{"2."}},
		{"nothing found exits 1 and says so", []string{"search", "zzzz qqqq"}, 1, nil, nil},
		{"no query is a usage error", []string{"search"}, 2, nil, nil},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			args := append([]string{"-config", demoConfig, "-cache", cache}, tt.args...)
			code, out, errOut := runCtl(args...)
			if code != tt.code {
				t.Fatalf("exit %d, want %d; stdout %s stderr %s", code, tt.code, out, errOut)
			}
			for _, s := range tt.contains {
				if !strings.Contains(out, s) {
					t.Errorf("output lacks %q:\n%s", s, out)
				}
			}
			for _, s := range tt.absent {
				if strings.Contains(out, s) {
					t.Errorf("output has %q:\n%s", s, out)
				}
			}
			if code == 1 && !strings.Contains(errOut, "no procedure matches") {
				t.Errorf("stderr = %q, want a plain explanation", errOut)
			}
		})
	}
}

func TestSearchOnAnEmptyCacheSaysToSync(t *testing.T) {
	cache := filepath.Join(t.TempDir(), "empty.db")
	code, _, errOut := runCtl("-config", demoConfig, "-cache", cache, "search", "khai sinh")
	if code != 1 || !strings.Contains(errOut, "kioskctl sync") {
		t.Errorf("exit %d, stderr %q; want 1 and advice to sync", code, errOut)
	}
}

func TestSearchWhileTheCacheIsHeldSaysWhy(t *testing.T) {
	path := searchCache(t, searchProcs)
	held, err := catalog.Open(path, catalog.Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer held.Close()
	code, _, errOut := runCtl("-config", demoConfig, "-cache", path, "search", "khai sinh")
	if code != 1 || !strings.Contains(errOut, "stop the kiosk") {
		t.Errorf("exit %d, stderr %q; want 1 and a plain reason", code, errOut)
	}
}
