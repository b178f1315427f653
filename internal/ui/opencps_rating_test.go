package ui

import "testing"

// A portal that answers "may not rate" at lookup time (OpenCPS's
// /votings/checkpermission, see kiosk.Lookups.Dossier) gets an explanation
// instead of the faces, and nothing reaches the outbox.
func TestARatingThePortalRefusesIsExplainedAndNotSent(t *testing.T) {
	for _, lang := range []string{"vi", "en"} {
		t.Run(lang, func(t *testing.T) {
			h := newHarness(t)
			d := h.addDossier()
			d.RatingRefused = true
			h.f.dossiers[testCode] = d
			if lang == "en" {
				h.tapID("lang.switch")
			}
			rateAfterIDLookup(h)
			h.mustSee(h.k.t("opencps.rate.refused.title"))
			h.mustSee(h.k.t("opencps.rate.refused.body"))
			h.mustNotSee(h.k.t(faceIDs[5]))
			if len(h.f.ratings) != 0 {
				t.Errorf("saved %+v, want nothing", h.f.ratings)
			}
			// The way on: the centre's own rating, without the dossier.
			h.tapID("opencps.rate.refused.general")
			h.tap(h.k.t(faceIDs[4]))
			h.tapID("rate.send")
			if len(h.f.ratings) != 1 || h.f.ratings[0].DossierCode != "" {
				t.Errorf("saved %+v, want one rating of the centre, no dossier", h.f.ratings)
			}
		})
	}
}

// Without the refusal the same lookup rates as before.
func TestARatingThePortalPermitsShowsTheFaces(t *testing.T) {
	h := newHarness(t)
	h.addDossier()
	rateAfterIDLookup(h)
	h.mustNotSee(h.k.t("opencps.rate.refused.title"))
	h.tap(h.k.t(faceIDs[4]))
	h.tapID("rate.send")
	if len(h.f.ratings) != 1 || h.f.ratings[0].DossierCode != testCode {
		t.Errorf("saved %+v, want one rating of %s", h.f.ratings, testCode)
	}
}

// rateAfterIDLookup looks the test dossier up by code and ID number and
// taps its rating tile.
func rateAfterIDLookup(h *harness) {
	h.tapID("start.check")
	h.tapID("dossier.type")
	h.typeKeys(testCode)
	h.tapID("dossier.lookup")
	h.typeKeys("001090012345")
	h.tapID("dossier.lookup")
	h.tapID("dossier.rate")
}
