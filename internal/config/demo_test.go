package config

import "testing"

func TestForDemoPointsACopyAtTheDemoPortalAndLeavesTheOriginal(t *testing.T) {
	c := Default()
	c.Portal.BaseURL, c.Portal.Dialect, c.Portal.CAFile = "https://dichvucong.example.gov.vn", "opencps/v2", "/etc/kiosk/ca.pem"
	c.Printer.Port, c.Scanner.Port, c.Scanner.USB = "/dev/ttyUSB0", "/dev/ttyACM0", "05e0:1200"
	c.Portal.GroupID = "35417"
	d := c.ForDemo("http://127.0.0.1:40123")
	if d.Portal.BaseURL != "http://127.0.0.1:40123" || d.Portal.Dialect != "opencps/v2" || d.Portal.GroupID != "35417" || d.Portal.CAFile != "" {
		t.Errorf("demo portal %+v, want the simulator over plain http in the config's opencps/v2 dialect and site", d.Portal)
	}
	k := Default()
	k.Portal.BaseURL, k.Portal.GroupID = "https://dichvucong.example.gov.vn", "1"
	if d := k.ForDemo("http://127.0.0.1:40123"); d.Portal.Dialect != "kiosk/v1" || d.Portal.GroupID != "" {
		t.Errorf("a kiosk/v1 site's demo portal %+v, want kiosk/v1 without a group", d.Portal)
	}
	if d.Printer.Port != "virtual" || d.Scanner.Port != "keyboard" || d.Scanner.USB != "" {
		t.Errorf("demo devices %+v %+v, want the virtual printer and the keyboard scanner", d.Printer, d.Scanner)
	}
	if c.Portal.BaseURL != "https://dichvucong.example.gov.vn" || c.Portal.Dialect != "opencps/v2" ||
		c.Printer.Port != "/dev/ttyUSB0" || c.Scanner.Port != "/dev/ttyACM0" {
		t.Errorf("ForDemo changed the caller's config: %+v %+v %+v", c.Portal, c.Printer, c.Scanner)
	}
}
