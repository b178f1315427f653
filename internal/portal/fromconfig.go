package portal

import "kiosk/internal/config"

// FromConfig are the client's options as the site configuration sets them,
// for the kiosk and kioskctl alike, so a new [portal] key reaches both.
// baseURL is the portal address in effect: the configured one, or the one a
// -portal flag put in its place. The caller adds what only it has (a logger,
// a transport wrapper, a clock).
func FromConfig(c *config.Config, baseURL string) Options {
	return Options{
		Dialect:      c.Portal.Dialect,
		BaseURL:      baseURL,
		KioskID:      c.Kiosk.ID,
		KioskKey:     c.Portal.KioskKey,
		GroupID:      c.Portal.GroupID,
		OpenCPS:      OpenCPSOptions(c.Portal.OpenCPS),
		Timeout:      c.Portal.Timeout.Duration,
		Retries:      RetryCount(c.Portal.Retries),
		MaxBodyBytes: c.Portal.MaxBodyBytes,
		CAFile:       c.Portal.CAFile,
	}
}
