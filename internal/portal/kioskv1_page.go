package portal

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strings"
)

// decodeProcedurePage decodes a page in one pass over the body: the items
// are decoded one by one as the decoder reaches them, so that one record
// with, say, an invalid date is skipped (and counted) instead of failing
// the page (and with it every sync from then on), while the page as a whole
// must still be valid JSON. Decoding the page into raw items first and each
// item again afterwards scanned every byte four times; at national scale
// (60,000 procedures, 75 MB of JSON) that was the largest part of a full
// sync.
func decodeProcedurePage(op string, resp response) (ProcedurePage, error) {
	p, err := decodePage(resp.body)
	if err != nil {
		return ProcedurePage{}, &Error{Op: op, Status: resp.status, Err: ErrBadResponse,
			// The body itself is not quoted: it may hold personal data.
			Message: fmt.Sprintf("decoding JSON (%d bytes, %s)", len(resp.body), resp.header.Get("Content-Type")),
			cause:   err}
	}
	if d, err := http.ParseTime(resp.header.Get("Date")); err == nil {
		p.Date = d
	}
	return p, nil
}

var errNotAnObject = errors.New("procedure page is not a JSON object")

func decodePage(body []byte) (ProcedurePage, error) {
	var p ProcedurePage
	dec := json.NewDecoder(bytes.NewReader(body))
	if err := expectDelim(dec, '{'); err != nil {
		return p, err
	}
	for dec.More() {
		t, err := dec.Token()
		if err != nil {
			return p, err
		}
		key, _ := t.(string)
		// Keys match as encoding/json matches struct fields: exactly or
		// ignoring case.
		switch {
		case strings.EqualFold(key, "items"):
			p.Items, p.Skipped = nil, 0
			if err := decodeItems(dec, &p); err != nil {
				return p, err
			}
		case strings.EqualFold(key, "next_page_token"):
			err = dec.Decode(&p.NextPageToken)
		case strings.EqualFold(key, "server_time"):
			err = dec.Decode(&p.ServerTime)
		case strings.EqualFold(key, "total"):
			err = dec.Decode(&p.Total)
		default:
			var skip json.RawMessage
			err = dec.Decode(&skip)
		}
		if err != nil {
			return p, err
		}
	}
	if err := expectDelim(dec, '}'); err != nil {
		return p, err
	}
	// Nothing but white space may follow, as for json.Unmarshal.
	if _, err := dec.Token(); err != io.EOF {
		if err == nil {
			err = errors.New("data after the procedure page")
		}
		return p, err
	}
	return p, nil
}

// decodeItems decodes the items array (or null) the decoder is at.
func decodeItems(dec *json.Decoder, p *ProcedurePage) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if t == nil {
		return nil
	}
	if d, ok := t.(json.Delim); !ok || d != '[' {
		return fmt.Errorf("items is not an array")
	}
	for dec.More() {
		var pr Procedure
		if err := dec.Decode(&pr); err != nil {
			var syn *json.SyntaxError
			if errors.As(err, &syn) || errors.Is(err, io.ErrUnexpectedEOF) || errors.Is(err, io.EOF) {
				return err // the page is broken, not one record
			}
			p.Skipped++ // the whole value was read: the stream goes on
			continue
		}
		p.Items = append(p.Items, pr)
	}
	return expectDelim(dec, ']')
}

func expectDelim(dec *json.Decoder, want json.Delim) error {
	t, err := dec.Token()
	if err != nil {
		return err
	}
	if d, ok := t.(json.Delim); !ok || d != want {
		if want == '{' {
			return errNotAnObject
		}
		return fmt.Errorf("expected %q in procedure page", want)
	}
	return nil
}
