package config

import (
	"net/url"
	"slices"
	"strings"
)

// RedactedValue replaces secrets in Redacted configs.
const RedactedValue = "REDACTED"

// Redacted returns a copy of c safe to print or put in a diagnostics bundle:
// the kiosk key, the PIN hash and any password in the portal URL are
// replaced by RedactedValue. Empty secrets stay empty so a reader can still
// tell that one is missing.
func Redacted(c *Config) *Config {
	r := *c
	r.Queue = slices.Clone(c.Queue)
	r.Warnings = slices.Clone(c.Warnings)
	if r.Portal.KioskKey != "" {
		r.Portal.KioskKey = RedactedValue
	}
	if r.Portal.OpenCPS.Token != "" {
		r.Portal.OpenCPS.Token = RedactedValue
	}
	if r.Staff.PINHash != "" {
		r.Staff.PINHash = RedactedValue
	}
	r.Portal.BaseURL = RedactURL(r.Portal.BaseURL)
	return &r
}

// RedactURL returns raw with any userinfo (https://admin:pw@host) replaced by
// RedactedValue. It is the one function everything that shows the portal URL
// uses: config show, /status, kioskctl status and sync, the diagnostics
// bundle and the staff panel. A URL that does not parse is redacted whole when
// it may hold userinfo.
func RedactURL(raw string) string {
	u, err := url.Parse(raw)
	if err != nil {
		if strings.Contains(raw, "@") {
			return RedactedValue
		}
		return raw
	}
	if u.User == nil {
		return raw
	}
	if _, has := u.User.Password(); has {
		u.User = url.UserPassword(u.User.Username(), RedactedValue)
	} else {
		u.User = url.User(RedactedValue)
	}
	return u.String()
}
