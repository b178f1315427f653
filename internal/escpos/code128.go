package escpos

import (
	"fmt"
	"strings"
)

// code128Patterns are the bar/space widths of the 107 Code128 symbols
// (ISO/IEC 15417); 106 is the stop pattern with its final bar.
var code128Patterns = [107]string{
	"212222", "222122", "222221", "121223", "121322", "131222", "122213", "122312", "132212", "221213",
	"221312", "231212", "112232", "122132", "122231", "113222", "123122", "123221", "223211", "221132",
	"221231", "213212", "223112", "312131", "311222", "321122", "321221", "312212", "322112", "322211",
	"212123", "212321", "232121", "111323", "131123", "131321", "112313", "132113", "132311", "211313",
	"231113", "231311", "112133", "112331", "132131", "113123", "113321", "133121", "313121", "211331",
	"231131", "213113", "213311", "213131", "311123", "311321", "331121", "312113", "312311", "332111",
	"314111", "221411", "431111", "111224", "111422", "121124", "121421", "141122", "141221", "112214",
	"112412", "122114", "122411", "142112", "142211", "241211", "221114", "413111", "241112", "134111",
	"111242", "121142", "121241", "114212", "124112", "124211", "411212", "421112", "421211", "212141",
	"214121", "412121", "111143", "111341", "131141", "114113", "114311", "411113", "411311", "113141",
	"114131", "311141", "411131", "211412", "211214", "211232", "2331112",
}

// Code128 special symbol values.
const (
	c128CodeC  = 99
	c128CodeB  = 100
	c128CodeA  = 101
	c128FNC1   = 102
	c128StartA = 103
	c128StartB = 104
	c128StartC = 105
	c128Stop   = 106
	c128Shift  = 98
)

// code128Symbols turns the data of GS k 73 (which starts with "{A", "{B" or
// "{C" and may switch sets with "{A" "{B" "{C", shift with "{S", FNC1-4 with
// "{1".."{4" and write "{{" for a brace) into symbol values with checksum
// and stop, and returns the human-readable text. In set C the data bytes are
// the values 0..99 themselves, as ESC/POS specifies.
func code128Symbols(data []byte) (syms []int, hri string, err error) {
	if len(data) < 2 || data[0] != '{' || data[1] < 'A' || data[1] > 'C' {
		return nil, "", fmt.Errorf("code128: data must start with {A, {B or {C")
	}
	set := data[1]
	syms = append(syms, int(c128StartA+set-'A'))
	var sb strings.Builder
	shift := false
	for i := 2; i < len(data); i++ {
		c := data[i]
		if c == '{' {
			if i+1 >= len(data) {
				return nil, "", fmt.Errorf("code128: dangling '{' at end")
			}
			i++
			switch d := data[i]; d {
			case 'A', 'B', 'C':
				if d != set {
					syms = append(syms, map[byte]int{'A': c128CodeA, 'B': c128CodeB, 'C': c128CodeC}[d])
					set = d
				}
				continue
			case 'S':
				if set == 'C' {
					return nil, "", fmt.Errorf("code128: shift in code set C")
				}
				syms = append(syms, c128Shift)
				shift = true
				continue
			case '1':
				syms = append(syms, c128FNC1)
				continue
			case '2', '3', '4':
				v := map[byte]int{'2': 97, '3': 96, '4': 100}[d]
				if set == 'A' {
					v = map[byte]int{'2': 97, '3': 96, '4': 101}[d]
				}
				if set == 'C' {
					return nil, "", fmt.Errorf("code128: FNC%c in code set C", d)
				}
				syms = append(syms, v)
				continue
			case '{':
				// literal brace, handled below
			default:
				return nil, "", fmt.Errorf("code128: unknown escape {%c", d)
			}
		}
		cur := set
		if shift {
			cur = map[byte]byte{'A': 'B', 'B': 'A'}[set]
			shift = false
		}
		switch cur {
		case 'A':
			if c > 95 {
				return nil, "", fmt.Errorf("code128: byte 0x%02x not in code set A", c)
			}
			if c < 32 {
				syms = append(syms, int(c)+64)
			} else {
				syms = append(syms, int(c)-32)
			}
			sb.WriteByte(c)
		case 'B':
			if c < 32 || c > 127 {
				return nil, "", fmt.Errorf("code128: byte 0x%02x not in code set B", c)
			}
			syms = append(syms, int(c)-32)
			sb.WriteByte(c)
		case 'C':
			if c > 99 {
				return nil, "", fmt.Errorf("code128: byte %d not in code set C (0..99)", c)
			}
			syms = append(syms, int(c))
			fmt.Fprintf(&sb, "%02d", c)
		}
	}
	sum := syms[0]
	for i, s := range syms[1:] {
		sum += (i + 1) * s
	}
	syms = append(syms, sum%103, c128Stop)
	return syms, sb.String(), nil
}

// code128Modules expands symbols into modules, true = bar.
func code128Modules(syms []int) []bool {
	var out []bool
	for _, s := range syms {
		bar := true
		for _, w := range code128Patterns[s] {
			for k := 0; k < int(w-'0'); k++ {
				out = append(out, bar)
			}
			bar = !bar
		}
	}
	return out
}

// Code128Width is the width in dots of the bars of a Code128 symbol for
// data (as passed to Builder.Code128, code set B) at the given module width,
// without quiet zones. Layouts use it to pick a module width that fits.
func Code128Width(data string, module int) int {
	n := 0
	for i := 0; i < len(data); i++ {
		if data[i] >= 32 && data[i] <= 126 {
			n++
		}
	}
	return (11*(n+2) + 13) * module
}
