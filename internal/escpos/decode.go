package escpos

import "fmt"

// Cmd names one decoded operation.
type Cmd uint8

// Operations Decode produces.
const (
	OpText          Cmd = iota + 1 // Data: text bytes in the active code page
	OpInit                         // ESC @
	OpCodePage                     // ESC t n
	OpAlign                        // ESC a n (N = 0, 1, 2)
	OpEmphasis                     // ESC E n (N = n)
	OpSize                         // GS ! n (N = n)
	OpLF                           // LF
	OpCR                           // CR (ignored by printers in LF mode)
	OpFeedDots                     // ESC J n
	OpFeedLines                    // ESC d n
	OpQRModel                      // GS ( k fn 65: N = n1 (49 model 1, 50 model 2), Arg = n2
	OpQRSize                       // GS ( k fn 67: N = module size
	OpQRLevel                      // GS ( k fn 69: N = 48..51
	OpQRStore                      // GS ( k fn 80: Data
	OpQRPrint                      // GS ( k fn 81
	OpBarcodeHeight                // GS h n
	OpBarcodeWidth                 // GS w n
	OpBarcodeHRI                   // GS H n
	OpBarcode                      // GS k m n d…: N = m, Data
	OpRaster                       // GS v 0 m: N = m, W = bytes per row, H = rows, Data
	OpCut                          // GS V m [n]: N = m, Arg = feed n (m 65/66)
	OpStatus                       // DLE EOT n
)

var cmdNames = [...]string{
	OpText: "text", OpInit: "ESC @", OpCodePage: "ESC t", OpAlign: "ESC a", OpEmphasis: "ESC E",
	OpSize: "GS !", OpLF: "LF", OpCR: "CR", OpFeedDots: "ESC J", OpFeedLines: "ESC d",
	OpQRModel: "GS ( k model", OpQRSize: "GS ( k size", OpQRLevel: "GS ( k level",
	OpQRStore: "GS ( k store", OpQRPrint: "GS ( k print", OpBarcodeHeight: "GS h",
	OpBarcodeWidth: "GS w", OpBarcodeHRI: "GS H", OpBarcode: "GS k", OpRaster: "GS v 0",
	OpCut: "GS V", OpStatus: "DLE EOT",
}

func (c Cmd) String() string {
	if int(c) < len(cmdNames) && cmdNames[c] != "" {
		return cmdNames[c]
	}
	return fmt.Sprintf("Cmd(%d)", uint8(c))
}

// Op is one decoded command. Data aliases the decoded stream (no copy).
type Op struct {
	Cmd  Cmd
	N    int // main parameter (see the Cmd constants)
	Arg  int // second parameter where there is one
	W, H int // raster size: bytes per row, rows
	Data []byte
	Off  int // byte offset of the command in the stream
}

// Limits the decoder enforces on declared sizes, from the Epson manuals.
const (
	maxRasterWidthBytes = 4256 / 8 * 8 // 4256 bytes per row
	maxRasterRows       = 4095
)

// Decode parses an ESC/POS stream in the supported subset. It never panics
// and never allocates in proportion to a size the stream declares: data is
// sliced from b after checking it is all there. Errors are *DecodeError
// wrapping ErrTruncated, ErrUnknownCommand or ErrBadParameter; the ops
// decoded before the error are returned with it.
func Decode(b []byte) ([]Op, error) {
	ops := make([]Op, 0, min(len(b)/4+1, 4096))
	i := 0
	fail := func(off int, cmd string, err error, detail string) ([]Op, error) {
		return ops, &DecodeError{Offset: off, Cmd: cmd, Err: err, Detail: detail}
	}
	need := func(n int) bool { return i+n <= len(b) }
	for i < len(b) {
		c := b[i]
		off := i
		switch {
		case c >= 0x20:
			j := i
			for j < len(b) && b[j] >= 0x20 {
				j++
			}
			ops = append(ops, Op{Cmd: OpText, Data: b[i:j], Off: off})
			i = j
		case c == LF:
			ops = append(ops, Op{Cmd: OpLF, Off: off})
			i++
		case c == CR:
			ops = append(ops, Op{Cmd: OpCR, Off: off})
			i++
		case c == DLE:
			if !need(3) {
				return fail(off, "DLE EOT", ErrTruncated, "")
			}
			if b[i+1] != EOT {
				return fail(off, fmt.Sprintf("DLE 0x%02x", b[i+1]), ErrUnknownCommand, "")
			}
			n := int(b[i+2])
			if n < 1 || n > 4 {
				return fail(off, "DLE EOT", ErrBadParameter, fmt.Sprintf("n=%d, want 1..4", n))
			}
			ops = append(ops, Op{Cmd: OpStatus, N: n, Off: off})
			i += 3
		case c == ESC:
			if !need(2) {
				return fail(off, "ESC", ErrTruncated, "")
			}
			k := b[i+1]
			switch k {
			case '@':
				ops = append(ops, Op{Cmd: OpInit, Off: off})
				i += 2
				continue
			case 't', 'a', 'E', 'J', 'd':
			default:
				return fail(off, fmt.Sprintf("ESC 0x%02x", k), ErrUnknownCommand, "")
			}
			if !need(3) {
				return fail(off, "ESC "+string(k), ErrTruncated, "")
			}
			n := int(b[i+2])
			op := Op{N: n, Off: off}
			switch k {
			case 't':
				op.Cmd = OpCodePage
			case 'a':
				op.Cmd = OpAlign
				if n >= 48 {
					n -= 48
				}
				if n > 2 {
					return fail(off, "ESC a", ErrBadParameter, fmt.Sprintf("n=%d", op.N))
				}
			case 'E':
				op.Cmd = OpEmphasis
			case 'J':
				op.Cmd = OpFeedDots
			case 'd':
				op.Cmd = OpFeedLines
			}
			op.N = n
			if k == 'a' {
				op.Arg = int(b[i+2]) // keep the raw byte for re-encoding
			}
			ops = append(ops, op)
			i += 3
		case c == GS:
			if !need(2) {
				return fail(off, "GS", ErrTruncated, "")
			}
			k := b[i+1]
			switch k {
			case '!', 'h', 'w', 'H':
				if !need(3) {
					return fail(off, "GS "+string(k), ErrTruncated, "")
				}
				n := int(b[i+2])
				op := Op{N: n, Off: off}
				switch k {
				case '!':
					op.Cmd = OpSize
				case 'h':
					op.Cmd = OpBarcodeHeight
					if n == 0 {
						return fail(off, "GS h", ErrBadParameter, "height 0")
					}
				case 'w':
					op.Cmd = OpBarcodeWidth
					if n < 1 || n > 6 {
						return fail(off, "GS w", ErrBadParameter, fmt.Sprintf("n=%d, want 1..6", n))
					}
				case 'H':
					op.Cmd = OpBarcodeHRI
					if n >= 48 {
						n -= 48
					}
					if n > 3 {
						return fail(off, "GS H", ErrBadParameter, fmt.Sprintf("n=%d", op.N))
					}
					op.Arg = op.N
					op.N = n
				}
				ops = append(ops, op)
				i += 3
			case 'V':
				if !need(3) {
					return fail(off, "GS V", ErrTruncated, "")
				}
				m := int(b[i+2])
				switch m {
				case 0, 1, 48, 49:
					ops = append(ops, Op{Cmd: OpCut, N: m, Off: off})
					i += 3
				case 65, 66:
					if !need(4) {
						return fail(off, "GS V", ErrTruncated, "")
					}
					ops = append(ops, Op{Cmd: OpCut, N: m, Arg: int(b[i+3]), Off: off})
					i += 4
				default:
					return fail(off, "GS V", ErrBadParameter, fmt.Sprintf("m=%d", m))
				}
			case 'k':
				if !need(4) {
					return fail(off, "GS k", ErrTruncated, "")
				}
				m := int(b[i+2])
				if m < 65 || m > 79 {
					return fail(off, "GS k", ErrUnknownCommand, fmt.Sprintf("barcode system m=%d (only the length-prefixed forms 65..79)", m))
				}
				n := int(b[i+3])
				if !need(4 + n) {
					return fail(off, "GS k", ErrTruncated, fmt.Sprintf("declares %d data bytes, %d left", n, len(b)-i-4))
				}
				ops = append(ops, Op{Cmd: OpBarcode, N: m, Data: b[i+4 : i+4+n], Off: off})
				i += 4 + n
			case 'v':
				if !need(8) {
					return fail(off, "GS v 0", ErrTruncated, "")
				}
				if b[i+2] != '0' {
					return fail(off, fmt.Sprintf("GS v 0x%02x", b[i+2]), ErrUnknownCommand, "")
				}
				m := int(b[i+3])
				if !(m <= 3 || (m >= 48 && m <= 51)) {
					return fail(off, "GS v 0", ErrBadParameter, fmt.Sprintf("m=%d", m))
				}
				w := int(b[i+4]) | int(b[i+5])<<8
				h := int(b[i+6]) | int(b[i+7])<<8
				if w < 1 || w > maxRasterWidthBytes || h < 1 || h > maxRasterRows {
					return fail(off, "GS v 0", ErrBadParameter, fmt.Sprintf("%d bytes × %d rows", w, h))
				}
				if len(b)-i-8 < w*h {
					return fail(off, "GS v 0", ErrTruncated, fmt.Sprintf("declares %d×%d bytes, %d left", w, h, len(b)-i-8))
				}
				ops = append(ops, Op{Cmd: OpRaster, N: m, W: w, H: h, Data: b[i+8 : i+8+w*h], Off: off})
				i += 8 + w*h
			case '(':
				if !need(5) {
					return fail(off, "GS ( k", ErrTruncated, "")
				}
				if b[i+2] != 'k' {
					return fail(off, fmt.Sprintf("GS ( 0x%02x", b[i+2]), ErrUnknownCommand, "")
				}
				p := int(b[i+3]) | int(b[i+4])<<8
				if p < 2 {
					return fail(off, "GS ( k", ErrBadParameter, fmt.Sprintf("length %d", p))
				}
				if !need(5 + p) {
					return fail(off, "GS ( k", ErrTruncated, fmt.Sprintf("declares %d bytes, %d left", p, len(b)-i-5))
				}
				body := b[i+5 : i+5+p]
				op, err := qrOp(body, off)
				if err != nil {
					return ops, err
				}
				ops = append(ops, op)
				i += 5 + p
			default:
				return fail(off, fmt.Sprintf("GS 0x%02x", k), ErrUnknownCommand, "")
			}
		default:
			return fail(off, fmt.Sprintf("control byte 0x%02x", c), ErrUnknownCommand, "")
		}
	}
	return ops, nil
}

// qrOp decodes the body of GS ( k (cn fn params).
func qrOp(body []byte, off int) (Op, error) {
	bad := func(err error, d string) (Op, error) {
		return Op{}, &DecodeError{Offset: off, Cmd: "GS ( k", Err: err, Detail: d}
	}
	cn, fn, par := body[0], body[1], body[2:]
	if cn != 49 {
		return bad(ErrUnknownCommand, fmt.Sprintf("symbol cn=%d (only QR, 49)", cn))
	}
	want := map[byte]int{65: 2, 67: 1, 69: 1, 81: 1}
	if fn == 80 {
		if len(par) < 1 || par[0] != 48 {
			return bad(ErrBadParameter, "store: want m=48")
		}
		return Op{Cmd: OpQRStore, Data: par[1:], Off: off}, nil
	}
	n, ok := want[fn]
	if !ok {
		return bad(ErrUnknownCommand, fmt.Sprintf("QR function fn=%d", fn))
	}
	if len(par) != n {
		return bad(ErrBadParameter, fmt.Sprintf("QR fn=%d: %d parameter bytes, want %d", fn, len(par), n))
	}
	switch fn {
	case 65:
		if par[0] != 49 && par[0] != 50 {
			return bad(ErrBadParameter, fmt.Sprintf("QR model %d", par[0]))
		}
		return Op{Cmd: OpQRModel, N: int(par[0]), Arg: int(par[1]), Off: off}, nil
	case 67:
		if par[0] < 1 || par[0] > 16 {
			return bad(ErrBadParameter, fmt.Sprintf("QR module size %d, want 1..16", par[0]))
		}
		return Op{Cmd: OpQRSize, N: int(par[0]), Off: off}, nil
	case 69:
		if par[0] < 48 || par[0] > 51 {
			return bad(ErrBadParameter, fmt.Sprintf("QR error level %d", par[0]))
		}
		return Op{Cmd: OpQRLevel, N: int(par[0]), Off: off}, nil
	default: // 81
		if par[0] != 48 {
			return bad(ErrBadParameter, "print: want m=48")
		}
		return Op{Cmd: OpQRPrint, Off: off}, nil
	}
}

// AppendOp appends the bytes of op to dst; Decode then AppendOp of every op
// reproduces the stream.
func AppendOp(dst []byte, op Op) []byte {
	qr := func(fn byte, par ...byte) []byte {
		p := len(par) + 2
		dst = append(dst, GS, '(', 'k', byte(p), byte(p>>8), 49, fn)
		return append(dst, par...)
	}
	switch op.Cmd {
	case OpText:
		return append(dst, op.Data...)
	case OpInit:
		return append(dst, ESC, '@')
	case OpCodePage:
		return append(dst, ESC, 't', byte(op.N))
	case OpAlign:
		n := byte(op.N)
		if op.Arg >= 48 {
			n = byte(op.Arg)
		}
		return append(dst, ESC, 'a', n)
	case OpEmphasis:
		return append(dst, ESC, 'E', byte(op.N))
	case OpSize:
		return append(dst, GS, '!', byte(op.N))
	case OpLF:
		return append(dst, LF)
	case OpCR:
		return append(dst, CR)
	case OpFeedDots:
		return append(dst, ESC, 'J', byte(op.N))
	case OpFeedLines:
		return append(dst, ESC, 'd', byte(op.N))
	case OpQRModel:
		return qr(65, byte(op.N), byte(op.Arg))
	case OpQRSize:
		return qr(67, byte(op.N))
	case OpQRLevel:
		return qr(69, byte(op.N))
	case OpQRStore:
		return qr(80, append([]byte{48}, op.Data...)...)
	case OpQRPrint:
		return qr(81, 48)
	case OpBarcodeHeight:
		return append(dst, GS, 'h', byte(op.N))
	case OpBarcodeWidth:
		return append(dst, GS, 'w', byte(op.N))
	case OpBarcodeHRI:
		n := byte(op.N)
		if op.Arg >= 48 {
			n = byte(op.Arg)
		}
		return append(dst, GS, 'H', n)
	case OpBarcode:
		dst = append(dst, GS, 'k', byte(op.N), byte(len(op.Data)))
		return append(dst, op.Data...)
	case OpRaster:
		dst = append(dst, GS, 'v', '0', byte(op.N), byte(op.W), byte(op.W>>8), byte(op.H), byte(op.H>>8))
		return append(dst, op.Data...)
	case OpCut:
		if op.N == 65 || op.N == 66 {
			return append(dst, GS, 'V', byte(op.N), byte(op.Arg))
		}
		return append(dst, GS, 'V', byte(op.N))
	case OpStatus:
		return append(dst, DLE, EOT, byte(op.N))
	}
	return dst
}
