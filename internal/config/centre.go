package config

// Centre levels (centre.level).
const (
	CentreProvince = "province"
	CentreCommune  = "commune"
)

// validateCentre checks the [centre] table: both keys or neither.
func validateCentre(c *Config, d *decoder) {
	ce := &c.Centre
	switch {
	case ce.Level == "" && ce.AgencyCode == "":
		return
	case ce.Level == "":
		d.add(Error, "centre.agency_code", "is set but centre.level is not; say whether this is the \"province\" or a \"commune\" centre")
		return
	}
	oneOf(d, "centre.level", ce.Level, "a centre level", CentreProvince, CentreCommune)
	if ce.AgencyCode == "" {
		d.add(Error, "centre.agency_code", "is required when centre.level is set (the portal's code of this centre's agency, like %q)", "000.10.00.H29")
	}
}
