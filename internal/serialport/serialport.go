// Package serialport opens the kiosk's serial devices — the receipt printer
// and the barcode scanner — by device path or by USB VID:PID. It is the one
// place that touches the serial library, so the device packages speak plain
// io.ReadWriteCloser and their tests use a pipe or a pty.
package serialport

import (
	"errors"
	"fmt"
	"io"
	"os"
	"strings"

	"go.bug.st/serial"
	"go.bug.st/serial/enumerator"
)

// Open opens the serial device at path, 8N1 at baud. what names the device
// in the error ("printer", "scanner"), which also says what a technician can
// do about the usual failures (busy, permission, unplugged).
func Open(what, path string, baud int) (io.ReadWriteCloser, error) {
	port, err := serial.Open(path, &serial.Mode{BaudRate: baud, DataBits: 8})
	if err != nil {
		return nil, fmt.Errorf("opening %s %s: %w%s", what, path, err, hint(err))
	}
	return port, nil
}

// Resolve is the device path to open: the current node of USB device usb
// when set (looked up afresh, so a replugged device that got a new ttyUSB
// number is found), else port.
func Resolve(port, usb string) (string, error) {
	if usb != "" {
		return FindUSB(usb)
	}
	return port, nil
}

// ParseUSB checks a USB id "VID:PID" (four hex digits each, any case) and
// returns its parts in lower case.
func ParseUSB(usb string) (vid, pid string, err error) {
	vid, pid, ok := strings.Cut(strings.ToLower(strings.TrimSpace(usb)), ":")
	if !ok || !isHex4(vid) || !isHex4(pid) {
		return "", "", fmt.Errorf("USB id %q is not VID:PID in hex, like 04b8:0e28", usb)
	}
	return vid, pid, nil
}

// listPorts is the serial port enumeration (replaced by tests).
var listPorts = func() ([]*enumerator.PortDetails, error) { return enumerator.GetDetailedPortsList() }

// FindUSB returns the serial device of the USB device usb ("VID:PID"), as
// enumerated now.
func FindUSB(usb string) (string, error) {
	vid, pid, err := ParseUSB(usb)
	if err != nil {
		return "", err
	}
	ports, err := listPorts()
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

// hint says what a technician can do about a failed open.
func hint(err error) string {
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
