package main

import (
	"bufio"
	"io"
	"log/slog"
	"os"
	"strconv"
	"strings"
	"sync/atomic"
)

// maxRSS is the resident size above which a kiosk that systemd supervises
// restarts itself at the next idle reset, when nobody is using it. Fyne keeps
// GPU/software-GL textures of discarded screens for a while and the C heap
// does not shrink, so months of use would otherwise grow the process
// (docs/reliability.md, "Screens"). systemd's Restart=always brings it back in
// about a second, on the start screen.
var maxRSS int64 = 768 << 20

// readRSS is how the resident size is read; tests replace it.
var readRSS = residentBytes

// baselineRSS is the resident size when the start screen was first shown
// (see noteBaselineMemory); 0 until then.
var baselineRSS atomic.Int64

// underSystemd reports whether systemd started us (and will restart us).
func underSystemd() bool { return os.Getenv("INVOCATION_ID") != "" }

// residentBytes reads the process's anonymous and shared resident memory
// from /proc/self/status (0 if unknown). File-backed pages are left out on
// purpose: the bbolt cache is memory-mapped, and a large cache file (a
// million ratings waiting in the outbox) is resident file pages the kernel
// can drop at will; counting them made the kiosk restart at every idle reset,
// forever, since a restart does not shrink the file.
func residentBytes() int64 {
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

// noteBaselineMemory records the resident size once the kiosk is ready.
func noteBaselineMemory() { baselineRSS.Store(readRSS()) }

// restartIfBloated quits the app (systemd restarts it) when it has grown past
// maxRSS; called after an idle reset only. It restarts only when the process
// grew by at least half the limit since it was ready: a kiosk that is large
// from the start would be just as large after a restart, and quitting it at
// every idle reset would be a restart loop that helps nobody.
func restartIfBloated(quit func(), log *slog.Logger) {
	if !underSystemd() {
		return
	}
	rss := readRSS()
	if rss <= maxRSS {
		return
	}
	if base := baselineRSS.Load(); rss-base < maxRSS/2 {
		log.Warn("memory above the restart limit but not grown since start; not restarting",
			"rss_mb", rss>>20, "at_start_mb", base>>20, "limit_mb", maxRSS>>20)
		return
	}
	log.Warn("restarting while idle to return memory", "rss_mb", rss>>20, "limit_mb", maxRSS>>20)
	quit()
}
