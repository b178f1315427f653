// Package scanner turns bytes from a barcode/QR scanner into parsed scans:
// framing by the configured suffix across partial reads, dropping noise and
// over-long frames, debouncing repeated reads, reconnecting after the cable
// is pulled, and parsing payloads (dossier codes, receipt QR codes, the
// citizen ID card QR). It speaks io.Reader; opening the serial port is one
// small function at the edge (OpenSerial).
package scanner

import (
	"errors"
	"hash/maphash"
	"io"
	"log/slog"
	"strings"
	"sync"
	"time"
)

// Scan is one thing read by the scanner. Err is set (and Payload empty)
// when the payload was rejected; the UI says why with errors.Is. Raw is the
// text as read, except for citizen ID card codes (and anything with '|'
// fields), where it is empty so the holder's name and address go no
// further.
type Scan struct {
	Raw     string
	Payload Payload
	Err     error
	At      time.Time
}

// Options configure a Scanner. Zero values give the defaults.
type Options struct {
	// Suffix ends each frame: "CR" (default), "LF", "CRLF" or "ETX".
	Suffix string
	// MaxFrame is the longest frame kept (default 512 bytes); longer ones
	// are dropped whole.
	MaxFrame int
	// Debounce drops a frame identical to the previous one seen less than
	// this long ago (default 1s; negative disables). The window slides, so a
	// code held under a scanner in continuous mode is reported once.
	Debounce time.Duration
	// Now is the clock (default time.Now).
	Now func() time.Time
	// Logger gets connection events and counts; never scanned content.
	Logger *slog.Logger
	// OnState is called when the connection comes up (err nil) or goes
	// down (err says why). Only used by Open.
	OnState func(connected bool, err error)
	// RetryMin and RetryMax bound the reconnect backoff (default 250ms, 5s).
	RetryMin, RetryMax time.Duration
}

func (o *Options) fill() error {
	if _, err := suffixByte(o.Suffix); err != nil {
		return err
	}
	if o.MaxFrame <= 0 {
		o.MaxFrame = DefaultMaxFrame
	}
	if o.Debounce == 0 {
		o.Debounce = time.Second
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.RetryMin <= 0 {
		o.RetryMin = 250 * time.Millisecond
	}
	if o.RetryMax < o.RetryMin {
		o.RetryMax = max(5*time.Second, o.RetryMin)
	}
	return nil
}

// Scanner delivers scans on a channel. Build it with New (one reader) or
// Open (reconnecting).
type Scanner struct {
	o     Options
	fr    *framer
	scans chan Scan

	// debounce state, touched only by the reading goroutine; a hash, so
	// no scanned text (a citizen ID card's name) outlives its frame
	seed    maphash.Seed
	lastSum uint64
	lastAt  time.Time
	// noiseLogAt rate-limits the noise warning (a noisy line must not
	// flood the journal); also touched only by the reading goroutine.
	noiseLogAt time.Time

	mu        sync.Mutex
	connected bool
	cur       io.Closer
	closed    bool
	quit      chan struct{}
	done      chan struct{}
	noWait    bool // New with a reader that cannot be closed
}

func newScanner(o Options) (*Scanner, error) {
	if err := o.fill(); err != nil {
		return nil, err
	}
	term, _ := suffixByte(o.Suffix)
	return &Scanner{
		o:     o,
		fr:    newFramer(term, o.MaxFrame),
		scans: make(chan Scan, 16),
		seed:  maphash.MakeSeed(),
		quit:  make(chan struct{}),
		done:  make(chan struct{}),
	}, nil
}

// New reads scans from r until it ends or fails, then closes the Scans
// channel. An unknown suffix is an error.
func New(r io.Reader, o Options) (*Scanner, error) {
	s, err := newScanner(o)
	if err != nil {
		return nil, err
	}
	if c, ok := r.(io.Closer); ok {
		s.cur = c
	} else {
		s.noWait = true
	}
	s.setConnected(true, nil)
	go func() {
		defer close(s.done)
		defer close(s.scans)
		err := s.readAll(r)
		s.setConnected(false, err)
	}()
	return s, nil
}

// Open keeps a scanner connected: it calls open, reads until the device
// fails (unplugged), closes it, and calls open again with backoff. A frame
// cut short by an unplug is dropped, never delivered in part. The Scans
// channel is closed after Close.
func Open(open func() (io.ReadCloser, error), o Options) (*Scanner, error) {
	s, err := newScanner(o)
	if err != nil {
		return nil, err
	}
	go s.loop(open)
	return s, nil
}

// Scans is the channel of scans; it is closed when the scanner stops.
func (s *Scanner) Scans() <-chan Scan { return s.scans }

// Connected reports whether a device is currently open.
func (s *Scanner) Connected() bool {
	s.mu.Lock()
	defer s.mu.Unlock()
	return s.connected
}

// Close stops reading and closes the device. It waits for the reading
// goroutine to finish.
func (s *Scanner) Close() error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		if !s.noWait {
			<-s.done
		}
		return nil
	}
	s.closed = true
	close(s.quit)
	cur := s.cur
	s.mu.Unlock()
	var err error
	if cur != nil {
		err = cur.Close()
	}
	if s.noWait {
		return nil
	}
	<-s.done
	return err
}

func (s *Scanner) loop(open func() (io.ReadCloser, error)) {
	defer close(s.done)
	defer close(s.scans)
	wait := s.o.RetryMin
	for {
		err := s.connect1(open)
		if s.stopping() {
			return
		}
		if err == nil {
			// It was up and then failed: start the backoff afresh.
			wait = s.o.RetryMin
		}
		t := time.NewTimer(wait)
		select {
		case <-s.quit:
			t.Stop()
			return
		case <-t.C:
		}
		if err != nil {
			wait = min(wait*2, s.o.RetryMax)
		}
	}
}

// connect1 opens the device once and reads until it fails. It returns the
// open error, or nil if the device was open and then went away.
func (s *Scanner) connect1(open func() (io.ReadCloser, error)) error {
	rc, err := open()
	if err != nil {
		s.setConnected(false, err)
		return err
	}
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		rc.Close()
		return nil
	}
	s.cur = rc
	s.mu.Unlock()
	s.setConnected(true, nil)
	rerr := s.readAll(rc)
	rc.Close()
	s.mu.Lock()
	s.cur = nil
	s.mu.Unlock()
	if !s.stopping() {
		s.o.Logger.Warn("scanner disconnected", "err", rerr)
	}
	s.setConnected(false, rerr)
	return nil
}

func (s *Scanner) stopping() bool {
	select {
	case <-s.quit:
		return true
	default:
		return false
	}
}

func (s *Scanner) setConnected(up bool, err error) {
	s.mu.Lock()
	changed := s.connected != up
	s.connected = up
	s.mu.Unlock()
	if !changed && up {
		return
	}
	if up {
		s.o.Logger.Info("scanner connected")
	}
	if s.o.OnState != nil && (changed || err != nil) {
		s.o.OnState(up, err)
	}
}

// errStopped ends readAll when Close was called.
var errStopped = errors.New("scanner closed")

// readAll reads r until an error and delivers frames. A (0, nil) read, as
// go.bug.st/serial returns on a read timeout, just reads again. Whatever
// partial frame is left when r fails is dropped.
func (s *Scanner) readAll(r io.Reader) error {
	defer s.fr.reset()
	buf := make([]byte, 4096)
	for {
		n, err := r.Read(buf)
		if n > 0 {
			if !s.deliverFrames(buf[:n]) {
				return errStopped
			}
		}
		if err != nil {
			if s.stopping() {
				return errStopped
			}
			return err
		}
	}
}

// deliverFrames feeds p to the framer and sends each resulting scan; false
// means the scanner was closed while sending.
func (s *Scanner) deliverFrames(p []byte) bool {
	ok := true
	tooLong, noise := s.fr.tooLong, s.fr.noise
	s.fr.feed(p, func(frame []byte) {
		if !ok {
			return
		}
		sc, keep := s.toScan(string(frame))
		if !keep {
			return
		}
		select {
		case s.scans <- sc:
		case <-s.quit:
			ok = false
		}
	})
	if s.fr.tooLong > tooLong {
		s.o.Logger.Warn("scanner frame too long, dropped", "max_bytes", s.o.MaxFrame)
	}
	if s.fr.noise > noise {
		// Reported, not silent: the staff panel's recent errors show it,
		// and repeated noise points at a wrong baud rate or a bad cable.
		if now := s.o.Now(); now.Sub(s.noiseLogAt) >= 10*time.Second || now.Before(s.noiseLogAt) {
			s.noiseLogAt = now
			s.o.Logger.Warn("scanner noise dropped (check the baud rate and the cable)", "total_dropped", s.fr.noise)
		} else {
			s.o.Logger.Debug("scanner noise dropped", "frames", s.fr.noise-noise)
		}
	}
	return ok
}

// toScan debounces and parses one frame. keep is false for a duplicate.
func (s *Scanner) toScan(raw string) (Scan, bool) {
	now := s.o.Now()
	sum := maphash.String(s.seed, raw)
	dup := s.o.Debounce > 0 && sum == s.lastSum && !s.lastAt.IsZero() && now.Sub(s.lastAt) < s.o.Debounce
	s.lastSum, s.lastAt = sum, now
	if dup {
		return Scan{}, false
	}
	p, err := Parse(raw)
	sc := Scan{Raw: raw, Payload: p, Err: err, At: now}
	if p.Kind == CitizenID || strings.Contains(raw, "|") {
		sc.Raw = ""
	}
	return sc, true
}
