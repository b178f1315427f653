package portalsim

// kiosk/v1 API handlers other than the procedure listing.

import (
	"crypto/sha256"
	"crypto/subtle"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"sort"
	"strconv"
	"strings"
	"time"

	"kiosk/internal/portal"
)

func (s *Server) getProcedure(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	p, ok := s.procs[r.PathValue("code")]
	s.mu.Unlock()
	if !ok || p.Deleted {
		writeError(w, http.StatusNotFound, "not_found", "no procedure with this code")
		return
	}
	writeJSON(w, http.StatusOK, p)
}

func (s *Server) listAgencies(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"items": s.agencies})
}

func (s *Server) listFields(w http.ResponseWriter, r *http.Request) {
	s.mu.Lock()
	defer s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"items": s.fields})
}

func (s *Server) getDossier(w http.ResponseWriter, r *http.Request) {
	code := strings.ToUpper(strings.TrimSpace(r.PathValue("code")))
	if !dossierCodeRE.MatchString(code) {
		writeError(w, http.StatusBadRequest, "bad_request", "a dossier code looks like 000.00.15.H29-261015-0012")
		return
	}
	s.mu.Lock()
	rec, ok := s.dossiers[code]
	shift := s.shift
	s.mu.Unlock()
	if !ok {
		writeError(w, http.StatusNotFound, "not_found", "no dossier with this code")
		return
	}
	secret, idNo := r.Header.Get("X-Dossier-Secret"), r.Header.Get("X-Applicant-Id")
	detailed := false
	switch {
	case secret != "":
		detailed = subtle.ConstantTimeCompare([]byte(secret), []byte(rec.Secret)) == 1
	case idNo != "":
		detailed = subtle.ConstantTimeCompare([]byte(strings.TrimSpace(idNo)), []byte(rec.ApplicantIDNumber)) == 1
	}
	if (secret != "" || idNo != "") && !detailed {
		writeError(w, http.StatusForbidden, "wrong_secret", "the secret or ID number does not match this dossier")
		return
	}
	writeJSON(w, http.StatusOK, publicDossier(rec, shift, detailed))
}

// publicDossier is what leaves the portal: personal data masked, details only
// when unlocked, dates shifted to look current.
func publicDossier(rec DossierRecord, shift time.Duration, detailed bool) portal.Dossier {
	d := rec.Dossier
	d.Applicant = portal.MaskName(rec.ApplicantName)
	d.ApplicantID = ""
	d.ReceivedAt = shiftTime(d.ReceivedAt, shift)
	d.DueAt = shiftTime(d.DueAt, shift)
	d.FinishedAt = shiftPtr(d.FinishedAt, shift)
	d.ReturnedAt = shiftPtr(d.ReturnedAt, shift)
	d.Detailed = detailed
	if !detailed {
		d.Steps, d.Note, d.Fee = nil, "", 0
		return d
	}
	d.ApplicantID = portal.MaskID(rec.ApplicantIDNumber)
	steps := make([]portal.DossierStep, len(d.Steps))
	for i, st := range d.Steps {
		st.At = shiftPtr(st.At, shift)
		steps[i] = st
	}
	d.Steps = steps
	return d
}

func shiftTime(t time.Time, d time.Duration) time.Time {
	if t.IsZero() {
		return t
	}
	return t.Add(d)
}

func shiftPtr(t *time.Time, d time.Duration) *time.Time {
	if t == nil {
		return nil
	}
	v := t.Add(d)
	return &v
}

func (s *Server) listReady(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	if q.Get("ready") != "true" {
		writeError(w, http.StatusBadRequest, "bad_request", "only the public list of ready dossiers (ready=true) is served")
		return
	}
	agency, prefix := q.Get("agency"), strings.ToUpper(strings.TrimSpace(q.Get("q")))
	s.mu.Lock()
	var items []portal.ReadyDossier
	for _, rec := range s.dossiers {
		if rec.Status != portal.StatusDone || (agency != "" && rec.AgencyCode != agency) ||
			(prefix != "" && !strings.Contains(strings.ToUpper(rec.Code), prefix)) {
			continue
		}
		fin := rec.DueAt
		if rec.FinishedAt != nil {
			fin = *rec.FinishedAt
		}
		items = append(items, portal.ReadyDossier{
			Code: rec.Code, ProcedureName: rec.ProcedureName, AgencyCode: rec.AgencyCode, AgencyName: rec.AgencyName,
			Applicant: portal.MaskName(rec.ApplicantName), FinishedAt: shiftTime(fin, s.shift), PickupPlace: rec.PickupPlace,
		})
	}
	s.mu.Unlock()
	sort.Slice(items, func(i, j int) bool {
		if !items[i].FinishedAt.Equal(items[j].FinishedAt) {
			return items[i].FinishedAt.After(items[j].FinishedAt)
		}
		return items[i].Code < items[j].Code
	})
	if len(items) > 500 {
		items = items[:500]
	}
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

// serveEvery is how often a simulated counter calls the next number.
const serveEvery = 4 * time.Minute

func (s *Server) takeTicket(w http.ResponseWriter, r *http.Request) {
	var req portal.TicketRequest
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&req); err != nil || strings.TrimSpace(req.ServiceCode) == "" {
		writeError(w, http.StatusBadRequest, "bad_request", "a ticket needs a service_code")
		return
	}
	now := s.now()
	s.mu.Lock()
	q, waiting := s.queueFor(req.ServiceCode, now)
	q.issued++
	num := q.issued
	name := req.ServiceCode
	for _, f := range s.fields {
		if f.Code == req.ServiceCode {
			name = f.Name
		}
	}
	s.stats.Tickets++
	s.mu.Unlock()
	prefix := strings.ToUpper(req.ServiceCode[:1])
	counter := req.Counter
	if counter == "" {
		counter = strconv.Itoa(1 + num%4)
	}
	t := portal.Ticket{
		Number: fmt.Sprintf("%s-%03d", prefix, num%1000), ServiceCode: req.ServiceCode, ServiceName: name,
		Counter: counter, Waiting: waiting, IssuedAt: now.UTC(),
	}
	t.FollowURL = s.opts.PublicURL + "/hang-doi?so=" + t.Number + "&dv=" + req.ServiceCode
	writeJSON(w, http.StatusCreated, t)
}

// queueFor is the service's queue and how many wait in it now; s.mu held.
func (s *Server) queueFor(code string, now time.Time) (*queue, int) {
	q := s.queues[code]
	if q == nil {
		q = &queue{started: now, issued: 3 + s.rng.Intn(12)} // people already queueing when the demo starts
		s.queues[code] = q
	}
	served := int(now.Sub(q.started) / serveEvery)
	return q, max(0, q.issued-served)
}

// queueLengths answers GET /api/v1/queue?service=A&service=B: how many wait
// for each service asked.
func (s *Server) queueLengths(w http.ResponseWriter, r *http.Request) {
	codes := r.URL.Query()["service"]
	if len(codes) == 0 || len(codes) > 200 {
		writeError(w, http.StatusBadRequest, "bad_request", "ask for 1 to 200 services with service=CODE")
		return
	}
	now := s.now()
	items := make([]portal.QueueLength, 0, len(codes))
	s.mu.Lock()
	for _, c := range codes {
		if c = strings.TrimSpace(c); c != "" {
			_, n := s.queueFor(c, now)
			items = append(items, portal.QueueLength{ServiceCode: c, Waiting: n})
		}
	}
	s.mu.Unlock()
	writeJSON(w, http.StatusOK, map[string]any{"items": items})
}

func (s *Server) postRating(w http.ResponseWriter, r *http.Request) {
	key := strings.TrimSpace(r.Header.Get("Idempotency-Key"))
	if key == "" || len(key) > 128 {
		writeError(w, http.StatusBadRequest, "bad_request", "ratings need an Idempotency-Key header")
		return
	}
	body, err := io.ReadAll(io.LimitReader(r.Body, 64<<10))
	if err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "unreadable body")
		return
	}
	var rt portal.Rating
	if err := json.Unmarshal(body, &rt); err != nil || rt.Overall < 1 || rt.Overall > 5 {
		writeError(w, http.StatusBadRequest, "bad_request", "a rating needs overall between 1 and 5")
		return
	}
	for _, v := range rt.Criteria {
		if v < 1 || v > 5 {
			writeError(w, http.StatusBadRequest, "bad_request", "criteria ratings must be between 1 and 5")
			return
		}
	}
	h := sha256.Sum256(body)
	s.mu.Lock()
	defer s.mu.Unlock()
	if prev, ok := s.ratings[key]; ok {
		if prev.bodyHash != h {
			writeError(w, http.StatusConflict, "conflict", "this Idempotency-Key was used for a different rating")
			return
		}
		s.stats.Replays++
		rc := prev.receipt
		rc.Duplicate = true
		writeJSON(w, http.StatusOK, rc)
		return
	}
	rc := portal.RatingReceipt{ID: key, ReceivedAt: s.now().UTC()}
	s.ratings[key] = ratingEntry{bodyHash: h, receipt: rc}
	writeJSON(w, http.StatusCreated, rc)
}

func (s *Server) heartbeat(w http.ResponseWriter, r *http.Request) {
	var hb portal.Heartbeat
	if err := json.NewDecoder(io.LimitReader(r.Body, 64<<10)).Decode(&hb); err != nil {
		writeError(w, http.StatusBadRequest, "bad_request", "unreadable heartbeat")
		return
	}
	s.mu.Lock()
	s.heartbeats[r.PathValue("id")] = hb
	s.stats.Heartbeats++
	s.mu.Unlock()
	w.WriteHeader(http.StatusNoContent)
}
