package catalog

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"fmt"
	"math"
	"time"

	"kiosk/internal/portal"
)

// Procedures are stored in a compact binary form rather than JSON: at
// national scale (60,000 procedures) start-up reads every one of them for the
// search index, and decoding JSON took about a second there (see
// docs/performance.md). The form is: a version byte, then each field of
// portal.Procedure in declaration order — strings and slices as a uvarint
// length and their contents, integers as varints, floats as 8 bytes, times
// as varint Unix seconds plus uvarint nanoseconds (UTC), booleans as a byte.
//
// TestCodecCoversEveryProcedureField fails when portal.Procedure gains a
// field the codec does not carry. Values starting with '{' are read as JSON,
// so caches written before the codec still load.
//
// Version 2 appends Tier and AnyCentre (the two-tier reform of 1 July 2025)
// after Deleted; version 1 values, which end at Deleted, still decode (with
// an empty Tier and AnyCentre false) and are rewritten by the schema 1 -> 2
// migration in migrate.go.
const codecVersion = 2

// codecVersion1 is the layout without Tier and AnyCentre.
const codecVersion1 = 1

// errCodec is wrapped by every decoding failure.
var errCodec = errors.New("malformed stored procedure")

func encodeProcedure(p *portal.Procedure) []byte {
	return appendProcedure(make([]byte, 0, 512), p)
}

// appendProcedure appends the stored form of p to dst.
func appendProcedure(dst []byte, p *portal.Procedure) []byte {
	e := encoder{b: dst}
	e.b = append(e.b, codecVersion)
	e.str(p.Code)
	e.str(p.Name)
	e.str(p.AgencyCode)
	e.str(p.AgencyName)
	e.str(p.FieldCode)
	e.str(p.FieldName)
	e.int(int64(p.LevelOld))
	e.int(int64(p.Level))
	e.uint(uint64(len(p.Channels)))
	for _, c := range p.Channels {
		e.int(int64(c.Kind))
		e.float(c.Time.Value)
		e.str(c.Time.Unit)
		e.str(c.Time.Note)
		e.uint(uint64(len(c.Fees)))
		for _, f := range c.Fees {
			e.str(f.Name)
			e.int(f.Amount)
			e.str(f.Note)
		}
		e.str(c.Description)
	}
	e.uint(uint64(len(p.Documents)))
	for _, d := range p.Documents {
		e.str(d.Name)
		e.int(int64(d.Originals))
		e.int(int64(d.Copies))
		e.str(d.FormName)
		e.str(d.FormURL)
		e.str(d.Note)
	}
	e.uint(uint64(len(p.Forms)))
	for _, f := range p.Forms {
		e.str(f.Name)
		e.str(f.URL)
	}
	e.strs(p.Steps)
	e.strs(p.Conditions)
	e.strs(p.LegalBasis)
	e.str(p.Applicants)
	e.str(p.Result)
	e.str(p.SubmitPlace)
	e.str(p.OnlineURL)
	e.strs(p.Keywords)
	e.int(p.UpdatedAt.Unix())
	e.uint(uint64(p.UpdatedAt.Nanosecond()))
	e.bool(p.Deleted)
	e.str(p.Tier)
	e.bool(p.AnyCentre)
	return e.b
}

func decodeProcedure(b []byte) (portal.Procedure, error) {
	var p portal.Procedure
	if len(b) > 0 && b[0] == '{' {
		if err := json.Unmarshal(b, &p); err != nil {
			return p, fmt.Errorf("%w: %v", errCodec, err)
		}
		return p, nil
	}
	if len(b) == 0 || (b[0] != codecVersion && b[0] != codecVersion1) {
		return p, fmt.Errorf("%w: unknown encoding", errCodec)
	}
	version := b[0]
	d := decoder{b: b[1:]}
	p.Code = d.str()
	p.Name = d.str()
	p.AgencyCode = d.str()
	p.AgencyName = d.str()
	p.FieldCode = d.str()
	p.FieldName = d.str()
	p.LevelOld = int(d.int())
	p.Level = int(d.int())
	if n := d.count(); n > 0 {
		p.Channels = make([]portal.Channel, n)
		for i := range p.Channels {
			c := &p.Channels[i]
			c.Kind = int(d.int())
			c.Time.Value = d.float()
			c.Time.Unit = d.str()
			c.Time.Note = d.str()
			if m := d.count(); m > 0 {
				c.Fees = make([]portal.Fee, m)
				for j := range c.Fees {
					c.Fees[j] = portal.Fee{Name: d.str(), Amount: d.int(), Note: d.str()}
				}
			}
			c.Description = d.str()
		}
	}
	if n := d.count(); n > 0 {
		p.Documents = make([]portal.Document, n)
		for i := range p.Documents {
			p.Documents[i] = portal.Document{Name: d.str(), Originals: int(d.int()), Copies: int(d.int()),
				FormName: d.str(), FormURL: d.str(), Note: d.str()}
		}
	}
	if n := d.count(); n > 0 {
		p.Forms = make([]portal.Form, n)
		for i := range p.Forms {
			p.Forms[i] = portal.Form{Name: d.str(), URL: d.str()}
		}
	}
	p.Steps = d.strs()
	p.Conditions = d.strs()
	p.LegalBasis = d.strs()
	p.Applicants = d.str()
	p.Result = d.str()
	p.SubmitPlace = d.str()
	p.OnlineURL = d.str()
	p.Keywords = d.strs()
	sec, nsec := d.int(), d.uint()
	if d.err == nil && nsec >= 1e9 {
		d.err = errors.New("nanoseconds out of range")
	}
	p.UpdatedAt = time.Unix(sec, int64(nsec)).UTC()
	p.Deleted = d.bool()
	if version >= 2 {
		p.Tier = d.str()
		p.AnyCentre = d.bool()
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		return portal.Procedure{}, fmt.Errorf("%w: %v", errCodec, d.err)
	}
	return p, nil
}

type encoder struct{ b []byte }

func (e *encoder) uint(v uint64)   { e.b = binary.AppendUvarint(e.b, v) }
func (e *encoder) int(v int64)     { e.b = binary.AppendVarint(e.b, v) }
func (e *encoder) float(v float64) { e.b = binary.LittleEndian.AppendUint64(e.b, math.Float64bits(v)) }
func (e *encoder) str(s string)    { e.uint(uint64(len(s))); e.b = append(e.b, s...) }
func (e *encoder) strs(ss []string) {
	e.uint(uint64(len(ss)))
	for _, s := range ss {
		e.str(s)
	}
}
func (e *encoder) bool(v bool) {
	if v {
		e.b = append(e.b, 1)
	} else {
		e.b = append(e.b, 0)
	}
}

// decoder reads what encoder wrote; after the first error every read
// returns a zero value and err keeps that first error.
type decoder struct {
	b   []byte
	err error
}

func (d *decoder) fail(msg string) {
	if d.err == nil {
		d.err = errors.New(msg)
	}
	d.b = nil
}

func (d *decoder) uint() uint64 {
	v, n := binary.Uvarint(d.b)
	if n <= 0 {
		d.fail("bad uvarint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) int() int64 {
	v, n := binary.Varint(d.b)
	if n <= 0 {
		d.fail("bad varint")
		return 0
	}
	d.b = d.b[n:]
	return v
}

func (d *decoder) float() float64 {
	if len(d.b) < 8 {
		d.fail("short float")
		return 0
	}
	v := math.Float64frombits(binary.LittleEndian.Uint64(d.b))
	d.b = d.b[8:]
	return v
}

func (d *decoder) str() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail("string longer than value")
		return ""
	}
	s := string(d.b[:n])
	d.b = d.b[n:]
	return s
}

// count reads a slice length, refusing one that cannot fit in what is left
// (every element takes at least one byte), so garbage never allocates much.
func (d *decoder) count() int {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail("count larger than value")
		return 0
	}
	return int(n)
}

func (d *decoder) strs() []string {
	n := d.count()
	if n == 0 {
		return nil
	}
	out := make([]string, n)
	for i := range out {
		out[i] = d.str()
	}
	return out
}

func (d *decoder) bool() bool {
	if len(d.b) < 1 || d.b[0] > 1 {
		d.fail("bad bool")
		return false
	}
	v := d.b[0] == 1
	d.b = d.b[1:]
	return v
}
