package catalog

import (
	"encoding/binary"
	"errors"
	"fmt"
	"hash/fnv"
	"io/fs"
	"os"
)

// preflight checks the page structure of a bbolt file before bbolt maps it.
//
// bbolt trusts its pages: a corrupt page id can make it read outside the
// mapped file (a fatal memory fault, not a panic), loop forever on a cycle
// in the B+tree, or panic deep inside a check goroutine nobody can recover.
// So before opening, this walks the tree itself, from the newest valid meta
// page, with plain bounds-checked reads: every page id below the high-water
// mark, every element inside its page, no page visited twice, bounded depth.
// It reads each page once, as bbolt's own check would.
//
// The layout (little-endian, as on every machine the kiosk runs on):
// page header {id u64, flags u16, count u16, overflow u32}; meta {magic,
// version, pageSize, flags u32; root {pgid, sequence u64}; freelist, pgid,
// txid, checksum u64}; branch element {pos, ksize u32, pgid u64}; leaf
// element {flags, pos, ksize, vsize u32}, pos relative to the element.
func preflight(path string) error {
	f, err := os.Open(path)
	if errors.Is(err, fs.ErrNotExist) {
		return nil
	}
	if err != nil {
		return err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return err
	}
	if info.Size() == 0 {
		return nil // bbolt initialises an empty file
	}
	// Map the file read-only: the walk then touches only page headers and
	// element headers, never copies values, and costs a few milliseconds
	// even for a 60,000-procedure cache.
	data, unmap, err := mapFile(f, info.Size())
	if err != nil {
		return fmt.Errorf("mapping cache file: %w", err)
	}
	defer unmap()
	p := &pageReader{data: data, size: info.Size()}
	m, err := p.newestMeta()
	if err != nil {
		return err
	}
	p.pageSize, p.hwm = int64(m.pageSize), m.pgid
	if p.hwm < 4 || p.hwm*uint64(p.pageSize) > uint64(p.size) {
		return fmt.Errorf("meta page says %d pages of %d bytes but the file has %d bytes", p.hwm, p.pageSize, p.size)
	}
	p.seen = make([]bool, p.hwm)
	p.seen[0], p.seen[1] = true, true
	if m.freelist != noFreelist {
		if err := p.checkFreelist(m.freelist); err != nil {
			return err
		}
	}
	return p.walk(m.root, 0)
}

const (
	boltMagic      = 0xED0CDAED
	boltVersion    = 2
	pageHeaderSize = 16
	elementSize    = 16
	noFreelist     = ^uint64(0)
	flagBranch     = 0x01
	flagLeaf       = 0x02
	flagFreelist   = 0x10
	flagBucketLeaf = 0x01
	bucketHeader   = 16
	maxTreeDepth   = 64
	maxPageSize    = 1 << 20
)

type boltMeta struct {
	pageSize             uint32
	root, freelist, pgid uint64
	txid                 uint64
}

type pageReader struct {
	data     []byte
	size     int64
	pageSize int64
	hwm      uint64
	seen     []bool
}

// newestMeta returns the valid meta page with the highest txid. Meta page 1
// sits one page size in; the page size is read from meta 0, or guessed.
func (p *pageReader) newestMeta() (boltMeta, error) {
	var best boltMeta
	found := false
	try := func(off int64) {
		if off < 0 || off+pageHeaderSize+64 > p.size {
			return
		}
		buf := p.data[off : off+pageHeaderSize+64]
		if m, ok := parseMeta(buf[pageHeaderSize:]); ok && (!found || m.txid > best.txid) {
			best, found = m, true
		}
	}
	try(0)
	sizes := []int64{4096, 8192, 16384, 32768, 65536}
	if found {
		sizes = []int64{int64(best.pageSize)}
	}
	for _, ps := range sizes {
		try(ps)
	}
	if !found {
		return best, errors.New("no valid meta page")
	}
	return best, nil
}

func parseMeta(b []byte) (boltMeta, bool) {
	le := binary.LittleEndian
	h := fnv.New64a()
	h.Write(b[:56])
	if le.Uint32(b[0:]) != boltMagic || le.Uint32(b[4:]) != boltVersion || le.Uint64(b[56:]) != h.Sum64() {
		return boltMeta{}, false
	}
	m := boltMeta{pageSize: le.Uint32(b[8:]), root: le.Uint64(b[16:]), freelist: le.Uint64(b[32:]),
		pgid: le.Uint64(b[40:]), txid: le.Uint64(b[48:])}
	if m.pageSize < 512 || m.pageSize > maxPageSize || m.pageSize&(m.pageSize-1) != 0 {
		return boltMeta{}, false
	}
	return m, true
}

// page reads page id with its overflow pages and marks them seen.
func (p *pageReader) page(id uint64) ([]byte, error) {
	if id < 2 || id >= p.hwm {
		return nil, fmt.Errorf("page id %d outside the file (high-water mark %d)", id, p.hwm)
	}
	off := int64(id) * p.pageSize
	hdr := p.data[off : off+pageHeaderSize]
	le := binary.LittleEndian
	if le.Uint64(hdr) != id {
		return nil, fmt.Errorf("page %d claims to be page %d", id, le.Uint64(hdr))
	}
	overflow := uint64(le.Uint32(hdr[12:]))
	if id+overflow >= p.hwm {
		return nil, fmt.Errorf("page %d overflows past the end of the file", id)
	}
	for i := id; i <= id+overflow; i++ {
		if p.seen[i] {
			return nil, fmt.Errorf("page %d is referenced twice", i)
		}
		p.seen[i] = true
	}
	buf := p.data[off : off+int64(overflow+1)*p.pageSize]
	return buf, nil
}

func (p *pageReader) checkFreelist(id uint64) error {
	buf, err := p.page(id)
	if err != nil {
		return fmt.Errorf("freelist: %w", err)
	}
	le := binary.LittleEndian
	if le.Uint16(buf[8:])&flagFreelist == 0 {
		return fmt.Errorf("freelist page %d has flags %#x", id, le.Uint16(buf[8:]))
	}
	count, start := uint64(le.Uint16(buf[10:])), uint64(pageHeaderSize)
	if count == 0xFFFF {
		count, start = le.Uint64(buf[pageHeaderSize:]), pageHeaderSize+8
	}
	if count > uint64(len(buf)) || start+count*8 > uint64(len(buf)) {
		return fmt.Errorf("freelist page %d lists more ids than it holds", id)
	}
	for i := uint64(0); i < count; i++ {
		free := le.Uint64(buf[start+i*8:])
		if free < 2 || free >= p.hwm {
			return fmt.Errorf("freelist names page %d outside the file", free)
		}
		p.seen[free] = true
	}
	return nil
}

// walk checks the subtree rooted at page id.
func (p *pageReader) walk(id uint64, depth int) error {
	if depth > maxTreeDepth {
		return fmt.Errorf("tree deeper than %d at page %d", maxTreeDepth, id)
	}
	buf, err := p.page(id)
	if err != nil {
		return err
	}
	return p.node(buf, depth)
}

// node checks the elements of one branch or leaf page held in buf.
func (p *pageReader) node(buf []byte, depth int) error {
	le := binary.LittleEndian
	id := le.Uint64(buf)
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	if pageHeaderSize+count*elementSize > len(buf) {
		return fmt.Errorf("page %d: %d elements do not fit", id, count)
	}
	switch {
	case flags&flagBranch != 0:
		for i := 0; i < count; i++ {
			e := pageHeaderSize + i*elementSize
			pos, ksize := int(le.Uint32(buf[e:])), int(le.Uint32(buf[e+4:]))
			if e+pos < 0 || e+pos+ksize > len(buf) || pos < 0 || ksize < 0 {
				return fmt.Errorf("page %d: branch key %d outside the page", id, i)
			}
			if err := p.walk(le.Uint64(buf[e+8:]), depth+1); err != nil {
				return err
			}
		}
	case flags&flagLeaf != 0:
		for i := 0; i < count; i++ {
			e := pageHeaderSize + i*elementSize
			eflags := le.Uint32(buf[e:])
			pos, ksize, vsize := int64(le.Uint32(buf[e+4:])), int64(le.Uint32(buf[e+8:])), int64(le.Uint32(buf[e+12:]))
			end := int64(e) + pos + ksize + vsize
			if end > int64(len(buf)) {
				return fmt.Errorf("page %d: leaf element %d outside the page", id, i)
			}
			if eflags&flagBucketLeaf == 0 {
				continue
			}
			v := buf[int64(e)+pos+ksize : end]
			if len(v) < bucketHeader {
				return fmt.Errorf("page %d: bucket %d header truncated", id, i)
			}
			if root := le.Uint64(v); root != 0 {
				if err := p.walk(root, depth+1); err != nil {
					return err
				}
				continue
			}
			inline := v[bucketHeader:]
			if len(inline) < pageHeaderSize {
				return fmt.Errorf("page %d: inline bucket %d truncated", id, i)
			}
			if le.Uint16(inline[8:])&flagLeaf == 0 {
				return fmt.Errorf("page %d: inline bucket %d is not a leaf", id, i)
			}
			if err := p.node(inline, depth+1); err != nil {
				return err
			}
		}
	default:
		return fmt.Errorf("page %d: unexpected page type %#x", id, flags)
	}
	return nil
}

// salvageBucket reads the key/value pairs of top-level bucket name from a
// damaged bbolt file, using the same bounds-checked, cycle-safe page walk
// as preflight and skipping whatever subtree is unreadable. It is how the
// outbox (undelivered ratings) survives a cache that had to be replaced.
func salvageBucket(path, name string) (kvs [][2][]byte, err error) {
	defer func() {
		if r := recover(); r != nil {
			err = fmt.Errorf("salvaging %s: %v", name, r)
		}
	}()
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	info, err := f.Stat()
	if err != nil {
		return nil, err
	}
	data, unmap, err := mapFile(f, info.Size())
	if err != nil {
		return nil, err
	}
	defer unmap()
	p := &pageReader{data: data, size: info.Size()}
	m, err := p.newestMeta()
	if err != nil {
		return nil, err
	}
	p.pageSize, p.hwm = int64(m.pageSize), m.pgid
	if p.hwm*uint64(p.pageSize) > uint64(p.size) {
		p.hwm = uint64(p.size / p.pageSize) // read what is there
	}
	p.seen = make([]bool, p.hwm)
	var bucket []byte
	p.collect(m.root, 0, func(k, v []byte, isBucket bool) {
		if isBucket && string(k) == name && bucket == nil {
			bucket = append([]byte(nil), v...)
		}
	})
	if len(bucket) < bucketHeader {
		return nil, nil
	}
	keep := func(k, v []byte, isBucket bool) {
		if !isBucket {
			kvs = append(kvs, [2][]byte{append([]byte(nil), k...), append([]byte(nil), v...)})
		}
	}
	if root := binary.LittleEndian.Uint64(bucket); root != 0 {
		p.collect(root, 1, keep)
	} else if len(bucket) >= bucketHeader+pageHeaderSize {
		p.collectNode(bucket[bucketHeader:], 1, keep)
	}
	return kvs, nil
}

// collect visits the leaf elements under page id, skipping bad subtrees.
func (p *pageReader) collect(id uint64, depth int, fn func(k, v []byte, isBucket bool)) {
	if depth > maxTreeDepth {
		return
	}
	buf, err := p.page(id)
	if err != nil {
		return
	}
	p.collectNode(buf, depth, fn)
}

func (p *pageReader) collectNode(buf []byte, depth int, fn func(k, v []byte, isBucket bool)) {
	le := binary.LittleEndian
	flags, count := le.Uint16(buf[8:]), int(le.Uint16(buf[10:]))
	if pageHeaderSize+count*elementSize > len(buf) {
		return
	}
	for i := 0; i < count; i++ {
		e := pageHeaderSize + i*elementSize
		switch {
		case flags&flagBranch != 0:
			p.collect(le.Uint64(buf[e+8:]), depth+1, fn)
		case flags&flagLeaf != 0:
			pos, ksize, vsize := int64(le.Uint32(buf[e+4:])), int64(le.Uint32(buf[e+8:])), int64(le.Uint32(buf[e+12:]))
			start, end := int64(e)+pos, int64(e)+pos+ksize+vsize
			if end > int64(len(buf)) {
				continue
			}
			fn(buf[start:start+ksize], buf[start+ksize:end], le.Uint32(buf[e:])&flagBucketLeaf != 0)
		}
	}
}
