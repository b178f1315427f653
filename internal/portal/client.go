package portal

import (
	"context"
	"fmt"
	"log/slog"
	"net/http"
	"strings"
	"time"
)

// Portal dialects a Client can speak.
const (
	DialectKioskV1 = "kiosk/v1"   // our profile, docs/portal-api.yaml; served by portalsim
	DialectOpenCPS = "opencps/v2" // OpenCPS v2 REST (/o/rest/v2)
)

// Defaults for zero Options fields.
const (
	DefaultTimeout      = 10 * time.Second
	DefaultRetries      = 3
	DefaultMaxBodyBytes = 8 << 20
)

// Options configures a Client. Zero values get the defaults above.
type Options struct {
	Dialect  string // DialectKioskV1 (default) or DialectOpenCPS
	BaseURL  string // e.g. https://dichvucong.example.gov.vn
	KioskID  string
	KioskKey string // kiosk/v1 bearer key; never logged
	GroupID  string // opencps/v2 site (groupId header)
	OpenCPS  OpenCPSOptions
	// Timeout bounds one attempt (connect, headers and body).
	Timeout time.Duration
	// Retries is how many times a failed attempt is repeated: 0 means
	// DefaultRetries, a negative value means never.
	Retries int
	// MaxBodyBytes caps a response body; larger answers fail with
	// ErrBadResponse without being buffered.
	MaxBodyBytes int64
	// CAFile is a PEM file; when set, it is the only trusted root.
	CAFile     string
	Logger     *slog.Logger
	HTTPClient *http.Client // replaces the built-in one (CAFile is then ignored)

	// Backoff between retries: full jitter over BackoffBase*2^n capped at
	// BackoffMax (defaults 200ms and 5s). A Retry-After answer is honoured
	// up to MaxRetryAfter (default 30s).
	BackoffBase   time.Duration
	BackoffMax    time.Duration
	MaxRetryAfter time.Duration
	// Sleep, Now and Rand are injected by tests; nil means the real ones.
	Sleep func(ctx context.Context, d time.Duration) error
	Now   func() time.Time
	Rand  func() float64 // in [0,1)
}

// Client talks to the province portal in the configured dialect. It is safe
// for concurrent use. Everything it returns has been validated and its
// personal data masked, whatever the portal sent.
type Client struct {
	d   dialect
	log *slog.Logger
	now func() time.Time
}

// dialect is one portal's wire format. The Client wraps it with validation
// and masking, so implementations only translate.
type dialect interface {
	health(ctx context.Context) error
	procedures(ctx context.Context, since time.Time, pageToken string, pageSize int) (ProcedurePage, error)
	procedure(ctx context.Context, code string) (Procedure, error)
	agencies(ctx context.Context) ([]Agency, error)
	fields(ctx context.Context) ([]Field, error)
	dossier(ctx context.Context, code string, q DossierQuery) (Dossier, error)
	readyDossiers(ctx context.Context, agency, q string) ([]ReadyDossier, error)
	takeTicket(ctx context.Context, r TicketRequest) (Ticket, error)
	submitRating(ctx context.Context, r Rating) (RatingReceipt, error)
	heartbeat(ctx context.Context, h Heartbeat) error
}

// New returns a Client for o.Dialect.
func New(o Options) (*Client, error) {
	base := strings.TrimRight(strings.TrimSpace(o.BaseURL), "/")
	if base == "" || !(strings.HasPrefix(base, "http://") || strings.HasPrefix(base, "https://")) {
		return nil, fmt.Errorf("portal base URL %q: must start with http:// or https://", o.BaseURL)
	}
	if o.Logger == nil {
		o.Logger = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	c := &Client{log: o.Logger, now: o.Now}
	switch o.Dialect {
	case "", DialectKioskV1:
		t, err := newTransport(o, base, map[string]string{
			"X-Kiosk-ID":    o.KioskID,
			"Authorization": "Bearer " + o.KioskKey,
		})
		if err != nil {
			return nil, err
		}
		c.d = &kioskV1{t: t, kioskID: o.KioskID}
	case DialectOpenCPS:
		oc, err := newOpenCPS(o, base)
		if err != nil {
			return nil, err
		}
		c.d = oc
	default:
		return nil, fmt.Errorf("portal dialect %q: want %q or %q", o.Dialect, DialectKioskV1, DialectOpenCPS)
	}
	return c, nil
}

// Health checks that the portal answers and returns the round-trip latency.
func (c *Client) Health(ctx context.Context) (time.Duration, error) {
	start := c.now()
	if err := c.d.health(ctx); err != nil {
		return 0, err
	}
	return c.now().Sub(start), nil
}

// Procedures returns one page of the procedure listing: everything when since
// is zero, otherwise what changed at or after since (deletions as
// tombstones). pageToken is "" for the first page, then the previous page's
// NextPageToken. Invalid items are dropped and logged.
func (c *Client) Procedures(ctx context.Context, since time.Time, pageToken string, pageSize int) (ProcedurePage, error) {
	if pageSize <= 0 {
		pageSize = 200
	}
	pageSize = min(pageSize, maxPageItems)
	p, err := c.d.procedures(ctx, since, pageToken, pageSize)
	if err != nil {
		return ProcedurePage{}, err
	}
	return c.cleanPage(p, pageToken)
}

// Procedure returns one procedure by its national code.
func (c *Client) Procedure(ctx context.Context, code string) (Procedure, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return Procedure{}, badRequest("procedure", "empty procedure code")
	}
	p, err := c.d.procedure(ctx, code)
	if err != nil {
		return Procedure{}, err
	}
	p, ok := cleanProcedure(p)
	if !ok || p.Deleted {
		return Procedure{}, badResponse("procedure", 200, "invalid procedure record")
	}
	return p, nil
}

// Agencies returns every agency the portal lists.
func (c *Client) Agencies(ctx context.Context) ([]Agency, error) {
	as, err := c.d.agencies(ctx)
	if err != nil {
		return nil, err
	}
	return cleanAgencies(as), nil
}

// Fields returns every procedure field (lĩnh vực).
func (c *Client) Fields(ctx context.Context) ([]Field, error) {
	fs, err := c.d.fields(ctx)
	if err != nil {
		return nil, err
	}
	return cleanFields(fs), nil
}

// Dossier looks up one application. Without q it returns the public summary;
// with the secret from the receipt QR or the applicant's ID number it returns
// the details (Detailed set) or ErrWrongSecret. Neither is logged.
func (c *Client) Dossier(ctx context.Context, code string, q DossierQuery) (Dossier, error) {
	code = strings.TrimSpace(code)
	if code == "" {
		return Dossier{}, badRequest("dossier", "empty dossier code")
	}
	q.Secret = strings.TrimSpace(q.Secret)
	q.IDNumber = strings.TrimSpace(q.IDNumber)
	d, err := c.d.dossier(ctx, code, q)
	if err != nil {
		return Dossier{}, err
	}
	return cleanDossier(d, code)
}

// ReadyDossiers returns the public list of dossiers whose results are ready
// to collect, optionally for one agency and filtered by a code prefix.
func (c *Client) ReadyDossiers(ctx context.Context, agency, q string) ([]ReadyDossier, error) {
	ds, err := c.d.readyDossiers(ctx, strings.TrimSpace(agency), strings.TrimSpace(q))
	if err != nil {
		return nil, err
	}
	return cleanReady(ds), nil
}

// TakeTicket asks for a queue ticket. It is not repeated once the request may
// have reached the portal, so a citizen never gets two numbers.
func (c *Client) TakeTicket(ctx context.Context, r TicketRequest) (Ticket, error) {
	if strings.TrimSpace(r.ServiceCode) == "" {
		return Ticket{}, badRequest("ticket", "empty service code")
	}
	t, err := c.d.takeTicket(ctx, r)
	if err != nil {
		return Ticket{}, err
	}
	if strings.TrimSpace(t.Number) == "" {
		return Ticket{}, badResponse("ticket", 200, "ticket without a number")
	}
	t.Waiting = max(t.Waiting, 0)
	return t, nil
}

// SubmitRating sends a rating with r.ID as its Idempotency-Key; replays get
// the first receipt back with Duplicate set.
func (c *Client) SubmitRating(ctx context.Context, r Rating) (RatingReceipt, error) {
	if strings.TrimSpace(r.ID) == "" {
		return RatingReceipt{}, badRequest("rating", "rating without an id (idempotency key)")
	}
	if r.Overall < VeryDissatisfied || r.Overall > VerySatisfied {
		return RatingReceipt{}, badRequest("rating", "overall score %d outside 1..5", r.Overall)
	}
	return c.d.submitRating(ctx, r)
}

// Heartbeat reports the kiosk's health.
func (c *Client) Heartbeat(ctx context.Context, h Heartbeat) error {
	return c.d.heartbeat(ctx, h)
}
