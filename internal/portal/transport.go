package portal

import (
	"context"
	"crypto/tls"
	"crypto/x509"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"log/slog"
	"math/rand/v2"
	"net"
	"net/http"
	"net/url"
	"os"
	"strconv"
	"strings"
	"sync"
	"syscall"
	"time"

	"github.com/go-resty/resty/v2"

	"kiosk/internal/backoff"
)

// retryMode says when a request may be sent again.
type retryMode int

const (
	// retryAlways: the request is safe to repeat (GETs, ratings with an
	// Idempotency-Key, heartbeats): network errors, 5xx and 429 are retried.
	retryAlways retryMode = iota
	// retryUnsent: the request must not be repeated once it may have reached
	// the server (queue tickets); only errors that prove it never left the
	// kiosk (connection refused, DNS, dial timeout) and 429 are retried.
	retryUnsent
)

// request is one logical call; do() may send it several times.
type request struct {
	method string
	path   string // relative to the base URL, already escaped
	query  url.Values
	header map[string]string
	body   []byte
	ctype  string
	retry  retryMode
	op     string // for errors and logs: never contains secrets or ID numbers
}

// response is a fully read HTTP response.
type response struct {
	status int
	header http.Header
	body   []byte
}

var errTooLarge = errors.New("response body exceeds the size limit")

// transport sends requests with resty: one attempt in once(), retries with
// backoff in do().
type transport struct {
	rc       *resty.Client
	base     string
	header   map[string]string // sent with every request
	timeout  time.Duration
	retries  int
	maxBody  int64
	backBase time.Duration
	backMax  time.Duration
	maxRA    time.Duration
	sleep    func(ctx context.Context, d time.Duration) error
	now      func() time.Time
	rand     func() float64
	log      *slog.Logger

	// serverDate is the portal's last HTTP Date header and the kiosk's
	// clock when it arrived: a second opinion on the kiosk's clock.
	dateMu     sync.Mutex
	serverDate time.Time
	localAt    time.Time
}

// noteDate keeps the Date header of an answer.
func (t *transport) noteDate(h http.Header) {
	d, err := http.ParseTime(h.Get("Date"))
	if err != nil {
		return
	}
	t.dateMu.Lock()
	t.serverDate, t.localAt = d, t.now()
	t.dateMu.Unlock()
}

func (t *transport) lastDate() (server, local time.Time) {
	t.dateMu.Lock()
	defer t.dateMu.Unlock()
	return t.serverDate, t.localAt
}

func newTransport(o Options, base string, header map[string]string) (*transport, error) {
	hc := o.HTTPClient
	if hc == nil {
		tr := http.DefaultTransport.(*http.Transport).Clone()
		if o.CAFile != "" {
			pem, err := os.ReadFile(o.CAFile)
			if err != nil {
				return nil, fmt.Errorf("reading portal CA file: %w", err)
			}
			pool := x509.NewCertPool()
			if !pool.AppendCertsFromPEM(pem) {
				return nil, fmt.Errorf("portal CA file %q holds no PEM certificate", o.CAFile)
			}
			// The CA file is the only root: the kiosk trusts nothing else for
			// the portal (pinning to the province's CA).
			tr.TLSClientConfig = &tls.Config{RootCAs: pool, MinVersion: tls.VersionTLS12}
		}
		hc = &http.Client{Transport: tr}
		if o.WrapTransport != nil {
			hc.Transport = o.WrapTransport(tr)
		}
	}
	// Redirects are never followed, whoever built the client: following one
	// would resend the kiosk key, the applicant's ID number and the dossier
	// secret to wherever the portal (or someone in between) points, possibly
	// over plain http, bypassing the https rule and the CA pinning.
	hc = withoutRedirects(hc)
	rc := resty.NewWithClient(hc)
	rc.SetLogger(nopLogger{})
	rc.SetRetryCount(0)
	rc.SetDoNotParseResponse(true)

	t := &transport{
		rc:       rc,
		base:     base,
		header:   header,
		timeout:  o.Timeout,
		retries:  o.Retries,
		maxBody:  o.MaxBodyBytes,
		backBase: o.BackoffBase,
		backMax:  o.BackoffMax,
		maxRA:    o.MaxRetryAfter,
		sleep:    o.Sleep,
		now:      o.Now,
		rand:     o.Rand,
		log:      o.Logger,
	}
	if t.timeout <= 0 {
		t.timeout = DefaultTimeout
	}
	switch {
	case t.retries < 0:
		t.retries = 0
	case t.retries == 0:
		t.retries = DefaultRetries
	}
	if t.maxBody <= 0 {
		t.maxBody = DefaultMaxBodyBytes
	}
	if t.backBase <= 0 {
		t.backBase = 200 * time.Millisecond
	}
	if t.backMax <= 0 {
		t.backMax = 5 * time.Second
	}
	if t.maxRA <= 0 {
		t.maxRA = 30 * time.Second
	}
	if t.sleep == nil {
		t.sleep = sleepCtx
	}
	if t.now == nil {
		t.now = time.Now
	}
	if t.rand == nil {
		t.rand = rand.Float64
	}
	if t.log == nil {
		t.log = slog.New(slog.DiscardHandler)
	}
	return t, nil
}

// withoutRedirects returns a copy of hc (the caller's client is not changed)
// that hands any 3xx answer back instead of following it.
func withoutRedirects(hc *http.Client) *http.Client {
	c := *hc
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	return &c
}

// redirectTarget describes a redirect's Location for the staff panel: scheme
// and host only, since the path or query may carry secrets.
func redirectTarget(loc string) string {
	u, err := url.Parse(loc)
	if err != nil || u.Host == "" {
		return "the same host"
	}
	return u.Scheme + "://" + u.Host
}

func sleepCtx(ctx context.Context, d time.Duration) error {
	tm := time.NewTimer(d)
	defer tm.Stop()
	select {
	case <-ctx.Done():
		return ctx.Err()
	case <-tm.C:
		return nil
	}
}

// do sends req, retrying as its retryMode allows, and returns a 2xx response
// or an *Error.
func (t *transport) do(ctx context.Context, req request) (response, error) {
	for attempt := 0; ; attempt++ {
		resp, err := t.once(ctx, req)
		if cerr := ctx.Err(); cerr != nil {
			return response{}, fmt.Errorf("portal %s: %w", req.op, cerr)
		}
		var (
			final     error
			retryable bool
			wait      time.Duration
		)
		switch {
		case errors.Is(err, errTooLarge):
			return response{}, &Error{Op: req.op, Status: resp.status, Err: ErrBadResponse,
				Message: fmt.Sprintf("body larger than %d bytes", t.maxBody)}
		case err != nil:
			final = &Error{Op: req.op, Err: ErrOffline, cause: err}
			retryable = req.retry == retryAlways || neverSent(err)
		case resp.status >= 200 && resp.status < 300:
			return resp, nil
		case resp.status >= 300 && resp.status < 400:
			return response{}, &Error{Op: req.op, Status: resp.status, Err: ErrBadResponse,
				Message: fmt.Sprintf("redirect to %s refused (if the portal moved, update portal.base_url)",
					redirectTarget(resp.header.Get("Location")))}
		default:
			final = t.statusError(req, resp)
			switch {
			case resp.status == http.StatusTooManyRequests:
				retryable = true // the portal did not process it
			case resp.status >= 500:
				retryable = req.retry == retryAlways
			}
			if resp.status == http.StatusTooManyRequests || resp.status == http.StatusServiceUnavailable {
				if ra, ok := parseRetryAfter(resp.header.Get("Retry-After"), t.now()); ok {
					wait = min(ra, t.maxRA)
				}
			}
		}
		if !retryable || attempt >= t.retries {
			return response{}, final
		}
		if wait <= 0 {
			wait = t.backoff(attempt)
		}
		t.log.Debug("portal request failed, retrying", "op", req.op, "attempt", attempt+1,
			"status", resp.status, "wait", wait)
		if err := t.sleep(ctx, wait); err != nil {
			return response{}, fmt.Errorf("portal %s: %w", req.op, err)
		}
	}
}

// backoff is the wait after failed attempt number attempt (0 for the
// first): internal/backoff's full jitter, a random wait in
// [0, min(max, base*2^attempt)).
func (t *transport) backoff(attempt int) time.Duration {
	return backoff.Policy{Base: t.backBase, Max: t.backMax}.Wait(attempt+1, t.rand)
}

// parseRetryAfter reads a Retry-After header: delay-seconds or an HTTP date.
func parseRetryAfter(v string, now time.Time) (time.Duration, bool) {
	v = strings.TrimSpace(v)
	if v == "" {
		return 0, false
	}
	if n, err := strconv.ParseInt(v, 10, 64); err == nil {
		if n < 0 {
			return 0, false
		}
		n = min(n, 86400)
		return time.Duration(n) * time.Second, true
	}
	if at, err := http.ParseTime(v); err == nil {
		return min(max(at.Sub(now), 0), 24*time.Hour), true
	}
	return 0, false
}

// neverSent reports whether err proves the request never reached the server,
// so even a non-idempotent request may be sent again.
func neverSent(err error) bool {
	var dnsErr *net.DNSError
	if errors.As(err, &dnsErr) {
		return true
	}
	if errors.Is(err, syscall.ECONNREFUSED) {
		return true
	}
	var opErr *net.OpError
	return errors.As(err, &opErr) && opErr.Op == "dial"
}

// once makes one attempt with the per-call timeout and reads the whole body,
// up to the size limit. It returns an error only when no complete response
// arrived; HTTP error statuses are returned as responses.
func (t *transport) once(ctx context.Context, req request) (response, error) {
	actx, cancel := context.WithTimeout(ctx, t.timeout)
	defer cancel()
	r := t.rc.R().SetContext(actx).SetDoNotParseResponse(true)
	r.SetHeader("Accept", "application/json")
	for k, v := range t.header {
		r.SetHeader(k, v)
	}
	for k, v := range req.header {
		r.SetHeader(k, v)
	}
	if req.query != nil {
		r.SetQueryParamsFromValues(req.query)
	}
	if req.body != nil {
		r.SetHeader("Content-Type", req.ctype)
		r.SetBody(req.body)
	}
	res, err := r.Execute(req.method, t.base+req.path)
	if res != nil && res.RawBody() != nil {
		defer res.RawBody().Close()
	}
	if err != nil {
		return response{}, err
	}
	out := response{status: res.StatusCode(), header: res.Header()}
	t.noteDate(out.header)
	raw := res.RawBody()
	if raw == nil {
		return out, nil
	}
	if res.RawResponse != nil && res.RawResponse.ContentLength > t.maxBody {
		return out, errTooLarge
	}
	body, err := io.ReadAll(io.LimitReader(raw, t.maxBody+1))
	if err != nil {
		return out, fmt.Errorf("reading response body: %w", err)
	}
	if int64(len(body)) > t.maxBody {
		return out, errTooLarge
	}
	out.body = body
	return out, nil
}

// statusError turns a non-2xx response into an *Error, reading the JSON error
// body when there is one.
func (t *transport) statusError(req request, resp response) *Error {
	var body APIError
	if len(resp.body) > 0 && json.Unmarshal(resp.body, &body) == nil {
		body.Message = clip(body.Message, 300)
		body.Code = clip(body.Code, 40)
	}
	return &Error{Op: req.op, Status: resp.status, Code: body.Code, Message: body.Message,
		Err: sentinelFor(resp.status, body.Code)}
}

// getJSON sends a GET (retried freely) and decodes the JSON answer into v.
func (t *transport) getJSON(ctx context.Context, op, path string, q url.Values, hdr map[string]string, v any) (response, error) {
	resp, err := t.do(ctx, request{method: http.MethodGet, path: path, query: q, header: hdr, op: op})
	if err != nil {
		return resp, err
	}
	return resp, decodeJSON(op, resp, v)
}

// sendJSON POSTs v as JSON with the given retry mode and decodes the answer
// into out (nil: ignore the body).
func (t *transport) sendJSON(ctx context.Context, op, path string, hdr map[string]string, mode retryMode, v, out any) (response, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return response{}, fmt.Errorf("portal %s: encoding request: %w", op, err)
	}
	resp, err := t.do(ctx, request{method: http.MethodPost, path: path, header: hdr, body: b,
		ctype: "application/json", retry: mode, op: op})
	if err != nil || out == nil {
		return resp, err
	}
	return resp, decodeJSON(op, resp, out)
}

func decodeJSON(op string, resp response, v any) error {
	if err := json.Unmarshal(resp.body, v); err != nil {
		return &Error{Op: op, Status: resp.status, Err: ErrBadResponse,
			// The body itself is not quoted: it may hold personal data.
			Message: fmt.Sprintf("decoding JSON (%d bytes, %s)", len(resp.body), resp.header.Get("Content-Type")),
			cause:   err}
	}
	return nil
}

func clip(s string, n int) string {
	if len(s) <= n {
		return s
	}
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n]) + "…"
}

// nopLogger silences resty; the client logs through slog itself.
type nopLogger struct{}

func (nopLogger) Errorf(string, ...any) {}
func (nopLogger) Warnf(string, ...any)  {}
func (nopLogger) Debugf(string, ...any) {}

// sendForm POSTs form fields (OpenCPS style) and decodes the answer into out
// (nil: ignore the body).
func (t *transport) sendForm(ctx context.Context, op, path string, mode retryMode, form url.Values, out any) (response, error) {
	resp, err := t.do(ctx, request{method: http.MethodPost, path: path, body: []byte(form.Encode()),
		ctype: "application/x-www-form-urlencoded", retry: mode, op: op})
	if err != nil || out == nil {
		return resp, err
	}
	return resp, decodeJSON(op, resp, out)
}
