package config

import (
	"net/url"
	"slices"
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
	if u, err := url.Parse(r.Portal.BaseURL); err == nil && u.User != nil {
		if _, has := u.User.Password(); has {
			u.User = url.UserPassword(u.User.Username(), RedactedValue)
		} else {
			u.User = url.User(RedactedValue)
		}
		r.Portal.BaseURL = u.String()
	}
	return &r
}
