package search

import (
	"fmt"
	"reflect"
	"slices"
	"strings"
	"sync"
	"testing"

	"golang.org/x/text/unicode/norm"

	"kiosk/internal/portal"
)

// rankOf returns the 1-based rank of the procedure named name, 0 if absent.
func rankOf(rs []Result, name string) int {
	for i, r := range rs {
		if r.Name == name {
			return i + 1
		}
	}
	return 0
}

func TestSearchFindsWhatCitizensMean(t *testing.T) {
	ix := handmadeIndex(t)
	const (
		khaiSinh  = "Đăng ký khai sinh"
		gcnLanDau = "Đăng ký đất đai, tài sản gắn liền với đất, cấp Giấy chứng nhận quyền sử dụng đất, quyền sở hữu nhà ở và tài sản khác gắn liền với đất lần đầu"
		canCuoc   = "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"
		doiGPLX   = "Đổi giấy phép lái xe do ngành Giao thông vận tải cấp"
		capLaiBL  = "Cấp lại giấy phép lái xe"
		gpxd      = "Cấp giấy phép xây dựng mới đối với nhà ở riêng lẻ"
		thatNgh   = "Giải quyết hưởng trợ cấp thất nghiệp"
		lltp      = "Cấp Phiếu lý lịch tư pháp cho công dân Việt Nam, người nước ngoài đang cư trú tại Việt Nam"
		tamTru    = "Đăng ký tạm trú"
		ketHon    = "Đăng ký kết hôn"
		chungThuc = "Chứng thực bản sao từ bản chính giấy tờ, văn bản do cơ quan có thẩm quyền của Việt Nam cấp"
		laoDong   = "Cấp giấy phép lao động cho người lao động nước ngoài làm việc tại Việt Nam"
		doanhNgh  = "Đăng ký thành lập doanh nghiệp tư nhân"
		hoChieu   = "Cấp hộ chiếu phổ thông ở trong nước"
		thuongTru = "Đăng ký thường trú"
		doiTen    = "Đăng ký thay đổi, cải chính, bổ sung thông tin hộ tịch"
	)
	tests := []struct {
		name, query, want string
		within            int
	}{
		{"without diacritics finds the exact name first", "dang ky khai sinh", khaiSinh, 1},
		{"with diacritics finds the exact name first", "Đăng ký khai sinh", khaiSinh, 1},
		{"decomposed Unicode input works like precomposed", norm.NFD.String("Đăng ký khai sinh"), khaiSinh, 1},
		{"upper case works", "ĐĂNG KÝ KHAI SINH", khaiSinh, 1},
		{"a half-typed last word is a prefix", "khai sin", khaiSinh, 1},
		{"the first letters of a name are enough", "dang ky kh", khaiSinh, 3},
		{"an everyday phrase maps to the procedure", "làm giấy khai sinh", khaiSinh, 1},
		{"sổ đỏ without marks finds the first land certificate", "so do", gcnLanDau, 3},
		{"CCCD finds the identity card", "cccd", canCuoc, 3},
		{"CMND (the old card) finds the identity card", "CMND", canCuoc, 3},
		{"GPLX finds exchanging a driving licence", "gplx", doiGPLX, 3},
		{"GPLX finds replacing a driving licence", "gplx", capLaiBL, 3},
		{"bằng lái finds driving licences", "bằng lái", capLaiBL, 3},
		{"filler words and s/x confusion", "xin giay phep sây dựng", gpxd, 1},
		{"GPXD finds building permits", "gpxd", gpxd, 2},
		{"unemployment benefit with marks", "trợ cấp thất nghiệp", thatNgh, 1},
		{"unemployment benefit from the short name", "that nghiep", thatNgh, 1},
		{"criminal record without marks", "ly lich tu phap", lltp, 1},
		{"criminal record abbreviation", "LLTP", lltp, 1},
		{"passport in English", "passport", hoChieu, 1},
		{"hộ khẩu finds permanent residence", "nhập hộ khẩu", thuongTru, 2},
		{"KT3 finds temporary residence", "kt3", tamTru, 1},
		{"sửa tên finds civil status correction", "sửa tên", doiTen, 1},
		{"ch/tr confusion", "dang ky tam chu", tamTru, 1},
		{"tr/ch confusion", "trứng thực bản sao", chungThuc, 1},
		{"s/x confusion in a later word", "chung thuc ban xao", chungThuc, 1},
		{"d/gi confusion", "day phep lao dong", laoDong, 1},
		{"l/n confusion", "giay phep nao dong", laoDong, 1},
		{"n/ng confusion at the end", "dan ky ket hon", ketHon, 1},
		{"i/y confusion", "dang ki ket hon", ketHon, 1},
		{"chat spelling f for ph", "giay fep lai xe", capLaiBL, 3},
		{"a transposed letter", "dnag ky ket hon", ketHon, 1},
		{"a doubled letter", "dang ky khaii sinh", khaiSinh, 1},
		{"a missing letter in a long word", "doanh nghep tu nhan", doanhNgh, 1},
		{"DN finds enterprises", "thanh lap dn tu nhan", doanhNgh, 1},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%s: %q", tt.name, tt.query), func(t *testing.T) {
			rs := ix.Search(Query{Text: tt.query, Limit: 10})
			if r := rankOf(rs, tt.want); r == 0 || r > tt.within {
				t.Errorf("%q is at rank %d, want within %d; got %q", tt.want, r, tt.within, names(rs))
			}
		})
	}
}

func TestRankingOrder(t *testing.T) {
	ix := handmadeIndex(t)
	t.Run("the whole name beats a longer name containing it", func(t *testing.T) {
		rs := ix.Search(Query{Text: "dang ky ket hon"})
		if len(rs) < 2 || rs[0].Name != "Đăng ký kết hôn" || rs[1].Name != "Đăng ký kết hôn có yếu tố nước ngoài" {
			t.Errorf("got %q", names(rs))
		}
	})
	t.Run("a phrase beats the same words apart", func(t *testing.T) {
		rs := ix.Search(Query{Text: "chung thuc"})
		i, j := rankOf(rs, "Chứng thực chữ ký trong các giấy tờ, văn bản"), rankOf(rs, "Cấp giấy chứng nhận cơ sở đủ điều kiện an toàn thực phẩm")
		if i == 0 || j == 0 || i > j {
			t.Errorf("phrase at %d, scattered words at %d: %q", i, j, names(rs))
		}
	})
	t.Run("a word in the name beats the same word in a document name", func(t *testing.T) {
		rs := ix.Search(Query{Text: "giay chung sinh"})
		// "Giấy chứng sinh" is a document of the birth registrations only.
		if len(rs) == 0 || !strings.Contains(rs[0].Name, "khai sinh") {
			t.Errorf("got %q", names(rs))
		}
		rs = ix.Search(Query{Text: "ho chieu"})
		if len(rs) < 2 || rs[0].Name != "Cấp hộ chiếu phổ thông ở trong nước" {
			t.Errorf("the passport procedure should lead, documents follow: %q", names(rs))
		}
	})
	t.Run("ties go to the shorter name", func(t *testing.T) {
		rs := ix.Search(Query{Text: "khai sinh"})
		if len(rs) < 3 || rs[0].Name != "Đăng ký khai sinh" || len(rs[1].Name) > len(rs[2].Name) && rs[1].Score == rs[2].Score {
			t.Errorf("got %q", names(rs))
		}
	})
	t.Run("exact diacritics rank above the same letters with other marks", func(t *testing.T) {
		procs := []portal.Procedure{
			{Code: "A", Name: "Cấp sổ hộ nghèo"},
			{Code: "B", Name: "Cấp số nhà"},
			{Code: "C", Name: "Cấp sở hữu"},
		}
		ix := Build(procs, nil, nil, nil)
		for q, want := range map[string]string{"cấp số": "B", "cấp sổ": "A", "cấp sở": "C"} {
			rs := ix.Search(Query{Text: q})
			if len(rs) != 3 || rs[0].Code != want {
				t.Errorf("%q: first %v, want %s", q, rs, want)
			}
		}
	})
	t.Run("typed without marks all three tie and the shortest leads", func(t *testing.T) {
		ix := Build([]portal.Procedure{{Code: "A", Name: "Cấp sổ hộ nghèo"}, {Code: "B", Name: "Cấp số nhà"}}, nil, nil, nil)
		if rs := ix.Search(Query{Text: "cap so"}); len(rs) != 2 || rs[0].Code != "B" {
			t.Errorf("got %v", rs)
		}
	})
	t.Run("a procedure code prefix lists those codes", func(t *testing.T) {
		rs := ix.Search(Query{Text: "2.001612"})
		if len(rs) != 1 || rs[0].Name != "Đăng ký thành lập công ty cổ phần" {
			t.Errorf("got %q", names(rs))
		}
	})
}

func TestTyposAreScaledToWordLength(t *testing.T) {
	procs := []portal.Procedure{
		{Code: "1", Name: "Cấp giấy phép"},
		{Code: "2", Name: "Giải quyết khiếu nại"},
		{Code: "3", Name: "Đăng ký biến động"},
	}
	ix := Build(procs, nil, nil, nil)
	tests := []struct {
		query string
		want  string // code, "" for nothing
	}{
		{"cop ", ""},                   // three letters: no typo allowed (cấp is not cop)
		{"giai quyet khiue nai ", "2"}, // transposition in a 4-7 letter word
		{"khieeu nai ", "2"},           // one extra letter
		{"bien dongg ", "3"},           // one extra letter
		{"bieen dongg ", "3"},          // one extra letter in each of two words
		{"giay pheepp ", ""},           // two edits in a six-letter word are too many
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q finds %q", tt.query, tt.want), func(t *testing.T) {
			rs := ix.Search(Query{Text: tt.query})
			got := ""
			if len(rs) > 0 && rs[0].Score >= tierFuzzy*tierScale {
				got = rs[0].Code
			}
			if got != tt.want {
				t.Errorf("got %q (%v), want %q", got, rs, tt.want)
			}
		})
	}
	t.Run("two edits are allowed from eight letters", func(t *testing.T) {
		ix := Build([]portal.Procedure{{Code: "X", Name: "Chuyển nhượng vốn"}}, nil, nil, nil)
		if rs := ix.Search(Query{Text: "chuyen nhuuongg "}); len(rs) != 1 {
			t.Errorf("got %v", rs)
		}
	})
}

func TestFilters(t *testing.T) {
	ix := handmadeIndex(t)
	tests := []struct {
		name string
		q    Query
		ok   func(p *portal.Procedure) bool
		min  int
	}{
		{"by field", Query{Text: "dang ky", FieldCode: "HT"}, func(p *portal.Procedure) bool { return p.FieldCode == "HT" }, 5},
		{"by agency", Query{Text: "dang ky", AgencyCode: "CAT"}, func(p *portal.Procedure) bool { return p.AgencyCode == "CAT" }, 3},
		{"by level", Query{Text: "cap", Level: portal.LevelInfo}, func(p *portal.Procedure) bool { return p.Level == portal.LevelInfo }, 1},
		{"field and level together", Query{Text: "dang ky", FieldCode: "HT", Level: portal.LevelPartial}, func(p *portal.Procedure) bool {
			return p.FieldCode == "HT" && p.Level == portal.LevelPartial
		}, 3},
		{"browse a field without text", Query{FieldCode: "CC"}, func(p *portal.Procedure) bool { return p.FieldCode == "CC" }, 3},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			rs := ix.Search(tt.q)
			if len(rs) < tt.min {
				t.Fatalf("%d results, want at least %d", len(rs), tt.min)
			}
			for _, r := range rs {
				if !tt.ok(r.Procedure) {
					t.Errorf("%s (%s, %s, level %d) passes the filter", r.Name, r.Procedure.FieldCode, r.Procedure.AgencyCode, r.Procedure.Level)
				}
			}
		})
	}
	t.Run("browsing lists by name", func(t *testing.T) {
		rs := ix.Search(Query{FieldCode: "CC"})
		want := []string{"Cấp đổi thẻ căn cước", "Cấp lại thẻ căn cước", "Cấp thẻ căn cước cho người từ đủ 14 tuổi trở lên"}
		if !slices.Equal(names(rs), want) {
			t.Errorf("got %q, want %q", names(rs), want)
		}
	})
	t.Run("an unknown field finds nothing", func(t *testing.T) {
		if rs := ix.Search(Query{Text: "dang ky", FieldCode: "NOPE"}); len(rs) != 0 {
			t.Errorf("got %q", names(rs))
		}
	})
	t.Run("no text and no filter finds nothing", func(t *testing.T) {
		if rs := ix.Search(Query{}); len(rs) != 0 {
			t.Errorf("got %q", names(rs))
		}
	})
	t.Run("the limit is respected", func(t *testing.T) {
		if rs := ix.Search(Query{Text: "cap", Limit: 3}); len(rs) != 3 {
			t.Errorf("got %d results", len(rs))
		}
	})
}

func TestMatchedAndSpansPointIntoTheName(t *testing.T) {
	nfdName := norm.NFD.String("Cấp đổi thẻ căn cước")
	ix := Build([]portal.Procedure{
		{Code: "1", Name: "Đăng ký khai sinh lưu động"},
		{Code: "2", Name: nfdName},
		{Code: "3", Name: "Đổi giấy phép lái xe (ô tô)"},
	}, nil, nil, mustDictionary(t))
	tests := []struct {
		query, code string
		matched     []string
	}{
		{"khai sinh", "1", []string{"khai", "sinh"}},
		{"dang ky luu", "1", []string{"Đăng", "ký", "lưu"}},
		{"the can cuoc", "2", []string{norm.NFD.String("thẻ"), norm.NFD.String("căn"), norm.NFD.String("cước")}},
		{"cccd", "2", []string{norm.NFD.String("Cấp"), norm.NFD.String("thẻ"), norm.NFD.String("căn"), norm.NFD.String("cước")}},
		{"gplx o to", "3", []string{"giấy", "phép", "lái", "xe", "ô", "tô"}},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q highlights %q", tt.query, tt.matched), func(t *testing.T) {
			rs := ix.Search(Query{Text: tt.query})
			if len(rs) == 0 || rs[0].Code != tt.code {
				t.Fatalf("got %v", rs)
			}
			r := rs[0]
			if !slices.Equal(r.Matched, tt.matched) {
				t.Errorf("Matched = %q, want %q", r.Matched, tt.matched)
			}
			if len(r.Spans) != len(r.Matched) {
				t.Fatalf("%d spans for %d matched words", len(r.Spans), len(r.Matched))
			}
			for i, sp := range r.Spans {
				if got := r.Name[sp.Start:sp.End]; got != r.Matched[i] {
					t.Errorf("span %d = %q, want %q", i, got, r.Matched[i])
				}
			}
		})
	}
}

func TestBuild(t *testing.T) {
	c := mustLoadCorpus(t, "testdata/corpus.json")
	t.Run("tombstones are not indexed", func(t *testing.T) {
		procs := append(slices.Clone(c.Procedures), portal.Procedure{Code: "gone", Name: "Đăng ký khai sinh", Deleted: true})
		ix := Build(procs, c.Agencies, c.Fields, nil)
		if ix.Len() != len(c.Procedures) {
			t.Errorf("Len = %d, want %d", ix.Len(), len(c.Procedures))
		}
		for _, r := range ix.Search(Query{Text: "dang ky khai sinh"}) {
			if r.Code == "gone" {
				t.Error("a deleted procedure was found")
			}
		}
	})
	t.Run("field and agency counts add up for the browse tiles", func(t *testing.T) {
		ix := Build(c.Procedures, c.Agencies, c.Fields, nil)
		fc, ac := ix.FieldCounts(), ix.AgencyCounts()
		if fc["CC"] != 3 || fc["HT"] != 13 {
			t.Errorf("FieldCounts = %v", fc)
		}
		total := 0
		for _, n := range ac {
			total += n
		}
		if total != len(c.Procedures) {
			t.Errorf("agency counts sum to %d, want %d", total, len(c.Procedures))
		}
	})
	t.Run("agency names come from the agency list when a procedure lacks them", func(t *testing.T) {
		ix := Build([]portal.Procedure{{Code: "1", Name: "Cấp phép", AgencyCode: "SXD"}, {Code: "2", Name: "Cấp phép", AgencyCode: "STP"}}, c.Agencies, c.Fields, nil)
		if rs := ix.Search(Query{Text: "cap phep so xay dung"}); len(rs) == 0 || rs[0].Code != "1" {
			t.Errorf("got %v", rs)
		}
	})
	t.Run("an empty catalogue finds nothing", func(t *testing.T) {
		if rs := Build(nil, nil, nil, nil).Search(Query{Text: "khai sinh"}); len(rs) != 0 {
			t.Errorf("got %v", rs)
		}
	})
}

func TestConcurrentSearchesAgree(t *testing.T) {
	ix := handmadeIndex(t)
	queries := []string{"dang ky khai sinh", "so do", "cccd", "gplx", "trợ cấp thất nghiệp", "d", "xin giay phep sây dựng"}
	want := map[string][]string{}
	for _, q := range queries {
		want[q] = names(ix.Search(Query{Text: q}))
	}
	var wg sync.WaitGroup
	for g := 0; g < 4; g++ {
		wg.Go(func() {
			for i := 0; i < 50; i++ {
				q := queries[(g+i)%len(queries)]
				if got := names(ix.Search(Query{Text: q})); !slices.Equal(got, want[q]) {
					t.Errorf("%q: concurrent result %q differs from %q", q, got, want[q])
					return
				}
			}
		})
	}
	wg.Wait()
}

func FuzzSearch(f *testing.F) {
	c := mustLoadCorpus(f, "testdata/corpus.json")
	ix := Build(c.Procedures, c.Agencies, c.Fields, mustDictionary(f))
	for _, s := range []string{"dang ky khai sinh", "d", "1.0016", "so do ", "xin giay phep sây dựng", "\u0301", "cccd cmnd gplx"} {
		f.Add(s, 0)
	}
	f.Fuzz(func(t *testing.T, text string, level int) {
		rs := ix.Search(Query{Text: text, Level: level % 5, Limit: 5})
		if len(rs) > 5 {
			t.Fatalf("%d results for limit 5", len(rs))
		}
		for _, r := range rs {
			if r.Procedure == nil || r.Procedure.Code != r.Code {
				t.Fatalf("result %q does not point at its procedure", r.Code)
			}
			if len(r.Spans) != len(r.Matched) {
				t.Fatalf("%d spans for %d matched words", len(r.Spans), len(r.Matched))
			}
			for i, sp := range r.Spans {
				if sp.Start < 0 || sp.End > len(r.Name) || sp.Start >= sp.End || r.Name[sp.Start:sp.End] != r.Matched[i] {
					t.Fatalf("span %v of %q does not match %q", sp, r.Name, r.Matched[i])
				}
			}
		}
	})
}

func TestResultsCarryTheirOwnSummary(t *testing.T) {
	procs := []portal.Procedure{
		{Code: "1.000001.000.00.00.H48", Name: "Đăng ký khai sinh", AgencyCode: "UBX", FieldCode: "HT",
			Level: portal.LevelFull, LevelOld: 4, Documents: []portal.Document{{Name: "Giấy chứng sinh"}}},
		{Code: "1.000002.000.00.00.H48", Name: "Đăng ký kết hôn", AgencyCode: "UBX", AgencyName: "UBND phường Phú Cường",
			FieldCode: "HT", FieldName: "Hộ tịch (riêng)", Level: portal.LevelPartial, LevelOld: 3},
		{Code: "1.000003.000.00.00.H48", Name: "Đăng ký khai tử", Deleted: true},
	}
	agencies := []portal.Agency{{Code: "UBX", Name: "Ủy ban nhân dân cấp xã"}}
	fields := []portal.Field{{Code: "HT", Name: "Hộ tịch"}}
	ix := Build(procs, agencies, fields, nil)
	// The caller may reuse its slice once the index is built.
	for i := range procs {
		procs[i] = portal.Procedure{Code: "X", Name: "overwritten"}
	}
	want := map[string]portal.Procedure{
		"1.000001.000.00.00.H48": {Code: "1.000001.000.00.00.H48", Name: "Đăng ký khai sinh", AgencyCode: "UBX",
			AgencyName: "Ủy ban nhân dân cấp xã", FieldCode: "HT", FieldName: "Hộ tịch", Level: portal.LevelFull, LevelOld: 4},
		"1.000002.000.00.00.H48": {Code: "1.000002.000.00.00.H48", Name: "Đăng ký kết hôn", AgencyCode: "UBX",
			AgencyName: "UBND phường Phú Cường", FieldCode: "HT", FieldName: "Hộ tịch (riêng)", Level: portal.LevelPartial, LevelOld: 3},
	}
	tests := []struct {
		name string
		q    Query
		n    int
	}{
		{"a text search", Query{Text: "dang ky"}, 2},
		{"a code search", Query{Text: "1.00000"}, 2},
		{"a whole code typed in lower case", Query{Text: "1.000002.000.00.00.h48"}, 1},
		{"browsing a field", Query{FieldCode: "HT"}, 2},
		{"a search for a deleted procedure", Query{Text: "đăng ký khai tử"}, -1}, // only the others
	}
	for _, tt := range tests {
		t.Run(tt.name+" returns the summaries of what was indexed", func(t *testing.T) {
			rs := ix.Search(tt.q)
			if tt.n >= 0 && len(rs) != tt.n {
				t.Fatalf("%d results %q, want %d", len(rs), names(rs), tt.n)
			}
			for _, r := range rs {
				w, ok := want[r.Code]
				if !ok || r.Procedure == nil {
					t.Fatalf("unexpected result %q (%+v)", r.Code, r.Procedure)
				}
				if r.Name != w.Name || !reflect.DeepEqual(*r.Procedure, w) {
					t.Errorf("result %q\n got %+v\nwant %+v", r.Code, *r.Procedure, w)
				}
				// Each result's summary is its own.
				r.Procedure.AgencyName = "changed by the caller"
			}
		})
	}
}

func TestAVocabularyBeyondSixteenBitsStillFindsAndHighlights(t *testing.T) {
	// 700 names of 100 distinct words each: more than 65,536 words in all,
	// so the index cannot keep word ids in 16 bits.
	procs := make([]portal.Procedure, 700)
	for i := range procs {
		words := make([]string, 100)
		for j := range words {
			words[j] = fmt.Sprintf("m%05d", i*100+j)
		}
		procs[i] = portal.Procedure{Code: fmt.Sprint(i), Name: "Thủ tục " + strings.Join(words, " ")}
	}
	ix := Build(procs, nil, nil, nil)
	if ix.Terms() <= 1<<16 {
		t.Fatalf("only %d terms", ix.Terms())
	}
	tests := []struct{ query, code, word string }{
		{"m00042", "0", "m00042"},
		{"thu tuc m69999", "699", "m69999"},
		{"m65600", "656", "m65600"},
	}
	for _, tt := range tests {
		t.Run(fmt.Sprintf("%q finds procedure %s", tt.query, tt.code), func(t *testing.T) {
			rs := ix.Search(Query{Text: tt.query})
			if len(rs) == 0 || rs[0].Code != tt.code {
				t.Fatalf("got %q", names(rs))
			}
			if !slices.Contains(rs[0].Matched, tt.word) {
				t.Errorf("Matched = %q, want it to contain %q", rs[0].Matched, tt.word)
			}
		})
	}
}
