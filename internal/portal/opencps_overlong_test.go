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
