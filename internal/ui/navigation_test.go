package ui

import (
	"context"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// Navigation surprises a citizen walk found (issue 19, item 11).
func TestNavigationDoesWhatTheCitizenExpects(t *testing.T) {
	t.Run("back from typing the code returns to the scan screen, not home", func(t *testing.T) {
		h := newHarness(t)
		h.tapID("start.check")
		h.tapID("dossier.type")
		h.mustSee(h.k.t("dossier.type.help"))
		h.tapID("nav.back")
		h.mustSee(h.k.t("dossier.scan"))
		h.mustNotSee(h.k.t("dossier.type.help"))
		h.tapID("nav.back")
		h.mustSee(h.k.t("start.find"))
	})

	t.Run("back from the ID question returns to the scan screen", func(t *testing.T) {
		h := newHarness(t)
		h.addDossier()
		h.tapID("start.check")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode}, nil)
		h.settle()
		h.mustSee(h.k.t("dossier.id.ask"))
		h.tapID("nav.back")
		h.mustSee(h.k.t("dossier.scan"))
	})

	t.Run("an unknown code says so before any ID card is asked for", func(t *testing.T) {
		h := newHarness(t)
		h.tapID("start.check")
		h.tapID("dossier.type")
		h.typeKeys("000.00.53.H48-220921-0404")
		h.tapID("dossier.lookup")
		h.settle()
		h.mustSee(h.k.t("dossier.err.notfound", "Code", "000.00.53.H48-220921-0404"))
		h.mustNotSee(h.k.t("dossier.id.ask"))
		if n := len(h.f.dossierQs); n != 1 || h.f.dossierQs[0] != (portal.DossierQuery{}) {
			t.Errorf("portal asked %d times (%+v), want once without secret or ID", n, h.f.dossierQs)
		}
	})

	t.Run("a known code asks for the ID card, and skipping shows the summary without asking again", func(t *testing.T) {
		h := newHarness(t)
		h.addDossier()
		h.tapID("start.check")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode}, nil)
		h.settle()
		h.mustSee(h.k.t("dossier.id.ask"))
		h.tapID("dossier.id.skip")
		h.settle()
		h.mustSee(h.k.t("dossier.summaryonly"))
		if n := len(h.f.dossierQs); n != 1 {
			t.Errorf("portal asked %d times, want once", n)
		}
	})

	t.Run("printing a long page keeps its place", func(t *testing.T) {
		h := newHarness(t)
		h.addDossier()
		h.tapID("start.check")
		h.k.cur.(*dossierScreen).onScan(h.k.env, Payload{DossierCode: testCode, Secret: "s3cr3t"}, nil)
		h.settle()
		s := h.k.cur.(*dossierScreen)
		s.resultList.ScrollTo(s.resultList.maxOffset())
		at := s.resultList.Offset
		if at <= 0 {
			t.Fatal("the result page does not scroll in this window; nothing to keep")
		}
		h.tapID("dossier.print")
		h.settle()
		h.mustSee(h.k.t("print.done"))
		if got := s.resultList.Offset; got != at {
			t.Errorf("after printing the page is at %.0f, was at %.0f", got, at)
		}

		h.k.show(&detailScreen{proc: h.f.procs[0]})
		d := h.k.cur.(*detailScreen)
		d.list.ScrollTo(d.list.maxOffset())
		at = d.list.Offset
		h.tapID("detail.print")
		h.settle()
		if got := d.list.Offset; at <= 0 || got != at {
			t.Errorf("procedure page after printing at %.0f, was at %.0f", got, at)
		}
	})

	t.Run("the thank-you page has one way home", func(t *testing.T) {
		h := newHarness(t)
		h.tapID("start.rate")
		h.tap(h.k.t(faceIDs[4]))
		h.tapID("rate.send")
		h.settle()
		h.mustSee(h.k.t("rate.thanks"))
		homes := len(h.tiles(h.k.t("nav.home"))) + len(h.tiles(h.k.t("rate.done")))
		if homes != 1 {
			t.Errorf("%d home buttons on the thank-you page, want 1", homes)
		}
	})
}

// hangingReady is a portal whose ready list never answers.
type hangingReady struct{ calls int }

func (r *hangingReady) ReadyDossiers(ctx context.Context, agency, q string) ([]portal.ReadyDossier, error) {
	r.calls++
	<-ctx.Done()
	return nil, ctx.Err()
}

// The ready-to-collect list stayed on "Đang xử lý, xin chờ…" for over a
// minute against a slow portal (issue 19, item 10): one load is bounded, the
// citizen is told plainly and gets a retry button, and the screen keeps
// answering taps.
func TestTheReadyListGivesUpOnAHangingPortalAndOffersARetry(t *testing.T) {
	hang := &hangingReady{}
	h := newHarness(t, func(d *Deps, o *Options) {
		d.Ready = hang
		o.LookupTimeout = 50 * time.Millisecond
	})
	h.tapID("start.check")
	h.tapID("dossier.tab.collect") // the load runs into its time limit
	h.settle()
	h.mustSee(h.k.t("sa.ready.failed"))
	h.mustNotSee(h.k.t("sa.ready.loading"))
	h.mustNotSee(h.k.t("busy"))

	h.tapID("sa.ready.retry")
	h.settle()
	if hang.calls != 2 {
		t.Errorf("the portal was asked %d times, want 2 (the retry)", hang.calls)
	}
	h.mustSee(h.k.t("sa.ready.failed"))

	// The portal answers again: the retry shows the list.
	h.k.deps.Ready = h.f
	h.f.ready = []portal.ReadyDossier{{Code: "000.00.53.H48-221001-0001", ProcedureName: "Đăng ký khai sinh", FinishedAt: testNow}}
	h.tapID("sa.ready.retry")
	h.settle()
	h.mustSee("000.00.53.H48-221001-0001")
	h.mustNotSee(h.k.t("sa.ready.failed"))

	// And the next tap is not swallowed.
	h.tapID("dossier.tab.lookup")
	h.mustSee(h.k.t("dossier.scan"))
}
