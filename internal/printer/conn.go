package printer

import (
	"errors"
	"fmt"
	"io"
	"sync"
	"time"
)

// chunkSize is how many bytes go to the port per write, so a stalled
// printer is noticed after one chunk rather than after a whole job.
const chunkSize = 256

// errNoAnswer means the printer did not answer a status request in time.
var errNoAnswer = errors.New("printer did not answer the status request")

// errWriteStalled means a write made no progress within the write timeout.
var errWriteStalled = errors.New("write to printer stalled")

// conn is one open connection to the printer. A reader goroutine reads the
// port all the time (status replies; noticing an unplug while idle); writes
// happen in their own goroutine so they can be given a deadline even though
// serial ports have none.
type conn struct {
	rwc  io.ReadWriteCloser
	in   chan []byte   // bytes read, dropped when nobody is listening
	gone chan struct{} // closed when the reader fails (unplug, close)
	err  error         // why, set before gone is closed

	pending []byte // bytes received but not yet consumed by readByte

	closeOnce sync.Once
	writing   chan struct{} // held by the write goroutine; closed when it ends
}

func newConn(rwc io.ReadWriteCloser) *conn {
	c := &conn{rwc: rwc, in: make(chan []byte, 32), gone: make(chan struct{})}
	go c.readLoop()
	return c
}

func (c *conn) readLoop() {
	buf := make([]byte, 256)
	for {
		n, err := c.rwc.Read(buf)
		if n > 0 {
			b := append([]byte(nil), buf[:n]...)
			select {
			case c.in <- b:
			default: // nobody asked; a printer chattering must not block us
			}
		}
		if err != nil {
			c.err = err
			close(c.gone)
			return
		}
		// n == 0 && err == nil: a serial read timeout; read again.
	}
}

// alive reports whether the reader has not seen the device go.
func (c *conn) alive() bool {
	select {
	case <-c.gone:
		return false
	default:
		return true
	}
}

// discardInput drops whatever the printer sent before a request, so a late
// answer to an earlier request is not taken for this one's.
func (c *conn) discardInput() {
	c.pending = nil
	for {
		select {
		case <-c.in:
		default:
			return
		}
	}
}

// readByte returns the next byte the printer sent, waiting at most until
// deadline.
func (c *conn) readByte(deadline time.Time) (byte, error) {
	for len(c.pending) == 0 {
		t := time.NewTimer(time.Until(deadline))
		select {
		case b := <-c.in:
			t.Stop()
			c.pending = b
		case <-c.gone:
			t.Stop()
			return 0, fmt.Errorf("reading from printer: %w", c.err)
		case <-t.C:
			return 0, errNoAnswer
		}
	}
	b := c.pending[0]
	c.pending = c.pending[1:]
	return b, nil
}

// write sends p in chunks from a separate goroutine and gives up when one
// chunk takes longer than stall: the device is then treated as gone (the
// goroutine stays blocked in the kernel until the device is closed or
// unplugged, and then ends).
func (c *conn) write(p []byte, stall time.Duration) error {
	if c.writing != nil {
		select {
		case <-c.writing:
		default:
			return errWriteStalled // an earlier write is still stuck
		}
	}
	progress := make(chan int, len(p)/chunkSize+2)
	result := make(chan error, 1)
	done := make(chan struct{})
	c.writing = done
	go func() {
		defer close(done)
		for off := 0; off < len(p); {
			end := min(off+chunkSize, len(p))
			n, err := c.rwc.Write(p[off:end])
			off += n
			if err != nil {
				result <- fmt.Errorf("writing to printer: %w", err)
				return
			}
			if n == 0 {
				result <- fmt.Errorf("writing to printer: %w", io.ErrShortWrite)
				return
			}
			progress <- off
		}
		result <- nil
	}()
	t := time.NewTimer(stall)
	defer t.Stop()
	for {
		select {
		case err := <-result:
			<-done // the goroutine is finishing; let the next write start clean
			return err
		case <-progress:
			t.Reset(stall)
		case <-c.gone:
			// The write may still finish; prefer its result if it is there.
			select {
			case err := <-result:
				<-done
				return err
			default:
				return fmt.Errorf("printer went away while writing: %w", c.err)
			}
		case <-t.C:
			return errWriteStalled
		}
	}
}

func (c *conn) close() {
	c.closeOnce.Do(func() { c.rwc.Close() })
}
