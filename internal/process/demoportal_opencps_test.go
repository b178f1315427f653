package process

import (
	"context"
	"encoding/json"
	"net/http"
	"net/url"
	"reflect"
	"strings"
	"testing"
)

func TestTheDemoPortalGetsTheFlagsOfItsDialect(t *testing.T) {
	for _, tc := range []struct {
		name string
		o    DemoPortalOptions
		want []string
	}{
		{"kiosk/v1 with the kiosk key", DemoPortalOptions{KioskKey: "demo-key"}, []string{"-kiosk-key", "demo-key"}},
		{"kiosk/v1 without a key", DemoPortalOptions{}, nil},
		{"an OpenCPS site with its group, token and base path, and no kiosk key",
			DemoPortalOptions{KioskKey: "demo-key", OpenCPS: &DemoOpenCPS{GroupID: "35417", Token: "t", BasePath: "/secure/rest/v2"}},
			[]string{"-dialect", "opencps", "-group-id", "35417", "-token", "t", "-base-path", "/secure/rest/v2"}},
		{"an OpenCPS site without a token", DemoPortalOptions{OpenCPS: &DemoOpenCPS{GroupID: "35417"}},
			[]string{"-dialect", "opencps", "-group-id", "35417"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := tc.o.args(); !reflect.DeepEqual(got, tc.want) {
				t.Errorf("args %q, want %q", got, tc.want)
			}
		})
	}
}

func TestTheDemoPortalCanBeAnOpenCPSSite(t *testing.T) {
	if testing.Short() {
		t.Skip("builds cmd/portalsim")
	}
	bin := buildPortalsim(t)
	p, err := StartDemoPortal(context.Background(), DemoPortalOptions{Binary: bin,
		OpenCPS: &DemoOpenCPS{GroupID: "35417", Token: "demo-opencps-token"}})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Stop()
	req, _ := http.NewRequest("GET", p.URL+"/o/rest/v2/serviceinfos?start=0&end=5", nil)
	req.Header.Set("groupId", "35417")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		t.Fatal(err)
	}
	var l struct {
		Total int               `json:"total"`
		Data  []json.RawMessage `json:"data"`
	}
	err = json.NewDecoder(resp.Body).Decode(&l)
	resp.Body.Close()
	if err != nil || l.Total < 100 || len(l.Data) != 5 {
		t.Errorf("the OpenCPS service list gave total %d, %d items (%v); want the demo catalogue", l.Total, len(l.Data), err)
	}
	post := func(token string) int {
		req, _ := http.NewRequest("POST", p.URL+"/o/rest/v2/bookings",
			strings.NewReader(url.Values{"className": {"kiosk"}, "classPK": {"1"}, "serviceGroupCode": {"ho-tich"}}.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		req.Header.Set("groupId", "35417")
		if token != "" {
			req.Header.Set("Token", token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		return resp.StatusCode
	}
	if got := post(""); got != http.StatusForbidden {
		t.Errorf("a booking without the token answered %d, want 403 (the token was not passed on)", got)
	}
	if got := post("demo-opencps-token"); got != http.StatusOK {
		t.Errorf("a booking with the token answered %d", got)
	}
}
