package config

import "time"

// Defaults for every optional setting. A site file only states what differs.
const (
	DefaultLanguage       = "vi"
	DefaultDialect        = "kiosk/v1"
	DefaultPrinterProfile = "epson-tm-t20iii"
	DefaultCachePath      = "/var/lib/kiosk/cache.db"
	DefaultReceiptDir     = "/var/lib/kiosk/receipts"
	DefaultSpeechDir      = "/var/lib/kiosk/speech"
	// DefaultPanelLongSideMM is the long side of a 21.5-inch 16:9 panel,
	// the commonest lobby kiosk (1920×1080 at about 102 dpi).
	DefaultPanelLongSideMM = 476
)

// Default returns a Config with every optional setting at its default. The
// kiosk id, portal URL and printer are left empty: a site must say them.
func Default() *Config {
	return &Config{
		Kiosk: Kiosk{
			Language:        DefaultLanguage,
			IdleTimeout:     Duration{90 * time.Second},
			IdleCountdown:   Duration{20 * time.Second},
			HideCursor:      true,
			Fullscreen:      true,
			Orientation:     "auto",
			ReceiptDir:      DefaultReceiptDir,
			ReceiptKeep:     200,
			ReceiptMaxAge:   Duration{7 * 24 * time.Hour},
			PanelLongSideMM: DefaultPanelLongSideMM,
		},
		Portal: Portal{
			Dialect:       DefaultDialect,
			Timeout:       Duration{8 * time.Second},
			LookupTimeout: Duration{15 * time.Second},
			Retries:       3,
			MaxBodyBytes:  8 << 20,
		},
		Printer: Printer{Baud: 115200, Profile: DefaultPrinterProfile},
		Scanner: Scanner{Baud: 9600, Suffix: "CR"},
		Cache:   Cache{Path: DefaultCachePath, RecentLookupTTL: Duration{15 * time.Minute}},
		Sync: Sync{
			Interval:          Duration{15 * time.Minute},
			HeartbeatInterval: Duration{5 * time.Minute},
			PageSize:          500,
		},
		Voice: Voice{Enabled: true, Voice: "vi", Rate: 150, Volume: 100, ScanConfirmation: true,
			Output: "speakers", Dir: DefaultSpeechDir},
	}
}
