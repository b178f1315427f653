package serialport

import (
	"errors"
	"path/filepath"
	"strings"
	"testing"

	"go.bug.st/serial/enumerator"
)

func TestUSBIdsAreVIDColonPIDInHex(t *testing.T) {
	tests := []struct {
		in       string
		vid, pid string
		ok       bool
	}{
		{"04b8:0e28", "04b8", "0e28", true},
		{" 04B8:0E28 ", "04b8", "0e28", true},
		{"04b8-0e28", "", "", false},
		{"4b8:e28", "", "", false},
		{"04b8:0e2g", "", "", false},
		{"", "", "", false},
	}
	for _, tt := range tests {
		vid, pid, err := ParseUSB(tt.in)
		if (err == nil) != tt.ok || vid != tt.vid || pid != tt.pid {
			t.Errorf("ParseUSB(%q) = %q, %q, %v", tt.in, vid, pid, err)
		}
	}
}

func TestAUSBDeviceIsFoundWhereverItWasEnumerated(t *testing.T) {
	defer func(f func() ([]*enumerator.PortDetails, error)) { listPorts = f }(listPorts)
	listPorts = func() ([]*enumerator.PortDetails, error) {
		return []*enumerator.PortDetails{
			{Name: "/dev/ttyS0"},
			{Name: "/dev/ttyACM0", IsUSB: true, VID: "05E0", PID: "1200"},
			{Name: "/dev/ttyUSB3", IsUSB: true, VID: "04B8", PID: "0E28"},
		}, nil
	}
	if got, err := Resolve("/dev/kiosk-printer", "04b8:0e28"); err != nil || got != "/dev/ttyUSB3" {
		t.Errorf("Resolve by USB id = %q, %v; want /dev/ttyUSB3", got, err)
	}
	if got, err := Resolve("/dev/kiosk-printer", ""); err != nil || got != "/dev/kiosk-printer" {
		t.Errorf("Resolve by path = %q, %v", got, err)
	}
	if _, err := FindUSB("1234:5678"); err == nil || !strings.Contains(err.Error(), "plugged in") {
		t.Errorf("an absent device: err = %v, want one asking whether it is plugged in", err)
	}
	listPorts = func() ([]*enumerator.PortDetails, error) { return nil, errors.New("no sysfs") }
	if _, err := FindUSB("04b8:0e28"); err == nil {
		t.Error("an enumeration failure is not an error")
	}
}

func TestOpeningAMissingDeviceSaysWhatToCheck(t *testing.T) {
	_, err := Open("printer", filepath.Join(t.TempDir(), "ttyUSB9"), 9600)
	if err == nil || !strings.Contains(err.Error(), "opening printer") {
		t.Fatalf("err = %v, want one naming the printer", err)
	}
}
