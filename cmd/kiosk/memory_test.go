package main

import (
	"io"
	"log/slog"
	"testing"
)

func TestAKioskThatGrewRestartsAtIdleOnlyUnderSystemd(t *testing.T) {
	if rss := residentBytes(); rss < 1<<20 {
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
