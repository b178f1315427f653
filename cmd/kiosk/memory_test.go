package main

import (
	"io"
	"log/slog"
	"strings"
	"testing"
)

func TestAKioskThatGrewRestartsAtIdleOnlyUnderSystemd(t *testing.T) {
	if rss := residentBytes(); rss < 64<<10 {
		t.Fatalf("resident size %d: /proc/self/status not read", rss)
	}
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	defer func(m int64) { maxRSS = m }(maxRSS)

	tests := []struct {
		name       string
		invocation string
		limit      int64
		wantQuit   bool
	}{
		{"over the limit under systemd it quits to be restarted", "abc123", 1, true},
		{"under the limit it keeps running", "abc123", 1 << 50, false},
		{"outside systemd (make run) it never quits by itself", "", 1, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Setenv("INVOCATION_ID", tt.invocation)
			maxRSS = tt.limit
			quit := false
			restartIfBloated(func() { quit = true }, log)
			if quit != tt.wantQuit {
				t.Errorf("quit = %v, want %v", quit, tt.wantQuit)
			}
		})
	}
}

func TestALargeStartDoesNotRestartInALoop(t *testing.T) {
	log := slog.New(slog.NewTextHandler(io.Discard, nil))
	t.Setenv("INVOCATION_ID", "abc123")
	defer func(m int64, r func() int64) { maxRSS, readRSS = m, r }(maxRSS, readRSS)
	defer baselineRSS.Store(0)
	maxRSS = 768 << 20
	rss := int64(900 << 20) // large from the start, e.g. a huge outbox
	readRSS = func() int64 { return rss }
	noteBaselineMemory()
	quit := false
	restartIfBloated(func() { quit = true }, log)
	if quit {
		t.Fatal("a kiosk that started above the limit quit at its first idle reset (and would after every restart)")
	}
	rss += 500 << 20 // then it really grew
	restartIfBloated(func() { quit = true }, log)
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
