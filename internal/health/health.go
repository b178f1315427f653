// Package health owns the kiosk's view of itself: one Report that says whether
// the portal answers, how old the cached catalogue is, what is waiting in the
// outbox, whether the printer has paper and the scanner is connected, and which
// errors happened recently. The staff panel shows it, `kioskctl status` reads it
// over a loopback HTTP endpoint, the heartbeat sends a summary to the portal and
// Prometheus scrapes the same numbers.
package health

import (
	"context"
	"runtime/debug"
	"strconv"
	"sync"
	"syscall"
	"time"
)

// Report is a snapshot of the kiosk's health. It never contains personal data.
type Report struct {
	KioskID   string    `json:"kiosk_id"`
	SiteName  string    `json:"site_name"`
	Version   string    `json:"version"`
	Time      time.Time `json:"time"`
	StartedAt time.Time `json:"started_at"`
	Uptime    string    `json:"uptime"`

	Portal  PortalHealth `json:"portal"`
	Cache   CacheHealth  `json:"cache"`
	Outbox  OutboxHealth `json:"outbox"`
	Printer DeviceHealth `json:"printer"`
	Scanner DeviceHealth `json:"scanner"`
	// Speaker is the voice guidance's audio output: ok|no_device|no_engine|error|off.
	Speaker DeviceHealth `json:"speaker"`
	Disk    DiskHealth   `json:"disk"`
	Clock   ClockHealth  `json:"clock"`
	// Screen says whether the touch screen answers taps (InputProbe).
	Screen InputHealth   `json:"screen"`
	Errors []ErrorRecord `json:"recent_errors"`
	// Problems lists, in plain words for staff, what needs attention now.
	Problems []string `json:"problems"`
}

// PortalHealth is the result of the last health check against the portal.
type PortalHealth struct {
	BaseURL   string    `json:"base_url"`
	Dialect   string    `json:"dialect"`
	Reachable bool      `json:"reachable"`
	LatencyMS int64     `json:"latency_ms"`
	CheckedAt time.Time `json:"checked_at"`
	LastError string    `json:"last_error,omitempty"`
	// ServerDate is the portal's HTTP Date header at its last answer and
	// DateSeenAt the kiosk's clock then; zero before any answer.
	ServerDate time.Time `json:"server_date,omitzero"`
	DateSeenAt time.Time `json:"-"`
	// CertTimeError says the last failure was a TLS certificate expired or
	// not yet valid at the kiosk's time: usually the kiosk's clock.
	CertTimeError bool `json:"cert_time_error,omitempty"`
	// ServerError says the portal answered but with 5xx server errors: it
	// is reachable and failing, not unreachable.
	ServerError bool `json:"server_error,omitempty"`
	// Suspect says why the portal's catalogue answers are not trusted (an
	// empty full listing, a listing that never ends, an absurd cursor).
	Suspect string `json:"suspect,omitempty"`
}

// ClockHealth is the sanity of the kiosk's clock, which decides cache ages,
// retry times, lockouts and TLS validity. Kiosk PCs boot with dead CMOS
// batteries.
type ClockHealth struct {
	// BuiltAt is when this software was built (its VCS commit time, or a
	// floor date): a clock before it is certainly wrong.
	BuiltAt time.Time `json:"built_at,omitzero"`
	// SkewSeconds is the kiosk's clock minus the portal's Date header (0
	// when unknown); positive means the kiosk runs ahead.
	SkewSeconds int64 `json:"skew_seconds"`
	// Wrong explains why the clock looks wrong; "" when it looks right.
	Wrong string `json:"wrong,omitempty"`
}

// MaxClockSkew is how far the kiosk's clock may be from the portal's before
// health reports it (HTTP Date has one-second resolution; NTP keeps a
// healthy kiosk within a second).
const MaxClockSkew = 5 * time.Minute

// CacheHealth describes the local catalogue.
type CacheHealth struct {
	Path          string    `json:"path"`
	Procedures    int       `json:"procedures"`
	Agencies      int       `json:"agencies"`
	Fields        int       `json:"fields"`
	SizeBytes     int64     `json:"size_bytes"`
	LastSync      time.Time `json:"last_sync"`
	AgeSeconds    int64     `json:"age_seconds"` // -1 when never synced
	LastSyncError string    `json:"last_sync_error,omitempty"`
	Recovered     string    `json:"recovered,omitempty"` // a corrupt file moved aside at start
}

// OutboxHealth counts ratings and heartbeats not yet acknowledged.
type OutboxHealth struct {
	Depth int `json:"depth"`
}

// DeviceHealth is a printer's or scanner's state.
type DeviceHealth struct {
	Port      string `json:"port"`
	Online    bool   `json:"online"`
	State     string `json:"state"` // printer: ok|low|out|offline|unknown; scanner: connected|disconnected|keyboard
	LastError string `json:"last_error,omitempty"`
}

// DiskHealth is the free space where the cache lives.
type DiskHealth struct {
	Path       string `json:"path"`
	FreeBytes  uint64 `json:"free_bytes"`
	TotalBytes uint64 `json:"total_bytes"`
}

// Sources are the small views the monitor reads. Any of them may be nil.
type Sources struct {
	Portal  func(ctx context.Context) PortalHealth
	Cache   func() CacheHealth
	Outbox  func() OutboxHealth
	Printer func() DeviceHealth
	Scanner func() DeviceHealth
	Speaker func() DeviceHealth
}

// Monitor assembles Reports. It caches the portal check so that status reads
// never wait on the network; RefreshPortal is called by a background loop.
type Monitor struct {
	KioskID, SiteName, Version, DiskPath string
	StartedAt                            time.Time
	Now                                  func() time.Time
	Src                                  Sources
	Errors                               *ErrorRing
	// StaleAfter is the cache age from which a problem is reported.
	StaleAfter time.Duration
	// BuiltAt is the build time of the software (see BuildTime); a clock
	// before it is reported. Zero: only the floor date is checked.
	BuiltAt time.Time
	// Input is the screen's tap probe (nil: not reported).
	Input *InputProbe

	mu     sync.Mutex
	portal PortalHealth
}

// RefreshPortal runs the portal check and keeps its result.
func (m *Monitor) RefreshPortal(ctx context.Context) PortalHealth {
	if m.Src.Portal == nil {
		return PortalHealth{}
	}
	p := m.Src.Portal(ctx)
	m.mu.Lock()
	m.portal = p
	m.mu.Unlock()
	return p
}

// Loop refreshes the portal check every interval until ctx ends.
func (m *Monitor) Loop(ctx context.Context, interval time.Duration) {
	t := time.NewTicker(interval)
	defer t.Stop()
	for {
		m.RefreshPortal(ctx)
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
	}
}

// Report builds a snapshot from the sources without touching the network.
func (m *Monitor) Report() Report {
	now := time.Now
	if m.Now != nil {
		now = m.Now
	}
	t := now()
	r := Report{KioskID: m.KioskID, SiteName: m.SiteName, Version: m.Version, Time: t, StartedAt: m.StartedAt}
	if !m.StartedAt.IsZero() {
		r.Uptime = t.Sub(m.StartedAt).Round(time.Second).String()
	}
	m.mu.Lock()
	r.Portal = m.portal
	m.mu.Unlock()
	r.Clock = m.clock(t, r.Portal)
	if m.Src.Cache != nil {
		r.Cache = m.Src.Cache()
		switch {
		case r.Cache.LastSync.IsZero():
			r.Cache.AgeSeconds = -1
		case r.Cache.LastSync.After(t):
			// Synced "in the future": the clock was moved back since. The
			// cache is not "never synced"; its age is unknown, shown as 0.
			r.Cache.AgeSeconds = 0
			if r.Clock.Wrong == "" {
				r.Clock.Wrong = "the last sync (" + r.Cache.LastSync.UTC().Format(time.RFC3339) +
					") is later than the kiosk's clock: the clock was moved back"
			}
		default:
			r.Cache.AgeSeconds = int64(t.Sub(r.Cache.LastSync) / time.Second)
		}
	}
	if m.Src.Outbox != nil {
		r.Outbox = m.Src.Outbox()
	}
	if m.Src.Printer != nil {
		r.Printer = m.Src.Printer()
	}
	if m.Src.Scanner != nil {
		r.Scanner = m.Src.Scanner()
	}
	if m.Src.Speaker != nil {
		r.Speaker = m.Src.Speaker()
	}
	if m.DiskPath != "" {
		r.Disk = diskUsage(m.DiskPath)
	}
	if m.Errors != nil {
		r.Errors = m.Errors.Recent()
	}
	r.Screen = m.Input.Health()
	r.Problems = problems(r, m.StaleAfter)
	return r
}

// clockFloor is a date this software cannot run before: a kiosk clock
// earlier than it (a dead CMOS battery resets to 2000 or 1970) is wrong even
// when the build time is unknown.
var clockFloor = time.Date(2026, 1, 1, 0, 0, 0, 0, time.UTC)

// BuildTime is the VCS commit time stamped into the binary by go build (zero
// when built without VCS information, as under go test).
func BuildTime() time.Time {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return time.Time{}
	}
	for _, s := range bi.Settings {
		if s.Key == "vcs.time" {
			if t, err := time.Parse(time.RFC3339, s.Value); err == nil {
				return t
			}
		}
	}
	return time.Time{}
}

func (m *Monitor) clock(now time.Time, p PortalHealth) ClockHealth {
	c := ClockHealth{BuiltAt: m.BuiltAt}
	floor := clockFloor
	if m.BuiltAt.After(floor) {
		floor = m.BuiltAt
	}
	if !p.ServerDate.IsZero() && !p.DateSeenAt.IsZero() {
		c.SkewSeconds = int64(p.DateSeenAt.Sub(p.ServerDate) / time.Second)
	}
	skew := time.Duration(c.SkewSeconds) * time.Second
	switch {
	case now.Before(floor.Add(-24 * time.Hour)):
		c.Wrong = "the kiosk's clock reads " + now.UTC().Format("2006-01-02 15:04") +
			", before this software was built (" + floor.UTC().Format("2006-01-02") + ")"
	case skew > MaxClockSkew || skew < -MaxClockSkew:
		dir := "ahead of"
		if skew < 0 {
			dir, skew = "behind", -skew
		}
		c.Wrong = "the kiosk's clock is " + roughly(skew) + " " + dir + " the portal's"
	}
	return c
}

// roughly prints a duration for staff: minutes, hours or days.
func roughly(d time.Duration) string {
	switch {
	case d >= 48*time.Hour:
		return strconv.FormatInt(int64(d/(24*time.Hour)), 10) + " days"
	case d >= 2*time.Hour:
		return strconv.FormatInt(int64(d/time.Hour), 10) + " hours"
	default:
		return strconv.FormatInt(int64(d/time.Minute), 10) + " minutes"
	}
}

// problems names what staff should act on, most urgent first.
func problems(r Report, staleAfter time.Duration) []string {
	var p []string
	if r.Screen.Probing && !r.Screen.Responsive {
		p = append(p, "screen: does not answer taps (a test tap has waited "+strconv.FormatInt(r.Screen.WaitingSeconds, 10)+
			" s); under systemd the watchdog restarts the kiosk")
	}
	switch r.Printer.State {
	case "out":
		p = append(p, "printer: out of paper")
	case "low":
		p = append(p, "printer: paper low")
	case "offline":
		p = append(p, "printer: offline or unplugged")
	}
	if r.Scanner.State == "disconnected" {
		p = append(p, "scanner: disconnected")
	}
	switch r.Speaker.State {
	case "no_device":
		p = append(p, "speaker: no audio device, voice guidance is hidden")
	case "no_engine":
		p = append(p, "speaker: espeak-ng or aplay not installed, voice guidance is hidden")
	case "error":
		p = append(p, "speaker: not usable ("+r.Speaker.LastError+"), voice guidance is hidden")
	}
	if r.Clock.Wrong != "" {
		p = append(p, "clock: "+r.Clock.Wrong+"; set the date and time (check the CMOS battery and NTP)")
	}
	switch {
	case !r.Portal.CheckedAt.IsZero() && !r.Portal.Reachable && r.Portal.CertTimeError:
		p = append(p, "portal: its TLS certificate is expired or not yet valid at the kiosk's time ("+
			r.Time.UTC().Format("2006-01-02 15:04")+" UTC); check the kiosk's date and time first")
	case !r.Portal.CheckedAt.IsZero() && !r.Portal.Reachable && r.Portal.ServerError:
		p = append(p, "portal: answers with server errors (HTTP 5xx); the portal is failing, not the network")
	case !r.Portal.CheckedAt.IsZero() && !r.Portal.Reachable:
		p = append(p, "portal: unreachable")
	}
	if r.Portal.Suspect != "" {
		p = append(p, "portal: its catalogue answer was refused, the cached catalogue is kept: "+r.Portal.Suspect)
	}
	if r.Cache.AgeSeconds < 0 {
		p = append(p, "cache: never synced")
	} else if staleAfter > 0 && time.Duration(r.Cache.AgeSeconds)*time.Second > staleAfter {
		age := roughly(time.Duration(r.Cache.AgeSeconds) * time.Second)
		if r.Clock.Wrong != "" {
			age += " by a clock that looks wrong"
		}
		p = append(p, "cache: stale (last sync "+age+" ago)")
	}
	if r.Cache.Recovered != "" {
		p = append(p, "cache: a corrupt file was moved aside to "+r.Cache.Recovered)
	}
	if r.Disk.TotalBytes > 0 && r.Disk.FreeBytes < 200<<20 {
		p = append(p, "disk: less than 200 MB free")
	}
	return p
}

func diskUsage(path string) DiskHealth {
	var st syscall.Statfs_t
	if err := syscall.Statfs(path, &st); err != nil {
		return DiskHealth{Path: path}
	}
	return DiskHealth{Path: path, FreeBytes: st.Bavail * uint64(st.Bsize), TotalBytes: st.Blocks * uint64(st.Bsize)}
}
