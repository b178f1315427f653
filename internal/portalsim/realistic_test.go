package portalsim

import (
	"reflect"
	"slices"
	"strings"
	"testing"
	"unicode"

	"kiosk/internal/portal"
)

// words splits s as the search index roughly does: runs of letters and
// digits, lower-cased, diacritics kept (the index folds them further, so its
// vocabulary is a little smaller).
func words(s string) []string {
	return strings.FieldsFunc(strings.ToLower(s), func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
}

func wordCounts(ps []portal.Procedure) map[string]int {
	n := map[string]int{}
	for _, p := range ps {
		for _, w := range words(p.Name) {
			n[w]++
		}
	}
	return n
}

func TestRealisticCatalogueHasALongTailAndLongNames(t *testing.T) {
	const n = 20000
	rec, real := &Dataset{}, &Dataset{}
	rec.AddSynthetic(n, 1)
	real.AddRealistic(n, 1)
	if len(real.Procedures) != n {
		t.Fatalf("%d procedures, want %d", len(real.Procedures), n)
	}
	if err := real.Validate(); err != nil {
		t.Fatalf("the realistic catalogue does not validate: %v", err)
	}
	var lens []int
	for _, p := range real.Procedures {
		lens = append(lens, len(words(p.Name)))
	}
	slices.Sort(lens)
	if lens[0] < realNameMin || lens[len(lens)-1] > realNameMax {
		t.Errorf("name lengths run %d..%d words, want within %d..%d", lens[0], lens[len(lens)-1], realNameMin, realNameMax)
	}
	if med := lens[len(lens)/2]; med < 10 || med > 16 {
		t.Errorf("median name is %d words, want about %d", med, realNameMedian)
	}
	if p99 := lens[len(lens)*99/100]; p99 < 25 {
		t.Errorf("99th percentile name is %d words: no long names", p99)
	}
	rc, cc := wordCounts(real.Procedures), wordCounts(rec.Procedures)
	if len(rc) < 8*len(cc) {
		t.Errorf("realistic names use %d distinct words, the recombined ones %d: want a far larger vocabulary", len(rc), len(cc))
	}
	rare := 0
	var freqs []int
	for _, c := range rc {
		if c <= 5 {
			rare++
		}
		freqs = append(freqs, c)
	}
	if share := float64(rare) / float64(len(rc)); share < 0.3 {
		t.Errorf("%.0f%% of the distinct words occur at most 5 times, want a long tail (≥ 30%%)", 100*share)
	}
	// Zipf-like: the most frequent words are far more frequent than the
	// hundredth, which is far more frequent than the thousandth.
	slices.SortFunc(freqs, func(a, b int) int { return b - a })
	if len(freqs) < 1000 || freqs[0] < 5*freqs[99] || freqs[99] < 3*freqs[999] {
		t.Errorf("word frequencies by rank 1, 100, 1000 = %d, %d, %d: not Zipf-like", freqs[0], freqs[min(99, len(freqs)-1)], freqs[min(999, len(freqs)-1)])
	}
	t.Logf("realistic: %d distinct name words (recombined %d), %.0f%% at most 5 times, names %d/%d/%d words (min/median/max)",
		len(rc), len(cc), 100*float64(rare)/float64(len(rc)), lens[0], lens[len(lens)/2], lens[len(lens)-1])
}

func TestRealisticCatalogueNamesOnlyCurrentUnits(t *testing.T) {
	ds := &Dataset{}
	ds.AddRealistic(20000, 3)
	kinds := map[string]int{}
	for _, a := range ds.Agencies {
		kinds[a.Kind]++
		if a.Kind == portal.AgencyDistrict {
			t.Errorf("agency %s %q is district-level", a.Code, a.Name)
		}
		for _, hit := range findAbolished(a.Name) {
			t.Errorf("agency %s: %s", a.Code, hit)
		}
	}
	for _, k := range []string{portal.AgencyCentral, portal.AgencyDepartment, portal.AgencyCommune} {
		if kinds[k] == 0 {
			t.Errorf("no %s agencies: %v", k, kinds)
		}
	}
	bad := 0
	for _, p := range ds.Procedures {
		text := []string{p.Name, p.AgencyName, p.SubmitPlace}
		for _, d := range p.Documents {
			text = append(text, d.Name)
		}
		for _, hit := range findAbolished(strings.Join(text, "\n")) {
			if bad++; bad <= 10 {
				t.Errorf("procedure %s: %s", p.Code, hit)
			}
		}
	}
	if len(realProvinces) != 34 {
		t.Errorf("%d provinces, want the 34 of Nghị quyết 202/2025/QH15", len(realProvinces))
	}
	for _, table := range [][]string{realProvinces, realMinistries, realAbbreviations} {
		for _, w := range table {
			for _, hit := range findAbolished(w) {
				t.Errorf("realistic.go: %s", hit)
			}
		}
	}
}

func TestRealisticCatalogueIsTheSameForTheSameSeed(t *testing.T) {
	a, b, c := &Dataset{}, &Dataset{}, &Dataset{}
	a.AddRealistic(500, 7)
	b.AddRealistic(500, 7)
	c.AddRealistic(500, 8)
	if !reflect.DeepEqual(a.Procedures, b.Procedures) || !reflect.DeepEqual(a.Agencies, b.Agencies) {
		t.Error("the same seed gave two different catalogues")
	}
	if reflect.DeepEqual(a.Procedures, c.Procedures) {
		t.Error("different seeds gave the same catalogue")
	}
}

func TestAddSyntheticModeRefusesAnUnknownMode(t *testing.T) {
	ds := &Dataset{}
	if err := ds.AddSyntheticMode("zipf", 10, 1); err == nil {
		t.Error("an unknown mode was accepted")
	}
	if err := ds.AddSyntheticMode(SyntheticRealistic, 10, 1); err != nil || len(ds.Procedures) != 10 {
		t.Errorf("realistic mode: %d procedures, %v", len(ds.Procedures), err)
	}
}
