package config

// ForDemo returns a copy of c pointed at a demo portal on portalURL, speaking
// the simulator's kiosk/v1 dialect, with the virtual printer (PNG files) and
// a keyboard-wedge scanner, whatever c says about them: what `kiosk -demo`
// runs. c itself is left as it is; the copy shares c's Queue slice, which
// nothing changes after loading.
func (c *Config) ForDemo(portalURL string) *Config {
	d := *c
	d.Portal.BaseURL = portalURL
	d.Portal.Dialect = DefaultDialect
	d.Portal.GroupID = ""
	d.Portal.CAFile = ""
	d.Printer.Port, d.Printer.USB = "virtual", ""
	d.Scanner.Port, d.Scanner.USB = "keyboard", ""
	return &d
}
