// Package config owns the site configuration: one TOML file per kiosk that says
// which centre it is in, which portal it talks to, which devices it drives and
// how it behaves. It loads, fills defaults and validates with messages that name
// the file, the line and the problem, so a technician can fix a typo without
// reading code. It imports nothing else of ours.
package config

import "time"

// Config is a whole site configuration. Durations are written in TOML as Go
// duration strings ("90s", "5m").
type Config struct {
	Kiosk   Kiosk   `toml:"kiosk"`
	Portal  Portal  `toml:"portal"`
	Printer Printer `toml:"printer"`
	Scanner Scanner `toml:"scanner"`
	Cache   Cache   `toml:"cache"`
	Sync    Sync    `toml:"sync"`
	Metrics Metrics `toml:"metrics"`
	Staff   Staff   `toml:"staff"`
	Voice   Voice   `toml:"voice"`
	// Centre says which Trung tâm Phục vụ hành chính công the kiosk stands in.
	Centre Centre `toml:"centre"`
	// Queue lists the services offered for queue tickets, in screen order.
	Queue []QueueService `toml:"queue"`

	// Path is the file the config was loaded from ("" for defaults).
	Path string `toml:"-"`
	// Warnings are the Warning problems Parse found in a usable config.
	Warnings Problems `toml:"-"`
}

// Kiosk identifies the device and its centre and sets citizen-facing behaviour.
type Kiosk struct {
	ID          string `toml:"id"`
	SiteName    string `toml:"site_name"`    // shown on the start screen and receipts
	Hotline     string `toml:"hotline"`      // centre's phone number
	FeedbackURL string `toml:"feedback_url"` // phản ánh, kiến nghị page, shown as QR
	Logo        string `toml:"logo"`         // optional PNG path
	Language    string `toml:"language"`     // "vi" (default) or "en"
	// IdleTimeout is how long without a touch before "are you still there?";
	// IdleCountdown is how long that question waits before resetting.
	IdleTimeout   Duration `toml:"idle_timeout"`
	IdleCountdown Duration `toml:"idle_countdown"`
	HideCursor    bool     `toml:"hide_cursor"`
	Fullscreen    bool     `toml:"fullscreen"`
	// Orientation is "auto", "portrait" or "landscape".
	Orientation string `toml:"orientation"`
	// ReceiptDir is where the virtual printer saves PNGs in demo mode.
	ReceiptDir string `toml:"receipt_dir"`
	// ReceiptKeep is how many receipts the virtual printer keeps in
	// ReceiptDir (the newest); ReceiptMaxAge removes older ones sooner
	// ("0s": no age limit). A demo kiosk left running must not fill its disk.
	// The virtual speaker's folder ([voice] dir) is bounded the same way.
	ReceiptKeep   int      `toml:"receipt_keep"`
	ReceiptMaxAge Duration `toml:"receipt_max_age"`
	// PanelLongSideMM is the touch panel's long side in whole millimetres
	// (476 for the common 21.5-inch 16:9 panel). The UI turns its 15 mm
	// smallest tap target into pixels with it, so a smaller panel at the
	// same resolution gets larger buttons in pixels.
	PanelLongSideMM int `toml:"panel_long_side_mm"`
}

// Portal says how to reach the province's portal.
type Portal struct {
	Dialect  string   `toml:"dialect"` // "kiosk/v1" or "opencps/v2"
	BaseURL  string   `toml:"base_url"`
	KioskKey string   `toml:"kiosk_key"` // kiosk/v1 credential (secret)
	GroupID  string   `toml:"group_id"`  // opencps/v2 site id
	Timeout  Duration `toml:"timeout"`   // per request
	// LookupTimeout bounds a citizen's dossier lookup end to end, retries included.
	LookupTimeout Duration `toml:"lookup_timeout"`
	Retries       int      `toml:"retries"`
	MaxBodyBytes  int64    `toml:"max_body_bytes"`
	CAFile        string   `toml:"ca_file"` // optional extra CA / pinned CA (PEM)
	// LookupURL is the portal's public page for one dossier, which the QR
	// code on a printed dossier slip opens on the citizen's phone; "{code}"
	// is replaced by the dossier code (without it the code is appended).
	// Empty: the QR holds the bare code.
	LookupURL string `toml:"lookup_url"`
	// OpenCPS is the [portal.opencps] table, read only by dialect opencps/v2.
	OpenCPS OpenCPS `toml:"opencps"`
}

// OpenCPS holds what only an OpenCPS v2 portal needs. Its fields match
// portal.OpenCPSOptions one for one (portal.FromConfig converts it), so
// keep both in step.
type OpenCPS struct {
	// BasePath is the REST base under base_url: "/o/rest/v2" (every OpenCPS
	// frontend) or "/secure/rest/v2" (the newest backends).
	BasePath string `toml:"base_path"`
	// Token is Liferay's auth token, sent as the "Token" header, for sites
	// that require it on POST (secret).
	Token string `toml:"token"`
	// ReadySteps are the process step codes whose dossiers have results
	// ready to collect (OpenCPS's kiosk uses "300", "310", "400").
	ReadySteps []string `toml:"ready_steps"`
	// ReadyDays is how many days back the ready list reaches by release date.
	ReadyDays int `toml:"ready_days"`
	// StatusMap maps OpenCPS dossierStatus codes to the national statuses
	// 1..10, overriding the built-in mapping for this site.
	StatusMap map[string]int `toml:"status_map"`
	// VotingCriteria maps a voting question (its votingCode, templateNo or
	// votingId, or words of its subject) to the kiosk's rating criterion it
	// asks about: "attitude", "time", "guidance" or "overall".
	VotingCriteria map[string]string `toml:"voting_criteria"`
}

// Printer is the receipt printer. Either Port or USB (VID:PID) selects it;
// Port "virtual" selects the virtual printer that saves PNGs.
type Printer struct {
	Port    string `toml:"port"`
	USB     string `toml:"usb"` // "04b8:0e28"
	Baud    int    `toml:"baud"`
	Profile string `toml:"profile"` // printer profile name from assets/profiles
}

// Scanner is the barcode/QR scanner. Port "keyboard" means a keyboard-wedge
// scanner read through the UI; "" disables the serial scanner.
type Scanner struct {
	Port   string `toml:"port"`
	USB    string `toml:"usb"`
	Baud   int    `toml:"baud"`
	Suffix string `toml:"suffix"` // "CR", "LF", "CRLF" or "ETX"
}

// Cache is the local bbolt cache.
type Cache struct {
	Path string `toml:"path"`
	// RecentLookupTTL is how long a masked dossier status is kept to show when
	// the portal is offline.
	RecentLookupTTL Duration `toml:"recent_lookup_ttl"`
}

// Sync controls catalogue sync and outbox delivery.
type Sync struct {
	Interval          Duration `toml:"interval"`
	HeartbeatInterval Duration `toml:"heartbeat_interval"`
	PageSize          int      `toml:"page_size"`
}

// Metrics is the Prometheus and status endpoint. Off when Listen is "".
type Metrics struct {
	Listen string `toml:"listen"` // e.g. "127.0.0.1:9310"
}

// Staff holds the staff panel's PIN as a slow hash (never the digits).
type Staff struct {
	PINHash string `toml:"pin_hash"`
}

// Voice is the spoken guidance: the "Nghe đọc / Listen" buttons and the
// scan confirmation (docs/voice.md).
type Voice struct {
	Enabled bool `toml:"enabled"`
	// Voice is the espeak-ng voice for Vietnamese: "vi" (Northern),
	// "vi-vn-x-central" or "vi-vn-x-south". English always uses "en".
	Voice  string `toml:"voice"`
	Rate   int    `toml:"rate"`   // words per minute, 80..450
	Volume int    `toml:"volume"` // percent of espeak-ng's normal loudness, 10..200
	// ScanConfirmation says "Đã đọc mã" after every scan.
	ScanConfirmation bool `toml:"scan_confirmation"`
	// Output is "speakers" (ALSA through aplay) or "virtual" (WAV and text
	// files in Dir, for demos).
	Output string `toml:"output"`
	// Device is the ALSA device for aplay ("" = the default device).
	Device string `toml:"device"`
	Dir    string `toml:"dir"`
}

// QueueService is one service a citizen can take a number for.
type QueueService struct {
	Code      string `toml:"code"`
	NameVI    string `toml:"name_vi"`
	NameEN    string `toml:"name_en"`
	Counter   string `toml:"counter"`
	FieldCode string `toml:"field_code"`
	// Collect marks the service whose counter hands out results (Trả kết
	// quả): a ready dossier points there and offers a number for it.
	Collect bool `toml:"collect"`
}

// Duration is a time.Duration written as a string in TOML.
type Duration struct{ time.Duration }

// UnmarshalText parses "90s", "5m", "1h30m".
func (d *Duration) UnmarshalText(b []byte) error {
	v, err := time.ParseDuration(string(b))
	if err != nil {
		return err
	}
	d.Duration = v
	return nil
}

// MarshalText writes the duration back in the same form, without zero
// trailing units ("15m", not "15m0s").
func (d Duration) MarshalText() ([]byte, error) { return []byte(short(d.Duration)), nil }

// String prints the duration as a technician would write it ("15m").
func (d Duration) String() string { return short(d.Duration) }

// Centre is the public administration service centre the kiosk stands in:
// the province's centre or a commune-level one (two-tier local government
// since 1 July 2025). It lets the find screen offer "procedures this centre
// accepts". Both empty means not set: the kiosk shows the whole catalogue.
type Centre struct {
	// Level is "province" or "commune".
	Level string `toml:"level"`
	// AgencyCode is the portal's code of the centre's agency: the commune's
	// UBND for a commune centre, the province centre's own code otherwise.
	AgencyCode string `toml:"agency_code"`
}
