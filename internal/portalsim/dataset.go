// Package portalsim is a portal simulator: it serves the kiosk/v1 API from a
// dataset (the embedded demo dataset, a folder, plus optional synthetic
// procedures), with switches to add latency, fail or garble a share of
// requests, or go offline. The kiosk's demo mode embeds it on loopback, tests
// run against it over real HTTP, and cmd/portalsim serves it for load tests.
package portalsim

import (
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"regexp"
	"time"

	"kiosk/internal/portal"
)

// DossierRecord is a dossier as the portal stores it: the public status plus
// the applicant's plain personal data and the secret printed in the receipt's
// QR code. The server masks the personal data on the way out.
type DossierRecord struct {
	portal.Dossier
	ApplicantName     string `json:"applicant_name"`
	ApplicantIDNumber string `json:"applicant_id_number"`
	ApplicantPhone    string `json:"applicant_phone"`
	Secret            string `json:"secret"`
}

// Dataset is everything the simulator serves.
type Dataset struct {
	Fields     []portal.Field
	Agencies   []portal.Agency
	Procedures []portal.Procedure
	Dossiers   []DossierRecord
	// Reference is the date the dossiers' times were written around; the
	// server shifts them by (now - Reference) so the demo always looks current.
	Reference time.Time
}

// DemoReference is the reference date of the bundled demo dossiers.
var DemoReference = time.Date(2026, 11, 20, 0, 0, 0, 0, portal.Vietnam)

var dossierCodeRE = regexp.MustCompile(`^[0-9A-Za-z]+(\.[0-9A-Za-z]+)*-\d{6}-\d{4}$`)

// LoadDataset reads fields.json, agencies.json, procedures.json and (if
// present) dossiers.json from fsys and checks that they fit together.
func LoadDataset(fsys fs.FS) (*Dataset, error) {
	ds := &Dataset{Reference: DemoReference}
	for _, f := range []struct {
		name     string
		v        any
		optional bool
	}{
		{"fields.json", &ds.Fields, false},
		{"agencies.json", &ds.Agencies, false},
		{"procedures.json", &ds.Procedures, false},
		{"dossiers.json", &ds.Dossiers, true},
	} {
		b, err := fs.ReadFile(fsys, f.name)
		if err != nil {
			if f.optional && errors.Is(err, fs.ErrNotExist) {
				continue
			}
			return nil, fmt.Errorf("reading dataset: %w", err)
		}
		if err := json.Unmarshal(b, f.v); err != nil {
			return nil, fmt.Errorf("reading dataset %s: %w", f.name, err)
		}
	}
	if err := ds.Validate(); err != nil {
		return nil, err
	}
	return ds, nil
}

// Validate checks codes are present and unique and that every procedure and
// dossier points at an agency (and field) that exists.
func (ds *Dataset) Validate() error {
	agencies := map[string]bool{}
	for _, a := range ds.Agencies {
		if a.Code == "" || a.Name == "" {
			return fmt.Errorf("dataset: agency %q has no code or name", a.Name)
		}
		agencies[a.Code] = true
	}
	fields := map[string]bool{}
	for _, f := range ds.Fields {
		if f.Code == "" || f.Name == "" {
			return fmt.Errorf("dataset: field %q has no code or name", f.Name)
		}
		fields[f.Code] = true
	}
	procs := map[string]bool{}
	for _, p := range ds.Procedures {
		switch {
		case p.Code == "" || p.Name == "":
			return fmt.Errorf("dataset: procedure %q has no code or name", p.Name)
		case procs[p.Code]:
			return fmt.Errorf("dataset: procedure code %s appears twice", p.Code)
		case !agencies[p.AgencyCode]:
			return fmt.Errorf("dataset: procedure %s names unknown agency %q", p.Code, p.AgencyCode)
		case !fields[p.FieldCode]:
			return fmt.Errorf("dataset: procedure %s names unknown field %q", p.Code, p.FieldCode)
		}
		procs[p.Code] = true
	}
	seen := map[string]bool{}
	for _, d := range ds.Dossiers {
		switch {
		case !dossierCodeRE.MatchString(d.Code):
			return fmt.Errorf("dataset: dossier code %q is not {agency}-{yyMMdd}-{NNNN}", d.Code)
		case seen[d.Code]:
			return fmt.Errorf("dataset: dossier %s appears twice", d.Code)
		case d.Status < portal.StatusNew || d.Status > portal.StatusReturned:
			return fmt.Errorf("dataset: dossier %s has status %d outside 1..10", d.Code, d.Status)
		case d.Secret == "":
			return fmt.Errorf("dataset: dossier %s has no secret", d.Code)
		}
		seen[d.Code] = true
	}
	return nil
}
