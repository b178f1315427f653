package scanner

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.bug.st/serial"
	"go.bug.st/serial/enumerator"
)

// OpenSerial returns an open function for Open: each call opens the serial
// port (by path, or by USB "VID:PID" looked up afresh so a replugged device
// that got a new ttyUSB number is found) at baud, 8N1. It is the only
// place the package touches the serial library.
func OpenSerial(port, usb string, baud int) func() (io.ReadCloser, error) {
	if baud <= 0 {
		baud = 9600
	}
	return func() (io.ReadCloser, error) {
		path := port
		if usb != "" {
			p, err := findUSB(usb)
			if err != nil {
				return nil, err
			}
			path = p
		}
		if path == "" {
			return nil, fmt.Errorf("no scanner port configured")
		}
		p, err := serial.Open(path, &serial.Mode{BaudRate: baud, DataBits: 8})
		if err != nil {
			return nil, fmt.Errorf("opening scanner %s: %w%s", path, err, openHint(err))
		}
		return p, nil
	}
}

// findUSB finds the serial port of the USB device "VID:PID" (hex, any case).
func findUSB(usb string) (string, error) {
	vid, pid, ok := strings.Cut(strings.ToLower(strings.TrimSpace(usb)), ":")
	if !ok || vid == "" || pid == "" {
		return "", fmt.Errorf("usb id %q is not VID:PID", usb)
	}
	ports, err := enumerator.GetDetailedPortsList()
	if err != nil {
		return "", fmt.Errorf("listing serial ports: %w", err)
	}
	for _, p := range ports {
		if p.IsUSB && p.Name != "" && strings.EqualFold(p.VID, vid) && strings.EqualFold(p.PID, pid) {
			return p.Name, nil
		}
	}
	return "", fmt.Errorf("no serial port with USB id %s:%s", vid, pid)
}

// openHint says what a technician can do about a failed open.
func openHint(err error) string {
	var pe *serial.PortError
	if errors.As(err, &pe) {
		switch pe.Code() {
		case serial.PortBusy:
			return " (in use by another program, such as the running kiosk: stop it first)"
		case serial.PermissionDenied:
			return " (permission denied: add the user to the dialout group or install the udev rules)"
		}
	}
	if errors.Is(err, os.ErrNotExist) {
		return " (no such device: is it plugged in? see kioskctl ports)"
	}
	return ""
}
