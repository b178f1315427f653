package config

// WithPortalURL returns a copy of c that talks to the portal at raw instead
// of portal.base_url: what kioskctl's -portal flag does. raw passes the same
// checks as portal.base_url in a file — an http(s) URL with a host, plain
// http only to this machine, a kiosk key for a remote kiosk/v1 portal — so a
// flag cannot take kioskctl where a config file could not. Problems name the
// flag ("-portal: portal.base_url: ...") instead of a file line. c is left as
// it is.
func (c *Config) WithPortalURL(raw string) (*Config, error) {
	d := *c
	d.Portal.BaseURL = raw
	dec := &decoder{file: "-portal", validating: true}
	validatePortal(&d, dec)
	var errs Problems
	for _, p := range dec.problems {
		if p.Severity == Error {
			errs = append(errs, p)
		}
	}
	if len(errs) > 0 {
		return nil, errs
	}
	return &d, nil
}
