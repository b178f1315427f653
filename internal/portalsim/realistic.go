package portalsim

import (
	"fmt"
	"math"
	"math/rand"
	"sort"
	"strings"
	"time"
	"unicode"
	"unicode/utf8"

	"golang.org/x/text/unicode/norm"

	"kiosk/internal/portal"
)

// Synthetic modes: how AddSyntheticMode makes up procedures.
const (
	// SyntheticRecombined recombines a few hundred real phrases (AddSynthetic):
	// about 500 distinct words, names of 3–12 words.
	SyntheticRecombined = "recombined"
	// SyntheticRealistic draws words with a Zipf-like frequency from a
	// vocabulary of real catalogue words followed by a long tail of rarer
	// Vietnamese syllables, numbers and abbreviations (AddRealistic): thousands
	// of distinct words, most of them rare, and names of 5–40 words.
	SyntheticRealistic = "realistic"
)

// SyntheticModes lists the modes AddSyntheticMode accepts.
var SyntheticModes = []string{SyntheticRecombined, SyntheticRealistic}

// AddSyntheticMode adds n generated procedures made the way mode says.
func (ds *Dataset) AddSyntheticMode(mode string, n int, seed int64) error {
	switch mode {
	case "", SyntheticRecombined:
		ds.AddSynthetic(n, seed)
	case SyntheticRealistic:
		ds.AddRealistic(n, seed)
	default:
		return fmt.Errorf("unknown synthetic mode %q (want one of %s)", mode, strings.Join(SyntheticModes, ", "))
	}
	return nil
}

// The parameters of the realistic mode. A national catalogue's procedure
// names are mostly official phrases ("cấp giấy chứng nhận", "quyền sử dụng
// đất") that recur everywhere, followed by what makes each one distinct: the
// object, the case, a unit or place name, a form or decree number. Word
// frequency in such text falls off roughly as 1/rank (Zipf), with about half
// of the distinct words seen only a handful of times.
const (
	realZipfS       = 1.05 // exponent of the word and phrase rank distributions
	realZipfQ       = 2.7  // Zipf–Mandelbrot offset: flattens the very top
	realPhrases     = 24000
	realNameMedian  = 13 // words; log-normal around it
	realNameSpread  = 0.45
	realNameMin     = 5
	realNameMax     = 40
	realCommunes    = 3300 // commune-level units after 1 July 2025
	realTailNumbers = 900  // form, decree and article numbers in the tail
)

// realProvinces are the 34 provincial units since 1 July 2025 (Nghị quyết
// 202/2025/QH15), the six centrally-run cities first.
var realProvinces = []string{
	"Hà Nội", "Huế", "Hải Phòng", "Đà Nẵng", "Hồ Chí Minh", "Cần Thơ",
	"Tuyên Quang", "Cao Bằng", "Lai Châu", "Lào Cai", "Thái Nguyên", "Điện Biên", "Lạng Sơn", "Sơn La",
	"Phú Thọ", "Bắc Ninh", "Quảng Ninh", "Hưng Yên", "Ninh Bình", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
	"Quảng Trị", "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
	"Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
}

const realCities = 6 // the first realCities of realProvinces are "thành phố"

// realMinistries are ministries and central bodies after the 2025
// reorganisation (Nghị định 25/2025/NĐ-CP and following).
var realMinistries = []string{
	"Bộ Tư pháp", "Bộ Công an", "Bộ Tài chính", "Bộ Nông nghiệp và Môi trường", "Bộ Xây dựng", "Bộ Nội vụ",
	"Bộ Khoa học và Công nghệ", "Bộ Y tế", "Bộ Công Thương", "Bộ Giáo dục và Đào tạo",
	"Bộ Văn hóa, Thể thao và Du lịch", "Bộ Ngoại giao", "Bộ Dân tộc và Tôn giáo", "Ngân hàng Nhà nước Việt Nam",
}

// realAbbreviations are short forms found in real names and document lists.
var realAbbreviations = []string{"BHXH", "BHYT", "GCN", "ATTP", "PCCC", "QSDĐ", "GPLX", "HĐND", "UBND", "CCCD", "ĐKKD", "HTX",
	"TNHH", "ĐTM", "CNTT", "THPT", "THCS", "VPĐD", "KCN", "KKT", "FDI", "ODA", "GMP", "ISO", "VietGAP", "OCOP"}

// Syllable parts for the long tail. A rhyme carries its tone on the vowel at
// index tv (in runes); stop rhymes (-c, -ch, -p, -t) take only sắc and nặng.
var realOnsets = []string{"", "b", "c", "ch", "d", "đ", "g", "gi", "h", "kh", "l", "m", "n", "ng", "nh", "ph", "qu", "r", "s", "t", "th", "tr", "v", "x"}

var realRhymes = []struct {
	r  string
	tv int
}{
	{"a", 0}, {"ai", 0}, {"ao", 0}, {"au", 0}, {"ay", 0}, {"am", 0}, {"an", 0}, {"ang", 0}, {"anh", 0}, {"ac", 0}, {"ach", 0}, {"ap", 0}, {"at", 0},
	{"ăm", 0}, {"ăn", 0}, {"ăng", 0}, {"ăc", 0}, {"ăp", 0}, {"ăt", 0},
	{"âm", 0}, {"ân", 0}, {"âng", 0}, {"âu", 0}, {"ây", 0}, {"âc", 0}, {"âp", 0}, {"ât", 0},
	{"e", 0}, {"eo", 0}, {"em", 0}, {"en", 0}, {"ec", 0}, {"ep", 0}, {"et", 0},
	{"ê", 0}, {"êu", 0}, {"êm", 0}, {"ên", 0}, {"ênh", 0}, {"êch", 0}, {"êt", 0},
	{"i", 0}, {"ia", 0}, {"iu", 0}, {"im", 0}, {"in", 0}, {"inh", 0}, {"ich", 0}, {"ip", 0}, {"it", 0},
	{"iêm", 1}, {"iên", 1}, {"iêng", 1}, {"iêu", 1}, {"iêc", 1}, {"iêp", 1}, {"iêt", 1},
	{"o", 0}, {"oa", 1}, {"oai", 1}, {"oan", 1}, {"oang", 1}, {"oanh", 1}, {"oac", 1}, {"oat", 1}, {"oe", 1},
	{"oi", 0}, {"om", 0}, {"on", 0}, {"ong", 0}, {"oc", 0}, {"op", 0}, {"ot", 0},
	{"ô", 0}, {"ôi", 0}, {"ôm", 0}, {"ôn", 0}, {"ông", 0}, {"ôc", 0}, {"ôp", 0}, {"ôt", 0},
	{"ơ", 0}, {"ơi", 0}, {"ơm", 0}, {"ơn", 0}, {"ơp", 0}, {"ơt", 0},
	{"u", 0}, {"ua", 0}, {"uân", 1}, {"uê", 1}, {"ui", 0}, {"um", 0}, {"un", 0}, {"ung", 0}, {"uy", 1}, {"uyên", 2},
	{"uôi", 1}, {"uôn", 1}, {"uông", 1}, {"uôc", 1}, {"uôt", 1}, {"up", 0}, {"ut", 0}, {"uc", 0},
	{"ư", 0}, {"ưa", 0}, {"ưng", 0}, {"ưu", 0}, {"ươi", 1}, {"ươn", 1}, {"ương", 1}, {"ưc", 0}, {"ưt", 0}, {"ươc", 1}, {"ươt", 1},
}

// realTones are the combining tone marks: none, sắc, huyền, hỏi, ngã, nặng.
var realTones = []string{"", "\u0301", "\u0300", "\u0309", "\u0303", "\u0323"}

// realAvoid are syllables the tail never makes: they would spell abolished
// units ("thị trấn", "huyện") by accident (see TestNoAbolishedNames).
var realAvoid = map[string]bool{"huyện": true, "trấn": true}

// syllable spells onset+rhyme with tone t, following the spelling rules that
// matter for search (c/k, g/gh, ng/ngh, gi, qu); ok is false for a
// combination Vietnamese does not write.
func syllable(onset string, rh struct {
	r  string
	tv int
}, t int) (string, bool) {
	first, _ := utf8.DecodeRuneInString(rh.r)
	front := strings.ContainsRune("eêi", first)
	switch {
	case onset == "c" && front:
		onset = "k"
	case onset == "g" && front:
		onset = "gh"
	case onset == "ng" && front:
		onset = "ngh"
	case onset == "gi" && first == 'i', onset == "qu" && (first == 'u' || first == 'o'):
		return "", false
	}
	stop := strings.HasSuffix(rh.r, "c") || strings.HasSuffix(rh.r, "ch") || strings.HasSuffix(rh.r, "p") || strings.HasSuffix(rh.r, "t")
	if stop && t != 1 && t != 5 {
		return "", false
	}
	runes := []rune(rh.r)
	var b strings.Builder
	b.WriteString(onset)
	for i, r := range runes {
		b.WriteRune(r)
		if i == rh.tv {
			b.WriteString(realTones[t])
		}
	}
	return norm.NFC.String(b.String()), true
}

// zipf draws ranks 0..n-1 with probability proportional to 1/(rank+q)^s.
type zipf struct{ cum []float64 }

func newZipf(n int, s, q float64) zipf {
	z := zipf{cum: make([]float64, n)}
	total := 0.0
	for r := range n {
		total += 1 / math.Pow(float64(r+1)+q, s)
		z.cum[r] = total
	}
	for r := range z.cum {
		z.cum[r] /= total
	}
	return z
}

func (z zipf) draw(rng *rand.Rand) int {
	return min(sort.SearchFloat64s(z.cum, rng.Float64()), len(z.cum)-1)
}

// realVocabulary is the words the realistic mode draws from, most frequent
// first: the words of the recombined mode's phrase tables (real catalogue
// wording) ordered by how often they occur there, then the long tail of
// generated syllables, abbreviations and numbers in a seeded order.
func realVocabulary(rng *rand.Rand) []string {
	count := map[string]int{}
	var order []string
	see := func(s string) {
		for _, w := range strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }) {
			w = strings.ToLower(w)
			if count[w] == 0 {
				order = append(order, w)
			}
			count[w]++
		}
	}
	for _, v := range synthVerbs {
		see(v)
	}
	for _, f := range synthFields {
		for _, group := range [][]string{f.objects, f.docs, {f.name, f.result}} {
			for _, s := range group {
				see(s)
			}
		}
	}
	for _, q := range synthQualifiers {
		see(q)
	}
	head := append([]string(nil), order...)
	sort.SliceStable(head, func(i, j int) bool { return count[head[i]] > count[head[j]] })
	known := map[string]bool{}
	for _, w := range head {
		known[w] = true
	}
	var tail []string
	for _, o := range realOnsets {
		for _, rh := range realRhymes {
			for t := range realTones {
				if s, ok := syllable(o, rh, t); ok && !known[s] && !realAvoid[s] {
					known[s] = true
					tail = append(tail, s)
				}
			}
		}
	}
	tail = append(tail, realAbbreviations...)
	for i := range realTailNumbers {
		tail = append(tail, fmt.Sprint(1+i*7%997))
	}
	rng.Shuffle(len(tail), func(i, j int) { tail[i], tail[j] = tail[j], tail[i] })
	return append(head, tail...)
}

// realPhraseBook is the phrases names are made of, most frequent first: the
// real objects, qualifiers and document names, then phrases of one to three
// words drawn from the vocabulary.
func realPhraseBook(rng *rand.Rand, vocab []string) []string {
	var book []string
	for _, f := range synthFields {
		book = append(book, f.objects...)
	}
	for _, q := range synthQualifiers {
		if q != "" {
			book = append(book, q)
		}
	}
	for _, f := range synthFields {
		for _, d := range f.docs {
			book = append(book, strings.ToLower(d[:1])+d[1:])
		}
	}
	words := newZipf(len(vocab), realZipfS, realZipfQ)
	seen := map[string]bool{}
	for _, p := range book {
		seen[p] = true
	}
	for len(book) < realPhrases {
		n := 1 + rng.Intn(3)
		ws := make([]string, n)
		for i := range ws {
			ws[i] = vocab[words.draw(rng)]
		}
		if p := strings.Join(ws, " "); !seen[p] {
			seen[p] = true
			book = append(book, p)
		}
	}
	return book
}

// realName is a made-up commune name of two tail syllables, title-cased.
func realName(rng *rand.Rand, tail []string) string {
	a, b := tail[rng.Intn(len(tail))], tail[rng.Intn(len(tail))]
	return titleWord(a) + " " + titleWord(b)
}

// countWords counts the runs of letters and digits in s, as search does.
func countWords(s string) int {
	return len(strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) }))
}

func titleWord(w string) string {
	r, n := utf8.DecodeRuneInString(w)
	return string(unicode.ToUpper(r)) + w[n:]
}

// AddRealistic adds n generated procedures whose words follow a real
// catalogue's distribution rather than recombining a few hundred phrases:
// names of 5–40 words (log-normal around 13) built from an official action
// and object followed by phrases drawn with Zipf-like frequencies, so a few
// phrases recur everywhere and most words are rare; documents likewise. The
// agencies are current (after 1 July 2025): ministries, the departments of
// the 34 provinces, and commune-level people's committees of xã, phường and
// đặc khu. The same seed gives the same catalogue.
func (ds *Dataset) AddRealistic(n int, seed int64) {
	rng := rand.New(rand.NewSource(seed))
	vocab := realVocabulary(rng)
	book := realPhraseBook(rng, vocab)
	phrases := newZipf(len(book), realZipfS, realZipfQ)
	tail := vocab[len(vocab)/4:]

	fieldSeen := map[string]bool{}
	for _, f := range ds.Fields {
		fieldSeen[f.Code] = true
	}
	for _, f := range synthFields {
		if !fieldSeen[f.code] {
			ds.Fields = append(ds.Fields, portal.Field{Code: f.code, Name: f.name})
			fieldSeen[f.code] = true
		}
	}
	type agency struct{ code, name, tier string }
	var central, provincial, communes []agency
	agencySeen := map[string]bool{}
	for _, a := range ds.Agencies {
		agencySeen[a.Code] = true
	}
	addAgency := func(list *[]agency, a agency, pa portal.Agency) {
		*list = append(*list, a)
		if !agencySeen[a.code] {
			pa.Code, pa.Name = a.code, a.name
			ds.Agencies = append(ds.Agencies, pa)
			agencySeen[a.code] = true
		}
	}
	for i, m := range realMinistries {
		addAgency(&central, agency{fmt.Sprintf("000.00.%02d.G%02d", i+1, 0), m, portal.TierCentral},
			portal.Agency{Kind: portal.AgencyCentral})
	}
	for pi, prov := range realProvinces {
		unit := "tỉnh "
		if pi < realCities {
			unit = "thành phố "
		}
		for ki, kind := range synthAgencyKinds {
			addAgency(&provincial, agency{fmt.Sprintf("000.00.%02d.P%02d", ki+1, pi+1), kind + " " + unit + prov, portal.TierProvince},
				portal.Agency{Kind: portal.AgencyDepartment})
		}
	}
	for ci := range realCommunes {
		pi := ci % len(realProvinces)
		u, label := portal.UnitXa, "xã"
		switch r := rng.Intn(10); {
		case r < 3:
			u, label = portal.UnitPhuong, "phường"
		case r == 9 && ci%97 == 0:
			u, label = portal.UnitDacKhu, "đặc khu"
		}
		addAgency(&communes, agency{fmt.Sprintf("000.%02d.%02d.C%02d", ci/100%100, ci%100, pi+1), "UBND " + label + " " + realName(rng, tail), portal.TierCommune},
			portal.Agency{Kind: portal.AgencyCommune, Unit: u})
	}

	codeSeen := map[string]bool{}
	for _, p := range ds.Procedures {
		codeSeen[p.Code] = true
	}
	base := time.Date(2025, 7, 1, 0, 0, 0, 0, time.UTC)
	for i, serial := 0, 300000; i < n; serial++ {
		var ag agency
		switch r := rng.Intn(10); {
		case r < 1:
			ag = central[rng.Intn(len(central))]
		case r < 6:
			ag = provincial[rng.Intn(len(provincial))]
		default:
			ag = communes[rng.Intn(len(communes))]
		}
		code := fmt.Sprintf("%d.%06d.000.00.00.%s", 1+rng.Intn(2), serial, ag.code[len(ag.code)-3:])
		if codeSeen[code] {
			continue
		}
		codeSeen[code] = true
		f := synthFields[rng.Intn(len(synthFields))]
		target := int(math.Round(math.Exp(math.Log(realNameMedian) + realNameSpread*rng.NormFloat64())))
		target = min(max(target, realNameMin), realNameMax)
		parts := []string{synthVerbs[rng.Intn(len(synthVerbs))], f.objects[rng.Intn(len(f.objects))]}
		words := countWords(parts[0]) + countWords(parts[1])
		for tries := 0; words < target && tries < 50; tries++ {
			p := book[phrases.draw(rng)]
			pw := countWords(p)
			if words+pw > realNameMax {
				continue
			}
			if rng.Intn(7) == 0 {
				parts[len(parts)-1] += ","
			}
			parts = append(parts, p)
			words += pw
		}
		name := strings.Join(parts, " ")
		ndocs := 2 + rng.Intn(5)
		docs := make([]portal.Document, 0, ndocs)
		for range ndocs {
			var dn string
			if rng.Intn(2) == 0 {
				dn = f.docs[rng.Intn(len(f.docs))]
			} else {
				dn = titleWord([]string{"bản sao", "bản chính", "tờ khai", "đơn đề nghị", "giấy xác nhận", "văn bản"}[rng.Intn(6)]) + " " + book[phrases.draw(rng)]
			}
			docs = append(docs, portal.Document{Name: dn, Originals: rng.Intn(2), Copies: 1 + rng.Intn(2)})
		}
		var kws []string
		if rng.Intn(5) == 0 {
			kws = []string{book[phrases.draw(rng)]}
		}
		p := synthProcedure(rng, code, name, ag.code, ag.name, f, func() []portal.Document { return docs }, base)
		p.Keywords = kws
		p.Tier = ag.tier
		p.AnyCentre = ag.tier != portal.TierCentral && rng.Intn(3) == 0
		ds.Procedures = append(ds.Procedures, p)
		i++
	}
}
