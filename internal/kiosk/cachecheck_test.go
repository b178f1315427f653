package kiosk

import (
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"kiosk/internal/catalog/damage"
)

// A cache that fails the check the kiosk finishes after start keeps the
// kiosk running on it, asks for a restart at rest, and is replaced then.
func TestACacheFailingTheDeferredCheckAsksForARestartAndIsReplacedByIt(t *testing.T) {
	e := startKiosk(t)
	cfg := *e.s.Cfg
	e.s.Close()
	if err := damage.LeakPage(cfg.Cache.Path); err != nil {
		t.Fatal(err)
	}

	asked := make(chan struct{}, 1)
	logs := &lockedLog{}
	s, err := Build(e.ctx, &cfg, Options{Version: "test", Logger: slog.New(slog.NewTextHandler(logs, nil)), NoStatusSocket: true,
		RequestRestart: func() (bool, error) { asked <- struct{}{}; return true, nil }})
	if err != nil {
		t.Fatal(err)
	}
	if moved := s.Cache.Recovered(); moved != "" {
		t.Fatalf("the cache was replaced before the kiosk started: %s", moved)
	}
	if ps, err := s.Cache.Procedures(); err != nil || len(ps) != 2 {
		t.Errorf("the kiosk does not run on its cache until the restart: %d procedures, %v", len(ps), err)
	}
	select {
	case <-asked:
	case <-time.After(10 * time.Second):
		t.Fatal("no restart was asked for")
	}
	s.Close()
	if !strings.Contains(logs.String(), "the cache failed its consistency check; the kiosk restarts when nobody is using it") {
		t.Errorf("nothing said why; logs:\n%s", logs.String())
	}

	s, err = Build(e.ctx, &cfg, Options{Version: "test", Logger: slog.New(slog.NewTextHandler(&strings.Builder{}, nil)), NoStatusSocket: true,
		RequestRestart: func() (bool, error) { t.Error("a restart was asked for after the replacement"); return true, nil }})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if !strings.HasPrefix(s.Cache.Recovered(), cfg.Cache.Path+".corrupt-") {
		t.Fatalf("the restarted kiosk did not replace the cache: Recovered() = %q", s.Cache.Recovered())
	}
	<-s.Cache.Checked()
}

// lockedLog is a log the background loads may write to while a test reads.
type lockedLog struct {
	mu sync.Mutex
	b  strings.Builder
}

func (l *lockedLog) Write(p []byte) (int, error) {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.Write(p)
}

func (l *lockedLog) String() string {
	l.mu.Lock()
	defer l.mu.Unlock()
	return l.b.String()
}
