package speech

import (
	"encoding/binary"
	"errors"
	"fmt"
	"math"
	"time"
)

// WAV is a parsed PCM WAV file (what espeak-ng writes with --stdout).
type WAV struct {
	SampleRate int
	Channels   int
	Bits       int
	Data       []byte // the PCM samples
}

// ParseWAV reads a RIFF/WAVE PCM file. espeak-ng streams its WAV with
// placeholder sizes (0x7ffff000); the data chunk is then taken to run to
// the end of the file.
func ParseWAV(b []byte) (WAV, error) {
	if len(b) < 12 || string(b[0:4]) != "RIFF" || string(b[8:12]) != "WAVE" {
		return WAV{}, errors.New("not a RIFF/WAVE file")
	}
	var w WAV
	for off := 12; off+8 <= len(b); {
		id, size := string(b[off:off+4]), int(binary.LittleEndian.Uint32(b[off+4:off+8]))
		body := off + 8
		switch id {
		case "fmt ":
			if body+16 > len(b) {
				return WAV{}, errors.New("short fmt chunk")
			}
			if f := binary.LittleEndian.Uint16(b[body:]); f != 1 {
				return WAV{}, fmt.Errorf("WAV format %d is not PCM", f)
			}
			w.Channels = int(binary.LittleEndian.Uint16(b[body+2:]))
			w.SampleRate = int(binary.LittleEndian.Uint32(b[body+4:]))
			w.Bits = int(binary.LittleEndian.Uint16(b[body+14:]))
		case "data":
			end := body + size
			if size < 0 || end > len(b) {
				end = len(b)
			}
			w.Data = b[body:end]
			if w.SampleRate == 0 || w.Channels == 0 || w.Bits == 0 {
				return WAV{}, errors.New("data before fmt chunk")
			}
			return w, nil
		}
		if size < 0 || body+size > len(b) {
			break
		}
		off = body + size + size%2
	}
	return WAV{}, errors.New("no data chunk")
}

// Duration is how long the samples play.
func (w WAV) Duration() time.Duration {
	frame := w.Channels * w.Bits / 8
	if frame == 0 || w.SampleRate == 0 {
		return 0
	}
	return time.Duration(len(w.Data)/frame) * time.Second / time.Duration(w.SampleRate)
}

// RMS is the loudness of 16-bit samples from 0 (silence) to 1 (full scale).
func (w WAV) RMS() float64 {
	if w.Bits != 16 || len(w.Data) < 2 {
		return 0
	}
	var sum float64
	n := len(w.Data) / 2
	for i := 0; i < n; i++ {
		v := float64(int16(binary.LittleEndian.Uint16(w.Data[2*i:]))) / 32768
		sum += v * v
	}
	return math.Sqrt(sum / float64(n))
}

// Bytes encodes the WAV with correct chunk sizes (a file any player and
// editor opens, unlike espeak-ng's streamed header).
func (w WAV) Bytes() []byte {
	b := make([]byte, 44+len(w.Data))
	copy(b[0:], "RIFF")
	binary.LittleEndian.PutUint32(b[4:], uint32(36+len(w.Data)))
	copy(b[8:], "WAVEfmt ")
	binary.LittleEndian.PutUint32(b[16:], 16)
	binary.LittleEndian.PutUint16(b[20:], 1)
	binary.LittleEndian.PutUint16(b[22:], uint16(w.Channels))
	binary.LittleEndian.PutUint32(b[24:], uint32(w.SampleRate))
	binary.LittleEndian.PutUint32(b[28:], uint32(w.SampleRate*w.Channels*w.Bits/8))
	binary.LittleEndian.PutUint16(b[32:], uint16(w.Channels*w.Bits/8))
	binary.LittleEndian.PutUint16(b[34:], uint16(w.Bits))
	copy(b[36:], "data")
	binary.LittleEndian.PutUint32(b[40:], uint32(len(w.Data)))
	copy(b[44:], w.Data)
	return b
}
