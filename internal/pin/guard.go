package pin

import (
	"errors"
	"log/slog"
	"sync"
	"time"
)

// Lockout policy: FreeAttempts wrong PINs in a row are allowed; each wrong PIN
// from then on locks the guard for FirstLock, doubling every time, capped at
// MaxLock. A correct PIN clears the count.
const (
	FreeAttempts = 5
	FirstLock    = 30 * time.Second
	MaxLock      = 30 * time.Minute
)

// ErrLocked means the guard refused the attempt without checking the PIN
// because too many wrong PINs were entered; the returned wait says how long.
var ErrLocked = errors.New("staff panel locked after too many wrong PINs")

// Store keeps the guard's state across restarts (*catalog.Cache satisfies
// it). Without one, a power cycle would reset the count of wrong PINs.
type Store interface {
	PINLockout() (failed int, until time.Time, err error)
	SetPINLockout(failed int, until time.Time) error
}

// Guard checks PINs and locks out guessing. It is safe for concurrent use;
// attempts are checked one at a time so parallel guesses cannot slip past the
// count. The zero value is not usable; call NewGuard.
type Guard struct {
	// Logger, if set, receives one line per attempt with its outcome and the
	// count of wrong PINs. The PIN itself is never logged.
	Logger *slog.Logger

	now    func() time.Time
	store  Store
	loaded bool
	mu     sync.Mutex
	failed int       // wrong PINs in a row
	until  time.Time // locked until
}

// NewPersistentGuard is NewGuard with its state kept in store: the wrong-PIN
// count and the lock survive a restart or a kill -9.
func NewPersistentGuard(now func() time.Time, store Store) *Guard {
	g := NewGuard(now)
	g.store = store
	return g
}

// load reads the saved state once. A lock that ends further ahead than the
// lock the saved count deserves was saved under a clock running ahead: it is
// shortened to that lock from now, so a corrected clock neither frees the
// guesser nor locks staff out for years. Called with g.mu held.
func (g *Guard) load() {
	if g.loaded || g.store == nil {
		return
	}
	g.loaded = true
	failed, until, err := g.store.PINLockout()
	if err != nil {
		if g.Logger != nil {
			g.Logger.Warn("reading the saved PIN lockout", "err", err)
		}
		// Fail closed: an unreadable state counts as a locked guard.
		failed, until = FreeAttempts, g.now().Add(FirstLock)
	}
	g.failed, g.until = max(failed, 0), until
	if g.failed >= FreeAttempts {
		if most := g.now().Add(lockFor(g.failed - FreeAttempts)); g.until.After(most) {
			g.until = most
		}
	}
}

// save writes the state; called with g.mu held.
func (g *Guard) save() {
	if g.store == nil {
		return
	}
	if err := g.store.SetPINLockout(g.failed, g.until); err != nil && g.Logger != nil {
		g.Logger.Warn("saving the PIN lockout", "err", err)
	}
}

// NewGuard returns a Guard that reads the time from now (time.Now if nil).
func NewGuard(now func() time.Time) *Guard {
	if now == nil {
		now = time.Now
	}
	return &Guard{now: now}
}

// Check verifies pin against hash unless the guard is locked.
//   - correct PIN: ok is true, the wrong-PIN count is cleared;
//   - wrong PIN: ok is false; wait is how long the guard now stays locked
//     (0 while free attempts remain);
//   - locked: ok is false, wait is the time left, err is ErrLocked;
//   - malformed hash: err wraps ErrBadHash and the attempt is not counted.
func (g *Guard) Check(hash, pin string) (ok bool, wait time.Duration, err error) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.load()
	if left := g.until.Sub(g.now()); left > 0 {
		g.log("locked", left)
		return false, left, ErrLocked
	}
	ok, err = Verify(hash, pin)
	if err != nil {
		g.log("bad hash", 0)
		return false, 0, err
	}
	if ok {
		g.failed = 0
		g.until = time.Time{}
		g.save()
		g.log("ok", 0)
		return true, 0, nil
	}
	g.failed++
	if g.failed >= FreeAttempts {
		wait = lockFor(g.failed - FreeAttempts)
		g.until = g.now().Add(wait)
	}
	g.save()
	g.log("wrong", wait)
	return false, wait, nil
}

// Locked reports whether the guard currently refuses attempts, and for how
// much longer.
func (g *Guard) Locked() (bool, time.Duration) {
	g.mu.Lock()
	defer g.mu.Unlock()
	g.load()
	left := g.until.Sub(g.now())
	if left <= 0 {
		return false, 0
	}
	return true, left
}

// lockFor is the lock after the n-th wrong PIN past the free ones (n from 0).
func lockFor(n int) time.Duration {
	d := FirstLock
	for i := 0; i < n && d < MaxLock; i++ {
		d *= 2
	}
	return min(d, MaxLock)
}

func (g *Guard) log(result string, wait time.Duration) {
	if g.Logger == nil {
		return
	}
	g.Logger.Info("staff PIN attempt", "result", result, "wrong_in_a_row", g.failed, "locked_for", wait)
}
