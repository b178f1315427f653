package printer

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.bug.st/serial"
	"go.bug.st/serial/enumerator"
)

// openSerial opens the printer's serial port, 8N1 at cfg.Baud, resolving a
// USB VID:PID to its current device node first. It is the only place the
// package touches the serial library.
func openSerial(cfg Config) (io.ReadWriteCloser, string, error) {
	path := cfg.Port
	if cfg.USB != "" {
		p, err := FindUSB(cfg.USB)
		if err != nil {
			return nil, "", err
		}
		path = p
	}
	port, err := serial.Open(path, &serial.Mode{BaudRate: cfg.Baud, DataBits: 8})
	if err != nil {
		return nil, path, fmt.Errorf("opening printer %s: %w%s", path, err, openHint(err))
	}
	return port, path, nil
}

// FindUSB returns the serial device of the USB device usb ("VID:PID", hex,
// any case), as enumerated now.
func FindUSB(usb string) (string, error) {
	vid, pid, err := parseUSB(usb)
	if err != nil {
		return "", err
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
	return "", fmt.Errorf("no serial port with USB id %s:%s (is it plugged in?)", vid, pid)
}

func parseUSB(usb string) (vid, pid string, err error) {
	vid, pid, ok := strings.Cut(strings.ToLower(strings.TrimSpace(usb)), ":")
	if !ok || !isHex4(vid) || !isHex4(pid) {
		return "", "", fmt.Errorf("USB id %q is not VID:PID in hex, like 04b8:0e28", usb)
	}
	return vid, pid, nil
}

func isHex4(s string) bool {
	if len(s) != 4 {
		return false
	}
	for _, c := range s {
		if !strings.ContainsRune("0123456789abcdef", c) {
			return false
		}
	}
	return true
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
