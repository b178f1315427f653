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

// MaxCodeLen is the longest dossier code accepted. National codes are 25
// characters, OpenCPS numbers follow per-process patterns and other systems
// issue their own shapes ("03706/2026/07906" from social insurance), so the
// kiosk only refuses what cannot be a code and lets the portal answer "not
// found" for the rest.
const MaxCodeLen = 64

// MinCodeLen is the shortest dossier code accepted. No numbering scheme a
// portal uses is shorter (national codes are 25 characters, social insurance
// numbers 16, OpenCPS's per-process patterns carry a date and a counter), and
// a few characters between two control bytes are what a scanner at the wrong
// baud rate, or a bad cable, sends: "9" or "0Z" must not start a lookup.
const MinCodeLen = 6

// nationalShape is the national code {agency id}-{yyMMdd}-{counter}; a code
// of this shape must carry a real date.
var nationalShape = regexp.MustCompile(`^([A-Z0-9]{1,8}(?:\.[A-Z0-9]{1,8}){1,5})-([0-9]{6})-([0-9]{1,8})$`)

var (
	digitsRe  = regexp.MustCompile(`^[0-9]+$`)
	citizenRe = regexp.MustCompile(`^[0-9]{12}$`)
	// procedureRe is a national procedure code (mã TTHC), not a dossier.
	procedureRe = regexp.MustCompile(`^[0-9]\.[0-9]{6}\.[0-9]{3}\.[0-9]{2}\.[0-9]{2}\.H[0-9]{2}$`)
	uuidRe      = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)
)

// ValidDossierCode reports whether s (after trimming spaces, in any case)
// can be a dossier code: see canonicalCode.
func ValidDossierCode(s string) bool {
	_, err := canonicalCode(s)
	return err == nil
}

// hibcChars is the HIBC character set; a character's check value is its
// index.
const hibcChars = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ-. $/+%"

// stripHIBC removes the HIBC wrapping OpenCPS puts on the dossier number in
// the QR of /dossiers/{id}/qrcode (DossierManagementImpl.getDossierQRcode
// sets Symbol.DataType.HIBC): a leading "+", the number upper-cased, and a
// check character, the sum of every character's index in hibcChars (the "+"
// included) modulo 43. ok is false when s is not HIBC-shaped; err is set
// when it is but the check character is wrong.
func stripHIBC(s string) (code string, ok bool, err error) {
	if len(s) < 3 || s[0] != '+' {
		return "", false, nil
	}
	sum := 0
	for i := 0; i < len(s); i++ {
		v := strings.IndexByte(hibcChars, s[i])
		if v < 0 {
			return "", false, nil
		}
		if i < len(s)-1 {
			sum += v
		}
	}
	if want := hibcChars[sum%43]; s[len(s)-1] != want {
		return "", true, reject(ErrMalformedCode, "HIBC check character %q is wrong (want %q)", s[len(s)-1], want)
	}
	return s[1 : len(s)-1], true, nil
}

// canonicalCode checks a dossier code and returns it canonical: trimmed and
// upper-cased (a UUID, OpenCPS's referenceUid, lower-cased), with an HIBC
// wrapping verified and removed. A code is MinCodeLen..MaxCodeLen letters, digits and
// the separators . - _ / \ with at least one digit; a code shaped like the
// national one must have a real date, and a run of digits that is a valid
// EAN/UPC product number is a product, not a dossier. The error says why;
// ErrUnrecognised when s cannot be a code at all.
func canonicalCode(s string) (string, error) {
	c := strings.TrimSpace(s)
	if c == "" {
		return "", reject(ErrUnrecognised, "empty")
	}
	if utf8.RuneCountInString(c) > MaxCodeLen+2 {
		return "", reject(ErrUnrecognised, "%d characters, a dossier code has at most %d", utf8.RuneCountInString(c), MaxCodeLen)
	}
	if uuidRe.MatchString(c) {
		return strings.ToLower(c), nil
	}
	c = strings.ToUpper(c)
	if code, ok, err := stripHIBC(c); ok {
		if err != nil {
			return "", err
		}
		c = code
	}
	if n := utf8.RuneCountInString(c); n > MaxCodeLen {
		return "", reject(ErrUnrecognised, "%d characters, a dossier code has at most %d", n, MaxCodeLen)
	} else if n < MinCodeLen {
		return "", reject(ErrUnrecognised, "%d characters, a dossier code has at least %d", n, MinCodeLen)
	}
	hasDigit := false
	for _, r := range c {
		switch {
		case r >= '0' && r <= '9':
			hasDigit = true
		case unicode.IsLetter(r), r == '.', r == '-', r == '_', r == '/', r == '\\':
		case unicode.IsControl(r):
			return "", reject(ErrUnrecognised, "contains a control character")
		case unicode.IsSpace(r):
			return "", reject(ErrUnrecognised, "contains spaces")
		default:
			return "", reject(ErrUnrecognised, "contains %q, which no dossier code has", r)
		}
	}
	if !hasDigit {
		return "", reject(ErrUnrecognised, "no digits, so not a dossier code")
	}
	if m := nationalShape.FindStringSubmatch(c); m != nil {
		if _, err := time.Parse("060102", m[2]); err != nil {
			return "", reject(ErrMalformedCode, "date part %q is not a calendar date (yyMMdd)", m[2])
		}
	}
	if procedureRe.MatchString(c) {
		return "", reject(ErrUnrecognised, "a procedure code, not a dossier code")
	}
	if isProductNumber(c) {
		return "", reject(ErrUnrecognised, "a product barcode (EAN/UPC), not a dossier code")
	}
	return c, nil
}

// isProductNumber reports whether s is an EAN-8, UPC-A, EAN-13 or GTIN-14
// with a valid GS1 check digit.
func isProductNumber(s string) bool {
	switch len(s) {
	case 8, 12, 13, 14:
	default:
		return false
	}
	if !digitsRe.MatchString(s) {
		return false
	}
	sum := 0
	for i := len(s) - 2; i >= 0; i-- {
		d := int(s[i] - '0')
		if (len(s)-2-i)%2 == 0 {
			d *= 3
		}
		sum += d
	}
	return (10-sum%10)%10 == int(s[len(s)-1]-'0')
}

// Parse turns what a scanner read into a Payload. It accepts:
//   - a bare dossier code, in any case, with surrounding spaces, also
//     wrapped in HIBC as OpenCPS's receipt QR has it ("+" code check);
//     codes are what canonicalCode accepts, not only the national shape;
//   - a URL whose query (or fragment route) has code=, dossierNo= or
//     maHoSo=, whose dossier route ends in the code (OpenCPS's
//     #/tra-cuu-thong-tin-ho-so/{id}), or whose last path segment is a
//     national-shaped code; secretKey= or secretCode= gives the secret;
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
	// The code is taken from a code= style query key, from the last segment
	// of a dossier route (OpenCPS's frontend links receipts to
	// #/tra-cuu-thong-tin-ho-so/{id}?secretKey=), or from the last path
	// segment when that is shaped like a national code: any URL's last
	// segment would otherwise pass for a code.
	type candidate struct {
		code  string
		loose bool
	}
	candidates := []candidate{
		{first(q, codeKeys), true},
		{lastSegment(fragPath), isDossierRoute(fragPath)},
		{lastSegment(u.Path), isDossierRoute(u.Path)},
	}
	var firstErr error
	for _, c := range candidates {
		if c.code == "" {
			continue
		}
		code, err := canonicalCode(c.code)
		if err == nil && !c.loose && !nationalShape.MatchString(code) {
			continue
		}
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

// isDossierRoute reports whether a URL path (or fragment route) leads to a
// dossier: one of its segments before the last names dossiers.
func isDossierRoute(p string) bool {
	segs := strings.Split(strings.Trim(p, "/"), "/")
	for _, s := range segs[:max(len(segs)-1, 0)] {
		s = strings.ToLower(s)
		if strings.Contains(s, "ho-so") || strings.Contains(s, "hoso") || strings.Contains(s, "dossier") {
			return true
		}
	}
	return false
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
