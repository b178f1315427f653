package catalog

import (
	"os"
	"path/filepath"
	"testing"
	"time"
)

// FuzzOpenArbitraryFile feeds Open whatever bytes a damaged disk might hold.
// Open must never panic, and whatever it returns must be a usable cache
// (recovered or not).
func FuzzOpenArbitraryFile(f *testing.F) {
	valid := filepath.Join(f.TempDir(), "valid.db")
	c, err := Open(valid, Options{})
	if err != nil {
		f.Fatal(err)
	}
	c.ApplyPage(procs(20, "1"), SyncState{Generation: 1})
	c.Enqueue(KindRating, "r1", []byte(`{"id":"r1"}`))
	c.Close()
	b, _ := os.ReadFile(valid)
	f.Add(b)
	f.Add(b[:4096])
	f.Add([]byte{})
	f.Add([]byte("not a database"))
	flipped := append([]byte(nil), b...)
	for i := 4096 * 2; i < len(flipped); i += 97 {
		flipped[i] ^= 0x5a
	}
	f.Add(flipped)

	f.Fuzz(func(t *testing.T, data []byte) {
		path := filepath.Join(t.TempDir(), "cache.db")
		if err := os.WriteFile(path, data, 0o600); err != nil {
			t.Fatal(err)
		}
		c, err := Open(path, Options{LockTimeout: 50 * time.Millisecond, Now: func() time.Time { return t0 }})
		if err != nil {
			t.Fatalf("Open of damaged file failed instead of recovering: %v", err)
		}
		defer c.Close()
		// Reading may fail on a damaged-but-plausible file; it must not panic.
		c.Procedures()
		c.Pending(0)
		c.Stats()
		if err := c.Enqueue(KindRating, "fuzz", []byte("x")); err != nil && c.Recovered() != "" {
			t.Errorf("a freshly recovered cache refused a write: %v", err)
		}
	})
}
