package scanner

import (
	"fmt"
	"io"

	"kiosk/internal/serialport"
)

// OpenSerial returns an open function for Open: each call opens the serial
// port (by path, or by USB "VID:PID" looked up afresh so a replugged device
// that got a new ttyUSB number is found) at baud, 8N1, through
// internal/serialport, the one opener the scanner and the printer share.
func OpenSerial(port, usb string, baud int) func() (io.ReadCloser, error) {
	if baud <= 0 {
		baud = 9600
	}
	return func() (io.ReadCloser, error) {
		path, err := serialport.Resolve(port, usb)
		if err != nil {
			return nil, err
		}
		if path == "" {
			return nil, fmt.Errorf("no scanner port configured")
		}
		return serialport.Open("scanner", path, baud)
	}
}
