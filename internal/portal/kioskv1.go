package portal

import (
	"context"
	"net/http"
	"net/url"
	"strconv"
	"time"
)

// kioskV1 speaks our own profile, documented in docs/portal-api.yaml.
type kioskV1 struct {
	t       *transport
	kioskID string
}

type itemsOf[T any] struct {
	Items []T `json:"items"`
}

func (k *kioskV1) health(ctx context.Context) error {
	var h struct {
		Status     string    `json:"status"`
		ServerTime time.Time `json:"server_time"`
	}
	resp, err := k.t.getJSON(ctx, "GET /api/v1/health", "/api/v1/health", nil, nil, &h)
	if err != nil {
		return err
	}
	if h.Status != "ok" {
		return badResponse("GET /api/v1/health", resp.status, "health status %q", clip(h.Status, 40))
	}
	return nil
}

// DecodeProcedurePage decodes a kiosk/v1 procedure page body. It is the
// decoder the client uses, exported for fuzzing and for tools that read saved
// pages.
func DecodeProcedurePage(b []byte) (ProcedurePage, error) {
	return decodeProcedurePage("procedures", response{status: 200, body: b})
}

// DecodeDossier decodes a kiosk/v1 dossier body.
func DecodeDossier(b []byte) (Dossier, error) {
	var d Dossier
	err := decodeJSON("dossier", response{status: 200, body: b}, &d)
	return d, err
}

func (k *kioskV1) procedures(ctx context.Context, since time.Time, token string, size int) (ProcedurePage, error) {
	q := url.Values{}
	if !since.IsZero() {
		q.Set("updated_since", since.UTC().Format(time.RFC3339))
	}
	if token != "" {
		q.Set("page_token", token)
	}
	q.Set("page_size", strconv.Itoa(size))
	const op = "GET /api/v1/procedures"
	resp, err := k.t.do(ctx, request{method: http.MethodGet, path: "/api/v1/procedures", query: q, op: op})
	if err != nil {
		return ProcedurePage{}, err
	}
	return decodeProcedurePage(op, resp)
}

func (k *kioskV1) procedure(ctx context.Context, code string) (Procedure, error) {
	var p Procedure
	_, err := k.t.getJSON(ctx, "GET /api/v1/procedures/"+code, "/api/v1/procedures/"+url.PathEscape(code), nil, nil, &p)
	return p, err
}

func (k *kioskV1) agencies(ctx context.Context) ([]Agency, error) {
	var r itemsOf[Agency]
	_, err := k.t.getJSON(ctx, "GET /api/v1/agencies", "/api/v1/agencies", nil, nil, &r)
	return r.Items, err
}

func (k *kioskV1) fields(ctx context.Context) ([]Field, error) {
	var r itemsOf[Field]
	_, err := k.t.getJSON(ctx, "GET /api/v1/fields", "/api/v1/fields", nil, nil, &r)
	return r.Items, err
}

func (k *kioskV1) dossier(ctx context.Context, code string, q DossierQuery) (Dossier, error) {
	hdr := map[string]string{}
	switch {
	case q.Secret != "":
		hdr["X-Dossier-Secret"] = q.Secret
	case q.IDNumber != "":
		hdr["X-Applicant-Id"] = q.IDNumber
	}
	var d Dossier
	_, err := k.t.getJSON(ctx, "GET /api/v1/dossiers/"+code, "/api/v1/dossiers/"+url.PathEscape(code), nil, hdr, &d)
	return d, err
}

func (k *kioskV1) readyDossiers(ctx context.Context, agency, prefix string) ([]ReadyDossier, error) {
	q := url.Values{"ready": {"true"}}
	if agency != "" {
		q.Set("agency", agency)
	}
	if prefix != "" {
		q.Set("q", prefix)
	}
	var r itemsOf[ReadyDossier]
	_, err := k.t.getJSON(ctx, "GET /api/v1/dossiers?ready=true", "/api/v1/dossiers", q, nil, &r)
	return r.Items, err
}

func (k *kioskV1) takeTicket(ctx context.Context, r TicketRequest) (Ticket, error) {
	if r.KioskID == "" {
		r.KioskID = k.kioskID
	}
	var t Ticket
	_, err := k.t.sendJSON(ctx, "POST /api/v1/queue/tickets", "/api/v1/queue/tickets", nil, retryUnsent, r, &t)
	return t, err
}

func (k *kioskV1) submitRating(ctx context.Context, r Rating) (RatingReceipt, error) {
	if r.KioskID == "" {
		r.KioskID = k.kioskID
	}
	var rr RatingReceipt
	_, err := k.t.sendJSON(ctx, "POST /api/v1/ratings", "/api/v1/ratings",
		map[string]string{"Idempotency-Key": r.ID}, retryAlways, r, &rr)
	return rr, err
}

func (k *kioskV1) heartbeat(ctx context.Context, h Heartbeat) error {
	if h.KioskID == "" {
		h.KioskID = k.kioskID
	}
	p := "/api/v1/kiosks/" + url.PathEscape(h.KioskID) + "/heartbeat"
	_, err := k.t.sendJSON(ctx, "POST /api/v1/kiosks/{id}/heartbeat", p, nil, retryAlways, h, nil)
	return err
}
