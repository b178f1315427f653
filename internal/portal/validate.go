package portal

import (
	"strings"
)

// Caps on what one answer may contain. A portal sending more is either broken
// or hostile; the kiosk keeps the first items rather than exhausting memory.
const (
	maxPageItems    = 1000 // procedures per page (the API's page_size maximum)
	maxListItems    = 5000 // agencies, fields, ready dossiers
	maxSubItems     = 200  // documents, steps, fees... inside one record
	maxTextRunes    = 8000 // one text field
	maxNameRunes    = 1000 // names and codes
	maxCodeRunes    = 100
	maxDossierSteps = 100
)

func capSlice[T any](s []T, n int) []T {
	if len(s) > n {
		return s[:n:n]
	}
	return s
}

// cleanText drops invalid UTF-8 and replacement characters (a broken
// portal's bytes must not reach the screen, the printer or the masking
// rules), trims and caps s at n runes.
func cleanText(s string, n int) string {
	s = strings.TrimSpace(strings.ReplaceAll(strings.ToValidUTF8(s, ""), "\uFFFD", ""))
	if len(s) > n { // bytes >= runes, so only long strings pay for the rune count
		r := []rune(s)
		if len(r) > n {
			s = string(r[:n])
		}
	}
	return s
}

func cleanLines(ls []string) []string {
	ls = capSlice(ls, maxSubItems)
	out := ls[:0:0]
	for _, l := range ls {
		if l = cleanText(l, maxTextRunes); l != "" {
			out = append(out, l)
		}
	}
	return out
}

// cleanProcedure validates and trims one procedure; ok is false when it is
// unusable (no code, or no name on a live record).
func cleanProcedure(p Procedure) (Procedure, bool) {
	p.Code = cleanText(p.Code, maxCodeRunes)
	if p.Code == "" {
		return Procedure{}, false
	}
	if p.Deleted {
		return Procedure{Code: p.Code, UpdatedAt: p.UpdatedAt, Deleted: true}, true
	}
	p.Name = cleanText(p.Name, maxNameRunes)
	if p.Name == "" {
		return Procedure{}, false
	}
	p.AgencyCode = cleanText(p.AgencyCode, maxCodeRunes)
	p.AgencyName = cleanText(p.AgencyName, maxNameRunes)
	p.FieldCode = cleanText(p.FieldCode, maxCodeRunes)
	p.FieldName = cleanText(p.FieldName, maxNameRunes)
	if p.LevelOld < 1 || p.LevelOld > 4 {
		p.LevelOld = 0
	}
	if p.Level < LevelInfo || p.Level > LevelFull {
		p.Level = 0
	}
	chs := capSlice(p.Channels, 10)
	p.Channels = nil
	for _, ch := range chs {
		if ch.Kind < ChannelInPerson || ch.Kind > ChannelPostal {
			continue
		}
		if ch.Time.Value < 0 {
			ch.Time.Value = 0
		}
		ch.Fees = capSlice(ch.Fees, maxSubItems)
		for i := range ch.Fees {
			if ch.Fees[i].Amount < 0 {
				ch.Fees[i].Amount = 0
			}
		}
		ch.Description = cleanText(ch.Description, maxTextRunes)
		p.Channels = append(p.Channels, ch)
	}
	docs := capSlice(p.Documents, maxSubItems)
	p.Documents = nil
	for _, d := range docs {
		d.Name = cleanText(d.Name, maxTextRunes)
		if d.Name == "" {
			continue
		}
		d.Originals = max(d.Originals, 0)
		d.Copies = max(d.Copies, 0)
		p.Documents = append(p.Documents, d)
	}
	p.Forms = capSlice(p.Forms, maxSubItems)
	p.Steps = cleanLines(p.Steps)
	p.Conditions = cleanLines(p.Conditions)
	p.LegalBasis = cleanLines(p.LegalBasis)
	p.Keywords = cleanLines(p.Keywords)
	p.Applicants = cleanText(p.Applicants, maxTextRunes)
	p.Result = cleanText(p.Result, maxTextRunes)
	p.SubmitPlace = cleanText(p.SubmitPlace, maxTextRunes)
	p.OnlineURL = cleanText(p.OnlineURL, maxNameRunes)
	p.Tier = cleanTier(p.Tier)
	return p, true
}

// cleanPage validates a page. Bad items are dropped (and counted in the log)
// rather than failing the whole sync; a page that would loop forever fails.
func (c *Client) cleanPage(p ProcedurePage, sentToken string, asked int) (ProcedurePage, error) {
	if sentToken != "" && p.NextPageToken == sentToken {
		return ProcedurePage{}, badResponse("procedures", 200, "next page token repeats the current one")
	}
	if n := len(p.Items) + p.Skipped; n > asked {
		// Truncating would report success while silently losing the rest
		// of the page; the sync must fail and try again instead.
		return ProcedurePage{}, badResponse("procedures", 200, "page holds %d items, asked for %d", n, asked)
	}
	out := make([]Procedure, 0, len(p.Items))
	dropped := p.Skipped
	for _, it := range p.Items {
		if it, ok := cleanProcedure(it); ok {
			out = append(out, it)
		} else {
			dropped++
		}
	}
	if dropped > 0 {
		c.log.Warn("portal sent invalid procedures, dropped", "dropped", dropped)
	}
	p.Items = out
	p.Skipped = dropped
	p.Total = max(p.Total, 0)
	return p, nil
}

func cleanAgencies(as []Agency) []Agency {
	as = capSlice(as, maxListItems)
	out := make([]Agency, 0, len(as))
	for _, a := range as {
		a.Code = cleanText(a.Code, maxCodeRunes)
		a.Name = cleanText(a.Name, maxNameRunes)
		if a.Code == "" || a.Name == "" {
			continue
		}
		a.Kind = cleanText(a.Kind, 40)
		a.Unit = cleanUnit(a.Kind, a.Unit)
		a.ParentCode = cleanText(a.ParentCode, maxCodeRunes)
		a.Address = cleanText(a.Address, maxNameRunes)
		a.Phone = cleanText(a.Phone, 40)
		out = append(out, a)
	}
	return out
}

func cleanFields(fs []Field) []Field {
	fs = capSlice(fs, maxListItems)
	out := make([]Field, 0, len(fs))
	for _, f := range fs {
		f.Code = cleanText(f.Code, maxCodeRunes)
		f.Name = cleanText(f.Name, maxNameRunes)
		if f.Code == "" || f.Name == "" {
			continue
		}
		out = append(out, f)
	}
	return out
}

// cleanDossier validates a dossier, masks its personal data again and strips
// the details a summary must not show.
func cleanDossier(d Dossier, asked string) (Dossier, error) {
	d.Code = cleanText(d.Code, maxCodeRunes)
	if d.Code == "" {
		return Dossier{}, badResponse("dossier", 200, "dossier without a code")
	}
	if !strings.EqualFold(d.Code, asked) {
		return Dossier{}, badResponse("dossier", 200, "portal answered for another dossier")
	}
	if d.Status < StatusNew || d.Status > StatusReturned {
		return Dossier{}, badResponse("dossier", 200, "dossier status %d outside 1..10", d.Status)
	}
	d.StatusLabel = cleanText(d.StatusLabel, maxNameRunes)
	if d.StatusLabel == "" {
		d.StatusLabel = StatusLabel(d.Status, "vi")
	}
	d.ProcedureName = cleanText(d.ProcedureName, maxNameRunes)
	d.AgencyName = cleanText(d.AgencyName, maxNameRunes)
	d.CurrentStep = cleanText(d.CurrentStep, maxNameRunes)
	d.PickupPlace = cleanText(d.PickupPlace, maxNameRunes)
	d.Applicant = MaskName(cleanText(d.Applicant, maxNameRunes))
	d.ApplicantID = MaskID(cleanText(d.ApplicantID, maxCodeRunes))
	if !d.Detailed {
		d.Steps, d.Note, d.Fee, d.ApplicantID = nil, "", 0, ""
	}
	d.Steps = capSlice(d.Steps, maxDossierSteps)
	d.Note = cleanText(d.Note, maxTextRunes)
	d.Fee = max(d.Fee, 0)
	return d, nil
}

func cleanReady(ds []ReadyDossier) []ReadyDossier {
	ds = capSlice(ds, maxListItems)
	out := make([]ReadyDossier, 0, len(ds))
	for _, d := range ds {
		d.Code = cleanText(d.Code, maxCodeRunes)
		if d.Code == "" {
			continue
		}
		d.Applicant = MaskName(cleanText(d.Applicant, maxNameRunes))
		d.ProcedureName = cleanText(d.ProcedureName, maxNameRunes)
		d.AgencyName = cleanText(d.AgencyName, maxNameRunes)
		d.PickupPlace = cleanText(d.PickupPlace, maxNameRunes)
		out = append(out, d)
	}
	return out
}

// cleanTier keeps a known tier and drops anything else: a tier the kiosk
// does not know must not decide where a citizen is sent.
func cleanTier(t string) string {
	switch t = strings.ToLower(strings.TrimSpace(t)); t {
	case TierCentral, TierProvince, TierCommune, TierDistrict:
		return t
	}
	return ""
}

// cleanUnit keeps a known commune-level unit type on a commune agency.
func cleanUnit(kind, u string) string {
	if kind != AgencyCommune {
		return ""
	}
	switch u = strings.ToLower(strings.TrimSpace(u)); u {
	case UnitXa, UnitPhuong, UnitDacKhu:
		return u
	}
	return ""
}
