package main

import (
	"bufio"
	"log/slog"
	"os"
	"strconv"
	"strings"
)

// maxRSS is the resident size above which a kiosk that systemd supervises
// restarts itself at the next idle reset, when nobody is using it. Fyne keeps
// GPU/software-GL textures of discarded screens for a while and the C heap
// does not shrink, so months of use would otherwise grow the process
// (docs/reliability.md, "Screens"). systemd's Restart=always brings it back in
// about a second, on the start screen.
var maxRSS int64 = 768 << 20

// underSystemd reports whether systemd started us (and will restart us).
func underSystemd() bool { return os.Getenv("INVOCATION_ID") != "" }

// residentBytes reads VmRSS from /proc/self/status (0 if unknown).
func residentBytes() int64 {
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

// restartIfBloated quits the app (systemd restarts it) when it has grown past
// maxRSS; called after an idle reset only.
func restartIfBloated(quit func(), log *slog.Logger) {
	if !underSystemd() {
		return
	}
	if rss := residentBytes(); rss > maxRSS {
		log.Warn("restarting while idle to return memory", "rss_mb", rss>>20, "limit_mb", maxRSS>>20)
		quit()
	}
}
