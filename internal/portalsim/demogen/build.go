package main

import (
	"fmt"
	"hash/fnv"
	"regexp"
	"strings"
	"time"
	"unicode"

	"golang.org/x/text/unicode/norm"

	"kiosk/internal/portal"
)

// ict is Vietnam's time zone (portal.Vietnam); every date in the dataset
// carries +07:00.
var ict = portal.Vietnam

const (
	portalBase = "https://dichvucong.hochiminhcity.gov.vn"
	unitWD     = "ngày làm việc"
	unitDay    = "ngày"
	unitHour   = "giờ làm việc"
)

// P is one procedure in compact form. Everything a field has in common
// (laws, steps, applicants, conditions, submit place) comes from the field's
// template; P carries what is specific to the procedure.
type P struct {
	N     string  // national number, e.g. "1.001193" (the code gets ".000.00.00.H29")
	Name  string  // official name
	Ag    string  // agency code
	L     int     // 2022 level (2, 3, 4)
	Old   int     // pre-2022 grade when it differs from L
	T     float64 // processing time
	U     string  // unit (default ngày làm việc)
	TNote string  // note on the time
	Fees  []portal.Fee
	Post  bool // can be sent by post
	Docs  []portal.Document
	KW    []string
	Cond  []string // conditions (replace the template's when set)
	Res   string   // result
	Law   []string // extra legal basis, listed before the field's
	Who   string   // applicants (replaces the template's when set)
	Steps []string // steps (replace the template's when set)
	Place string   // submit place (replaces the derived one when set)
}

// tpl is what all procedures of a field share.
type tpl struct {
	Field string
	Laws  []string
	Steps []string
	Who   string
	Cond  []string
	KW    []string
	// Place, when set, is the submit place for every procedure of the field.
	Place string
	// Any marks the group's procedures as accepted at any centre of the city
	// (không phụ thuộc địa giới hành chính). Province-level procedures other
	// than the police's are marked anyway: they are received at the city's
	// centre and its branches, whichever commune the citizen lives in.
	Any bool
}

// codeSuffix is the national procedure code tail with the city's code.
const codeSuffix = ".000.00.00.H29"

// anyCentrePlace is added to the submit place of any-centre procedures.
const anyCentrePlace = "; không phụ thuộc địa giới hành chính: nộp được tại bất kỳ Trung tâm Phục vụ hành chính công nào trong Thành phố"

// d is a document with originals and copies; df adds a form.
func d(name string, originals, copies int) portal.Document {
	return portal.Document{Name: name, Originals: originals, Copies: copies}
}

func df(name string, originals, copies int, form string) portal.Document {
	return portal.Document{Name: name, Originals: originals, Copies: copies, FormName: form, FormURL: formURL(form)}
}

// dn is a document with a note.
func dn(name string, originals, copies int, note string) portal.Document {
	return portal.Document{Name: name, Originals: originals, Copies: copies, Note: note}
}

// fee is a charge in VND; free is a waived fee.
func fee(name string, amount int64, note string) portal.Fee {
	return portal.Fee{Name: name, Amount: amount, Note: note}
}

func fees(f ...portal.Fee) []portal.Fee { return f }

func docs(d ...portal.Document) []portal.Document { return d }

func free(note string) []portal.Fee { return []portal.Fee{fee("Lệ phí", 0, note)} }

// Common documents.
var (
	docID = dn("Giấy tờ tùy thân có ảnh còn giá trị sử dụng (thẻ Căn cước, thẻ Căn cước công dân hoặc hộ chiếu)", 1, 0,
		"Xuất trình khi nộp trực tiếp; khi nộp trực tuyến, thông tin được khai thác từ Cơ sở dữ liệu quốc gia về dân cư")
	docAuth = dn("Văn bản ủy quyền có chứng thực (trường hợp ủy quyền thực hiện thủ tục)", 1, 0,
		"Không bắt buộc chứng thực nếu người được ủy quyền là ông, bà, cha, mẹ, con, vợ, chồng, anh, chị, em ruột")
)

var formCode = regexp.MustCompile(`\(mẫu ([^)]+)\)`)

// formURL derives a stable download address from a form's name: the form
// code in "(mẫu XX)" when there is one, else the slug of the name.
func formURL(form string) string {
	key := form
	if m := formCode.FindStringSubmatch(form); m != nil {
		key = m[1]
	}
	return portalBase + "/bieu-mau/" + slug(key) + ".docx"
}

// slug turns Vietnamese text into lower-case ASCII words joined by dashes.
func slug(s string) string {
	var b strings.Builder
	dash := false
	for _, r := range norm.NFD.String(strings.ToLower(s)) {
		switch {
		case unicode.Is(unicode.Mn, r):
			continue
		case r == 'đ':
			r = 'd'
		case r == '.':
			b.WriteRune(r)
			dash = false
			continue
		}
		if r < unicode.MaxASCII && (unicode.IsLetter(r) || unicode.IsDigit(r)) {
			if dash && b.Len() > 0 {
				b.WriteByte('-')
			}
			b.WriteRune(r)
			dash = false
		} else {
			dash = true
		}
	}
	return b.String()
}

// hash64 is a stable hash for deterministic spreads.
func hash64(s string) uint64 {
	h := fnv.New64a()
	h.Write([]byte(s))
	return h.Sum64()
}

// updatedAt spreads procedures over 2025-11-01 .. 2026-11-15 by their code.
func updatedAt(code string) time.Time {
	start := time.Date(2025, 11, 1, 8, 0, 0, 0, ict)
	end := time.Date(2026, 11, 15, 8, 0, 0, 0, ict)
	span := uint64(end.Sub(start) / time.Minute)
	return start.Add(time.Duration(hash64(code)%span) * time.Minute)
}

// submitPlace says where to submit for a procedure handled by agency a.
func submitPlace(a portal.Agency) string {
	switch a.Kind {
	case portal.AgencyCommune:
		return "Trung tâm Phục vụ hành chính công cấp xã nơi cư trú (ví dụ: " + a.Address + ")"
	default:
		return "Trung tâm Phục vụ hành chính công Thành phố Hồ Chí Minh, " + centreAddress
	}
}

// expand turns the compact tables into complete procedures.
func expand(groups []group, agencies map[string]portal.Agency, fields map[string]portal.Field) ([]portal.Procedure, error) {
	var out []portal.Procedure
	seen := map[string]bool{}
	for _, g := range groups {
		f, ok := fields[g.t.Field]
		if !ok {
			return nil, fmt.Errorf("unknown field %q", g.t.Field)
		}
		for _, p := range g.ps {
			code := p.N + codeSuffix
			if seen[code] {
				return nil, fmt.Errorf("duplicate procedure code %s (%s)", code, p.Name)
			}
			seen[code] = true
			a, ok := agencies[p.Ag]
			if !ok {
				return nil, fmt.Errorf("%s: unknown agency %q", code, p.Ag)
			}
			out = append(out, procedure(p, g.t, code, a, f))
		}
	}
	return out, nil
}

type group struct {
	t  tpl
	ps []P
}

func procedure(p P, t tpl, code string, a portal.Agency, f portal.Field) portal.Procedure {
	old := p.Old
	if old == 0 {
		old = p.L
	}
	unit := p.U
	if unit == "" {
		unit = unitWD
	}
	note := p.TNote
	if note == "" {
		note = "Kể từ ngày nhận đủ hồ sơ hợp lệ"
	}
	charges := p.Fees
	if len(charges) == 0 {
		charges = free("Không thu phí, lệ phí")
	}
	place := p.Place
	if place == "" {
		place = t.Place
	}
	if place == "" {
		place = submitPlace(a)
	}
	tier := portal.TierOfAgency(a.Kind)
	anyCentre := t.Any || (tier == portal.TierProvince && a.Code != agCA)
	if anyCentre {
		place += anyCentrePlace
	}
	dur := portal.Duration{Value: p.T, Unit: unit, Note: note}
	chs := []portal.Channel{{Kind: portal.ChannelInPerson, Time: dur, Fees: charges,
		Description: "Nộp trực tiếp tại " + place}}
	if p.L >= portal.LevelPartial {
		desc := "Nộp trực tuyến qua Cổng Dịch vụ công quốc gia hoặc Cổng Dịch vụ công Thành phố Hồ Chí Minh (" + portalBase + ")"
		if p.L == portal.LevelFull {
			desc += "; nhận kết quả trực tuyến hoặc qua bưu chính"
		} else {
			desc += "; xuất trình bản chính giấy tờ khi nhận kết quả"
		}
		chs = append(chs, portal.Channel{Kind: portal.ChannelOnline, Time: dur, Fees: charges, Description: desc})
	}
	if p.Post {
		chs = append(chs, portal.Channel{Kind: portal.ChannelPostal, Time: dur, Fees: charges,
			Description: "Gửi hồ sơ qua dịch vụ bưu chính công ích; cước phí bưu chính do người gửi trả theo giá của doanh nghiệp bưu chính"})
	}
	var forms []portal.Form
	for _, doc := range p.Docs {
		if doc.FormName != "" {
			forms = append(forms, portal.Form{Name: doc.FormName, URL: doc.FormURL})
		}
	}
	steps := p.Steps
	if len(steps) == 0 {
		steps = t.Steps
	}
	cond := p.Cond
	if len(cond) == 0 {
		cond = t.Cond
	}
	who := p.Who
	if who == "" {
		who = t.Who
	}
	laws := append(append([]string(nil), p.Law...), t.Laws...)
	kw := append(append([]string(nil), p.KW...), t.KW...)
	return portal.Procedure{
		Code:        code,
		Name:        p.Name,
		AgencyCode:  a.Code,
		AgencyName:  a.Name,
		FieldCode:   f.Code,
		FieldName:   f.Name,
		LevelOld:    old,
		Level:       p.L,
		Channels:    chs,
		Documents:   p.Docs,
		Forms:       forms,
		Steps:       steps,
		Conditions:  cond,
		LegalBasis:  laws,
		Applicants:  who,
		Result:      p.Res,
		SubmitPlace: place,
		OnlineURL:   portalBase + "/thu-tuc/" + code,
		Keywords:    kw,
		Tier:        tier,
		AnyCentre:   anyCentre,
		UpdatedAt:   updatedAt(code),
	}
}
