package config

import (
	"regexp"
	"strings"
)

var (
	reBasePath   = regexp.MustCompile(`^(/[A-Za-z0-9._~-]+)+$`)
	reStepCode   = regexp.MustCompile(`^[A-Za-z0-9_.-]{1,40}$`)
	reStatusCode = regexp.MustCompile(`^[a-z][a-z0-9_]{0,39}$`)
)

// validateOpenCPS checks the [portal.opencps] table. Every key is optional;
// the portal client fills in the defaults.
func validateOpenCPS(o *OpenCPS, d *decoder) {
	if o.BasePath != "" && !reBasePath.MatchString(o.BasePath) {
		d.add(Error, "portal.opencps.base_path", "%q is not a URL path like \"/o/rest/v2\"", o.BasePath)
	}
	if strings.ContainsAny(o.Token, "\r\n") {
		d.add(Error, "portal.opencps.token", "must be one line")
	}
	for _, s := range o.ReadySteps {
		if !reStepCode.MatchString(s) {
			d.add(Error, "portal.opencps.ready_steps", "%q is not a step code like \"300\"", s)
		}
	}
	if o.ReadyDays < 0 || o.ReadyDays > 366 {
		d.add(Error, "portal.opencps.ready_days", "%d is out of range 0..366", o.ReadyDays)
	}
	for code, st := range o.StatusMap {
		key := "portal.opencps.status_map." + code
		if !reStatusCode.MatchString(code) {
			d.add(Error, key, "%q is not an OpenCPS status code like \"processing\" (lower case)", code)
		}
		if st < 1 || st > 10 {
			d.add(Error, key, "%d is not a national dossier status (1..10)", st)
		}
	}
	for q, c := range o.VotingCriteria {
		key := "portal.opencps.voting_criteria." + q
		if strings.TrimSpace(q) == "" {
			d.add(Error, "portal.opencps.voting_criteria", "a question key is empty")
		}
		if !ratingCriteria[c] {
			d.add(Error, key, "%q is not a rating criterion (attitude, time, guidance, overall)", c)
		}
	}
}

// ratingCriteria are the criteria the rating screen asks (internal/ui
// rating.go) and "overall", the face the citizen tapped.
var ratingCriteria = map[string]bool{"attitude": true, "time": true, "guidance": true, "overall": true}
