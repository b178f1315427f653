package portal_test

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/http/httptest"
	"strconv"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// overlongOpenCPS answers every /serviceinfos request with n items whatever
// start and end say, as a misconfigured or hostile OpenCPS site could.
func overlongOpenCPS(t *testing.T, n int) *httptest.Server {
	t.Helper()
	srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path != "/o/rest/v2/serviceinfos" {
			http.NotFound(w, r)
			return
		}
		items := make([]map[string]any, n)
		for i := range items {
			items[i] = map[string]any{"serviceInfoId": 40000 + i, "serviceCode": fmt.Sprintf("1.%06d.000.00.00.H48", i),
				"serviceName": "Thủ tục " + strconv.Itoa(i), "administrationCode": "000.00.53.H48", "domainCode": "HOTICH",
				"maxLevel": 2, "modifiedDate": "20261120091500"}
		}
		ocWrite(w, 200, map[string]any{"total": 5 * n, "data": items})
	}))
	t.Cleanup(srv.Close)
	return srv
}

// A page with more procedures than asked for must fail the listing: cut to
// size, the rest would be lost while the next page's offset skipped past
// them, and the cache would silently miss procedures the portal publishes.
func TestOpenCPSRefusesAPageLongerThanAsked(t *testing.T) {
	for _, tc := range []struct {
		name        string
		asked, sent int
		refused     bool
	}{
		{"a page of the largest size with one item too many", 1000, 1001, true},
		{"a page of the largest size with half again as many", 1000, 1500, true},
		{"a small page with one item too many", 50, 51, true},
		{"a full page of the largest size is taken whole", 1000, 1000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := overlongOpenCPS(t, tc.sent)
			c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: srv.URL, GroupID: "35417"})
			for _, since := range []time.Time{{}, time.Date(2026, 1, 1, 0, 0, 0, 0, vn)} {
				page, err := c.Procedures(context.Background(), since, "", tc.asked)
				switch {
				case tc.refused && !errors.Is(err, portal.ErrBadResponse):
					t.Errorf("since %v: asked for %d, sent %d: got %d items and error %v; want ErrBadResponse",
						since, tc.asked, tc.sent, len(page.Items), err)
				case !tc.refused && (err != nil || len(page.Items) != tc.sent):
					t.Errorf("since %v: a page of exactly %d gave %d items and error %v", since, tc.sent, len(page.Items), err)
				}
			}
		})
	}
}

// The listing carries no file templates, so each listed procedure's detail
// is asked for its forms: a portal that fails those requests fails the page
// (the sync retries it), while a detail it refuses only costs the forms.
func TestOpenCPSListingTakesFormsFromTheDetail(t *testing.T) {
	for _, tc := range []struct {
		name      string
		detail    int
		wantErr   error
		wantForms int
	}{
		{"the detail's file templates become forms", 200, nil, 1},
		{"a detail the portal refuses leaves the procedure without forms", 404, nil, 0},
		{"a detail the portal cannot serve fails the page", 503, portal.ErrOffline, 0},
	} {
		t.Run(tc.name, func(t *testing.T) {
			srv := httptest.NewServer(http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
				item := map[string]any{"serviceInfoId": 40001, "serviceCode": "1.001193.000.00.00.H48", "serviceName": "Đăng ký khai sinh",
					"administrationCode": "000.00.53.H48", "domainCode": "HOTICH", "maxLevel": 4, "modifiedDate": "20261120091500"}
				switch r.URL.Path {
				case "/o/rest/v2/serviceinfos":
					ocWrite(w, 200, map[string]any{"total": 1, "data": []any{item}})
				case "/o/rest/v2/serviceinfos/40001":
					if tc.detail != 200 {
						ocWrite(w, tc.detail, map[string]any{"code": tc.detail, "message": "No Content."})
						return
					}
					item["fileTemplates"] = []any{map[string]any{"fileTemplateNo": "TP01", "templateName": "Tờ khai đăng ký khai sinh"}}
					ocWrite(w, 200, item)
				default:
					http.NotFound(w, r)
				}
			}))
			t.Cleanup(srv.Close)
			c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: srv.URL, GroupID: "35417", Retries: -1})
			page, err := c.Procedures(context.Background(), time.Time{}, "", 50)
			if tc.wantErr != nil {
				if !errors.Is(err, tc.wantErr) {
					t.Errorf("got %d items, error %v; want %v", len(page.Items), err, tc.wantErr)
				}
				return
			}
			if err != nil || len(page.Items) != 1 {
				t.Fatalf("got %d items, error %v", len(page.Items), err)
			}
			forms := page.Items[0].Forms
			if len(forms) != tc.wantForms {
				t.Fatalf("forms %+v, want %d", forms, tc.wantForms)
			}
			if tc.wantForms > 0 && forms[0].URL != srv.URL+"/o/rest/v2/serviceinfos/40001/filetemplates/TP01" {
				t.Errorf("form URL %s", forms[0].URL)
			}
		})
	}
}
