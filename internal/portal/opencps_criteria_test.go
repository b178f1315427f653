package portal_test

import (
	"context"
	"testing"

	"kiosk/internal/portal"
)

// A stock OpenCPS server lists its questions without votingCode
// (VotingUtils.mappingVotingDocList), so each is known by its subject, or by
// the site's voting_criteria; what fits no criterion gets the overall score.
func TestOpenCPSRatesEachStockQuestionWithItsCriterion(t *testing.T) {
	ctx := context.Background()
	rating := portal.Rating{ID: "r1", Overall: portal.Neutral, Counter: "000.00.53.H48",
		Criteria: map[string]int{"attitude": portal.VerySatisfied, "time": portal.VeryDissatisfied, "guidance": portal.Satisfied}}
	// Choices are listed best first: 5 is "1", 4 is "2", 3 is "3", 1 is "5".
	for _, tc := range []struct {
		name     string
		criteria map[string]string
		rating   portal.Rating
		want     map[string]string // votingId -> selected
	}{
		{"by the subject's words", nil, rating,
			map[string]string{"401": "3", "402": "1", "403": "5", "404": "2", "405": "3"}},
		{"the site's mapping wins: by templateNo, and by subject words", map[string]string{"DG05": "attitude", "Thời gian": "overall"}, rating,
			map[string]string{"401": "3", "402": "1", "403": "3", "404": "2", "405": "1"}},
		{"by votingId", map[string]string{"401": "guidance"}, rating,
			map[string]string{"401": "2", "402": "1", "403": "5", "404": "2", "405": "3"}},
		{"no criterion rated: every question the overall score", nil, portal.Rating{ID: "r2", Overall: portal.Satisfied, Counter: "000.00.53.H48"},
			map[string]string{"401": "2", "402": "2", "403": "2", "404": "2", "405": "2"}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			f := newFakeOpenCPS(t)
			f.votings = "votings_stock.json"
			c, _ := mustClient(t, portal.Options{Dialect: portal.DialectOpenCPS, BaseURL: f.srv.URL, GroupID: "35417",
				OpenCPS: portal.OpenCPSOptions{VotingCriteria: tc.criteria}})
			if _, err := c.SubmitRating(ctx, tc.rating); err != nil {
				t.Fatal(err)
			}
			for id, want := range tc.want {
				if got := f.results[id]; len(got) != 1 || got[0].Get("selected") != want {
					t.Errorf("question %s: sent %v, want selected=%s", id, got, want)
				}
			}
		})
	}
}
