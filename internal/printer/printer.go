// Package printer drives a thermal receipt printer over a serial line: it
// opens the port (by path or USB VID:PID), asks for paper status with a
// timeout before and after each job, writes with a deadline, queues jobs so
// two prints never interleave, and reconnects in the background after the
// cable is pulled. It moves bytes and reads status; it never lays out
// receipts. Everything but openSerial speaks io.ReadWriteCloser, so tests
// drive it over pseudo-terminals or pipes.
package printer

import (
	"context"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"kiosk/internal/escpos"
	"kiosk/internal/serialport"
)

// Errors Print and Status return. Use errors.Is.
var (
	// ErrPaperOut means the printer reports no paper; the job was not sent
	// (or, found after a job, the job was cut short).
	ErrPaperOut = errors.New("printer is out of paper")
	// ErrPaperLow is a warning: the job printed, but the roll is nearly
	// finished and should be changed soon.
	ErrPaperLow = errors.New("printer paper is low")
	// ErrOffline means the printer is unplugged, switched off, not
	// answering, or stalled; the job was not (completely) printed.
	ErrOffline = errors.New("printer is offline")
	// ErrBusy means too many jobs are already waiting.
	ErrBusy = errors.New("printer is busy")
	// ErrClosed means the Printer was closed.
	ErrClosed = errors.New("printer is closed")
)

// Paper states in Status.Paper.
const (
	PaperOK      = "ok"
	PaperLow     = "low"
	PaperOut     = "out"
	PaperUnknown = "unknown"
)

// Config says how to reach the printer and how patient to be with it.
type Config struct {
	// Port is the device path (a stable udev name such as
	// /dev/kiosk-printer is best). USB, if set, is "VID:PID" in hex and is
	// looked up on every (re)connect instead.
	Port string
	USB  string
	// Baud is the line speed (default 9600); it also sets how long the
	// status reply after a job may take.
	Baud int
	// StatusSupported says the printer answers DLE EOT 4. When false no
	// status is asked and Paper stays "unknown".
	StatusSupported bool
	// WriteTimeout is how long one chunk of a job may take to be accepted
	// by the port (default 3s) before the printer is declared offline.
	WriteTimeout time.Duration
	// StatusTimeout is how long to wait for a status reply (default 500ms).
	StatusTimeout time.Duration
	// PollInterval is how often an idle, connected printer is asked for
	// paper status so "paper low" shows before anyone prints (default 30s;
	// negative disables).
	PollInterval time.Duration
	// RetryMin and RetryMax bound the reconnect backoff (default 500ms, 10s).
	RetryMin, RetryMax time.Duration
	// QueueLen is how many jobs may wait (default 8); more get ErrBusy.
	QueueLen int
	// OnChange is called (from the printer's goroutine) whenever Status
	// changes; keep it quick.
	OnChange func(Status)
	Logger   *slog.Logger
}

func (c *Config) fill() {
	if c.Baud <= 0 {
		c.Baud = 9600
	}
	if c.WriteTimeout <= 0 {
		c.WriteTimeout = 3 * time.Second
	}
	if c.StatusTimeout <= 0 {
		c.StatusTimeout = 500 * time.Millisecond
	}
	if c.PollInterval == 0 {
		c.PollInterval = 30 * time.Second
	}
	if c.RetryMin <= 0 {
		c.RetryMin = 500 * time.Millisecond
	}
	if c.RetryMax < c.RetryMin {
		c.RetryMax = max(10*time.Second, c.RetryMin)
	}
	if c.QueueLen <= 0 {
		c.QueueLen = 8
	}
	if c.Logger == nil {
		c.Logger = slog.New(slog.DiscardHandler)
	}
}

// Status is what the staff panel and metrics show about the printer.
type Status struct {
	Online    bool   // connected and (if it answers status) answering
	Paper     string // PaperOK, PaperLow, PaperOut or PaperUnknown
	Port      string // the device path in use or last tried
	LastError string // the most recent problem, "" when none
}

// Dialer opens one connection to the printer and returns the port path it
// opened (for Status).
type Dialer func() (io.ReadWriteCloser, string, error)

type reqKind int

const (
	reqPrint reqKind = iota
	reqStatus
)

const (
	jobQueued int32 = iota
	jobStarted
	jobCancelled
)

type request struct {
	kind  reqKind
	job   []byte
	state atomic.Int32
	done  chan error // buffered 1
}

// Printer is a serial receipt printer. One goroutine owns the port; Print
// and Status hand it requests and wait for their own answers.
type Printer struct {
	cfg  Config
	dial Dialer
	reqs chan *request
	quit chan struct{}
	done chan struct{}

	mu       sync.Mutex
	st       Status
	onChange func(Status)
	closed   bool
}

// Open validates cfg and starts a printer on the serial port it names. A
// printer that is not plugged in is not an error: it shows as offline and
// is connected in the background when it appears.
func Open(cfg Config) (*Printer, error) {
	if cfg.Port == "" && cfg.USB == "" {
		return nil, errors.New("printer: neither a port nor a USB id is configured")
	}
	if cfg.USB != "" {
		if _, _, err := serialport.ParseUSB(cfg.USB); err != nil {
			return nil, fmt.Errorf("printer: %w", err)
		}
	}
	cfg.fill()
	return New(cfg, func() (io.ReadWriteCloser, string, error) { return openSerial(cfg) }), nil
}

// New starts a printer that connects with dial (a pipe, a pty, a socket).
// Call Close to stop it.
func New(cfg Config, dial Dialer) *Printer {
	cfg.fill()
	p := &Printer{
		cfg:      cfg,
		dial:     dial,
		reqs:     make(chan *request, cfg.QueueLen),
		quit:     make(chan struct{}),
		done:     make(chan struct{}),
		st:       Status{Paper: PaperUnknown, Port: cfg.Port},
		onChange: cfg.OnChange,
	}
	go p.loop()
	return p
}

// SetOnChange replaces the callback told about status changes (the UI is
// often built after the printer).
func (p *Printer) SetOnChange(f func(Status)) {
	p.mu.Lock()
	p.onChange = f
	p.mu.Unlock()
}

// Print sends one job (complete ESC/POS bytes) and waits for it to finish.
// It returns nil when the job was sent and the printer reported paper; an
// error wrapping ErrPaperLow when the job printed but the roll is nearly
// done; ErrPaperOut (job not sent, or cut short) and ErrOffline (not sent
// or not completely) otherwise. If ctx ends while the job is still queued
// the job is dropped; once started a job is finished, so the paper never
// holds half a receipt because a screen moved on.
func (p *Printer) Print(ctx context.Context, job []byte) error {
	r := &request{kind: reqPrint, job: job, done: make(chan error, 1)}
	return p.do(ctx, r)
}

func (p *Printer) do(ctx context.Context, r *request) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	p.mu.Lock()
	closed := p.closed
	p.mu.Unlock()
	if closed {
		return ErrClosed
	}
	select {
	case p.reqs <- r:
	default:
		return ErrBusy
	}
	select {
	case err := <-r.done:
		return err
	case <-p.done:
		return ErrClosed
	case <-ctx.Done():
		if r.state.CompareAndSwap(jobQueued, jobCancelled) {
			return ctx.Err()
		}
		select { // started: wait for it; its own timeouts bound this
		case err := <-r.done:
			return err
		case <-p.done:
			return ErrClosed
		}
	}
}

// Status asks the printer for its paper state (when it supports status)
// and returns the result; an offline printer gets one connection attempt
// first. When the printer is busy past ctx it returns the last known
// state. The error is only ctx's cancellation or ErrClosed; problems with
// the printer are in the Status itself. A printer without status support
// shows Online as soon as its port opens, since it cannot say more.
func (p *Printer) Status(ctx context.Context) (Status, error) {
	r := &request{kind: reqStatus, done: make(chan error, 1)}
	err := p.do(ctx, r)
	if errors.Is(err, ErrClosed) || errors.Is(err, context.Canceled) {
		return p.snapshot(), err
	}
	return p.snapshot(), nil
}

// Close stops the printer and closes the port. Queued jobs fail with
// ErrClosed.
func (p *Printer) Close() error {
	p.mu.Lock()
	if p.closed {
		p.mu.Unlock()
		return nil
	}
	p.closed = true
	p.mu.Unlock()
	close(p.quit)
	<-p.done
	return nil
}

func (p *Printer) snapshot() Status {
	p.mu.Lock()
	defer p.mu.Unlock()
	return p.st
}

// update changes the status and tells OnChange when it changed.
func (p *Printer) update(f func(*Status)) {
	p.mu.Lock()
	old := p.st
	f(&p.st)
	st, cb := p.st, p.onChange
	p.mu.Unlock()
	if st != old && cb != nil {
		cb(st)
	}
}

// loop owns the port: it connects with backoff, runs requests one at a
// time, polls paper status while idle and notices unplugs.
func (p *Printer) loop() {
	defer close(p.done)
	var c *conn
	defer func() {
		if c != nil {
			c.close()
		}
		p.failQueued()
	}()
	wait := p.cfg.RetryMin
	var pendingReq *request // arrived while offline; gets one connect attempt
	for {
		if c == nil {
			var err error
			c, err = p.connect1()
			if err != nil {
				if pendingReq != nil {
					p.finish(pendingReq, fmt.Errorf("%w: %w", ErrOffline, err))
					pendingReq = nil
				}
				t := time.NewTimer(wait)
				select {
				case <-p.quit:
					t.Stop()
					return
				case r := <-p.reqs:
					t.Stop()
					pendingReq = r
				case <-t.C:
					wait = min(wait*2, p.cfg.RetryMax)
				}
				continue
			}
			wait = p.cfg.RetryMin
			if p.cfg.StatusSupported && pendingReq == nil {
				p.queryStatus(c)
			}
		}
		if pendingReq != nil {
			r := pendingReq
			pendingReq = nil
			if !p.serve(c, r) {
				c = p.drop(c)
			}
			continue
		}
		var poll <-chan time.Time
		var pollTimer *time.Timer
		if p.cfg.StatusSupported && p.cfg.PollInterval > 0 {
			pollTimer = time.NewTimer(p.cfg.PollInterval)
			poll = pollTimer.C
		}
		check := time.NewTicker(time.Second)
		select {
		case <-p.quit:
			check.Stop()
			return
		case r := <-p.reqs:
			if !p.serve(c, r) {
				c = p.drop(c)
			}
		case <-c.gone:
			p.cfg.Logger.Warn("printer disconnected", "port", p.snapshot().Port, "err", c.err)
			c = p.drop(c)
		case <-poll:
			if !p.queryStatus(c) && !c.alive() {
				c = p.drop(c)
			}
		case <-check.C:
			if !p.deviceNodeExists() {
				p.cfg.Logger.Warn("printer device node vanished", "port", p.snapshot().Port)
				c = p.drop(c)
			}
		}
		check.Stop()
		if pollTimer != nil {
			pollTimer.Stop()
		}
	}
}

// connect1 makes one connection attempt.
func (p *Printer) connect1() (*conn, error) {
	rwc, port, err := p.dial()
	if err != nil {
		p.update(func(s *Status) {
			s.Online = false
			s.LastError = err.Error()
			if port != "" {
				s.Port = port
			}
		})
		p.cfg.Logger.Debug("printer connect failed", "err", err)
		return nil, err
	}
	p.cfg.Logger.Info("printer connected", "port", port)
	p.update(func(s *Status) {
		s.Online = true
		s.Port = port
		s.LastError = ""
		if !p.cfg.StatusSupported {
			s.Paper = PaperUnknown
		}
	})
	return newConn(rwc), nil
}

// drop closes a connection that failed and marks the printer offline.
func (p *Printer) drop(c *conn) *conn {
	c.close()
	msg := "printer disconnected"
	if !c.alive() && c.err != nil {
		msg = "printer disconnected: " + c.err.Error()
	}
	p.update(func(s *Status) {
		s.Online = false
		s.Paper = PaperUnknown
		if !c.alive() || s.LastError == "" {
			s.LastError = msg
		}
	})
	return nil
}

func (p *Printer) deviceNodeExists() bool {
	port := p.snapshot().Port
	if port == "" {
		return true
	}
	_, err := os.Stat(port)
	return err == nil || !errors.Is(err, os.ErrNotExist)
}

func (p *Printer) finish(r *request, err error) {
	r.done <- err
}

func (p *Printer) failQueued() {
	for {
		select {
		case r := <-p.reqs:
			p.finish(r, ErrClosed)
		default:
			return
		}
	}
}

// serve runs one request on c; false means c is no longer usable.
func (p *Printer) serve(c *conn, r *request) (ok bool) {
	if !r.state.CompareAndSwap(jobQueued, jobStarted) {
		return true // the caller gave up while it was queued
	}
	if r.kind == reqStatus {
		if p.cfg.StatusSupported {
			p.queryStatus(c)
		}
		p.finish(r, nil)
		return c.alive()
	}
	err := p.printJob(c, r.job)
	p.finish(r, err)
	if err != nil && !errors.Is(err, ErrPaperLow) {
		p.cfg.Logger.Warn("print failed", "bytes", len(r.job), "err", err)
	}
	return c.alive() && !errors.Is(err, errWriteStalled)
}

// printJob is status, write, status. Errors wrap the sentinels.
func (p *Printer) printJob(c *conn, job []byte) error {
	if !c.alive() {
		return fmt.Errorf("%w: %w", ErrOffline, c.err)
	}
	if p.cfg.StatusSupported {
		paper, err := p.askPaper(c, p.cfg.StatusTimeout)
		if err != nil {
			return fmt.Errorf("%w: %w", ErrOffline, err)
		}
		if paper == PaperOut {
			return fmt.Errorf("job not sent: %w", ErrPaperOut)
		}
	}
	if err := c.write(job, p.cfg.WriteTimeout); err != nil {
		p.update(func(s *Status) { s.Online = false; s.LastError = err.Error() })
		return fmt.Errorf("%w: %w", ErrOffline, err)
	}
	if !p.cfg.StatusSupported {
		return nil
	}
	// The status request queues behind the job on the wire: allow for the
	// time the job takes to go out at the configured speed.
	wire := time.Duration(int64(len(job)) * 10 * int64(time.Second) / int64(p.cfg.Baud))
	paper, err := p.askPaper(c, p.cfg.StatusTimeout+wire)
	switch {
	case err != nil:
		// The job went out; a printer busy printing may answer late.
		p.cfg.Logger.Info("no paper status after job", "err", err)
		return nil
	case paper == PaperOut:
		return fmt.Errorf("paper ran out during the job: %w", ErrPaperOut)
	case paper == PaperLow:
		return ErrPaperLow
	}
	return nil
}

// queryStatus asks for paper status and records the answer; false when
// there was none.
func (p *Printer) queryStatus(c *conn) bool {
	_, err := p.askPaper(c, p.cfg.StatusTimeout)
	return err == nil
}

// statusRequest is DLE EOT 4: transmit roll paper sensor status.
var statusRequest = []byte{0x10, 0x04, 0x04}

// askPaper sends DLE EOT 4 and waits up to timeout for a valid reply,
// updating Status either way.
func (p *Printer) askPaper(c *conn, timeout time.Duration) (string, error) {
	c.discardInput()
	if err := c.write(statusRequest, p.cfg.WriteTimeout); err != nil {
		p.update(func(s *Status) { s.Online = false; s.Paper = PaperUnknown; s.LastError = err.Error() })
		return PaperUnknown, err
	}
	deadline := time.Now().Add(timeout)
	for {
		b, err := c.readByte(deadline)
		if err != nil {
			p.update(func(s *Status) { s.Online = false; s.Paper = PaperUnknown; s.LastError = err.Error() })
			return PaperUnknown, err
		}
		paper, ok := parsePaper(b)
		if !ok {
			continue // noise or an unrelated byte: keep waiting
		}
		p.update(func(s *Status) {
			s.Online = true
			s.Paper = paper
			switch paper {
			case PaperOut:
				s.LastError = ErrPaperOut.Error()
			case PaperLow:
				s.LastError = ErrPaperLow.Error()
			default:
				s.LastError = ""
			}
		})
		return paper, nil
	}
}

// parsePaper is Status.Paper for a DLE EOT 4 reply byte, false when the
// byte is no genuine reply (escpos.ParsePaperStatus decodes it: the one
// parser of the ESC/POS status bits).
func parsePaper(b byte) (string, bool) {
	ps, err := escpos.ParsePaperStatus(b)
	switch {
	case err != nil:
		return "", false
	case ps.End:
		return PaperOut, true
	case ps.NearEnd:
		return PaperLow, true
	}
	return PaperOK, true
}
