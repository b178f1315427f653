package config

import (
	"errors"
	"strings"
	"testing"
)

func TestWithPortalURLAppliesTheConfigsRules(t *testing.T) {
	base := Default()
	base.Kiosk.ID = "hcc-01"
	base.Portal.KioskKey = "k"
	keyless := Default()
	keyless.Kiosk.ID = "hcc-01"
	for _, tc := range []struct {
		name, url string
		cfg       *Config
		wantErr   string // "" means accepted
	}{
		{"https to a remote portal is accepted", "https://dichvucong.example.vn", base, ""},
		{"userinfo with a host is accepted, as in a file", "https://admin:pw@dichvucong.example.vn", base, ""},
		{"plain http to this machine is accepted", "http://127.0.0.1:8089", keyless, ""},
		{"plain http to another machine is refused", "http://dichvucong.example.vn", base, "plain http is only allowed"},
		{"a URL whose userinfo leaves no host is refused", "https://admin:pw@", base, "is not an http(s) URL"},
		{"another scheme is refused", "ftp://dichvucong.example.vn", base, "is not an http(s) URL"},
		{"a bare host name is refused", "dichvucong.example.vn", base, "is not an http(s) URL"},
		{"a remote kiosk/v1 portal without a key is refused", "https://dichvucong.example.vn", keyless, "portal.kiosk_key: is required"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := tc.cfg.WithPortalURL(tc.url)
			if tc.wantErr == "" {
				if err != nil {
					t.Fatalf("refused: %v", err)
				}
				if got.Portal.BaseURL != tc.url {
					t.Errorf("base_url %q, want %q", got.Portal.BaseURL, tc.url)
				}
				if tc.cfg.Portal.BaseURL == tc.url {
					t.Errorf("the original config was changed")
				}
				return
			}
			var ps Problems
			if !errors.As(err, &ps) {
				t.Fatalf("got %v (%T), want Problems", err, err)
			}
			msg := ps.Error()
			if !strings.Contains(msg, tc.wantErr) || !strings.HasPrefix(msg, "-portal: ") {
				t.Errorf("message %q, want it to start with \"-portal: \" and say %q", msg, tc.wantErr)
			}
			if ps.Vietnamese() == msg {
				t.Errorf("no Vietnamese message: %q", ps.Vietnamese())
			}
		})
	}
}
