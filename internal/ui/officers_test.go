package ui

import (
	"context"
	"fmt"
	"sync"
	"testing"

	"kiosk/internal/portal"
)

// fakeOfficers is a portal's officer list (OpenCPS /employees/publish).
type fakeOfficers struct {
	mu    sync.Mutex
	list  []portal.Officer
	err   error
	asked []string
}

func (f *fakeOfficers) Officers(ctx context.Context, agency string) ([]portal.Officer, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	f.asked = append(f.asked, agency)
	return f.list, f.err
}

func withOfficers(f *fakeOfficers) func(*Deps, *Options) {
	return func(d *Deps, o *Options) {
		d.Officers = f
		o.OfficerAgency = "000.10.00.H29"
	}
}

func TestTheRatingOffersThePortalsOfficersToChooseFrom(t *testing.T) {
	f := &fakeOfficers{list: []portal.Officer{
		{ID: "50000", Name: "Nguyễn Thị Lan", Title: "Công chức một cửa"},
		{ID: "50001", Name: "Trần Văn Minh", Title: "Chuyên viên"},
	}}
	h := newHarness(t, withOfficers(f))
	h.tap("Đánh giá")
	h.tap("Hài lòng")
	h.mustSee("Cán bộ đã phục vụ bạn")
	h.mustNotSee(h.k.t("rate.officer")) // no free-text field when the portal lists them
	h.tap("Trần Văn Minh")
	h.tapID("rate.send")
	h.mustSee("Cảm ơn bạn đã đánh giá!")
	if len(h.f.ratings) != 1 || h.f.ratings[0].Officer != "50001" {
		t.Fatalf("saved %+v, want one rating of officer 50001 (the portal's employeeId)", h.f.ratings)
	}
	if len(f.asked) != 1 || f.asked[0] != "000.10.00.H29" {
		t.Errorf("asked the officers of %q, want the centre's agency once", f.asked)
	}

	t.Run("in English too", func(t *testing.T) {
		h := newHarness(t, withOfficers(f))
		h.tapID("lang.switch")
		h.tapID("start.rate")
		h.tap(h.k.t(faceIDs[portal.Satisfied]))
		h.mustSee("The officer who served you")
	})
}

func TestTheRatingKeepsTheTypedOfficerWhenThePortalListsNone(t *testing.T) {
	for _, f := range []*fakeOfficers{
		{err: fmt.Errorf("officers: %w", portal.ErrUnsupported)},
		{}, // an empty list
	} {
		h := newHarness(t, withOfficers(f))
		h.tap("Đánh giá")
		h.tap("Hài lòng")
		h.mustSee(h.k.t("rate.officer"))
		h.mustNotSee("Cán bộ đã phục vụ bạn")
	}
}
