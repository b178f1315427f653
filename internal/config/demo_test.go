package config

import "testing"

func TestForDemoPointsACopyAtTheDemoPortalAndLeavesTheOriginal(t *testing.T) {
	c := Default()
	c.Portal.BaseURL, c.Portal.Dialect, c.Portal.CAFile = "https://dichvucong.example.gov.vn", "opencps/v2", "/etc/kiosk/ca.pem"
	c.Printer.Port, c.Scanner.Port, c.Scanner.USB = "/dev/ttyUSB0", "/dev/ttyACM0", "05e0:1200"
	d := c.ForDemo("http://127.0.0.1:40123")
	if d.Portal.BaseURL != "http://127.0.0.1:40123" || d.Portal.Dialect != "kiosk/v1" || d.Portal.CAFile != "" {
		t.Errorf("demo portal %+v, want the simulator over plain kiosk/v1", d.Portal)
	}
	if d.Printer.Port != "virtual" || d.Scanner.Port != "keyboard" || d.Scanner.USB != "" {
		t.Errorf("demo devices %+v %+v, want the virtual printer and the keyboard scanner", d.Printer, d.Scanner)
	}
	if c.Portal.BaseURL != "https://dichvucong.example.gov.vn" || c.Portal.Dialect != "opencps/v2" ||
		c.Printer.Port != "/dev/ttyUSB0" || c.Scanner.Port != "/dev/ttyACM0" {
		t.Errorf("ForDemo changed the caller's config: %+v %+v %+v", c.Portal, c.Printer, c.Scanner)
	}
}
