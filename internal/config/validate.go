package config

import (
	"crypto/x509"
	"errors"
	"fmt"
	"io/fs"
	"net"
	"net/url"
	"os"
	"reflect"
	"regexp"
	"strconv"
	"strings"
	"time"
)

// Known lists the names a config may refer to that other packages own. This
// package imports nothing of ours, so callers hand them in: the kiosk and
// kioskctl both pass receipt.ProfileNames, so they accept and refuse the same
// configs. An empty list skips that check (tests of other settings).
type Known struct {
	// Profiles are the printer profile names printer.profile may take.
	Profiles []string
}

// StandardBauds are the serial rates printers and scanners are set to.
var StandardBauds = []int{1200, 2400, 4800, 9600, 19200, 38400, 57600, 115200, 230400, 460800, 921600}

var (
	idPattern    = regexp.MustCompile(`^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$`)
	usbPattern   = regexp.MustCompile(`^[0-9A-Fa-f]{4}:[0-9A-Fa-f]{4}$`)
	phonePattern = regexp.MustCompile(`^[0-9+][0-9 .()-]{2,19}$`)
	comPattern   = regexp.MustCompile(`^COM[0-9]{1,3}$`)
	// pinHashPattern is the shape of internal/pin's PHC strings; config
	// imports nothing of ours, so the shape is repeated here (a test in this
	// package checks it against pin.Hash).
	pinHashPattern = regexp.MustCompile(`^\$argon2id\$v=19\$m=([0-9]{1,6}),t=([0-9]{1,2}),p=([0-9]{1,2})\$[A-Za-z0-9+/]{11,86}\$[A-Za-z0-9+/]{22,86}$`)
	digitsPattern  = regexp.MustCompile(`^\s*[0-9]{3,12}\s*$`)
)

func reflectValue(c *Config) reflect.Value { return reflect.ValueOf(c).Elem() }

// validate adds a problem for every setting that would misbehave.
func validate(c *Config, d *decoder) {
	k := &c.Kiosk
	switch {
	case k.ID == "":
		d.add(Error, "kiosk.id", "is required: a short unique name for this kiosk, like \"hcc-binhduong-01\"")
	case !idPattern.MatchString(k.ID):
		d.add(Error, "kiosk.id", "%q may only contain letters, digits, \".\", \"_\" and \"-\" (at most 64)", k.ID)
	}
	if strings.TrimSpace(k.SiteName) == "" {
		d.add(Warning, "kiosk.site_name", "is empty; the start screen and receipts will show no centre name")
	}
	oneOf(d, "kiosk.language", k.Language, "a supported language", "vi", "en")
	oneOf(d, "kiosk.orientation", k.Orientation, "an orientation", "auto", "portrait", "landscape")
	if k.Hotline != "" && !phonePattern.MatchString(k.Hotline) {
		d.add(Error, "kiosk.hotline", "%q is not a phone number", k.Hotline)
	}
	if k.FeedbackURL != "" {
		if u, err := url.Parse(k.FeedbackURL); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			d.add(Error, "kiosk.feedback_url", "%q is not an http(s) URL", k.FeedbackURL)
		}
	}
	if k.Logo != "" {
		fileExists(d, "kiosk.logo", k.Logo)
	}
	timeoutOK := between(d, "kiosk.idle_timeout", k.IdleTimeout, 15*time.Second, 30*time.Minute)
	if between(d, "kiosk.idle_countdown", k.IdleCountdown, 5*time.Second, 5*time.Minute) &&
		timeoutOK && k.IdleCountdown.Duration >= k.IdleTimeout.Duration {
		d.add(Error, "kiosk.idle_countdown", "%s must be shorter than kiosk.idle_timeout (%s)",
			k.IdleCountdown, k.IdleTimeout)
	}

	if n := k.ReceiptKeep; n < 1 || n > 100000 {
		d.add(Error, "kiosk.receipt_keep", "%d is out of range %d..%d", n, 1, 100000)
	}
	if k.ReceiptMaxAge.Duration != 0 { // "0s" keeps receipts of any age (up to receipt_keep)
		between(d, "kiosk.receipt_max_age", k.ReceiptMaxAge, time.Hour, 366*24*time.Hour)
	}

	// A 7-inch panel's long side is about 155 mm, a 65-inch screen's about
	// 1440 mm; a value outside means inches or centimetres were written.
	if n := k.PanelLongSideMM; n < 100 || n > 2000 {
		d.add(Error, "kiosk.panel_long_side_mm", "%d is out of range %d..%d (whole millimetres, the panel's long side; 476 for 21.5 inches)", n, 100, 2000)
	}

	validatePortal(c, d)
	validateDevices(c, d)

	if c.Cache.Path == "" {
		d.add(Error, "cache.path", "is required (the cache file, like %q)", DefaultCachePath)
	}
	if c.Cache.RecentLookupTTL.Duration != 0 { // "0s" keeps no recent lookups at all
		between(d, "cache.recent_lookup_ttl", c.Cache.RecentLookupTTL, time.Minute, 24*time.Hour)
	}
	between(d, "sync.interval", c.Sync.Interval, time.Minute, 24*time.Hour)
	between(d, "sync.heartbeat_interval", c.Sync.HeartbeatInterval, 30*time.Second, 24*time.Hour)
	if n := c.Sync.PageSize; n < 1 || n > 1000 {
		d.add(Error, "sync.page_size", "%d is out of range 1..1000 (the portal sends at most 1000 per page)", n)
	}

	validateMetrics(c, d)
	validatePIN(c, d)
	validateQueue(c, d)
	validateVoice(c, d)
	validateCentre(c, d)
}

func validatePortal(c *Config, d *decoder) {
	p := &c.Portal
	oneOf(d, "portal.dialect", p.Dialect, "a known dialect", "kiosk/v1", "opencps/v2")
	loopback := false
	switch u, err := url.Parse(p.BaseURL); {
	case p.BaseURL == "":
		d.add(Error, "portal.base_url", "is required (the portal's address, like \"https://dichvucong.binhduong.gov.vn\")")
	case err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Hostname() == "":
		d.add(Error, "portal.base_url", "%q is not an http(s) URL", p.BaseURL)
	default:
		loopback = isLoopback(u.Hostname())
		if u.Scheme == "http" && !loopback {
			d.add(Error, "portal.base_url",
				"plain http is only allowed for a portal on this machine (127.0.0.1 or localhost); use https")
		}
	}
	if p.Dialect == "kiosk/v1" && p.KioskKey == "" && !loopback && p.BaseURL != "" {
		d.add(Error, "portal.kiosk_key", "is required for dialect kiosk/v1 (ask the portal operator for this kiosk's key)")
	}
	if p.Dialect == "opencps/v2" && p.GroupID == "" {
		d.add(Error, "portal.group_id", "is required for dialect opencps/v2 (the site's groupId)")
	}
	validateOpenCPS(&p.OpenCPS, d)
	if p.LookupURL != "" {
		probe := strings.ReplaceAll(p.LookupURL, "{code}", "000.00.00.H00-000000-0000")
		if u, err := url.Parse(probe); err != nil || (u.Scheme != "https" && u.Scheme != "http") || u.Host == "" {
			d.add(Error, "portal.lookup_url", "%q is not an http(s) URL", p.LookupURL)
		}
	}
	timeoutOK := between(d, "portal.timeout", p.Timeout, time.Second, 2*time.Minute)
	if between(d, "portal.lookup_timeout", p.LookupTimeout, time.Second, 5*time.Minute) &&
		timeoutOK && p.LookupTimeout.Duration < p.Timeout.Duration {
		d.add(Error, "portal.lookup_timeout", "%s is shorter than portal.timeout (%s); a lookup could not finish even one request",
			p.LookupTimeout, p.Timeout)
	}
	if p.Retries < 0 || p.Retries > 10 {
		d.add(Error, "portal.retries", "%d is out of range 0..10", p.Retries)
	}
	if n := p.MaxBodyBytes; n < 64<<10 || n > 256<<20 {
		d.add(Error, "portal.max_body_bytes", "%d is out of range %d..%d bytes", n, 64<<10, 256<<20)
	}
	if p.CAFile != "" && fileExists(d, "portal.ca_file", p.CAFile) {
		pem, err := os.ReadFile(p.CAFile)
		switch {
		case err != nil:
			d.add(Error, "portal.ca_file", "cannot read %q: %v", p.CAFile, errors.Unwrap(err))
		case !x509.NewCertPool().AppendCertsFromPEM(pem):
			d.add(Error, "portal.ca_file", "%q holds no PEM certificates", p.CAFile)
		}
	}
}

func validateDevices(c *Config, d *decoder) {
	pr := &c.Printer
	switch {
	case pr.Port == "" && pr.USB == "":
		d.add(Error, "printer.port", "set port (a device such as \"/dev/kiosk-printer\", or \"virtual\") or usb (\"VID:PID\")")
	case pr.Port != "" && pr.USB != "":
		d.add(Error, "printer.usb", "set either port or usb, not both")
	case pr.Port != "" && pr.Port != "virtual":
		devicePath(d, "printer.port", pr.Port)
	}
	if pr.USB != "" && !usbPattern.MatchString(pr.USB) {
		d.add(Error, "printer.usb", "%q is not a USB id; write VID:PID in hex, like \"04b8:0e28\"", pr.USB)
	}
	baud(d, "printer.baud", pr.Baud)
	switch {
	case pr.Profile == "":
		d.add(Error, "printer.profile", "is required (a printer profile such as %q)", DefaultPrinterProfile)
	case len(d.known.Profiles) > 0 && !contains(d.known.Profiles, pr.Profile):
		if s := suggest(pr.Profile, d.known.Profiles); s != "" {
			d.add(Error, "printer.profile", "unknown profile %q (did you mean %q?)", pr.Profile, s)
		} else {
			d.add(Error, "printer.profile", "unknown profile %q (known: %s)", pr.Profile, strings.Join(d.known.Profiles, ", "))
		}
	}

	sc := &c.Scanner
	switch {
	case sc.Port != "" && sc.USB != "":
		d.add(Error, "scanner.usb", "set either port or usb, not both")
	case sc.Port != "" && sc.Port != "keyboard":
		devicePath(d, "scanner.port", sc.Port)
	}
	if sc.USB != "" && !usbPattern.MatchString(sc.USB) {
		d.add(Error, "scanner.usb", "%q is not a USB id; write VID:PID in hex, like \"0c2e:0b61\"", sc.USB)
	}
	baud(d, "scanner.baud", sc.Baud)
	if up := strings.ToUpper(sc.Suffix); contains([]string{"CR", "LF", "CRLF", "ETX"}, up) {
		sc.Suffix = up
	} else {
		d.add(Error, "scanner.suffix", "%q is not a frame suffix; use CR, LF, CRLF or ETX", sc.Suffix)
	}
}

func validateMetrics(c *Config, d *decoder) {
	l := c.Metrics.Listen
	if l == "" {
		return
	}
	host, port, err := net.SplitHostPort(l)
	if err != nil {
		d.add(Error, "metrics.listen", "%q is not host:port, like \"127.0.0.1:9310\"", l)
		return
	}
	if n, err := strconv.Atoi(port); err != nil || n < 1 || n > 65535 {
		d.add(Error, "metrics.listen", "port %q is not a number from 1 to 65535", port)
		return
	}
	if !isLoopback(host) {
		d.add(Warning, "metrics.listen",
			"%q is reachable from the network and metrics have no password; use \"127.0.0.1:%s\" unless a firewall limits access", l, port)
	}
}

func validatePIN(c *Config, d *decoder) {
	h := c.Staff.PINHash
	switch {
	case h == "":
		d.add(Warning, "staff.pin_hash", "is not set; the staff panel cannot be opened (run `kioskctl pin hash`)")
	case digitsPattern.MatchString(h):
		d.add(Error, "staff.pin_hash", "looks like a plain PIN; run `kioskctl pin hash`")
	case !pinHashPattern.MatchString(h):
		d.add(Error, "staff.pin_hash", "is not a PIN hash; run `kioskctl pin hash` and paste the line it prints")
	default:
		// Same limits as internal/pin, so a hash accepted here can be checked.
		m := pinHashPattern.FindStringSubmatch(h)
		mem, _ := strconv.Atoi(m[1])
		passes, _ := strconv.Atoi(m[2])
		lanes, _ := strconv.Atoi(m[3])
		// pin.MaxCostKiB: memory × passes at most twice the tuned 64 MiB × 3.
		const maxCost = 2 * 64 * 1024 * 3
		switch {
		case mem < 8 || mem > 128*1024 || passes < 1 || passes > 4 || lanes < 1 || lanes > 4 || mem < 8*lanes:
			d.add(Error, "staff.pin_hash", "has parameters the kiosk will not use (m=%d,t=%d,p=%d); run `kioskctl pin hash`", mem, passes, lanes)
		case mem*passes > maxCost:
			d.add(Error, "staff.pin_hash", "has parameters that make every PIN try too slow (m=%d × t=%d is more than %d); run `kioskctl pin hash`", mem, passes, maxCost)
		case mem < 19*1024:
			d.add(Warning, "staff.pin_hash", "uses little memory (m=%d KiB); a copied hash is cheap to brute-force — run `kioskctl pin hash`", mem)
		}
	}
}

func validateQueue(c *Config, d *decoder) {
	seen := map[string]int{}
	for i, q := range c.Queue {
		key := func(k string) string { return fmt.Sprintf("queue[%d].%s", i, k) }
		switch {
		case q.Code == "":
			d.add(Error, key("code"), "is required (a short code such as \"ho-tich\")")
		case !idPattern.MatchString(q.Code):
			d.add(Error, key("code"), "%q may only contain letters, digits, \".\", \"_\" and \"-\" (at most 64)", q.Code)
		default:
			if j, dup := seen[q.Code]; dup {
				d.add(Error, key("code"), "%q is already used by queue[%d]", q.Code, j)
			} else {
				seen[q.Code] = i
			}
		}
		if strings.TrimSpace(q.NameVI) == "" {
			d.add(Error, key("name_vi"), "is required (the service name citizens see, in Vietnamese)")
		}
		if strings.TrimSpace(q.NameEN) == "" {
			d.add(Warning, key("name_en"), "is empty; the English screen will show the Vietnamese name")
		}
	}
}

// between checks a duration is within [lo, hi] and reports whether it was.
func between(d *decoder, key string, v Duration, lo, hi time.Duration) bool {
	switch {
	case v.Duration <= 0:
		d.add(Error, key, "must be positive, not %s", v)
	case v.Duration < lo:
		d.add(Error, key, "%s is too short (at least %s)", v, short(lo))
	case v.Duration > hi:
		d.add(Error, key, "%s is too long (at most %s)", v, short(hi))
	default:
		return true
	}
	return false
}

// short prints round durations the way people write them: "30m", not "30m0s".
func short(v time.Duration) string {
	s := v.String()
	if strings.HasSuffix(s, "m0s") {
		s = strings.TrimSuffix(s, "0s")
	}
	if strings.HasSuffix(s, "h0m") {
		s = strings.TrimSuffix(s, "0m")
	}
	return s
}

func oneOf(d *decoder, key, v, what string, allowed ...string) {
	if contains(allowed, v) {
		return
	}
	if s := suggest(v, allowed); s != "" && v != "" {
		d.add(Error, key, "%q is not %s (did you mean %q?)", v, what, s)
		return
	}
	const format = "%q is not %s; use %s"
	d.addMsg(Error, key, fmt.Sprintf(format, v, what, quoteList(allowed, " or ")),
		vi(format, v, what, quoteList(allowed, " hoặc ")))
}

func quoteList(vs []string, or string) string {
	q := make([]string, len(vs))
	for i, v := range vs {
		q[i] = strconv.Quote(v)
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + or + q[len(q)-1]
}

func baud(d *decoder, key string, v int) {
	if contains(StandardBauds, v) {
		return
	}
	if s := nearestBaud(v); s != 0 {
		d.add(Error, key, "%d is not a standard rate (did you mean %d?)", v, s)
		return
	}
	d.add(Error, key, "%d is not a standard rate (use 9600, 19200, 38400, 57600 or 115200)", v)
}

// nearestBaud suggests the standard rate a typo most likely came from: one
// or two digits dropped, added or changed (11520 -> 115200).
func nearestBaud(v int) int {
	if v <= 0 {
		return 0
	}
	s := strconv.Itoa(v)
	best, bestDist := 0, 3
	for _, b := range StandardBauds {
		if dist := editDistance(s, strconv.Itoa(b)); dist < bestDist {
			best, bestDist = b, dist
		}
	}
	return best
}

func devicePath(d *decoder, key, p string) {
	if strings.HasPrefix(p, "/") || comPattern.MatchString(p) {
		return
	}
	d.add(Error, key, "%q is not a device path; use a path like \"/dev/ttyUSB0\"", p)
}

// fileExists reports whether path is a readable regular file, adding a
// problem when it is not.
func fileExists(d *decoder, key, path string) bool {
	st, err := os.Stat(path)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		d.add(Error, key, "file %q does not exist", path)
	case err != nil:
		d.add(Error, key, "cannot read %q: %v", path, errors.Unwrap(err))
	case !st.Mode().IsRegular():
		d.add(Error, key, "%q is not a regular file", path)
	default:
		return true
	}
	return false
}

func isLoopback(host string) bool {
	if host == "localhost" {
		return true
	}
	ip := net.ParseIP(host)
	return ip != nil && ip.IsLoopback()
}

func contains[T comparable](vs []T, v T) bool {
	for _, x := range vs {
		if x == v {
			return true
		}
	}
	return false
}
