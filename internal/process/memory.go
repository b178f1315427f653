package process

import (
	"bufio"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
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
	// AtReady is the resident size when the kiosk became ready (nil: what
	// RecordReadyMemory saved, 0 if it never ran).
	AtReady func() int64
	Log     *slog.Logger
}

var readyResident atomic.Int64

// RecordReadyMemory saves the resident size once the start screen is shown;
// AfterIdleReset compares against it.
func RecordReadyMemory() { readyResident.Store(ResidentBytes()) }

// AfterIdleReset calls quit when the process is supervised, larger than the
// limit and grew by at least half the limit since it was ready; the kiosk
// calls it after an idle reset only, never mid-session. A kiosk that is large
// from the start would be just as large after a restart, and quitting it at
// every idle reset would be a restart loop that helps nobody.
func (m MemoryLimit) AfterIdleReset(quit func()) {
	supervised, resident, limit, atReady := m.Supervised, m.Resident, m.Max, m.AtReady
	if atReady == nil {
		atReady = readyResident.Load
	}
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
	rss := resident()
	if rss <= limit {
		return
	}
	log := m.Log
	if log == nil {
		log = slog.Default()
	}
	if base := atReady(); rss-base < limit/2 {
		log.Warn("memory above the restart limit but not grown since start; not restarting",
			"rss_mb", rss>>20, "at_ready_mb", base>>20, "limit_mb", limit>>20)
		return
	}
	log.Warn("restarting while idle to return memory", "rss_mb", rss>>20, "limit_mb", limit>>20)
	quit()
}

// ResidentBytes reads the process's anonymous and shared resident memory
// from /proc/self/status (0 if unknown). File-backed pages are left out on
// purpose: the bbolt cache is memory-mapped, and a large cache file (a
// million ratings waiting in the outbox) is resident file pages the kernel
// can drop at will; counting them made the kiosk restart at every idle reset,
// forever, since a restart does not shrink the file.
func ResidentBytes() int64 {
	f, err := os.Open("/proc/self/status")
	if err != nil {
		return 0
	}
	defer f.Close()
	return parseResident(f)
}

// parseResident sums RssAnon and RssShmem in a /proc/PID/status text, or
// falls back to VmRSS on kernels without the split (before 4.5).
func parseResident(r io.Reader) int64 {
	var anon, shmem, vm int64
	haveSplit := false
	sc := bufio.NewScanner(r)
	for sc.Scan() {
		k, v, ok := strings.Cut(sc.Text(), ":")
		if !ok {
			continue
		}
		kb, _ := strconv.ParseInt(strings.TrimSuffix(strings.TrimSpace(v), " kB"), 10, 64)
		switch k {
		case "RssAnon":
			anon, haveSplit = kb<<10, true
		case "RssShmem":
			shmem = kb << 10
		case "VmRSS":
			vm = kb << 10
		}
	}
	if haveSplit {
		return anon + shmem
	}
	return vm
}
