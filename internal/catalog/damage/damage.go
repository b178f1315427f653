// Package damage damages bbolt cache files the way disks do, for tests of
// the code that must notice: it is imported only by tests.
package damage

import (
	"encoding/binary"
	"fmt"
	"hash/fnv"
	"os"
)

const (
	pageHeaderSize = 16
	flagLeaf       = 0x02
)

// LeakPage gives a valid bbolt file one page that is neither in use nor
// free, as a torn write of the freelist can: the newest meta page claims one
// page more and the file grows by it. Every reachable page is intact, so a
// walk of the tree finds nothing; bbolt's tx.Check reports the page
// ("unreachable unfreed").
func LeakPage(path string) error {
	f, err := os.OpenFile(path, os.O_RDWR, 0)
	if err != nil {
		return err
	}
	defer f.Close()
	le := binary.LittleEndian
	read := func(off int64) ([]byte, error) {
		b := make([]byte, pageHeaderSize+64)
		_, err := f.ReadAt(b, off)
		return b, err
	}
	m0, err := read(0)
	if err != nil {
		return err
	}
	ps := int64(le.Uint32(m0[pageHeaderSize+8:]))
	if ps < 512 {
		return fmt.Errorf("%s: page size %d: not a bbolt file", path, ps)
	}
	m1, err := read(ps)
	if err != nil {
		return err
	}
	off, m := int64(0), m0
	if le.Uint64(m1[pageHeaderSize+48:]) > le.Uint64(m0[pageHeaderSize+48:]) {
		off, m = ps, m1
	}
	// meta: magic, version, page size, flags u32; root {pgid, sequence};
	// freelist, high-water mark, txid, FNV-1a checksum of the above, u64.
	body := m[pageHeaderSize:]
	hwm := le.Uint64(body[40:])
	le.PutUint64(body[40:], hwm+1)
	h := fnv.New64a()
	h.Write(body[:56])
	le.PutUint64(body[56:], h.Sum64())
	if _, err := f.WriteAt(m, off); err != nil {
		return err
	}
	page := make([]byte, ps)
	le.PutUint64(page, hwm)
	le.PutUint16(page[8:], flagLeaf)
	_, err = f.WriteAt(page, int64(hwm)*ps)
	return err
}
