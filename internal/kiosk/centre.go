package kiosk

import "kiosk/internal/search"

// CentreCounts is the number of procedures centre c accepts per field and
// per agency, for the browse tiles of "procedures this centre accepts".
func (c *Catalogue) CentreCounts(centre search.Centre) (fields, agencies map[string]int) {
	if ix := c.index.Load(); ix != nil {
		return ix.CentreCounts(centre)
	}
	return nil, nil
}

// CentreLen is the number of procedures centre c accepts (0 before the
// first index is built).
func (c *Catalogue) CentreLen(centre search.Centre) int {
	if ix := c.index.Load(); ix != nil {
		return ix.CentreLen(centre)
	}
	return 0
}
