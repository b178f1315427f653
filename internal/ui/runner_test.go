package ui

import (
	"context"
	"log/slog"
	"testing"
	"time"

	"fyne.io/fyne/v2/container"
	"fyne.io/fyne/v2/test"
)

// byHand is a runner whose work and spinner timers run only when the test
// says so.
type byHand struct {
	r      *runner
	work   workQueue
	timers []func()
}

func newByHand(t *testing.T) *byHand {
	t.Helper()
	a := test.NewTempApp(t)
	b := &byHand{}
	b.r = newRunner(newLook(a, "vi", slog.Default()), container.NewStack())
	b.r.launch = b.work.launch
	b.r.after = func(d time.Duration, f func()) func() bool {
		b.timers = append(b.timers, f)
		return func() bool { return true }
	}
	return b
}

func (b *byHand) runWork() { b.work.run() }

// fireTimers runs due spinner timers; their fyne.Do runs synchronously in
// the test app.
func (b *byHand) fireTimers() {
	ts := b.timers
	b.timers = nil
	for _, f := range ts {
		f()
	}
}

func TestTheRunnerAppliesOnlyTheNewestOfTwoSearches(t *testing.T) {
	b := newByHand(t)
	var shown []string
	first, cancelFirst := context.WithCancel(b.r.sess)
	b.r.asyncQuiet(first, func(ctx context.Context) func() { return func() { shown = append(shown, "old") } })
	cancelFirst() // the citizen typed another letter
	b.r.asyncQuiet(b.r.sess, func(ctx context.Context) func() { return func() { shown = append(shown, "new") } })
	b.runWork()
	if len(shown) != 1 || shown[0] != "new" {
		t.Errorf("applied %v, want only [new]", shown)
	}
}

func TestTheRunnerShowsTheSpinnerOnlyForWorkStillPendingAfterTheDelay(t *testing.T) {
	b := newByHand(t)
	b.r.async(b.r.sess, func(ctx context.Context) func() { return nil })
	b.runWork() // done before the delay
	b.fireTimers()
	if b.r.spinner != nil || len(b.r.overlay.Objects) != 0 {
		t.Fatal("quick work flashed the spinner")
	}

	b.r.async(b.r.sess, func(ctx context.Context) func() { return nil })
	b.fireTimers() // the delay passes with the work still running
	if b.r.spinner == nil || len(b.r.overlay.Objects) != 1 {
		t.Fatal("slow work shows no spinner")
	}
	b.runWork()
	if b.r.spinner != nil || len(b.r.overlay.Objects) != 0 {
		t.Fatal("the spinner stayed after the work was done")
	}
}

func TestTheRunnerDropsTheLastSessionsWorkAtItsEnd(t *testing.T) {
	b := newByHand(t)
	old := b.r.sess
	applied := false
	b.r.async(old, func(ctx context.Context) func() { return func() { applied = true } })
	b.r.endSession() // idle reset while the portal is still answering
	if old.Err() == nil {
		t.Error("the old session's context is still live")
	}
	if b.r.sess.Err() != nil {
		t.Error("the new session starts cancelled")
	}
	b.runWork()
	if applied {
		t.Error("a late answer reached the next citizen's screen")
	}
}
