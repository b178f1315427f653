package ui

import (
	"testing"

	"kiosk/internal/portal"
)

func TestTheReadyListIsAScreenOfItsOwn(t *testing.T) {
	h := newHarness(t)
	h.f.ready = []portal.ReadyDossier{
		{Code: "000.00.15.H29-261015-0012", ProcedureName: "Đăng ký khai sinh", Applicant: "Trần Thị Bình", FinishedAt: testNow, PickupPlace: "Quầy 3"},
		{Code: "000.10.00.H29-261103-0007", ProcedureName: "Đăng ký kết hôn", Applicant: "Lê Văn Cường", FinishedAt: testNow},
	}
	r := newReadyScreen(nil)
	h.k.show(r)
	h.settle()
	h.mustSee(h.k.t("dossier.tab.ready")) // its title in the header
	h.mustSee("000.00.15.H29-261015-0012")
	h.mustSee("Quầy 3")
	h.mustNotSee("Trần") // the public list names nobody, not even masked
	h.mustNotSee("Lê V")
	h.typeKeys("0007")
	h.mustSee("000.10.00.H29-261103-0007")
	h.mustNotSee("000.00.15.H29-261015-0012")

	h.k.back()
	if r.stop != nil {
		t.Error("the list still refreshes after it was left")
	}
	if r.onScreen(h.k.env) {
		t.Error("the list thinks it is on screen after back")
	}
}

func TestTheReadyTabStopsRefreshingOnTheLookupTab(t *testing.T) {
	h := newHarness(t)
	h.tap("Tra cứu hồ sơ")
	d := h.k.cur.(*dossierScreen)
	h.tapID("dossier.tab.collect")
	if d.ready.stop == nil || !d.ready.onScreen(h.k.env) {
		t.Fatal("the ready tab is not refreshing while shown")
	}
	h.tapID("dossier.tab.lookup")
	if d.ready.stop != nil || d.ready.onScreen(h.k.env) {
		t.Error("the ready list keeps refreshing behind the lookup tab")
	}
}
