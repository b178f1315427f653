package ui

import "time"

// idleState is where a citizen's session stands.
type idleState int

const (
	idleActive  idleState = iota // someone touched the screen recently
	idleAsking                   // "are you still there?" with a countdown
	idleExpired                  // nobody answered: reset to the start screen
)

// idleTimer decides, from the time of the last touch, whether to ask "are
// you still there?" and when to reset. It is pure logic driven by an injected
// clock, so tests step time instead of sleeping.
type idleTimer struct {
	timeout, countdown time.Duration
	last               time.Time
}

func (t *idleTimer) touch(now time.Time) { t.last = now }

// state returns the state at now and, while asking, the time left.
func (t *idleTimer) state(now time.Time) (idleState, time.Duration) {
	idle := now.Sub(t.last)
	switch {
	case idle < t.timeout:
		return idleActive, 0
	case idle < t.timeout+t.countdown:
		return idleAsking, t.timeout + t.countdown - idle
	}
	return idleExpired, 0
}
