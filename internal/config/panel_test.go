package config

import (
	"errors"
	"os"
	"strings"
	"testing"
)

func TestPanelLongSide(t *testing.T) {
	demo, err := os.ReadFile("../../kiosk-config/demo.toml")
	if err != nil {
		t.Fatal(err)
	}
	const anchor = "receipt_dir = \".kiosk-demo/receipts\"\n"
	if !strings.Contains(string(demo), anchor) {
		t.Fatalf("demo.toml has no line %q", anchor)
	}
	for _, tc := range []struct {
		name, lines string
		want        int
		wantErr     string
	}{
		{"a site that says nothing gets the 21.5-inch panel", "", DefaultPanelLongSideMM, ""},
		{"a 15.6-inch panel is read", "panel_long_side_mm = 344\n", 344, ""},
		{"inches are refused with a hint", "panel_long_side_mm = 21\n",
			0, "site.toml:20: kiosk.panel_long_side_mm: 21 is out of range 100..2000 (whole millimetres"},
		{"a decimal is refused", "panel_long_side_mm = 476.5\n", 0, "kiosk.panel_long_side_mm: must be a whole number"},
		{"a quoted number is refused", "panel_long_side_mm = \"476\"\n", 0, "kiosk.panel_long_side_mm: must be a number without quotes"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(string(demo), anchor, anchor+tc.lines, 1)
			c, err := Parse("site.toml", []byte(text), Known{})
			if tc.wantErr != "" {
				var ps Problems
				if !errors.As(err, &ps) || !strings.Contains(ps.Error(), tc.wantErr) {
					t.Fatalf("got %v, want a problem %q", err, tc.wantErr)
				}
				if strings.Contains(ps.Vietnamese(), "out of range") || strings.Contains(ps.Vietnamese(), "millimetres") {
					t.Errorf("the Vietnamese message is English: %s", ps.Vietnamese())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Kiosk.PanelLongSideMM != tc.want {
				t.Errorf("panel_long_side_mm %d, want %d", c.Kiosk.PanelLongSideMM, tc.want)
			}
		})
	}
}
