package ui

import (
	"context"
	"fmt"
	"io"
	"log/slog"
	"net/http/httptest"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/BurntSushi/toml"

	"kiosk/assets"
	"kiosk/internal/config"
	kservices "kiosk/internal/kiosk"
	"kiosk/internal/portal"
	"kiosk/internal/portalsim"
)

func TestReformTranslationsHaveTheSameMessagesAndCoverTheCode(t *testing.T) {
	keys := map[string]map[string]any{}
	for _, lang := range Languages {
		b, err := assets.I18n.ReadFile("i18n/reform." + lang + ".toml")
		if err != nil {
			t.Fatal(err)
		}
		m := map[string]any{}
		if err := toml.Unmarshal(b, &m); err != nil {
			t.Fatalf("reform.%s.toml: %v", lang, err)
		}
		keys[lang] = m
	}
	for id := range keys["vi"] {
		if _, ok := keys["en"][id]; !ok {
			t.Errorf("%s is in reform.vi.toml only", id)
		}
	}
	for id := range keys["en"] {
		if _, ok := keys["vi"][id]; !ok {
			t.Errorf("%s is in reform.en.toml only", id)
		}
	}
	used := map[string]bool{}
	files, _ := os.ReadDir(".")
	for _, f := range files {
		if !strings.HasSuffix(f.Name(), ".go") || strings.HasSuffix(f.Name(), "_test.go") {
			continue
		}
		src, _ := os.ReadFile(f.Name())
		for _, m := range regexp.MustCompile(`"(reform(?:\.[a-z0-9]+)+)"`).FindAllStringSubmatch(string(src), -1) {
			used[m[1]] = true
		}
	}
	// Ids made of a prefix and the province's word.
	for _, prefix := range []string{"reform.scope.all.line.", "reform.scope.elsewhere.", "reform.anycentre."} {
		delete(used, strings.TrimSuffix(prefix, "."))
		for _, unit := range []string{"city", "province", "any"} {
			used[prefix+unit] = true
		}
	}
	for id := range used {
		if _, ok := keys["vi"][id]; !ok {
			t.Errorf("the code uses %s, which is not translated", id)
		}
	}
}

func TestProvinceUnitReadsThePeoplesCommitteesName(t *testing.T) {
	tests := []struct {
		name, committee, want string
	}{
		{"a centrally-run city in full", "Ủy ban nhân dân Thành phố Hồ Chí Minh", "city"},
		{"the old spelling of uỷ", "Uỷ ban nhân dân thành phố Hà Nội", "city"},
		{"an abbreviated city", "UBND TP. Đà Nẵng", "city"},
		{"a province", "Ủy ban nhân dân tỉnh Đồng Nai", "province"},
		{"an abbreviated province", "UBND tỉnh Tây Ninh", "province"},
		{"a name that says neither", "Văn phòng Ủy ban", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			as := []portal.Agency{
				{Code: "X1", Name: "Ủy ban nhân dân tỉnh Lạng Sơn", Kind: portal.AgencyDepartment}, // not the committee
				{Code: "X2", Name: tt.committee, Kind: portal.AgencyProvince},
			}
			if got := provinceUnit(as); got != tt.want {
				t.Errorf("provinceUnit(%q) = %q, want %q", tt.committee, got, tt.want)
			}
		})
	}
	if got := provinceUnit(nil); got != "" {
		t.Errorf("no agencies: %q, want \"\"", got)
	}
}

// syncedKiosk is the kiosk's real use cases after a sync from the demo
// portal: the simulator on loopback HTTP, the site config's [centre], a
// bbolt cache file in a temporary directory and the search index built from
// it, as cmd/kiosk wires them.
func syncedKiosk(t *testing.T, centre config.Centre) *kservices.Services {
	t.Helper()
	ds, err := portalsim.Demo()
	if err != nil {
		t.Fatal(err)
	}
	srv := httptest.NewServer(portalsim.New(ds, portalsim.Options{}))
	t.Cleanup(srv.Close)
	dir := t.TempDir()
	cfg := config.Default()
	cfg.Kiosk.ID, cfg.Kiosk.SiteName = "ui-centre-01", "Trung tâm Phục vụ hành chính công phường Thủ Dầu Một"
	cfg.Portal.BaseURL, cfg.Portal.KioskKey, cfg.Portal.Retries = srv.URL, "khoa-thu", -1
	cfg.Cache.Path = filepath.Join(dir, "cache.db")
	cfg.Kiosk.ReceiptDir = filepath.Join(dir, "receipts")
	cfg.Printer.Port, cfg.Printer.Profile = "virtual", "epson-tm-t20iii"
	cfg.Scanner.Port = "keyboard"
	cfg.Voice.Enabled = false
	cfg.Centre = centre
	ctx, cancel := context.WithCancel(context.Background())
	t.Cleanup(cancel)
	s, err := kservices.Build(ctx, cfg, kservices.Options{Version: "test", Logger: slog.New(slog.NewTextHandler(io.Discard, nil)),
		NoStatusSocket: true})
	if err != nil {
		t.Fatalf("building the kiosk: %v", err)
	}
	t.Cleanup(s.Close)
	if _, err := s.Syncer.Run(ctx, true, nil); err != nil {
		t.Fatalf("syncing from the simulator: %v", err)
	}
	s.Catalogue.RebuildIndex()
	return s
}

// realHarness is a headless kiosk window on the synced use cases.
func realHarness(t *testing.T, s *kservices.Services) *harness {
	return newHarness(t, func(d *Deps, o *Options) {
		d.Search, d.Catalog = s.Catalogue, s.Catalogue
		o.SiteName = s.Cfg.Kiosk.SiteName
		o.Centre = Centre{Level: s.Cfg.Centre.Level, AgencyCode: s.Cfg.Centre.AgencyCode}
	})
}

// search types text into the find screen's field and lets the search run.
func (h *harness) search(text string) {
	h.t.Helper()
	s, ok := h.k.cur.(*findScreen)
	if !ok {
		h.t.Fatalf("not on the find screen")
	}
	s.query.Value = text
	s.runSearch(h.k.env)
	h.settle()
}

// openResult taps the result row whose name starts with name.
func (h *harness) openResult(name string) {
	h.t.Helper()
	s := h.k.cur.(*findScreen)
	for _, r := range s.results {
		if strings.HasPrefix(r.Name, name) {
			s.open(h.k.env, r.Code, r.Procedure)
			h.settle()
			return
		}
	}
	h.t.Fatalf("no result %q; screen shows:\n%s", name, h.screenText())
}

func TestAnyCentreFlagGoesFromThePortalToTheDetailPage(t *testing.T) {
	// The demo kiosk's centre: phường Thủ Dầu Một (kiosk-config/demo.toml).
	s := syncedKiosk(t, config.Centre{Level: config.CentreCommune, AgencyCode: "000.10.00.H29"})

	// The cache holds what the portal said.
	cached, err := s.Cache.Procedure("2.000815.000.00.00.H29")
	if err != nil {
		t.Fatal(err)
	}
	if !cached.AnyCentre || cached.Tier != portal.TierCommune {
		t.Fatalf("the cache has certification of copies as any_centre %v tier %q, want true and commune", cached.AnyCentre, cached.Tier)
	}

	anyCentreVI := "Nộp được tại bất kỳ Trung tâm Phục vụ hành chính công nào trong thành phố"
	anyCentreEN := "Can be submitted at any Public Administration Service Centre in the city"

	t.Run("an any-centre procedure says so on its page, in the city's own word and in English", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		h.search("chứng thực bản sao từ bản chính")
		h.openResult("Chứng thực bản sao từ bản chính")
		h.mustSee("Chứng thực bản sao từ bản chính")
		h.mustSee(anyCentreVI)
		h.tapID("lang.switch")
		h.mustSee(anyCentreEN)
	})
	t.Run("a procedure tied to the applicant's ward does not", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		h.search("đăng ký khai sinh")
		h.openResult("Đăng ký khai sinh")
		h.mustSee("Giấy tờ cần mang")
		h.mustNotSee(anyCentreVI)
	})
}

func TestFindScreenStartsOnWhatThisCentreAccepts(t *testing.T) {
	s := syncedKiosk(t, config.Centre{Level: config.CentreCommune, AgencyCode: "000.10.00.H29"})
	ward := Centre{Level: config.CentreCommune, AgencyCode: "000.10.00.H29"}
	here := s.Catalogue.CentreLen(ward)
	all := s.Catalogue.CentreLen(Centre{})
	if here == 0 || here >= all {
		t.Fatalf("the ward centre accepts %d of %d demo procedures; the test needs some but not all", here, all)
	}

	t.Run("the screen says which set it shows and counts it", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		if ts := h.tiles(h.k.t("reform.scope.here")); len(ts) != 1 || ts[0].Style != tileSelected {
			t.Fatalf("the chip for this centre's procedures is not the chosen one: %v", ts)
		}
		h.mustSee(h.k.t("reform.scope.here.line", "N", here))
		h.tapID("reform.scope.all")
		h.mustSee(h.k.t("reform.scope.all.line.city", "N", all))
		h.tapID("lang.switch")
		h.mustSee("Showing all")
	})
	t.Run("the police's driving licences are not offered at the ward centre, and the screen says where they are", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		h.search("đổi giấy phép lái xe")
		for _, r := range h.k.cur.(*findScreen).results {
			if r.Procedure.AgencyCode == "000.00.21.H29" {
				t.Errorf("the ward centre offers the police's %q", r.Name)
			}
		}
		h.mustSee("không nộp tại trung tâm này")
		h.tapID("reform.scope.seeall")
		h.mustSee("Đổi giấy phép lái xe do ngành Giao thông vận tải cấp")
		// With results on screen the chosen set is named: in the line the
		// filters fold into while the keyboard is open (issue 19, item 4),
		// and by the chosen chip with its count once it is hidden.
		h.mustSee(h.k.t("layouts.find.filters", "Filters", h.k.t("level.all")+" · "+h.k.t("reform.scope.all")))
		h.tapID("kb.hide")
		if ts := h.tiles(h.k.t("reform.scope.all")); len(ts) != 1 || ts[0].Style != tileSelected || ts[0].Badge != fmt.Sprint(all) {
			t.Errorf("the whole-catalogue chip is not chosen with its count %d: %+v", all, ts)
		}
		h.mustNotSee(h.k.t("reform.scope.all.line.city", "N", all))
		// In the whole catalogue, what this centre does not take says so.
		h.mustSee("Công an Thành phố Hồ Chí Minh · Làm hết trên mạng · nộp ở nơi khác")
		// A search that finds the ward's own building permits as well: they
		// are not marked.
		h.search("giấy phép xây dựng")
		h.mustNotSee("UBND phường Thủ Dầu Một · Một phần trên mạng · nộp ở nơi khác")
		h.mustSee("UBND phường Thủ Dầu Một · Một phần trên mạng")
	})
	t.Run("CCCD still finds the căn cước card, which the police issue, not this centre", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		h.search("cccd")
		h.mustSee("“Cấp thẻ căn cước")
		h.mustSee("không nộp tại trung tâm này")
		h.tapID("reform.scope.seeall")
		if rs := h.k.cur.(*findScreen).results; len(rs) == 0 || !strings.HasPrefix(rs[0].Name, "Cấp thẻ căn cước") {
			t.Errorf("cccd in the whole catalogue does not find the căn cước card first: %v", rs)
		}
	})
	t.Run("a search with no match here counts the matches elsewhere", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		h.search("gplx") // the police's driving licences, by their abbreviation
		// Not "no procedure found": the city has four, elsewhere.
		h.mustNotSee(h.k.t("find.none"))
		h.mustSee("có 4 thủ tục phù hợp nộp ở nơi khác trong thành phố")
		h.tapID("reform.scope.seeall")
		h.mustSee("Cấp lại giấy phép lái xe")
	})
	t.Run("the browse tiles count this centre's procedures", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		h.tapID("find.byagency")
		h.mustNotSee("Công an Thành phố Hồ Chí Minh")
		h.mustSee("UBND phường Thủ Dầu Một")
		h.tapID("reform.scope.all")
		h.tapID("find.byagency")
		h.mustSee("Công an Thành phố Hồ Chí Minh")
	})
	t.Run("every citizen starts on this centre's procedures again", func(t *testing.T) {
		h := realHarness(t, s)
		h.tapID("start.find")
		h.tapID("reform.scope.all")
		h.clock.add(2 * time.Minute) // past the idle timeout and its question
		h.k.TickIdle()
		h.settle()
		if _, home := h.k.cur.(*startScreen); !home {
			t.Fatalf("the idle timeout did not return to the start screen")
		}
		h.tapID("start.find")
		if ts := h.tiles(h.k.t("reform.scope.here")); len(ts) != 1 || ts[0].Style != tileSelected {
			t.Fatalf("after the idle reset the find screen does not start on this centre's procedures")
		}
	})
}

func TestFindScreenWithoutACentreShowsEverythingWithoutChips(t *testing.T) {
	h := newHarness(t)
	h.tapID("start.find")
	h.mustNotSee(h.k.t("reform.scope.here"))
	h.search("đăng ký")
	h.f.mu.Lock()
	defer h.f.mu.Unlock()
	for _, q := range h.f.queries {
		if !q.Centre.IsZero() {
			t.Errorf("a kiosk with no centre configured searched with centre %+v", q.Centre)
		}
	}
}

// ours reports whether a layout problem may be the centre's doing: texts
// that overlap or run out of their container (the chips and lines add
// height), or a problem with a text the centre adds (one of the texts it
// quotes is part of one of them). A row's own text clipped or broken
// inside a word is the row's.
func ours(k *Kiosk, problem string) bool {
	if strings.Contains(problem, " overlap at ") || strings.Contains(problem, "runs out of") || strings.Contains(problem, "tap target") {
		return true
	}
	var mine []string
	for _, id := range []string{"reform.scope.here", "reform.scope.all", "reform.scope.seeall", "reform.scope.nothere",
		"reform.scope.here.line.nocount", "reform.scope.all.line.nocount", "reform.anycentre.city"} {
		mine = append(mine, k.t(id))
	}
	for _, id := range []string{"reform.scope.here.line", "reform.scope.all.line.city", "reform.scope.elsewhere.city"} {
		mine = append(mine, k.t(id, "N", 0))
	}
	mine = append(mine, k.t("reform.scope.better", "Name", ""))
	for _, m := range regexp.MustCompile(`"([^"]+)"`).FindAllStringSubmatch(problem, -1) {
		frag := strings.TrimSpace(m[1])
		for _, s := range mine {
			for _, part := range strings.Split(s, "0") { // the count, or the name, left out
				if len(frag) > 3 && strings.Contains(part, frag) || len(part) > 3 && strings.Contains(frag, strings.TrimSpace(part)) {
					return true
				}
			}
		}
	}
	return false
}

// TestCentreScreensLayOutWithoutClippingOverlapOrSmallTargets runs the
// layout check (layout_check_test.go) on what the centre adds: the scope
// chips and line, the "submitted elsewhere" card, the marked rows of the
// whole catalogue and the detail page's any-centre line, in every look.
func TestCentreScreensLayOutWithoutClippingOverlapOrSmallTargets(t *testing.T) {
	s := syncedKiosk(t, config.Centre{Level: config.CentreCommune, AgencyCode: "000.10.00.H29"})
	screens := []struct {
		name string
		open func(h *harness)
	}{
		{"find at this centre", func(h *harness) { h.tapID("start.find"); h.tapID("kb.hide") }},
		{"best match elsewhere", func(h *harness) { h.tapID("start.find"); h.tapID("kb.hide"); h.search("đổi giấy phép lái xe") }},
		{"no match here", func(h *harness) { h.tapID("start.find"); h.tapID("kb.hide"); h.search("gplx") }},
		{"whole catalogue", func(h *harness) {
			h.tapID("start.find")
			h.tapID("kb.hide")
			h.search("đổi giấy phép lái xe")
			h.tapID("reform.scope.seeall")
		}},
		{"any-centre detail", func(h *harness) {
			h.tapID("start.find")
			h.search("chứng thực bản sao từ bản chính")
			h.openResult("Chứng thực bản sao từ bản chính")
		}},
	}
	for _, lc := range lookCases() {
		lc := lc
		t.Run(lc.String(), func(t *testing.T) {
			h := realHarness(t, s)
			h.k.Window().Resize(lc.size)
			for _, sc := range screens {
				h.k.home()
				h.k.applySettings(lc.lang, lc.large, lc.contrast)
				h.k.render()
				h.settle()
				sc.open(h)
				h.settle()
				for _, p := range checkLayout(h.k, h.k.minTapPx()) {
					if ours(h.k, p) {
						t.Errorf("%s: %s", sc.name, p)
					} else {
						// The result rows and the detail page with the
						// demo's long names: the screens' own (issue 19).
						t.Logf("not the centre's: %s: %s", sc.name, p)
					}
				}
			}
		})
	}
}

// acceptsNothing is a Searcher whose configured centre accepts nothing of
// the catalogue (an agency code the portal does not use).
type acceptsNothing struct{ *fakes }

func (acceptsNothing) CentreCounts(Centre) (map[string]int, map[string]int) {
	return map[string]int{}, map[string]int{}
}

func TestACentreThatAcceptsNothingShowsTheWholeCatalogue(t *testing.T) {
	h := newHarness(t, func(d *Deps, o *Options) {
		d.Search = acceptsNothing{d.Search.(*fakes)}
		o.Centre = Centre{Level: config.CentreCommune, AgencyCode: "000.99.00.H29"}
	})
	h.tapID("start.find")
	h.mustNotSee(h.k.t("reform.scope.here"))
	h.mustSee("Hộ tịch") // the browse tiles of the whole catalogue
	h.search("đăng ký")
	h.f.mu.Lock()
	defer h.f.mu.Unlock()
	if q := h.f.queries[len(h.f.queries)-1]; !q.Centre.IsZero() {
		t.Errorf("searched with centre %+v, want the whole catalogue", q.Centre)
	}
}
