package catalog

import (
	"errors"
	"fmt"
	"unsafe"

	bolt "go.etcd.io/bbolt"

	"kiosk/internal/portal"
)

// EachSummary calls fn with a summary of every cached procedure, in code
// order, inside one read transaction, without decoding the whole record: the
// summary has the code, name, agency and field (codes and names), levels,
// keywords, the names of the documents to bring, the tier and any-centre
// flag (for the centre filter) and the tombstone flag; every
// other field is left empty. It is what the search index needs, and at
// national scale it is the difference between decoding 155 MB of procedures
// at start-up and reading the file in place.
//
// The strings of *p point into the memory-mapped cache file and p itself is
// reused: they are valid only until fn returns. fn must copy whatever it
// keeps (search.Builder does). An error from fn stops the walk and is
// returned.
func (c *Cache) EachSummary(fn func(p *portal.Procedure) error) error {
	return c.view(func(tx *bolt.Tx) error { return c.eachSummary(tx, fn) })
}

func (c *Cache) eachSummary(tx *bolt.Tx, fn func(p *portal.Procedure) error) error {
	var p portal.Procedure
	read := 0
	return tx.Bucket([]byte(bucketProcedures)).ForEach(func(k, v []byte) error {
		if err := decodeSummary(v, &p); err != nil {
			return fmt.Errorf("decoding cached procedure %s: %w", k, err)
		}
		// The walk reads the whole file; hand what was read back to the
		// kernel as it goes, so the file does not become resident all at
		// once (it would add its size, 111 MB at 60,000, to the peak).
		if read += len(v); read >= releaseEvery {
			read = 0
			if err := c.releaseMapped(tx); err != nil {
				return err
			}
		}
		return fn(&p)
	})
}

// releaseEvery is how many bytes of values EachSummary reads between two
// releases of the mapped file's pages.
const releaseEvery = 8 << 20

// decodeSummary fills p with the summary fields of a stored procedure (see
// EachSummary), reusing p's slices. Its strings alias b. It walks the same
// layout as decodeProcedure, skipping what a summary does not carry;
// TestSummaryIsTheProjectionOfTheFullRecord keeps the two in step.
func decodeSummary(b []byte, p *portal.Procedure) error {
	docs, kws := p.Documents[:0], p.Keywords[:0]
	*p = portal.Procedure{}
	if len(b) > 0 && b[0] == '{' {
		// A record written before the binary codec: decode it in full
		// (allocating; such caches are rewritten by the next sync).
		full, err := decodeProcedure(b)
		if err != nil {
			return err
		}
		*p = summaryOf(full)
		return nil
	}
	if len(b) == 0 || (b[0] != codecVersion && b[0] != codecVersion1) {
		return fmt.Errorf("%w: unknown encoding", errCodec)
	}
	version := b[0]
	d := decoder{b: b[1:]}
	p.Code = d.view()
	p.Name = d.view()
	p.AgencyCode = d.view()
	p.AgencyName = d.view()
	p.FieldCode = d.view()
	p.FieldName = d.view()
	p.LevelOld = int(d.int())
	p.Level = int(d.int())
	for range d.count() { // channels
		d.int()
		d.skip(8)
		d.view()
		d.view()
		for range d.count() { // fees
			d.view()
			d.int()
			d.view()
		}
		d.view()
	}
	for range d.count() { // documents
		docs = append(docs, portal.Document{Name: d.view()})
		d.int()
		d.int()
		d.view()
		d.view()
		d.view()
	}
	for range d.count() { // forms
		d.view()
		d.view()
	}
	for range 3 { // steps, conditions, legal basis
		for range d.count() {
			d.view()
		}
	}
	for range 4 { // applicants, result, submit place, online URL
		d.view()
	}
	for range d.count() {
		kws = append(kws, d.view())
	}
	d.int()
	if nsec := d.uint(); d.err == nil && nsec >= 1e9 {
		d.err = errors.New("nanoseconds out of range")
	}
	p.Deleted = d.bool()
	if version >= 2 {
		p.Tier = d.view()
		p.AnyCentre = d.bool()
	}
	if d.err == nil && len(d.b) != 0 {
		d.err = errors.New("trailing bytes")
	}
	if d.err != nil {
		*p = portal.Procedure{}
		return fmt.Errorf("%w: %v", errCodec, d.err)
	}
	if len(docs) > 0 {
		p.Documents = docs
	}
	if len(kws) > 0 {
		p.Keywords = kws
	}
	return nil
}

// summaryOf is the summary EachSummary gives of a full record.
func summaryOf(full portal.Procedure) portal.Procedure {
	s := portal.Procedure{
		Code: full.Code, Name: full.Name, AgencyCode: full.AgencyCode, AgencyName: full.AgencyName,
		FieldCode: full.FieldCode, FieldName: full.FieldName, LevelOld: full.LevelOld, Level: full.Level,
		Keywords: full.Keywords, Deleted: full.Deleted, Tier: full.Tier, AnyCentre: full.AnyCentre,
	}
	for _, d := range full.Documents {
		s.Documents = append(s.Documents, portal.Document{Name: d.Name})
	}
	return s
}

// view reads a string like str, without copying: it aliases d.b.
func (d *decoder) view() string {
	n := d.uint()
	if n > uint64(len(d.b)) {
		d.fail("string longer than value")
		return ""
	}
	if n == 0 {
		return ""
	}
	s := unsafe.String(&d.b[0], int(n))
	d.b = d.b[n:]
	return s
}

func (d *decoder) skip(n int) {
	if len(d.b) < n {
		d.fail("value too short")
		return
	}
	d.b = d.b[n:]
}
