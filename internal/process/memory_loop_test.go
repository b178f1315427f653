package process

import (
	"io"
	"log/slog"
	"strings"
	"testing"
)

func TestALargeStartDoesNotRestartInALoop(t *testing.T) {
	quiet := slog.New(slog.NewTextHandler(io.Discard, nil))
	rss := int64(900 << 20) // large from the start, e.g. a huge outbox
	m := MemoryLimit{Max: 768 << 20, Log: quiet,
		Resident:   func() int64 { return rss },
		Supervised: func() bool { return true },
		AtReady:    func() int64 { return 900 << 20 }}
	quit := false
	m.AfterIdleReset(func() { quit = true })
	if quit {
		t.Fatal("a kiosk that started above the limit quit at an idle reset (and would after every restart)")
	}
	rss += 500 << 20 // then it really grew
	m.AfterIdleReset(func() { quit = true })
	if !quit {
		t.Error("a kiosk that grew by 500 MB since start did not restart")
	}
}

func TestFileBackedPagesOfTheCacheDoNotCount(t *testing.T) {
	status := "Name:\tkiosk\nVmRSS:\t 2000000 kB\nRssAnon:\t  300000 kB\nRssFile:\t 1690000 kB\nRssShmem:\t   10000 kB\n"
	if got, want := parseResident(strings.NewReader(status)), int64(310000)<<10; got != want {
		t.Errorf("resident %d, want %d (anonymous + shared, not the mmapped cache file)", got, want)
	}
	if got := parseResident(strings.NewReader("VmRSS:\t 1234 kB\n")); got != 1234<<10 {
		t.Errorf("old kernel fallback: %d", got)
	}
}
