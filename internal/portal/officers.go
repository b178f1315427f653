package portal

import (
	"context"
	"strings"
)

// Officer is one officer a citizen can rate ("which officer served you").
// ID is what a Rating's Officer field must carry (OpenCPS's employeeId).
type Officer struct {
	ID    string `json:"id"`
	Name  string `json:"name"`
	Title string `json:"title,omitempty"`
}

// officerLister and ratePermitter are the optional operations only some
// dialects have.
type (
	officerLister interface {
		officers(ctx context.Context, agency string) ([]Officer, error)
	}
	ratePermitter interface {
		mayRate(ctx context.Context, dossierCode, idNumber string) (bool, error)
	}
)

// Officers lists the officers of an agency, in the portal's order, for the
// rating screen's choice of officer. Dialects without such a list return
// ErrUnsupported.
func (c *Client) Officers(ctx context.Context, agency string) ([]Officer, error) {
	agency = strings.TrimSpace(agency)
	if agency == "" {
		return nil, badRequest("officers", "empty agency code")
	}
	ol, ok := c.d.(officerLister)
	if !ok {
		return nil, &Error{Op: "officers", Err: ErrUnsupported, Message: "this portal has no officer list"}
	}
	return ol.officers(ctx, agency)
}

// MayRate reports whether a guest who gives a dossier number and the
// applicant's ID number may rate that dossier's service (OpenCPS's
// /votings/checkpermission). Dialects without the check return true: their
// ratings are anonymous. Neither argument is logged.
func (c *Client) MayRate(ctx context.Context, dossierCode, idNumber string) (bool, error) {
	dossierCode, idNumber = strings.TrimSpace(dossierCode), strings.TrimSpace(idNumber)
	if dossierCode == "" || idNumber == "" {
		return false, badRequest("rating permission", "dossier code and ID number are both required")
	}
	rp, ok := c.d.(ratePermitter)
	if !ok {
		return true, nil
	}
	return rp.mayRate(ctx, dossierCode, idNumber)
}
