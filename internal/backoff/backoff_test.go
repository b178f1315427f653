package backoff

import (
	"testing"
	"time"
)

func TestWaitUsesFullJitterWithinBounds(t *testing.T) {
	sync := Policy{Base: 5 * time.Second, Max: 10 * time.Minute, Min: time.Second}
	portal := Policy{Base: 200 * time.Millisecond, Max: 5 * time.Second}
	cases := []struct {
		name    string
		p       Policy
		attempt int
		rnd     float64
		want    time.Duration
	}{
		{"the first retry waits up to the base", sync, 1, 0.999999, 5 * time.Second},
		{"the ceiling doubles with each failure", sync, 3, 0.999999, 20 * time.Second},
		{"the ceiling never passes the cap", sync, 30, 0.999999, 10 * time.Minute},
		{"half a draw gives half the ceiling", sync, 2, 0.5, 5 * time.Second},
		{"an unlucky draw still waits at least the floor", sync, 4, 0, time.Second},
		{"without a floor an unlucky draw retries at once", portal, 4, 0, 0},
		{"a floor above the ceiling is cut to the ceiling", Policy{Base: 100 * time.Millisecond, Max: time.Second, Min: time.Second}, 1, 0, 100 * time.Millisecond},
		{"attempt zero counts as the first retry", portal, 0, 0.5, 100 * time.Millisecond},
		{"a huge attempt number does not overflow", portal, 1 << 20, 0.5, 2500 * time.Millisecond},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			got := tc.p.Wait(tc.attempt, func() float64 { return tc.rnd })
			if diff := got - tc.want; diff < -time.Millisecond || diff > time.Millisecond {
				t.Errorf("Wait(%d, rnd=%v) = %v, want %v", tc.attempt, tc.rnd, got, tc.want)
			}
		})
	}
}
