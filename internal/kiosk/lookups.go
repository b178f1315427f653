package kiosk

import (
	"strings"
	"sync"
	"time"

	"kiosk/internal/portal"
)

// recentLookups remembers, in memory only, the public summary of dossiers
// looked up recently, so that the kiosk can show the last known status (with
// its age) when the portal drops mid-session. It is deliberately not in the
// cache file: bbolt never overwrites freed pages, so anything written there
// would outlive the idle reset on disk. A restart forgets everything too.
type recentLookups struct {
	mu      sync.Mutex
	entries map[string]lookupEntry
	ttl     time.Duration
	now     func() time.Time
}

type lookupEntry struct {
	d  portal.Dossier
	at time.Time
}

// newRecentLookups keeps lookups for ttl. A ttl of 0 ("0s" in the config,
// which documents it as "keeps none") keeps nothing at all; the config's
// default is 15 minutes.
func newRecentLookups(ttl time.Duration, now func() time.Time) *recentLookups {
	return &recentLookups{entries: map[string]lookupEntry{}, ttl: max(ttl, 0), now: now}
}

// put keeps the public part of d: status, dates, step, place, masked name.
func (r *recentLookups) put(d portal.Dossier) {
	if r.ttl == 0 {
		return // recent_lookup_ttl = "0s": nothing is remembered
	}
	d.Applicant = portal.MaskName(d.Applicant)
	d.ApplicantID, d.Steps, d.Note, d.Fee, d.Detailed = "", nil, "", 0, false
	now := r.now()
	r.mu.Lock()
	defer r.mu.Unlock()
	for code, e := range r.entries {
		if now.Sub(e.at) > r.ttl {
			delete(r.entries, code)
		}
	}
	r.entries[key(d.Code)] = lookupEntry{d: d, at: now}
}

// get returns the summary of code if it was stored less than maxAge ago (and
// within the configured TTL).
func (r *recentLookups) get(code string, maxAge time.Duration) (portal.Dossier, time.Time, bool) {
	if maxAge <= 0 || maxAge > r.ttl {
		maxAge = r.ttl
	}
	r.mu.Lock()
	defer r.mu.Unlock()
	e, ok := r.entries[key(code)]
	if !ok || r.now().Sub(e.at) > maxAge {
		return portal.Dossier{}, time.Time{}, false
	}
	return e.d, e.at, true
}

func (r *recentLookups) forget() {
	r.mu.Lock()
	r.entries = map[string]lookupEntry{}
	r.mu.Unlock()
}

func key(code string) string { return strings.ToUpper(strings.TrimSpace(code)) }
