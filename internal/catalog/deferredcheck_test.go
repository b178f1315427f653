package catalog

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"kiosk/internal/catalog/damage"
)

func leakAPage(t *testing.T, path string) {
	t.Helper()
	if err := damage.LeakPage(path); err != nil {
		t.Fatal(err)
	}
}

func openDeferred(t *testing.T, path string) *Cache {
	t.Helper()
	c, err := Open(path, Options{LockTimeout: 100 * time.Millisecond, Now: func() time.Time { return t0 }, DeferCheck: true})
	if err != nil {
		t.Fatalf("Open(%s): %v", path, err)
	}
	t.Cleanup(func() { c.Close() })
	return c
}

func waitChecked(t *testing.T, c *Cache) error {
	t.Helper()
	select {
	case <-c.Checked():
		return c.CheckErr()
	case <-time.After(10 * time.Second):
		t.Fatal("the deferred check never finished")
		return nil
	}
}

func TestTheLeakedPageIsWhatOnlyTheSecondHalfOfTheCheckFinds(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	writeValidCache(t, path)
	leakAPage(t, path)
	if err := preflight(path); err != nil {
		t.Fatalf("preflight refused the file, so it cannot stand for what only bbolt's check finds: %v", err)
	}
	c := mustOpenCache(t, path, nil)
	if c.Recovered() == "" {
		t.Fatal("a checked Open kept a file with a leaked page")
	}
}

func TestADeferredCheckThatPassesLeavesNoMarker(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	writeValidCache(t, path)
	c := openDeferred(t, path)
	if n := len(codes(t, c)); n != 400 {
		t.Fatalf("read %d procedures while the check ran, want 400", n)
	}
	if err := waitChecked(t, c); err != nil {
		t.Fatalf("the deferred check failed a valid cache: %v", err)
	}
	if _, err := os.Stat(path + ".unchecked"); !os.IsNotExist(err) {
		t.Errorf("the marker stayed after a passed check (stat: %v)", err)
	}
	if err := c.Close(); err != nil {
		t.Fatal(err)
	}
}

func TestADeferredCheckThatFailsReplacesTheFileAtTheNextOpen(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	c, err := Open(path, Options{})
	if err != nil {
		t.Fatal(err)
	}
	c.ApplyPage(procs(400, "1"), SyncState{Generation: 1})
	c.Enqueue(KindRating, "r1", []byte(`{"id":"r1"}`))
	c.Close()
	leakAPage(t, path)

	c = openDeferred(t, path)
	if c.Recovered() != "" {
		t.Fatalf("the file was moved aside before the deferred check ran: %s", c.Recovered())
	}
	if n := len(codes(t, c)); n != 400 {
		t.Errorf("the cache is not usable until the restart: %d procedures", n)
	}
	err = waitChecked(t, c)
	if err == nil || !strings.Contains(err.Error(), "unreachable") {
		t.Fatalf("CheckErr = %v, want bbolt's unreachable page", err)
	}
	if _, err := os.Stat(path + ".unchecked"); err != nil {
		t.Fatalf("the marker is gone after a failed check: %v", err)
	}
	c.Close()

	c = openDeferred(t, path)
	if !strings.HasPrefix(c.Recovered(), path+".corrupt-") {
		t.Fatalf("the next Open did not replace the file: Recovered() = %q", c.Recovered())
	}
	if got, _ := c.Pending(0); len(got) != 1 || got[0].Key != "r1" {
		t.Errorf("outbox after the replacement = %v, want r1", got)
	}
	if err := waitChecked(t, c); err != nil {
		t.Errorf("the fresh file failed its check: %v", err)
	}
}

func TestAMarkerLeftByAnInterruptedCheckMakesOpenCheckFirst(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	writeValidCache(t, path)
	leakAPage(t, path)
	// A power cut while the deferred check ran: the marker is still there.
	if err := os.WriteFile(path+".unchecked", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c := openDeferred(t, path)
	if !strings.HasPrefix(c.Recovered(), path+".corrupt-") {
		t.Fatalf("Open returned the damaged file unchecked: Recovered() = %q", c.Recovered())
	}
}

func TestAMarkerIsClearedByTheCheckItCalledFor(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	writeValidCache(t, path)
	if err := os.WriteFile(path+".unchecked", nil, 0o600); err != nil {
		t.Fatal(err)
	}
	c := openDeferred(t, path)
	select {
	case <-c.Checked():
	default:
		t.Fatal("Open left the check to the background although the last one never finished")
	}
	if _, err := os.Stat(path + ".unchecked"); !os.IsNotExist(err) {
		t.Fatalf("the marker stayed after the check passed (stat: %v): every later start would check first", err)
	}
	c.Close()
	c = openDeferred(t, path)
	if err := waitChecked(t, c); err != nil {
		t.Fatal(err)
	}
}

func TestAWithoutDeferCheckOpenIsCheckedWhenItReturns(t *testing.T) {
	path := filepath.Join(t.TempDir(), "cache.db")
	writeValidCache(t, path)
	c := mustOpenCache(t, path, nil)
	select {
	case <-c.Checked():
	default:
		t.Fatal("Checked is open after a checked Open")
	}
	if _, err := os.Stat(path + ".unchecked"); !os.IsNotExist(err) {
		t.Errorf("a checked Open wrote the marker (stat: %v)", err)
	}
}
