package printer

import (
	"io"

	"kiosk/internal/serialport"
)

// openSerial opens the printer's serial port, 8N1 at cfg.Baud, resolving a
// USB VID:PID to its current device node first (internal/serialport, the
// one opener the printer and the scanner share).
func openSerial(cfg Config) (io.ReadWriteCloser, string, error) {
	path, err := serialport.Resolve(cfg.Port, cfg.USB)
	if err != nil {
		return nil, "", err
	}
	port, err := serialport.Open("printer", path, cfg.Baud)
	if err != nil {
		return nil, path, err
	}
	return port, path, nil
}
