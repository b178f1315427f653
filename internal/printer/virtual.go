package printer

import (
	"context"
	"fmt"
	"image/png"
	"os"
	"path/filepath"
	"regexp"
	"sync"
	"time"

	"kiosk/internal/escpos"
	"kiosk/internal/prune"
)

// Virtual is a printer for demos and tests: it accepts the same bytes as a
// real one and saves each job as receipt-<time>-<n>.bin (the raw ESC/POS)
// and receipt-<time>-<n>.png (what a printer widthDots wide would print,
// drawn by escpos.Render). It can be told to act out paper problems.
type Virtual struct {
	dir   string
	width int
	// Now is the clock used for file names and receipt ages (default
	// time.Now).
	Now func() time.Time
	// Keep, when positive, is how many receipts (the newest) stay in the
	// folder after each print; older ones are removed. MaxAge, when
	// positive, also removes receipts older than that, except the one just
	// printed. Both zero (the default) keep everything: a folder a
	// technician named for `kioskctl printer test -port virtual -out DIR`
	// is left alone.
	Keep   int
	MaxAge time.Duration

	mu     sync.Mutex
	n      int
	last   string
	paper  string
	online bool
}

// NewVirtual returns a virtual printer saving into dir (created if needed)
// with paper widthDots wide (384, 512 or 576; 0 means 576).
func NewVirtual(dir string, widthDots int) *Virtual {
	if widthDots <= 0 {
		widthDots = 576
	}
	return &Virtual{dir: dir, width: widthDots, Now: time.Now, paper: PaperOK, online: true}
}

// SetPaper makes the virtual printer report paper "ok", "low" or "out".
func (v *Virtual) SetPaper(paper string) {
	v.mu.Lock()
	v.paper = paper
	v.mu.Unlock()
}

// SetOnline makes the virtual printer act unplugged (false) or back.
func (v *Virtual) SetOnline(on bool) {
	v.mu.Lock()
	v.online = on
	v.mu.Unlock()
}

// LastPath is the PNG of the last job printed, "" before the first.
func (v *Virtual) LastPath() string {
	v.mu.Lock()
	defer v.mu.Unlock()
	return v.last
}

// Print saves job as .bin and .png. Like the real printer it refuses a job
// with ErrPaperOut or ErrOffline and warns with ErrPaperLow after printing.
// A job that does not decode is saved as .bin and reported as an error, so
// a bad receipt shows up in the demo rather than on a real printer.
func (v *Virtual) Print(ctx context.Context, job []byte) error {
	if err := ctx.Err(); err != nil {
		return err
	}
	v.mu.Lock()
	defer v.mu.Unlock()
	if !v.online {
		return fmt.Errorf("%w: virtual printer switched off", ErrOffline)
	}
	if v.paper == PaperOut {
		return fmt.Errorf("job not sent: %w", ErrPaperOut)
	}
	if err := os.MkdirAll(v.dir, 0o755); err != nil {
		return fmt.Errorf("virtual printer: %w", err)
	}
	base, err := v.reserve()
	if err != nil {
		return err
	}
	if err := os.WriteFile(base+".bin", job, 0o644); err != nil {
		return fmt.Errorf("virtual printer: saving job: %w", err)
	}
	img, err := escpos.Render(job, v.width)
	if err != nil {
		return fmt.Errorf("virtual printer: rendering %s.bin: %w", base, err)
	}
	f, err := os.Create(base + ".png")
	if err != nil {
		return fmt.Errorf("virtual printer: %w", err)
	}
	if err := png.Encode(f, img); err != nil {
		f.Close()
		return fmt.Errorf("virtual printer: writing %s.png: %w", base, err)
	}
	if err := f.Close(); err != nil {
		return fmt.Errorf("virtual printer: writing %s.png: %w", base, err)
	}
	v.last = base + ".png"
	v.prune(filepath.Base(base))
	if v.paper == PaperLow {
		return ErrPaperLow
	}
	return nil
}

// reserve picks the next unused file name stem and claims it.
func (v *Virtual) reserve() (string, error) {
	stamp := v.Now().Format("20060102-150405")
	for range 10000 {
		v.n++
		base := filepath.Join(v.dir, fmt.Sprintf("receipt-%s-%d", stamp, v.n))
		f, err := os.OpenFile(base+".bin", os.O_CREATE|os.O_EXCL|os.O_WRONLY, 0o644)
		if os.IsExist(err) {
			continue
		}
		if err != nil {
			return "", fmt.Errorf("virtual printer: %w", err)
		}
		f.Close()
		return base, nil
	}
	return "", fmt.Errorf("virtual printer: no free file name in %s", v.dir)
}

// receiptName matches the files Print saves: stem, then .bin or .png.
var receiptName = regexp.MustCompile(`^(receipt-[0-9]{8}-[0-9]{6}-[0-9]+)\.(bin|png)$`)

// prune removes receipts beyond Keep and older than MaxAge, never current
// (the stem just printed) and never a file Print did not name.
func (v *Virtual) prune(current string) {
	prune.Folder(v.dir, receiptName, current, prune.Limits{Keep: v.Keep, MaxAge: v.MaxAge}, v.Now())
}

// Status reports the simulated state.
func (v *Virtual) Status(ctx context.Context) (Status, error) {
	v.mu.Lock()
	defer v.mu.Unlock()
	st := Status{Online: v.online, Paper: v.paper, Port: "virtual:" + v.dir}
	switch {
	case !v.online:
		st.Paper, st.LastError = PaperUnknown, ErrOffline.Error()
	case v.paper == PaperOut:
		st.LastError = ErrPaperOut.Error()
	case v.paper == PaperLow:
		st.LastError = ErrPaperLow.Error()
	}
	return st, ctx.Err()
}
