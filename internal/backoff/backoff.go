// Package backoff is the one exponential backoff with full jitter in the
// module: the wait before a retry, used by the portal client between
// attempts of one request and by the sync and delivery loops between runs,
// so that a down portal is never hammered by a fleet of kiosks retrying in
// step.
package backoff

import "time"

// Policy says how long to wait before each retry.
type Policy struct {
	// Base is the ceiling of the first retry's wait; it doubles with each
	// further retry.
	Base time.Duration
	// Max caps the ceiling.
	Max time.Duration
	// Min is the shortest wait, so that even an unlucky draw never retries
	// in a tight loop (0: no floor). It never exceeds the ceiling.
	Min time.Duration
}

// Wait is the wait before retry number attempt (1 for the first retry):
// full jitter, rnd() (in [0,1)) times the ceiling min(Max, Base·2^(attempt-1)),
// and at least Min.
func (p Policy) Wait(attempt int, rnd func() float64) time.Duration {
	if attempt < 1 {
		attempt = 1
	}
	ceiling := p.Base
	for i := 1; i < attempt && ceiling < p.Max; i++ {
		ceiling *= 2
	}
	if ceiling > p.Max {
		ceiling = p.Max
	}
	d := time.Duration(rnd() * float64(ceiling))
	if d < p.Min {
		d = min(p.Min, ceiling)
	}
	return d
}
