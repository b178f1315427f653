package e2e

import (
	"bytes"
	"context"
	"errors"
	"math/rand"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/creack/pty"

	"kiosk/internal/config"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
	"kiosk/internal/printer"
	"kiosk/internal/scanner"
)

// ptyDevice plays a serial device on the master side of a real
// pseudo-terminal; the kiosk opens Link (a udev-like symlink to the slave)
// through go.bug.st/serial. unplug closes both ends and removes the link,
// as pulling the USB cable does; plug makes a fresh pair and link.
type ptyDevice struct {
	t    *testing.T
	Link string

	// reads says the kiosk writes to this device (a printer), so the
	// master side is read and status requests answered.
	reads bool
	// discard keeps only a count of what was received (long soaks).
	discard bool
	total   int

	mu      sync.Mutex
	master  *os.File
	slave   *os.File
	closing bool
	got     []byte // bytes the kiosk wrote, status requests removed
	// status answers DLE EOT 4 with the next byte it returns; nil = silent.
	status func() []byte
}

var dleEot4 = []byte{0x10, 0x04, 0x04}

// DLE EOT 4 replies.
var (
	paperOK  = []byte{0x12}
	paperOut = []byte{0x72}
)

func newPtyDevice(t *testing.T, name string, reads bool) *ptyDevice {
	d := &ptyDevice{t: t, Link: filepath.Join(t.TempDir(), name), reads: reads}
	d.plug()
	t.Cleanup(d.unplug)
	return d
}

func (d *ptyDevice) plug() {
	d.t.Helper()
	m, s, err := pty.Open()
	if err != nil {
		d.t.Skipf("no pseudo-terminals here: %v", err)
	}
	tmp := d.Link + ".new"
	os.Remove(tmp)
	if err := os.Symlink(s.Name(), tmp); err != nil {
		d.t.Fatal(err)
	}
	if err := os.Rename(tmp, d.Link); err != nil {
		d.t.Fatal(err)
	}
	d.mu.Lock()
	d.master, d.slave, d.got, d.closing = m, s, nil, false
	d.mu.Unlock()
	if d.reads {
		go d.serve(m)
	}
}

func (d *ptyDevice) unplug() {
	d.mu.Lock()
	m, s := d.master, d.slave
	d.master, d.slave, d.closing = nil, nil, true
	d.mu.Unlock()
	// udev removes the stable name with the device; it also keeps the kiosk
	// from reopening a /dev/pts number another process gets next.
	os.Remove(d.Link)
	if m != nil {
		// A read blocked on the master holds its descriptor open past
		// Close (and with it the /dev/pts node, so the device would not
		// vanish): wake it with a byte first.
		if d.reads {
			s.Write([]byte{0})
		}
		m.Close()
		s.Close()
	}
}

func (d *ptyDevice) setStatus(f func() []byte) {
	d.mu.Lock()
	d.status = f
	d.mu.Unlock()
}

// serve reads what the kiosk sends and answers status requests.
func (d *ptyDevice) serve(m *os.File) {
	var stream []byte
	buf := make([]byte, 8192)
	for {
		n, err := m.Read(buf)
		d.mu.Lock()
		closing := d.closing
		d.mu.Unlock()
		if err != nil || closing {
			return
		}
		before := len(stream)
		stream = append(stream, buf[:n]...)
		found := bytes.Count(stream[max(0, before-2):], dleEot4)
		d.mu.Lock()
		d.total += n
		if d.discard {
			stream = append(stream[:0], stream[max(0, len(stream)-2):]...)
		} else {
			d.got = bytes.ReplaceAll(stream, dleEot4, nil)
		}
		status := d.status
		d.mu.Unlock()
		for range found {
			if status != nil {
				if r := status(); r != nil {
					m.Write(r)
				}
			}
		}
	}
}

func (d *ptyDevice) received() []byte {
	d.mu.Lock()
	defer d.mu.Unlock()
	return bytes.Clone(d.got)
}

// write sends bytes from the device to the kiosk (a scanner reading).
func (d *ptyDevice) write(b []byte) {
	d.mu.Lock()
	m := d.master
	d.mu.Unlock()
	if _, err := m.Write(b); err != nil {
		d.t.Errorf("device write: %v", err)
	}
}

// paperFor says "paper OK" until the printer has received limit bytes of
// jobs, then "out of paper", like a roll that ends.
func (d *ptyDevice) paperFor(limit int) func() []byte {
	return func() []byte {
		if len(d.received()) < limit {
			return paperOK
		}
		return paperOut
	}
}

func deviceKiosk(t *testing.T, printerLink, scannerLink string) (*kioskEnv, *portalEnv) {
	p := startPortal(t, dataset(t, 0), portalsim.Options{KioskKey: kioskKey})
	k := buildKiosk(t, p.URL, func(c *config.Config) {
		c.Printer.Port, c.Scanner.Port = "", ""
		if printerLink != "" {
			c.Printer.Port, c.Printer.Profile = printerLink, "epson-tm-t20iii" // answers DLE EOT 4
		}
		if scannerLink != "" {
			c.Scanner.Port = scannerLink
		}
	})
	return k, p
}

func TestPrinterFaults(t *testing.T) {
	dev := newPtyDevice(t, "kiosk-printer", true)
	dev.setStatus(func() []byte { return paperOK })
	k, _ := deviceKiosk(t, dev.Link, "")
	ctx, cancel := context.WithTimeout(k.Ctx, time.Minute)
	defer cancel()
	ticket := func() portal.Ticket {
		tk, err := k.S.Tickets.TakeTicket(ctx, portal.TicketRequest{ServiceCode: "HOTICH"})
		if err != nil {
			t.Fatalf("taking a ticket: %v", err)
		}
		return tk
	}
	printed := func(tk portal.Ticket) bool { return bytes.Contains(dev.received(), []byte(tk.Number)) }
	waitFor(t, "the printer to connect", func() bool { return k.S.PrinterStatus().Online })

	var jobSize int
	t.Run("a ticket prints on a printer with paper", func(t *testing.T) {
		tk := ticket()
		if err := k.S.Receipts.PrintTicket(ctx, tk, "vi"); err != nil {
			t.Fatal(err)
		}
		waitFor(t, "the ticket to reach the printer", func() bool { return printed(tk) })
		jobSize = len(dev.received())
	})

	t.Run("a printer out of paper before the job refuses it and staff see out of paper", func(t *testing.T) {
		dev.setStatus(func() []byte { return paperOut })
		tk := ticket()
		before := len(dev.received())
		if err := k.S.Receipts.PrintTicket(ctx, tk, "vi"); !errors.Is(err, printer.ErrPaperOut) {
			t.Fatalf("print with no paper: %v, want ErrPaperOut", err)
		}
		if len(dev.received()) != before {
			t.Error("job bytes were sent to a printer with no paper")
		}
		r := k.S.Report()
		if r.Printer.State != "out" || !strings.Contains(strings.Join(r.Problems, "\n"), "out of paper") {
			t.Errorf("health shows printer %q, problems %q; want out of paper", r.Printer.State, r.Problems)
		}
		record("printer out of paper before the job", "job refused with \"printer is out of paper\" and not sent; health shows paper out", "the receipt (citizen told; ticket number stays on screen)")
	})

	t.Run("paper running out in the middle of a queue fails the cut-short job and the ones behind it", func(t *testing.T) {
		// A roll with one and a half tickets left.
		dev.setStatus(dev.paperFor(len(dev.received()) + jobSize*3/2))
		tks := []portal.Ticket{ticket(), ticket(), ticket()}
		errs := make([]error, len(tks))
		var wg sync.WaitGroup
		for i, tk := range tks {
			wg.Add(1)
			go func() {
				defer wg.Done()
				time.Sleep(time.Duration(i) * 20 * time.Millisecond) // queue in order
				errs[i] = k.S.Receipts.PrintTicket(ctx, tk, "vi")
			}()
		}
		wg.Wait()
		var ok, cutShort, refused int
		for i, err := range errs {
			switch {
			case err == nil:
				ok++
				if !printed(tks[i]) {
					t.Errorf("ticket %s reported printed but never reached the printer", tks[i].Number)
				}
			case errors.Is(err, printer.ErrPaperOut) && printed(tks[i]):
				cutShort++
			case errors.Is(err, printer.ErrPaperOut):
				refused++
			default:
				t.Errorf("ticket %d: unexpected error %v", i, err)
			}
		}
		if ok != 1 || cutShort != 1 || refused != 1 {
			t.Errorf("printed %d, cut short %d, refused %d; want 1 each", ok, cutShort, refused)
		}
		record("paper runs out in the middle of a queue of 3 tickets",
			"1st printed; 2nd sent but reported \"paper ran out during the job\"; 3rd refused before sending; health shows paper out",
			"the 2nd receipt may be incomplete and the 3rd not printed — both callers get ErrPaperOut, none reported as printed")
	})

	t.Run("after the roll is changed printing works again", func(t *testing.T) {
		dev.setStatus(func() []byte { return paperOK })
		tk := ticket()
		if err := k.S.Receipts.PrintTicket(ctx, tk, "vi"); err != nil {
			t.Fatal(err)
		}
		if r := k.S.Report(); r.Printer.State != "ok" {
			t.Errorf("health shows printer %q after refill, want ok", r.Printer.State)
		}
	})

	t.Run("an unplugged printer fails the job as offline and a replugged one prints", func(t *testing.T) {
		dev.unplug()
		waitFor(t, "health to show the printer offline", func() bool { return !k.S.PrinterStatus().Online })
		if err := k.S.Receipts.PrintTicket(ctx, ticket(), "vi"); !errors.Is(err, printer.ErrOffline) {
			t.Fatalf("print while unplugged: %v, want ErrOffline", err)
		}
		if r := k.S.Report(); !strings.Contains(strings.Join(r.Problems, "\n"), "printer: offline") {
			t.Errorf("problems %q do not say the printer is offline", r.Problems)
		}
		dev.plug()
		dev.setStatus(func() []byte { return paperOK })
		tk := ticket()
		waitFor(t, "the replugged printer to take a job", func() bool {
			return k.S.Receipts.PrintTicket(ctx, tk, "vi") == nil
		})
		waitFor(t, "the ticket to reach the replugged printer", func() bool { return printed(tk) })
		record("printer unplugged and replugged", "jobs failed with \"printer is offline\" while unplugged, health showed it; reconnected by itself and printed after replug", "receipts asked for while unplugged (caller told)")
	})

	t.Run("a printer that never answers status gets no job and shows offline", func(t *testing.T) {
		dev.setStatus(nil)
		before := len(dev.received())
		if err := k.S.Receipts.PrintTicket(ctx, ticket(), "vi"); !errors.Is(err, printer.ErrOffline) {
			t.Fatalf("print to a silent printer: %v, want ErrOffline", err)
		}
		if len(dev.received()) != before {
			t.Error("job bytes sent to a printer that does not answer")
		}
		if st := k.S.PrinterStatus(); st.Online || st.State != "offline" {
			t.Errorf("health shows %+v, want offline", st)
		}
		record("printer never answers the status request", "job not sent, \"printer is offline\"; health shows offline", "the receipt (caller told)")
	})
}

// scansUntil collects scans from ch up to and including the first accepted
// scan of code (the device sends it last), failing after a generous limit.
func scansUntil(t *testing.T, ch <-chan scanner.Scan, code string) []scanner.Scan {
	t.Helper()
	var out []scanner.Scan
	limit := time.After(20 * time.Second)
	for {
		select {
		case s, ok := <-ch:
			if !ok {
				t.Fatal("the scan channel closed")
			}
			out = append(out, s)
			if s.Err == nil && s.Payload.DossierCode == code {
				return out
			}
		case <-limit:
			t.Fatalf("the scan of %s never arrived (got %d other scans)", code, len(out))
		}
	}
}

func TestScannerFaults(t *testing.T) {
	dev := newPtyDevice(t, "kiosk-scanner", false)
	k, _ := deviceKiosk(t, "", dev.Link)
	if k.S.Scans == nil {
		t.Fatal("no scan channel for a serial scanner")
	}
	waitFor(t, "the scanner to connect", func() bool { return k.S.Report().Scanner.State == "connected" })
	// Each case scans a different code: the scanner drops a repeat of the
	// previous code within its debounce window.
	code := people[0].Code
	valid := func(scans []scanner.Scan) []string {
		var v []string
		for _, s := range scans {
			if s.Err == nil {
				v = append(v, s.Payload.DossierCode)
			}
		}
		return v
	}

	t.Run("a code cut off by an unplug is dropped and the next full scan after replug is read", func(t *testing.T) {
		dev.write([]byte(code[:12]))
		time.Sleep(50 * time.Millisecond)
		dev.unplug()
		waitFor(t, "health to show the scanner disconnected", func() bool { return k.S.Report().Scanner.State == "disconnected" })
		dev.plug()
		waitFor(t, "the scanner to reconnect", func() bool { return k.S.Report().Scanner.State == "connected" })
		dev.write([]byte(code + "\r"))
		got := valid(scansUntil(t, k.S.Scans, code))
		if len(got) != 1 || got[0] != code {
			t.Errorf("scans after replug: %q, want just %q", got, code)
		}
		record("scanner unplugged mid-frame", "partial code dropped; health showed disconnected; reconnected by itself; next scan read whole", "the interrupted scan (citizen scans again)")
	})

	t.Run("noise from the scanner yields no false codes and the next real scan is read", func(t *testing.T) {
		code := people[1].Code
		noise := make([]byte, 64<<10)
		rand.New(rand.NewSource(5)).Read(noise)
		for i := 200; i < len(noise); i += 700 {
			noise[i] = '\r' // many short frames of noise
		}
		// Written while the scans are read: noise now surfaces as many
		// short (rejected) frames, more than the scan channel holds, and a
		// scanner whose scans nobody reads stops reading its port.
		done := make(chan struct{})
		go func() {
			defer close(done)
			dev.write(noise)
			dev.write([]byte("\r" + code + "\r"))
		}()
		scans := scansUntil(t, k.S.Scans, code)
		<-done
		got := valid(scans)
		if len(got) != 1 || got[0] != code {
			t.Errorf("valid scans from noise + one code: %q, want just %q", got, code)
		}
		record("scanner sends 64 KB of random noise", "no false code accepted (framer dropped the noise; "+itoa(len(scans)-len(got))+" frames surfaced as rejected scans); the real code after it was read", "nothing")
	})

	t.Run("a 1 MB line is dropped whole and the scanner keeps working", func(t *testing.T) {
		code := people[2].Code
		base := heapAfterGC()
		done := make(chan struct{})
		go func() {
			defer close(done)
			dev.write(bytes.Repeat([]byte("0123456789ABCDEF"), 1<<16))
			dev.write([]byte("\r" + code + "\r"))
		}()
		scans := scansUntil(t, k.S.Scans, code)
		<-done
		got := valid(scans)
		if len(got) != 1 || got[0] != code {
			t.Errorf("scans after a 1 MB line: %q, want just %q", got, code)
		}
		for _, s := range scans {
			if len(s.Raw) > 4096 {
				t.Errorf("a %d-byte frame reached the kiosk", len(s.Raw))
			}
		}
		grew := max(0, int64(heapAfterGC())-int64(base))
		record("scanner sends a 1 MB line", "line dropped whole by the framer (max frame 512 B); next code read; live heap +"+itoa(int(grew>>10))+" KiB", "nothing")
	})
}
