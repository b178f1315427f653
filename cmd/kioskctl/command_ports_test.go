package main

import (
	"bytes"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"go.bug.st/serial/enumerator"
)

func TestPortsCommand(t *testing.T) {
	dir := t.TempDir()
	if err := os.Symlink("/dev/ttyUSB0", filepath.Join(dir, "usb-EPSON_TM-T20III_X6SN012345-if00")); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name     string
		ports    []*enumerator.PortDetails
		wantCode int
		want     []string
		wantRows int
	}{
		{
			"USB ports are listed with their ids, product and serial",
			[]*enumerator.PortDetails{
				{Name: "/dev/ttyUSB0", IsUSB: true, VID: "04B8", PID: "0E28", Manufacturer: "EPSON", Product: "TM-T20III", SerialNumber: "X6SN012345"},
				{Name: "/dev/ttyACM0", IsUSB: true, VID: "0c2e", PID: "0b61", Product: "Honeywell Scanner"},
				{Name: "/dev/ttyS0"},
				{}, // a port the enumerator could not name is left out
			},
			0,
			[]string{"/dev/ttyUSB0", "04b8:0e28", "TM-T20III", "X6SN012345", "/dev/ttyACM0", "0c2e:0b61", "Honeywell Scanner", "/dev/ttyS0", "usb-EPSON_TM-T20III_X6SN012345-if00"},
			3,
		},
		{"no ports says so in both languages", nil, 1, []string{"Không tìm thấy cổng nối tiếp nào", "No serial ports found"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			oldList, oldDir := listPorts, byIDDir
			listPorts = func(...func(vid, pid string) bool) ([]*enumerator.PortDetails, error) { return tt.ports, nil }
			byIDDir = dir
			t.Cleanup(func() { listPorts, byIDDir = oldList, oldDir })
			var out, errb bytes.Buffer
			if code := run([]string{"ports"}, &out, &errb); code != tt.wantCode {
				t.Fatalf("exit code %d, want %d (stderr %q)", code, tt.wantCode, errb.String())
			}
			for _, w := range tt.want {
				if !strings.Contains(out.String(), w) {
					t.Errorf("output lacks %q:\n%s", w, out.String())
				}
			}
			if rows := strings.Count(out.String(), "\n/dev/"); rows != tt.wantRows {
				t.Errorf("%d port rows, want %d:\n%s", rows, tt.wantRows, out.String())
			}
			if strings.Contains(out.String(), "\n  ") {
				t.Errorf("an unnamed port was listed:\n%s", out.String())
			}
		})
	}
}
