package ui

import (
	"context"
	"errors"
	"sync/atomic"
	"testing"

	"kiosk/internal/portal"
)

// queueCounts is a QueueLengther with fixed counts (or an error).
type queueCounts struct {
	counts map[string]int
	err    error
	asked  atomic.Int32
}

func (q *queueCounts) QueueLengths(context.Context) (map[string]int, error) {
	q.asked.Add(1)
	return q.counts, q.err
}

// Issue 19, item 14: the citizen sees how many wait for each service
// before taking a number, in both languages, and "no one" is said as such.
func TestTheServiceTilesSayHowManyWaitBeforeANumberIsTaken(t *testing.T) {
	q := &queueCounts{counts: map[string]int{"HT": 5, "DD": 0}}
	h := newHarness(t, func(d *Deps, _ *Options) { d.QueueLengths = q })
	h.tap("Lấy số thứ tự")
	h.mustSee("Quầy 3 · 5 người đang chờ")
	h.mustSee("Quầy 5 · Không có ai đang chờ")
	h.k.SetLanguage("en")
	h.settle()
	h.mustSee("Counter 3 · 5 waiting")
	h.mustSee("Counter 5 · no one waiting")
	if n := q.asked.Load(); n != 1 {
		t.Errorf("the portal was asked %d times for one visit, want 1", n)
	}
}

// Without counts (OpenCPS, or the portal failed) the tiles show the counter
// only and nothing pretends there is no queue.
func TestWithoutQueueCountsTheTilesShowOnlyTheCounter(t *testing.T) {
	for name, q := range map[string]*queueCounts{
		"unsupported": {err: &portal.Error{Op: "queue lengths", Err: portal.ErrUnsupported}},
		"offline":     {err: errors.New("connection refused")},
	} {
		t.Run(name, func(t *testing.T) {
			h := newHarness(t, func(d *Deps, _ *Options) { d.QueueLengths = q })
			h.tap("Lấy số thứ tự")
			h.mustSee("Quầy 3")
			h.mustNotSee("đang chờ")
			h.tap("Hộ tịch, chứng thực")
			h.mustSee("Đồng ý, lấy số")
		})
	}
}
