package ui

import "testing"

func typeTelex(keys string) string {
	out := ""
	for _, k := range keys {
		out = TelexType(out, k)
	}
	return out
}

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
		{"dd makes đ", "dd", "đ"},
		{"capital DD makes Đ", "DD", "Đ"},
		{"dd can be typed at the end of the word", "did", "đi"},
		{"uow makes ươ together", "dduowcj", "được"},
		{"s puts an acute accent", "as", "á"},
		{"f puts a grave accent", "af", "à"},
		{"r puts a hook", "ar", "ả"},
		{"x puts a tilde", "ax", "ã"},
		{"j puts a dot below", "aj", "ạ"},
		{"double tone key undoes the tone", "ass", "as"},
		{"double hat key undoes the hat", "aaa", "aa"},
		{"double w undoes the horn", "uww", "uw"},
		{"double d undoes đ", "ddd", "dd"},
		{"z removes the tone", "asz", "a"},
		{"z without a tone is a letter", "az", "az"},
		{"a new tone replaces the old one", "asf", "à"},
		{"tone key without a vowel is a letter", "s", "s"},
		{"tone goes on the marked vowel", "tieengs", "tiếng"},
		{"tone goes on ơ in ươ", "nguwowif", "người"},
		{"tone on second vowel before a final consonant", "toans", "toán"},
		{"tone on first vowel of ia without final consonant", "mias", "mía"},
		{"modern placement puts the tone of oa on a", "hoaf", "hoà"},
		{"modern placement puts the tone of uy on y", "thuyr", "thuỷ"},
		{"tone in a three-vowel nucleus goes in the middle", "khoais", "khoái"},
		{"qu counts as a consonant", "quys", "quý"},
		{"gi counts as a consonant before another vowel", "giaf", "già"},
		{"gi alone takes the tone on i", "gif", "gì"},
		{"tone typed at the end of the word is placed correctly", "nguyeenx", "nguyễn"},
		{"hat typed late in the word is placed on the vowel", "vaanw", "vânw"},
		{"a whole phrase is composed word by word", "ddawng kys khai sinh", "đăng ký khai sinh"},
		{"capitals keep their case", "Vieetj Nam", "Việt Nam"},
		{"tone keys in capitals work too", "AS", "Á"},
		{"hoi nga tones", "cuar nhaf ngax", "của nhà ngã"},
		{"digits pass through", "123", "123"},
		{"ư then o then w makes ươ from uo", "truwowngf", "trường"},
		{"breve then tone", "ddawts", "đắt"},
		{"ow then tone in a word", "cowm", "cơm"},
		{"oo in a closed syllable", "ddoongf", "đồng"},
		{"ee and tone", "leex", "lễ"},
		{"hoo then tone", "hoof sow", "hồ sơ"},
		{"a tone typed early moves when the word grows", "hosa", "hoá"},
		{"a tone typed early moves before a final consonant", "tosan", "toán"},
		{"a tone stays put when the word grows around it", "mosc", "móc"},
		{"a tone typed before the hat lands on the hatted vowel", "tiesng", "tiéng"},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			if got := typeTelex(tc.keys); got != tc.want {
				t.Errorf("typing %q gave %q, want %q", tc.keys, got, tc.want)
			}
		})
	}
}

func TestTelexBackspaceRemovesOneLetter(t *testing.T) {
	if got := TelexBackspace("được"); got != "đượ" {
		t.Errorf("got %q", got)
	}
	if got := TelexBackspace(""); got != "" {
		t.Errorf("got %q", got)
	}
}

func FuzzTelexType(f *testing.F) {
	f.Add("nguyeenx vawn aan")
	f.Add("dduowcj")
	f.Fuzz(func(t *testing.T, keys string) {
		out := ""
		for _, k := range keys {
			out = TelexType(out, k)
			if len([]rune(out)) > 2*len([]rune(keys))+2 {
				t.Fatalf("output grew too much: %q", out)
			}
		}
	})
}
