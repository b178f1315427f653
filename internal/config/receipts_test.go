package config

import (
	"errors"
	"os"
	"strings"
	"testing"
	"time"
)

func TestReceiptFolderLimits(t *testing.T) {
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
		keep        int
		maxAge      time.Duration
		wantErr     string
	}{
		{"the defaults bound the folder", "", 200, 7 * 24 * time.Hour, ""},
		{"both can be set", "receipt_keep = 50\nreceipt_max_age = \"24h\"\n", 50, 24 * time.Hour, ""},
		{"no age limit is allowed", "receipt_max_age = \"0s\"\n", 200, 0, ""},
		{"keeping none is refused", "receipt_keep = 0\n", 0, 0, "kiosk.receipt_keep: 0 is out of range 1..100000"},
		{"an age limit in minutes is refused", "receipt_max_age = \"10m\"\n", 0, 0, "kiosk.receipt_max_age: 10m is too short (at least 1h)"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			text := strings.Replace(string(demo), anchor, anchor+tc.lines, 1)
			c, err := Parse("site.toml", []byte(text), Known{})
			if tc.wantErr != "" {
				var ps Problems
				if !errors.As(err, &ps) || !strings.Contains(ps.Error(), tc.wantErr) {
					t.Fatalf("got %v, want a problem %q", err, tc.wantErr)
				}
				if strings.Contains(ps.Vietnamese(), "out of range") || strings.Contains(ps.Vietnamese(), "too short") {
					t.Errorf("the Vietnamese message is English: %s", ps.Vietnamese())
				}
				return
			}
			if err != nil {
				t.Fatal(err)
			}
			if c.Kiosk.ReceiptKeep != tc.keep || c.Kiosk.ReceiptMaxAge.Duration != tc.maxAge {
				t.Errorf("keep %d, max age %s; want %d, %s", c.Kiosk.ReceiptKeep, c.Kiosk.ReceiptMaxAge, tc.keep, tc.maxAge)
			}
		})
	}
}
