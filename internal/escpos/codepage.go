package escpos

import (
	"strings"
	"unicode"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/unicode/norm"
)

// CodePage is a printer character table, numbered as ESC t numbers it on Epson
// printers.
//
// Vietnamese needs one of two tables:
//
//   - CP1258 (Windows-1258, ESC t 52) has the base letters with circumflex,
//     breve and horn, a few precomposed toned vowels (à á ã è é ì í ò ó õ ù ú ý
//     and capitals) and five combining tone marks (0xCC grave, 0xEC acute,
//     0xD2 hook above, 0xDE tilde, 0xF2 dot below). A letter is sent
//     precomposed where the table has it ("á" = 0xE1) and otherwise as the
//     longest precomposed base followed by its tone mark ("ấ" = "â" 0xE2 +
//     0xEC, "ạ" = "a" + 0xF2).
//   - TCVN-3 (ABC, ESC t 30) has every lowercase toned letter but only seven
//     capitals (Ă Â Ê Ô Ơ Ư Đ). Its companion table, ESC t 31, is the TCVN-3
//     capitals font: the same byte positions print as capital letters, the
//     way the ".VnTimeH" fonts work. Capitals that table 30 lacks ("Ấ", "À",
//     and plain "A" when it sits in a run of such capitals is left alone) are
//     sent by switching to table 31 for the run of capitals and back to 30,
//     so every Vietnamese letter round-trips. The Builder does the switching;
//     DecodeText(TCVN3Caps, b) maps the bytes back to capitals.
type CodePage int

// Code pages we use.
const (
	PC437     CodePage = 0  // the power-on default
	TCVN3     CodePage = 30 // TCVN-3, lowercase font
	TCVN3Caps CodePage = 31 // TCVN-3, capitals font
	CP1258    CodePage = 52 // Windows-1258 (Epson "WPC1258")
)

// Unicode combining tone marks, in Vietnamese tone order.
const (
	markGrave = '\u0300' // huyền
	markAcute = '\u0301' // sắc
	markTilde = '\u0303' // ngã
	markHook  = '\u0309' // hỏi
	markDot   = '\u0323' // nặng
)

// tcvn3Table lists every non-ASCII character of TCVN-3 (VN3/ABC) by byte.
var tcvn3Table = map[byte]rune{
	0xA1: 'Ă', 0xA2: 'Â', 0xA3: 'Ê', 0xA4: 'Ô', 0xA5: 'Ơ', 0xA6: 'Ư', 0xA7: 'Đ',
	0xA8: 'ă', 0xA9: 'â', 0xAA: 'ê', 0xAB: 'ô', 0xAC: 'ơ', 0xAD: 'ư', 0xAE: 'đ',
	0xB5: 'à', 0xB6: 'ả', 0xB7: 'ã', 0xB8: 'á', 0xB9: 'ạ',
	0xBB: 'ằ', 0xBC: 'ẳ', 0xBD: 'ẵ', 0xBE: 'ắ', 0xC6: 'ặ',
	0xC7: 'ầ', 0xC8: 'ẩ', 0xC9: 'ẫ', 0xCA: 'ấ', 0xCB: 'ậ',
	0xCC: 'è', 0xCE: 'ẻ', 0xCF: 'ẽ', 0xD0: 'é', 0xD1: 'ẹ',
	0xD2: 'ề', 0xD3: 'ể', 0xD4: 'ễ', 0xD5: 'ế', 0xD6: 'ệ',
	0xD7: 'ì', 0xD8: 'ỉ', 0xDC: 'ĩ', 0xDD: 'í', 0xDE: 'ị',
	0xDF: 'ò', 0xE1: 'ỏ', 0xE2: 'õ', 0xE3: 'ó', 0xE4: 'ọ',
	0xE5: 'ồ', 0xE6: 'ổ', 0xE7: 'ỗ', 0xE8: 'ố', 0xE9: 'ộ',
	0xEA: 'ờ', 0xEB: 'ở', 0xEC: 'ỡ', 0xED: 'ớ', 0xEE: 'ợ',
	0xEF: 'ù', 0xF1: 'ủ', 0xF2: 'ũ', 0xF3: 'ú', 0xF4: 'ụ',
	0xF5: 'ừ', 0xF6: 'ử', 0xF7: 'ữ', 0xF8: 'ứ', 0xF9: 'ự',
	0xFA: 'ỳ', 0xFB: 'ỷ', 0xFC: 'ỹ', 0xFD: 'ý', 0xFE: 'ỵ',
}

var (
	tcvn3Enc    = map[rune]byte{} // rune -> byte in table 30
	tcvn3CapEnc = map[rune]byte{} // capital rune -> byte in table 31
	cp1258Enc   = map[rune]byte{}
	cp1258Dec   [256]rune
	cp437Dec    [256]rune
)

func init() {
	for b, r := range tcvn3Table {
		tcvn3Enc[r] = b
	}
	for b := 0; b < 256; b++ {
		cp1258Dec[b] = charmap.Windows1258.DecodeByte(byte(b))
		cp437Dec[b] = charmap.CodePage437.DecodeByte(byte(b))
		if b >= 0x80 && cp1258Dec[b] != '\uFFFD' {
			cp1258Enc[cp1258Dec[b]] = byte(b)
		}
	}
	// Table 31: every byte position prints as the capital of what table
	// 30 prints there.
	for b := 0x20; b < 0x100; b++ {
		r := tcvn3Rune(byte(b))
		u := unicode.ToUpper(r)
		if _, ok := tcvn3CapEnc[u]; !ok && u != unicode.ToLower(u) {
			tcvn3CapEnc[u] = byte(b)
		}
	}
}

func tcvn3Rune(b byte) rune {
	if b < 0x80 {
		return rune(b)
	}
	if r, ok := tcvn3Table[b]; ok {
		return r
	}
	return '\uFFFD'
}

// DecodeText turns text bytes printed in code page cp back into Unicode (NFC),
// as the printer would draw them. Unknown code pages decode as PC437.
func DecodeText(cp CodePage, b []byte) string {
	var sb strings.Builder
	sb.Grow(len(b))
	for _, c := range b {
		switch cp {
		case TCVN3:
			sb.WriteRune(tcvn3Rune(c))
		case TCVN3Caps:
			sb.WriteRune(unicode.ToUpper(tcvn3Rune(c)))
		case CP1258:
			sb.WriteRune(cp1258Dec[c])
		default:
			sb.WriteRune(cp437Dec[c])
		}
	}
	if cp == CP1258 {
		return norm.NFC.String(sb.String())
	}
	return sb.String()
}

// encodeRune encodes one rune (NFC) in cp, without page switching.
func encodeRune(cp CodePage, r rune) ([]byte, bool) {
	if r >= 0x20 && r < 0x7F && cp != TCVN3Caps {
		return []byte{byte(r)}, true
	}
	switch cp {
	case TCVN3:
		if b, ok := tcvn3Enc[r]; ok {
			return []byte{b}, true
		}
	case TCVN3Caps:
		if r >= 0x20 && r < 0x7F && !unicode.IsLower(r) {
			return []byte{byte(r)}, true
		}
		if b, ok := tcvn3CapEnc[r]; ok {
			return []byte{b}, true
		}
	case CP1258:
		return encode1258(r)
	default:
		if r < 0x80 {
			return []byte{byte(r)}, r >= 0x20
		}
		if b, ok := charmap.CodePage437.EncodeRune(r); ok {
			return []byte{b}, true
		}
	}
	return nil, false
}

// encode1258 applies the precomposed-where-possible rule.
func encode1258(r rune) ([]byte, bool) {
	if r < 0x80 {
		return []byte{byte(r)}, r >= 0x20
	}
	if b, ok := cp1258Enc[r]; ok {
		return []byte{b}, true
	}
	d := []rune(norm.NFD.String(string(r)))
	if len(d) < 2 {
		return nil, false
	}
	var tone rune
	rest := d[:0:0]
	for _, c := range d {
		switch c {
		case markGrave, markAcute, markTilde, markHook, markDot:
			if tone != 0 {
				return nil, false
			}
			tone = c
		default:
			rest = append(rest, c)
		}
	}
	if tone == 0 {
		return nil, false
	}
	base := []rune(norm.NFC.String(string(rest)))
	if len(base) != 1 {
		return nil, false
	}
	var out []byte
	if base[0] < 0x80 {
		out = append(out, byte(base[0]))
	} else if b, ok := cp1258Enc[base[0]]; ok {
		out = append(out, b)
	} else {
		return nil, false
	}
	return append(out, cp1258Enc[tone]), true
}

// fallback returns a printable stand-in for a rune no table has: typographic
// punctuation becomes ASCII, other letters lose their marks, the rest is "?".
func fallback(r rune) string {
	switch r {
	case '–', '—', '−':
		return "-"
	case '‘', '’':
		return "'"
	case '“', '”':
		return "\""
	case '…':
		return "..."
	case '•', '·':
		return "*"
	case '\u00A0', '\t':
		return " "
	case '₫':
		return "đ"
	case 'đ':
		return "d"
	case 'Đ':
		return "D"
	}
	var sb strings.Builder
	for _, c := range norm.NFD.String(string(r)) {
		if c >= 0x20 && c < 0x7F {
			sb.WriteRune(c)
		}
	}
	if sb.Len() > 0 {
		return sb.String()
	}
	return "?"
}
