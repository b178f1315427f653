package sync

import (
	"context"
	"fmt"
	"path/filepath"
	"testing"

	"kiosk/internal/portal"
)

// A rating the portal can never take (an OpenCPS subject without voting
// questions answers ErrUnsupported) goes to the dead letters; retried, it
// would hold every later rating behind it for ever.
func TestARatingThePortalCannotTakeDoesNotBlockTheRest(t *testing.T) {
	now := t0
	c := mustOpenCache(t, filepath.Join(t.TempDir(), "cache.db"))
	queueRatings(t, c, "r1", "r2")
	dst := &fakeRatings{next: []error{fmt.Errorf("no voting questions for employee: %w", portal.ErrUnsupported)}}
	n, err := newDeliverer(dst, c, &now).DeliverOnce(context.Background())
	if n != 1 || err != nil {
		t.Fatalf("DeliverOnce = %d, %v; want r2 delivered", n, err)
	}
	dead, _ := c.DeadLetters()
	if len(dead) != 1 || dead[0].Item.Key != "r1" {
		t.Errorf("dead letters = %+v, want r1", dead)
	}
	if got := fmt.Sprint(dst.received); got != "[r2]" {
		t.Errorf("portal received %s, want [r2]", got)
	}
}
