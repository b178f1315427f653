package process

import (
	"bufio"
	"log/slog"
	"os"
	"strconv"
	"strings"
)

// DefaultMaxResident is the resident size above which a kiosk that systemd
// supervises restarts itself at the next idle reset, when nobody is using it.
// Fyne keeps GPU/software-GL textures of discarded screens for a while and
// the C heap does not shrink, so months of use would otherwise grow the
// process (docs/reliability.md, "Screens"). systemd's Restart=always brings it
// back in about a second, on the start screen.
const DefaultMaxResident int64 = 768 << 20

// MemoryLimit quits a kiosk that has grown past Max while it is idle, so that
// systemd starts a fresh one.
type MemoryLimit struct {
	// Max is the resident size in bytes (0: DefaultMaxResident).
	Max int64
	// Resident reads the current resident size (nil: ResidentBytes).
	Resident func() int64
	// Supervised says whether something will start the process again once
	// it quits (nil: UnderSystemd). Outside systemd (make run) the kiosk
	// never quits by itself.
	Supervised func() bool
	Log        *slog.Logger
}

// AfterIdleReset calls quit when the process is supervised and larger than
// the limit; the kiosk calls it after an idle reset only, never mid-session.
func (m MemoryLimit) AfterIdleReset(quit func()) {
	supervised, resident, limit := m.Supervised, m.Resident, m.Max
	if supervised == nil {
		supervised = UnderSystemd
	}
	if resident == nil {
		resident = ResidentBytes
	}
	if limit <= 0 {
		limit = DefaultMaxResident
	}
	if !supervised() {
		return
	}
	if rss := resident(); rss > limit {
		log := m.Log
		if log == nil {
			log = slog.Default()
		}
		log.Warn("restarting while idle to return memory", "rss_mb", rss>>20, "limit_mb", limit>>20)
		quit()
	}
}

// ResidentBytes reads VmRSS from /proc/self/status (0 if unknown).
func ResidentBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		if rest, ok := strings.CutPrefix(sc.Text(), "VmRSS:"); ok {
			kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(rest), " kB"), 10, 64)
			return kb << 10
		}
	}
	return 0
}
