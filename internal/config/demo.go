package config

// ForDemo returns a copy of c pointed at a demo portal on portalURL, with the
// virtual printer (PNG files), the virtual speaker (WAV files) and a
// keyboard-wedge scanner, whatever c says about them: what `kiosk -demo`
// runs. The demo portal speaks c's dialect — the simulator serves both
// (portalsim -dialect opencps for opencps/v2, with c's group_id and
// [portal.opencps] settings) — and kiosk/v1 for anything else. c itself is
// left as it is; the copy shares c's Queue slice, which nothing changes
// after loading.
func (c *Config) ForDemo(portalURL string) *Config {
	d := *c
	d.Portal.BaseURL = portalURL
	if d.Portal.Dialect != DialectOpenCPS {
		d.Portal.Dialect = DefaultDialect
		d.Portal.GroupID = ""
	}
	d.Portal.CAFile = ""
	d.Printer.Port, d.Printer.USB = "virtual", ""
	d.Scanner.Port, d.Scanner.USB = "keyboard", ""
	d.Voice.Output = "virtual"
	if d.Voice.Dir == "" {
		d.Voice.Dir = DefaultSpeechDir
	}
	return &d
}

// DialectOpenCPS is portal.dialect for an OpenCPS v2 portal.
const DialectOpenCPS = "opencps/v2"
