package ui

import (
	"bufio"
	"os"
	"strings"
	"testing"
)

func typeTelex(keys string) string { return TelexType(keys) }

// TestTelexComposition holds hand-picked cases: the defects of issue 19 and
// cases from BambooEngine/bamboo-core's bamboo_test.go (commit f0ca534),
// whose Telex engine with its default flags (standard tone style) we follow. See testdata/README.md.
func TestTelexComposition(t *testing.T) {
	tests := []struct {
		name, keys, want string
	}{
		{"aa makes a circumflex a", "aa", "â"},
		{"aw makes a breve a", "aw", "ă"},
		{"ee makes a circumflex e", "ee", "ê"},
		{"oo makes a circumflex o", "oo", "ô"},
		{"ow makes a horned o", "ow", "ơ"},
		{"uw makes a horned u", "uw", "ư"},
		{"a lone w after a consonant makes ư", "tw", "tư"},
		{"a lone w at the start of a word makes ư", "w", "ư"},
		{"a lone w starts a word with ươ", "wowfi", "ười"},
		{"w pressed twice gives w back", "ww", "w"},
		{"a lone w undone later gives u", "wiw", "uiw"},
		{"dd makes đ", "dd", "đ"},
		{"capital DD makes Đ", "DD", "Đ"},
		{"dd can be typed at the end of the word", "did", "đi"},
		{"uow makes ươ together", "dduowcj", "được"},
		{"ư followed by o becomes ươ: người", "nguwoif", "người"},
		{"ư followed by o becomes ươ: đường", "dduwongf", "đường"},
		{"ư followed by o becomes ươ: trường", "truwongf", "trường"},
		{"ư followed by o becomes ươ: nước", "nuwocs", "nước"},
		{"ư followed by o becomes ươ: mười", "muwoif", "mười"},
		{"ư followed by o becomes ươ: rượu", "ruwouj", "rượu"},
		{"uo then w at the end of a word is uơ: thuở", "thuowr", "thuở"},
		{"uo then w at the end is uơ until a letter follows", "Thuow", "Thuơ"},
		{"ươ and a vowel", "duwoi", "dươi"},
		{"w at the end of uoi makes ươi", "NGUOIW", "NGƯƠI"},
		{"w at the end of uong makes ương", "cuongw", "cương"},
		{"s puts an acute accent", "as", "á"},
		{"f puts a grave accent", "af", "à"},
		{"r puts a hook", "ar", "ả"},
		{"x puts a tilde", "ax", "ã"},
		{"j puts a dot below", "aj", "ạ"},
		{"double tone key undoes the tone", "ass", "as"},
		{"a third tone key is a letter", "asss", "ass"},
		{"double tone key after a breve", "sawss", "săs"},
		{"double tone key after a hat", "tooss", "tôs"},
		{"double tone key with a letter between", "tosos", "tôs"},
		{"an undone tone key leaves the rest as typed", "reffresh", "refresh"},
		{"double hat key undoes the hat", "aaa", "aa"},
		{"double w undoes the horn", "uww", "uw"},
		{"double w on ươ undoes both", "duwongwj", "duongwj"},
		{"double d undoes đ", "ddd", "dd"},
		{"z removes the tone", "asz", "a"},
		{"z without a tone is a letter", "az", "az"},
		{"z on a word without tone", "loz", "loz"},
		{"z after a tone", "losz", "lo"},
		{"a new tone replaces the old one", "asf", "à"},
		{"tone key without a vowel is a letter", "s", "s"},
		{"no hỏi on a syllable ending in t", "catr", "catr"},
		{"no huyền on a syllable ending in c", "bacf", "bacf"},
		{"sắc on a syllable ending in t", "cats", "cát"},
		{"a hat that makes no Vietnamese is a letter", "acha", "acha"},
		{"an English word survives Telex", "birth", "birth"},
		{"another English word survives Telex", "facebook", "facebook"},
		{"the tone of a word is kept when it ends in a stop", "ddawks", "đắk"},
		{"tone goes on the marked vowel", "tieengs", "tiếng"},
		{"tone goes on ơ in ươ", "nguwowif", "người"},
		{"tone on second vowel before a final consonant", "toans", "toán"},
		{"tone on first vowel of ia without final consonant", "mias", "mía"},
		{"the tone of oa goes on o, as the portal writes it", "hoaf", "hòa"},
		{"the tone of oa goes on o however it is typed", "choas", "chóa"},
		{"the tone of uy goes on u", "thuyr", "thủy"},
		{"the tone of oa moves to a before a final consonant", "hoafn", "hoàn"},
		{"tone in a three-vowel nucleus goes in the middle", "khoais", "khoái"},
		{"qu counts as a consonant", "quys", "quý"},
		{"qu then ă", "quawcj", "quặc"},
		{"gi counts as a consonant before another vowel", "giaf", "già"},
		{"gi alone takes the tone on i", "gif", "gì"},
		{"gi then a tone then a vowel", "gisa", "giá"},
		{"tone typed at the end of the word is placed correctly", "nguyeenx", "nguyễn"},
		{"w after â makes ă", "vaanw", "văn"},
		{"w after ô makes ơ", "toowi", "tơi"},
		{"o after ươ makes uô", "buwoo", "buô"},
		{"o after ươc makes uôc", "buowco", "buôc"},
		{"o after ươi makes uôi", "cuoiwo", "cuôi"},
		{"a whole phrase is composed word by word", "ddawng kys khai sinh", "đăng ký khai sinh"},
		{"capitals keep their case", "Vieetj Nam", "Việt Nam"},
		{"capitals all through", "VIEETJ", "VIỆT"},
		{"tone keys in capitals work too", "AS", "Á"},
		{"hoi nga tones", "cuar nhaf ngax", "của nhà ngã"},
		{"digits pass through", "123", "123"},
		{"ư then o then w makes ươ from uo", "truwowngf", "trường"},
		{"breve then tone", "ddawts", "đắt"},
		{"ow then tone in a word", "cowm", "cơm"},
		{"oo in a closed syllable", "ddoongf", "đồng"},
		{"ee and tone", "leex", "lễ"},
		{"hoo then tone", "hoof sow", "hồ sơ"},
		{"a tone typed early moves when the word grows", "hosa", "hóa"},
		{"a tone typed early moves before a final consonant", "tosan", "toán"},
		{"a tone stays put when the word grows around it", "mosc", "móc"},
		{"a tone typed before the e makes no hat", "tiesng", "tiéng"},
		{"a tone typed before the hat moves onto it", "tiesen", "tiến"},
		{"abbreviations without vowels take đ", "HDDND", "HĐND"},
		{"đ inside an abbreviation", "blddtbxh", "blđtbxh"},
		{"a tone moves onto the hat", "chuyrene", "chuyển"},
		{"chuẩn", "chuaarn", "chuẩn"},
		{"đài", "ddafi", "đài"},
		{"một", "mootj", "một"},
		{"loạn", "loanj", "loạn"},
		{"nhuệ", "nhueej", "nhuệ"},
		{"biếc", "bieecs", "biếc"},
		{"uế", "uese", "uế"},
		{"như", "nhuw", "như"},
		{"tôi", "tooi", "tôi"},
		{"ươ typed as uwow", "uwow", "ươ"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := typeTelex(tc.keys); got != tc.want {
				t.Errorf("typing %q gave %q, want %q", tc.keys, got, tc.want)
			}
		})
	}
}

// TestTelexWordTable types every word of the demo procedures the ways a
// Telex typist does (testdata/telex_words.tsv, see testdata/README.md).
func TestTelexWordTable(t *testing.T) {
	f, err := os.Open("testdata/telex_words.tsv")
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	n, bad := 0, 0
	sc := bufio.NewScanner(f)
	for sc.Scan() {
		keys, want, ok := strings.Cut(sc.Text(), "\t")
		if !ok {
			continue
		}
		n++
		if got := typeTelex(keys); got != want {
			bad++
			if bad <= 40 {
				t.Errorf("typing %q gave %q, want %q", keys, got, want)
			}
		}
	}
	if n < 300 {
		t.Fatalf("only %d key sequences in the table", n)
	}
	if bad > 0 {
		t.Errorf("%d of %d key sequences wrong", bad, n)
	}
}

func TestTheVietnameseLayoutsToneKeysComposeWithoutTelex(t *testing.T) {
	var c composer
	out := ""
	for _, k := range []rune{'n', 'g', 'ư', 'ơ', 'i', markGrave} {
		out = c.Type(out, k, false)
	}
	if out != "người" {
		t.Errorf("got %q, want người", out)
	}
	out = c.Type(out, markGrave, false) // the same tone again removes it
	if out != "ngươi" {
		t.Errorf("pressing huyền twice: got %q", out)
	}
	out = ""
	for _, k := range "cas" {
		out = c.Type(out, k, false)
	}
	if out != "cas" {
		t.Errorf("letters stay letters without Telex: %q", out)
	}
	out = c.Type("hoa", markAcute, false)
	if out != "hóa" {
		t.Errorf("tone key after text already there: %q", out)
	}
}

func TestTelexBackspaceRemovesOneLetter(t *testing.T) {
	var c composer
	if got := c.Backspace("được"); got != "đượ" {
		t.Errorf("got %q", got)
	}
	if got := c.Backspace(""); got != "" {
		t.Errorf("got %q", got)
	}
	// After a backspace the word is recomposed from what is left.
	if got := c.Type("đượ", 'c', true); got != "được" {
		t.Errorf("typing after backspace: %q", got)
	}
}

func FuzzTelexType(f *testing.F) {
	f.Add("nguyeenx vawn aan")
	f.Add("dduowcj")
	f.Fuzz(func(t *testing.T, keys string) {
		var c composer
		out := ""
		for _, k := range keys {
			out = c.Type(out, k, true)
			if len([]rune(out)) > 2*len([]rune(keys))+2 {
				t.Fatalf("output grew too much: %q", out)
			}
		}
	})
}
