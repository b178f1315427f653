package kiosk

import (
	"testing"

	"kiosk/internal/receipt"
	"kiosk/internal/scanner"
)

// The dossier slip's QR is a link for the citizen's phone; scanned back at
// the kiosk it must still open the same dossier.
func TestTheSlipsLookupLinkScansBackAsTheDossier(t *testing.T) {
	code := "000.00.15.H29-261015-0012"
	for _, u := range []string{
		"",
		"https://dichvucong.hochiminhcity.gov.vn/tra-cuu-ho-so?ma={code}",
		"https://dichvucong.example.gov.vn/tra-cuu?ma=",
		"https://dichvucong.example.gov.vn/web/cong-dich-vu-cong/tra-cuu-ho-so#/tra-cuu-thong-tin-ho-so/{code}",
	} {
		data := receipt.DossierLookupData(code, receipt.Site{LookupURL: u})
		p, err := scanner.Parse(data)
		if err != nil || p.DossierCode != code {
			t.Errorf("lookup_url %q: the QR %q scans as %+v, %v; want dossier %s", u, data, p, err, code)
		}
	}
}
