package portal

import (
	"reflect"
	"testing"
	"time"

	"kiosk/internal/config"
)

// TestFromConfigCarriesEveryPortalKey fills every [portal] key and checks
// that each option the configuration can set arrives set. A new field in
// portal.Options must either come from the configuration here or be named
// below as one only the caller sets.
func TestFromConfigCarriesEveryPortalKey(t *testing.T) {
	callerOnly := map[string]bool{
		"Logger": true, "HTTPClient": true, "WrapTransport": true, "BackoffBase": true, "BackoffMax": true,
		"MaxRetryAfter": true, "Sleep": true, "Now": true, "Rand": true,
	}
	var c config.Config
	c.Kiosk.ID = "kiosk-1"
	c.Portal.Dialect = "opencps/v2"
	c.Portal.KioskKey = "key"
	c.Portal.GroupID = "35417"
	c.Portal.OpenCPS.BasePath = "/o/rest/v2"
	c.Portal.Timeout.Duration = 7 * time.Second
	c.Portal.Retries = 2
	c.Portal.MaxBodyBytes = 1 << 20
	c.Portal.CAFile = "/etc/kiosk/ca.pem"

	o := FromConfig(&c, "http://127.0.0.1:8080")
	v := reflect.ValueOf(o)
	for i := 0; i < v.NumField(); i++ {
		name := v.Type().Field(i).Name
		if callerOnly[name] {
			continue
		}
		if v.Field(i).IsZero() {
			t.Errorf("portal.Options.%s is not set from the configuration", name)
		}
	}
	if o.BaseURL != "http://127.0.0.1:8080" {
		t.Errorf("BaseURL = %q, want the address in effect", o.BaseURL)
	}
}
