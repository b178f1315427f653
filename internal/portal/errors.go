package portal

import (
	"errors"
	"fmt"
	"strings"
)

// Sentinel errors every Client method may return, wrapped in an *Error. The UI
// maps them with errors.Is to a message a citizen understands.
var (
	// ErrNotFound: the portal does not know the procedure or dossier code.
	ErrNotFound = errors.New("not found")
	// ErrUnauthorized: the kiosk's id or key was refused (a technician problem).
	ErrUnauthorized = errors.New("kiosk not authorised by the portal")
	// ErrWrongSecret: the secret from the receipt QR or the ID number does not
	// match the dossier.
	ErrWrongSecret = errors.New("wrong dossier secret or ID number")
	// ErrOffline: the portal could not be reached, timed out or kept failing
	// with 5xx after all retries. Callers fall back to the cache.
	ErrOffline = errors.New("portal unreachable")
	// ErrBadResponse: the portal answered with something the client cannot
	// use (not JSON, invalid data, larger than the size limit).
	ErrBadResponse = errors.New("bad response from portal")
	// ErrRateLimited: the portal still answered 429 after all retries.
	ErrRateLimited = errors.New("rate limited by portal")
	// ErrBadRequest: the portal refused the request as malformed (400 and
	// other 4xx), or the client refused to send it.
	ErrBadRequest = errors.New("bad request")
	// ErrUnsupported: the configured portal dialect has no such operation
	// (for example heartbeats on OpenCPS).
	ErrUnsupported = errors.New("not supported by this portal")
)

// Error is what every failed Client call returns. It carries the HTTP status
// (0 when no response arrived), the portal's machine code and message, and
// wraps one of the sentinels so that errors.Is works; errors.As gives the
// details for logs and the staff panel.
type Error struct {
	Op      string // "GET /api/v1/dossiers/{code}"-style description of the call
	Status  int    // HTTP status, 0 if no response
	Code    string // portal machine code, e.g. "not_found"
	Message string // portal message or the client's explanation
	Err     error  // one of the sentinels above
	cause   error  // underlying transport or decoding error, if any
}

func (e *Error) Error() string {
	var b strings.Builder
	b.WriteString("portal")
	if e.Op != "" {
		b.WriteString(" " + e.Op)
	}
	b.WriteString(": ")
	b.WriteString(e.Err.Error())
	if e.Status != 0 {
		fmt.Fprintf(&b, " (HTTP %d", e.Status)
		if e.Code != "" {
			b.WriteString(" " + e.Code)
		}
		b.WriteString(")")
	}
	if e.Message != "" {
		b.WriteString(": " + e.Message)
	}
	if e.cause != nil {
		b.WriteString(": " + e.cause.Error())
	}
	return b.String()
}

// Unwrap returns the sentinel and, when present, the underlying cause.
func (e *Error) Unwrap() []error {
	if e.cause != nil {
		return []error{e.Err, e.cause}
	}
	return []error{e.Err}
}

// sentinelFor maps an HTTP error status and machine code to a sentinel.
func sentinelFor(status int, code string) error {
	switch {
	case code == "wrong_secret":
		return ErrWrongSecret
	case status == 401 || code == "unauthorized":
		return ErrUnauthorized
	case status == 403:
		return ErrUnauthorized
	case status == 404 || code == "not_found":
		return ErrNotFound
	case status == 429 || code == "rate_limited":
		return ErrRateLimited
	case status >= 500:
		return ErrOffline
	default:
		return ErrBadRequest
	}
}

func badResponse(op string, status int, format string, args ...any) *Error {
	return &Error{Op: op, Status: status, Err: ErrBadResponse, Message: fmt.Sprintf(format, args...)}
}

func badRequest(op, format string, args ...any) *Error {
	return &Error{Op: op, Err: ErrBadRequest, Message: fmt.Sprintf(format, args...)}
}

// ErrSecretRequired: the portal shows this dossier only with its secret or
// the applicant's ID number (OpenCPS answers a lookup without either with
// 203 and a login error). It also matches ErrWrongSecret, so a caller that
// only knows that one still asks the citizen for the secret.
var ErrSecretRequired error = secretRequired{}

type secretRequired struct{}

func (secretRequired) Error() string        { return "dossier secret or ID number required" }
func (secretRequired) Is(target error) bool { return target == ErrWrongSecret }
