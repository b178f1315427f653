package pin

import (
	"bytes"
	"errors"
	"log/slog"
	"strings"
	"sync"
	"testing"
	"time"

	"golang.org/x/crypto/argon2"
)

// cheapHash makes a valid hash with tiny parameters so lockout tests that
// check many PINs stay fast; Verify reads the parameters from the string.
func cheapHash(t *testing.T, pin string) string {
	t.Helper()
	salt := []byte("0123456789abcdef")
	p := params{memory: 8, passes: 1, lanes: 1}
	return encode(p, salt, argon2.IDKey([]byte(pin), salt, p.passes, p.memory, p.lanes, keyLen))
}

func TestHashAndVerify(t *testing.T) {
	h, err := Hash("123456")
	if err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(h, "$argon2id$v=19$m=65536,t=3,p=1$") {
		t.Errorf("hash %q does not carry the argon2id PHC prefix with the tuned parameters", h)
	}
	if strings.Contains(h, "123456") {
		t.Errorf("hash %q contains the PIN digits", h)
	}
	for _, tc := range []struct {
		name string
		pin  string
		want bool
	}{
		{"the same PIN is accepted", "123456", true},
		{"a PIN one digit off is refused", "123457", false},
		{"a prefix of the PIN is refused", "1234", false},
		{"the PIN with an extra digit is refused", "1234560", false},
		{"a PIN with letters is refused without error", "12345a", false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			got, err := Verify(h, tc.pin)
			if err != nil {
				t.Fatal(err)
			}
			if got != tc.want {
				t.Errorf("Verify(%q) = %v, want %v", tc.pin, got, tc.want)
			}
		})
	}
	t.Run("two hashes of one PIN differ because of the salt", func(t *testing.T) {
		h2, err := Hash("123456")
		if err != nil {
			t.Fatal(err)
		}
		if h2 == h {
			t.Error("same hash twice; salt is not random")
		}
	})
}

func TestHashRejectsBadPINs(t *testing.T) {
	for _, pin := range []string{"", "123", "123456789", "12 34", "１２３４", "abcd"} {
		t.Run("PIN "+strings.TrimSpace(pin+" ")+" is not hashed", func(t *testing.T) {
			if _, err := Hash(pin); !errors.Is(err, ErrBadPIN) {
				t.Errorf("Hash(%q) error = %v, want ErrBadPIN", pin, err)
			}
		})
	}
}

func TestLooks(t *testing.T) {
	good := cheapHash(t, "1234")
	for _, tc := range []struct {
		name string
		hash string
		want bool
	}{
		{"a hash from this package looks right", good, true},
		{"a plain PIN does not", "123456", false},
		{"an empty string does not", "", false},
		{"a bcrypt hash does not", "$2y$10$abcdefghijklmnopqrstuuN0m9rQYc0VvUu4z1oGZ0dl2mXJ4Jz6e", false},
		{"argon2i is not argon2id", strings.Replace(good, "argon2id", "argon2i", 1), false},
		{"another version does not", strings.Replace(good, "v=19", "v=16", 1), false},
		{"absurd memory is refused", strings.Replace(good, "m=8,", "m=99999999,", 1), false},
		{"a missing parameter is refused", strings.Replace(good, ",p=1", "", 1), false},
		{"a repeated parameter is refused", strings.Replace(good, "p=1", "m=8", 1), false},
		{"a truncated key is refused", good[:len(good)-30], false},
		{"a salt that is not base64 is refused", strings.Replace(good, "$MDEy", "$!!!!", 1), false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			if got := Looks(tc.hash); got != tc.want {
				t.Errorf("Looks(%q) = %v, want %v", tc.hash, got, tc.want)
			}
		})
	}
	t.Run("Verify of a malformed hash is an error, not a mismatch", func(t *testing.T) {
		if _, err := Verify("123456", "123456"); !errors.Is(err, ErrBadHash) {
			t.Errorf("err = %v, want ErrBadHash", err)
		}
	})
}

type fakeClock struct{ t time.Time }

func (c *fakeClock) now() time.Time          { return c.t }
func (c *fakeClock) advance(d time.Duration) { c.t = c.t.Add(d) }

func TestGuardLocksWithGrowingDelays(t *testing.T) {
	h := cheapHash(t, "2468")
	clk := &fakeClock{t: time.Date(2026, 11, 22, 8, 0, 0, 0, time.UTC)}
	g := NewGuard(clk.now)

	// Four wrong PINs cost nothing.
	for i := 1; i <= 4; i++ {
		ok, wait, err := g.Check(h, "1111")
		if ok || wait != 0 || err != nil {
			t.Fatalf("wrong PIN %d: got (%v, %v, %v), want (false, 0, nil)", i, ok, wait, err)
		}
	}
	// Each later wrong PIN locks for 30s, 1m, 2m, 4m, ... up to 30m.
	wantLocks := []time.Duration{30 * time.Second, time.Minute, 2 * time.Minute, 4 * time.Minute,
		8 * time.Minute, 16 * time.Minute, 30 * time.Minute, 30 * time.Minute}
	for i, want := range wantLocks {
		ok, wait, err := g.Check(h, "1111")
		if ok || err != nil || wait != want {
			t.Fatalf("wrong PIN %d: got (%v, %v, %v), want (false, %v, nil)", i+5, ok, wait, err, want)
		}
		locked, left := g.Locked()
		if !locked || left != want {
			t.Fatalf("after wrong PIN %d Locked() = (%v, %v), want (true, %v)", i+5, locked, left, want)
		}
		// While locked even the right PIN is refused unchecked.
		clk.advance(want - time.Second)
		ok, wait, err = g.Check(h, "2468")
		if ok || !errors.Is(err, ErrLocked) || wait != time.Second {
			t.Fatalf("right PIN while locked: got (%v, %v, %v), want (false, 1s, ErrLocked)", ok, wait, err)
		}
		clk.advance(time.Second)
		if locked, _ := g.Locked(); locked {
			t.Fatalf("still locked when the delay after wrong PIN %d is over", i+5)
		}
	}
	// The right PIN opens and clears the count: four free attempts again.
	if ok, _, err := g.Check(h, "2468"); !ok || err != nil {
		t.Fatalf("right PIN after lock expired: ok=%v err=%v", ok, err)
	}
	for i := 1; i <= 4; i++ {
		if _, wait, _ := g.Check(h, "1111"); wait != 0 {
			t.Fatalf("wrong PIN %d after a correct one locked for %v; count was not cleared", i, wait)
		}
	}
	if _, wait, _ := g.Check(h, "1111"); wait != FirstLock {
		t.Errorf("fifth wrong PIN after reset locked for %v, want %v", wait, FirstLock)
	}
}

func TestGuardCountsParallelGuesses(t *testing.T) {
	h := cheapHash(t, "2468")
	clk := &fakeClock{t: time.Unix(1e9, 0)}
	g := NewGuard(clk.now)
	var wg sync.WaitGroup
	var mu sync.Mutex
	checked, refused := 0, 0
	for i := 0; i < 10; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			_, _, err := g.Check(h, "1357")
			mu.Lock()
			defer mu.Unlock()
			if errors.Is(err, ErrLocked) {
				refused++
			} else {
				checked++
			}
		}()
	}
	wg.Wait()
	if checked != FreeAttempts || refused != 10-FreeAttempts {
		t.Errorf("10 parallel wrong PINs: %d checked, %d refused; want %d and %d", checked, refused, FreeAttempts, 10-FreeAttempts)
	}
}

func TestGuardDoesNotCountBadHashes(t *testing.T) {
	g := NewGuard(func() time.Time { return time.Unix(0, 0) })
	for i := 0; i < 10; i++ {
		if _, _, err := g.Check("not-a-hash", "1234"); !errors.Is(err, ErrBadHash) {
			t.Fatalf("err = %v, want ErrBadHash", err)
		}
	}
	if locked, _ := g.Locked(); locked {
		t.Error("a broken config hash locked the panel")
	}
}

func TestGuardNeverLogsDigits(t *testing.T) {
	var buf bytes.Buffer
	g := NewGuard(nil)
	g.Logger = slog.New(slog.NewTextHandler(&buf, nil))
	h := cheapHash(t, "97531")
	for _, p := range []string{"86420", "86420", "97531"} {
		g.Check(h, p)
	}
	logs := buf.String()
	if strings.Count(logs, "staff PIN attempt") != 3 {
		t.Errorf("want one log line per attempt, got:\n%s", logs)
	}
	for _, digits := range []string{"86420", "97531"} {
		if strings.Contains(logs, digits) {
			t.Errorf("log contains PIN %s:\n%s", digits, logs)
		}
	}
}

func BenchmarkHash(b *testing.B) {
	for b.Loop() {
		if _, err := Hash("123456"); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkVerify(b *testing.B) {
	h, _ := Hash("123456")
	for b.Loop() {
		Verify(h, "654321")
	}
}

func FuzzLooks(f *testing.F) {
	f.Add("$argon2id$v=19$m=8,t=1,p=1$MDEyMzQ1Njc4OWFiY2RlZg$3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w3q2+7w")
	f.Add("123456")
	f.Add("$argon2id$v=19$m=0,t=0,p=0$$")
	f.Fuzz(func(t *testing.T, s string) {
		p, salt, key, err := decode(s)
		if err != nil {
			return
		}
		if p.memory > maxMemoryKiB || p.passes > maxPasses || p.lanes > maxLanes || len(salt) < 8 || len(key) < 16 {
			t.Fatalf("decode accepted out-of-range hash %q", s)
		}
	})
}
