package pin

import (
	"errors"
	"path/filepath"
	"testing"
	"time"

	"kiosk/internal/catalog"
)

func TestTheLockoutSurvivesARestart(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	clock := func() time.Time { return now }
	hash := cheapHash(t, "246810")
	open := func() *catalog.Cache {
		c, err := catalog.Open(path, catalog.Options{LockTimeout: time.Second})
		if err != nil {
			t.Fatal(err)
		}
		return c
	}

	c := open()
	g := NewPersistentGuard(clock, c)
	for i := 0; i < FreeAttempts; i++ {
		if ok, _, err := g.Check(hash, "000000"); ok || err != nil {
			t.Fatalf("wrong PIN %d: ok %v, err %v", i+1, ok, err)
		}
	}
	c.Close() // kill -9 and power cycle: only the cache file remains

	c = open()
	defer c.Close()
	g = NewPersistentGuard(clock, c)
	if locked, wait := g.Locked(); !locked || wait != FirstLock {
		t.Fatalf("after a restart: locked %v for %v, want locked for %v", locked, wait, FirstLock)
	}
	if ok, _, err := g.Check(hash, "246810"); ok || !errors.Is(err, ErrLocked) {
		t.Fatalf("the right PIN during the lock after a restart: ok %v, err %v; want ErrLocked", ok, err)
	}
	now = now.Add(FirstLock)
	if _, wait, _ := g.Check(hash, "111111"); wait != 2*FirstLock {
		t.Errorf("the next wrong PIN after a restart locks for %v, want %v (the count was kept)", wait, 2*FirstLock)
	}
}

func TestALockSavedUnderAFastClockIsCappedAfterTheClockIsCorrected(t *testing.T) {
	c, err := catalog.Open(filepath.Join(t.TempDir(), "cache.db"), catalog.Options{LockTimeout: time.Second})
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	now := time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)
	if err := c.SetPINLockout(FreeAttempts, time.Date(2040, 1, 1, 0, 0, 0, 0, time.UTC)); err != nil {
		t.Fatal(err)
	}
	g := NewPersistentGuard(func() time.Time { return now }, c)
	if locked, wait := g.Locked(); !locked || wait != FirstLock {
		t.Errorf("locked %v for %v, want the lock the count deserves (%v), not years", locked, wait, FirstLock)
	}
}
