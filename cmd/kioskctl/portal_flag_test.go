package main

import (
	"strings"
	"testing"
)

// TestPortalFlagIsCheckedLikeTheConfig: -portal used to replace
// portal.base_url after validation, so `kioskctl -portal http://remote sync`
// sent the kiosk key in clear to a host the config could never name.
func TestPortalFlagIsCheckedLikeTheConfig(t *testing.T) {
	path := configTestFile(t, configDemoText(t), 0o600)
	for _, tc := range []struct {
		name, url, want string
	}{
		{"plain http to another machine", "http://dichvucong.example.vn", "-portal: portal.base_url: plain http is only allowed for a portal on this machine"},
		{"userinfo and no host", "https://admin:pw@", "is not an http(s) URL"},
		{"not a URL", "dichvucong.example.vn", "is not an http(s) URL"},
	} {
		t.Run(tc.name+" is refused with the config's message", func(t *testing.T) {
			code, stdout, stderr := runCtl("-config", path, "-portal", tc.url, "config", "show")
			if code == 0 {
				t.Fatalf("exit 0, want a failure; stdout:\n%s", stdout)
			}
			if !strings.Contains(stderr, tc.want) {
				t.Errorf("stderr %q, want %q", stderr, tc.want)
			}
		})
	}
	t.Run("https to another machine is used", func(t *testing.T) {
		code, stdout, stderr := runCtl("-config", path, "-portal", "https://dichvucong.example.vn", "config", "show")
		if code != 0 || !strings.Contains(stdout, `base_url = "https://dichvucong.example.vn"`) {
			t.Errorf("exit %d, stderr %q, stdout:\n%s", code, stderr, stdout)
		}
	})
}
