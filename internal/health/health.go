// Package health owns the kiosk's view of itself: one Report that says whether
// the portal answers, how old the cached catalogue is, what is waiting in the
// outbox, whether the printer has paper and the scanner is connected, and which
// errors happened recently. The staff panel shows it, `kioskctl status` reads it
// over a loopback HTTP endpoint, the heartbeat sends a summary to the portal and
// Prometheus scrapes the same numbers.
package health

import (
	"context"
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
	Speaker DeviceHealth  `json:"speaker"`
	Disk    DiskHealth    `json:"disk"`
	Errors  []ErrorRecord `json:"recent_errors"`
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
}

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
	if m.Src.Cache != nil {
		r.Cache = m.Src.Cache()
		if r.Cache.LastSync.IsZero() {
			r.Cache.AgeSeconds = -1
		} else {
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
	r.Problems = problems(r, m.StaleAfter)
	return r
}

// problems names what staff should act on, most urgent first.
func problems(r Report, staleAfter time.Duration) []string {
	var p []string
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
	if !r.Portal.CheckedAt.IsZero() && !r.Portal.Reachable {
		p = append(p, "portal: unreachable")
	}
	if r.Cache.AgeSeconds < 0 {
		p = append(p, "cache: never synced")
	} else if staleAfter > 0 && time.Duration(r.Cache.AgeSeconds)*time.Second > staleAfter {
		p = append(p, "cache: stale (last sync "+(time.Duration(r.Cache.AgeSeconds)*time.Second).Round(time.Minute).String()+" ago)")
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
