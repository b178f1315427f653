package scanner

import (
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"
)

// Kind says what a scanned payload identifies.
type Kind int

const (
	// Unknown is the zero Kind; Parse never returns it without an error.
	Unknown Kind = iota
	// Dossier is a dossier (hồ sơ) code, possibly with the secret printed in
	// the receipt's QR code.
	Dossier
	// CitizenID is the QR code on a chip-based citizen ID card (CCCD); only
	// the ID number is kept.
	CitizenID
)

func (k Kind) String() string {
	switch k {
	case Dossier:
		return "dossier"
	case CitizenID:
		return "citizen-id"
	}
	return "unknown"
}

// Payload is what a scan means to the kiosk. For a Dossier, DossierCode is
// set (upper case, canonical) and Secret may be. For a CitizenID only
// IDNumber is set: the holder's name, address and dates are dropped inside
// Parse and never leave it.
type Payload struct {
	DossierCode string
	Secret      string
	IDNumber    string
	Kind        Kind
}

// MaxPayload is the longest text Parse accepts. Receipt QR codes are short
// URLs; anything much longer is not ours.
const MaxPayload = 1024

// Errors Parse returns, wrapped in a *RejectError that carries the reason.
// Callers pick a message with errors.Is.
var (
	// ErrUnrecognised means the payload is not any format the kiosk knows
	// (a product barcode, a bank QR, a web address without a dossier code).
	ErrUnrecognised = errors.New("unrecognised payload")
	// ErrMalformedCode means the payload looks like a dossier code but is
	// not a valid one (bad date, bad counter, bad agency id).
	ErrMalformedCode = errors.New("malformed dossier code")
	// ErrMalformedID means the payload is shaped like a citizen ID card QR
	// but its ID number is not 12 digits.
	ErrMalformedID = errors.New("malformed citizen ID card code")
	// ErrTooLong means the payload is longer than MaxPayload.
	ErrTooLong = errors.New("payload too long")
)

// RejectError is why a payload was rejected: Err is one of the sentinels
// above, Reason says what exactly was wrong. Reason never contains personal
// data from a citizen ID card.
type RejectError struct {
	Err    error
	Reason string
}

func (e *RejectError) Error() string {
	if e.Reason == "" {
		return e.Err.Error()
	}
	return e.Err.Error() + ": " + e.Reason
}

func (e *RejectError) Unwrap() error { return e.Err }

func reject(err error, format string, args ...any) error {
	return &RejectError{Err: err, Reason: fmt.Sprintf(format, args...)}
}

// codeShape matches anything shaped like {agency}-{6 chars}-{counter}; it is
// deliberately loose so that near misses are reported as malformed codes
// with a reason rather than as unrecognised.
var codeShape = regexp.MustCompile(`^([A-Z0-9]+(?:\.[A-Z0-9]+)+)-([0-9A-Z]{5,7})-([0-9A-Z]{1,8})$`)

var (
	agencyRe  = regexp.MustCompile(`^[A-Z0-9]{1,8}(?:\.[A-Z0-9]{1,8}){1,5}$`)
	digitsRe  = regexp.MustCompile(`^[0-9]+$`)
	citizenRe = regexp.MustCompile(`^[0-9]{12}$`)
)

// ValidDossierCode reports whether s (after trimming spaces, in any case) is
// a well-formed dossier code {agency id}-{yyMMdd}-{NNNN}, e.g.
// 000.00.53.H48-220921-0099.
func ValidDossierCode(s string) bool {
	_, err := canonicalCode(s)
	return err == nil
}

// canonicalCode checks a dossier code and returns it upper-cased and
// trimmed. The error says what is wrong when the shape is right but a part
// is not; ErrUnrecognised when the shape is wrong.
func canonicalCode(s string) (string, error) {
	c := strings.ToUpper(strings.TrimSpace(s))
	m := codeShape.FindStringSubmatch(c)
	if m == nil {
		return "", reject(ErrUnrecognised, "not shaped like a dossier code")
	}
	agency, date, counter := m[1], m[2], m[3]
	if len(agency) > 40 || !agencyRe.MatchString(agency) {
		return "", reject(ErrMalformedCode, "agency id %q is not dotted groups of letters and digits", agency)
	}
	if len(date) != 6 || !digitsRe.MatchString(date) {
		return "", reject(ErrMalformedCode, "date part %q is not 6 digits (yyMMdd)", date)
	}
	if _, err := time.Parse("060102", date); err != nil {
		return "", reject(ErrMalformedCode, "date part %q is not a calendar date (yyMMdd)", date)
	}
	if !digitsRe.MatchString(counter) || len(counter) < 4 || len(counter) > 6 {
		return "", reject(ErrMalformedCode, "counter %q is not 4 to 6 digits", counter)
	}
	return c, nil
}

// Parse turns what a scanner read into a Payload. It accepts:
//   - a bare dossier code, in any case, with surrounding spaces;
//   - a URL whose last path segment is the code, or whose query (or
//     fragment route) has code=, dossierNo= or maHoSo=; secretKey= or
//     secretCode= gives the secret;
//   - a multi-line QR with lines such as "Mã hồ sơ: …" and "Mã bí mật: …",
//     or key=value lines;
//   - the QR printed on a chip-based citizen ID card (CCCD):
//     ID|old ID|full name|ddmmyyyy|sex|address|ddmmyyyy. Only the ID
//     number is kept.
//
// Anything else is rejected with a *RejectError wrapping ErrUnrecognised,
// ErrMalformedCode, ErrMalformedID or ErrTooLong.
func Parse(s string) (Payload, error) {
	if len(s) > MaxPayload {
		return Payload{}, reject(ErrTooLong, "%d bytes, at most %d", len(s), MaxPayload)
	}
	if !utf8.ValidString(s) {
		return Payload{}, reject(ErrUnrecognised, "not valid UTF-8 text")
	}
	s = strings.TrimFunc(s, func(r rune) bool { return unicode.IsSpace(r) || r == '\x00' || r == '\uFEFF' })
	if s == "" {
		return Payload{}, reject(ErrUnrecognised, "empty")
	}
	if strings.Count(s, "|") >= 5 {
		return parseIDCard(s) // CCCD or căn cước card, cancuoc.go
	}
	if looksLikeURL(s) {
		return parseURL(s)
	}
	if strings.ContainsAny(s, "\r\n:=;&") {
		if p, err, ok := parseKeyValues(s); ok {
			return p, err
		}
	}
	code, err := canonicalCode(s)
	if err != nil {
		return Payload{}, err
	}
	return Payload{Kind: Dossier, DossierCode: code}, nil
}

// parseCitizenID keeps the 12-digit ID number of a CCCD QR and nothing
// else. Errors never quote the fields.
func parseCitizenID(s string) (Payload, error) {
	fields := strings.Split(s, "|")
	if len(fields) < 6 || len(fields) > 12 {
		return Payload{}, reject(ErrUnrecognised, "%d |-separated fields, a citizen ID card has 7", len(fields))
	}
	id := strings.TrimSpace(fields[0])
	if !citizenRe.MatchString(id) {
		return Payload{}, reject(ErrMalformedID, "ID number is %d characters, want 12 digits", utf8.RuneCountInString(id))
	}
	if old := strings.TrimSpace(fields[1]); old != "" && !digitsRe.MatchString(old) {
		return Payload{}, reject(ErrMalformedID, "old ID number is not digits")
	}
	if dob := strings.TrimSpace(fields[3]); dob != "" {
		if _, err := time.Parse("02012006", dob); err != nil {
			return Payload{}, reject(ErrMalformedID, "date of birth is not ddmmyyyy")
		}
	}
	return Payload{Kind: CitizenID, IDNumber: id}, nil
}

func looksLikeURL(s string) bool {
	l := strings.ToLower(s)
	return strings.HasPrefix(l, "http://") || strings.HasPrefix(l, "https://") ||
		(strings.HasPrefix(l, "www.") && !strings.ContainsAny(s, " \n"))
}

// Query keys that carry the dossier code or its secret, lower case.
var (
	codeKeys   = []string{"code", "dossierno", "dossier_no", "dossiercode", "mahoso", "ma_ho_so", "sohoso", "so_ho_so", "ma"}
	secretKeys = []string{"secretkey", "secret_key", "secretcode", "secret_code", "secret", "mabimat", "ma_bi_mat"}
)

func parseURL(s string) (Payload, error) {
	if strings.HasPrefix(strings.ToLower(s), "www.") {
		s = "https://" + s
	}
	u, err := url.Parse(s)
	if err != nil {
		return Payload{}, reject(ErrUnrecognised, "web address that cannot be parsed")
	}
	q := lowerKeys(u.Query())
	// Single-page portals route in the fragment: #/tra-cuu?code=...
	var fragPath string
	if u.Fragment != "" {
		fp, fq, _ := strings.Cut(u.Fragment, "?")
		fragPath = fp
		if fv, err := url.ParseQuery(fq); err == nil {
			for k, v := range lowerKeys(fv) {
				if _, dup := q[k]; !dup {
					q[k] = v
				}
			}
		}
	}
	secret := first(q, secretKeys)
	candidates := []string{first(q, codeKeys), lastSegment(fragPath), lastSegment(u.Path)}
	var firstErr error
	for _, c := range candidates {
		if c == "" {
			continue
		}
		code, err := canonicalCode(c)
		if err == nil {
			return Payload{Kind: Dossier, DossierCode: code, Secret: secret}, nil
		}
		if firstErr == nil && errors.Is(err, ErrMalformedCode) {
			firstErr = err
		}
	}
	if firstErr != nil {
		return Payload{}, firstErr
	}
	return Payload{}, reject(ErrUnrecognised, "web address without a dossier code")
}

func lowerKeys(v url.Values) url.Values {
	out := make(url.Values, len(v))
	for k, vs := range v {
		out[strings.ToLower(k)] = vs
	}
	return out
}

func first(q url.Values, keys []string) string {
	for _, k := range keys {
		if v := strings.TrimSpace(q.Get(k)); v != "" {
			return v
		}
	}
	return ""
}

func lastSegment(p string) string {
	p = strings.TrimRight(p, "/")
	if i := strings.LastIndexByte(p, '/'); i >= 0 {
		p = p[i+1:]
	}
	if u, err := url.PathUnescape(p); err == nil {
		p = u
	}
	return p
}

// parseKeyValues reads "key: value" / "key=value" lines. ok is false when
// no line has a key the kiosk knows, so the caller can try other formats.
func parseKeyValues(s string) (p Payload, err error, ok bool) {
	var code, secret string
	var codeErr error
	sawCode := false
	for _, line := range strings.FieldsFunc(s, func(r rune) bool { return r == '\n' || r == '\r' || r == ';' || r == '&' }) {
		i := strings.IndexAny(line, ":=")
		if i < 0 {
			continue
		}
		key, val := foldKey(line[:i]), strings.TrimSpace(line[i+1:])
		switch {
		case isCodeKey(key):
			sawCode = true
			if code != "" {
				continue
			}
			c, err := canonicalCode(val)
			if err != nil {
				if codeErr == nil {
					codeErr = err
				}
				continue
			}
			code = c
		case isSecretKey(key):
			if secret == "" {
				secret = val
			}
		}
	}
	if code != "" {
		return Payload{Kind: Dossier, DossierCode: code, Secret: secret}, nil, true
	}
	if sawCode {
		if errors.Is(codeErr, ErrUnrecognised) {
			codeErr = reject(ErrMalformedCode, "the dossier code line does not hold a dossier code")
		}
		return Payload{}, codeErr, true
	}
	return Payload{}, nil, false
}

func isCodeKey(k string) bool {
	switch k {
	case "ma ho so", "so ho so", "ma hs", "so hs", "ho so", "code", "dossier code", "dossier no",
		"dossier number", "dossierno", "dossier", "mahoso", "sohoso", "ma_ho_so", "dossier_no":
		return true
	}
	return false
}

func isSecretKey(k string) bool {
	switch k {
	case "ma bi mat", "mat khau", "ma tra cuu", "secret", "secret key", "secretkey", "secret code",
		"secretcode", "mabimat", "ma_bi_mat", "secret_key":
		return true
	}
	return false
}

// foldKey lower-cases a key, strips Vietnamese diacritics and squeezes
// spaces: "Mã hồ sơ " -> "ma ho so".
func foldKey(k string) string {
	var b strings.Builder
	for _, r := range norm.NFD.String(strings.ToLower(strings.TrimSpace(k))) {
		switch {
		case unicode.Is(unicode.Mn, r):
		case r == 'đ':
			b.WriteRune('d')
		default:
			b.WriteRune(r)
		}
	}
	return strings.Join(strings.Fields(b.String()), " ")
}
