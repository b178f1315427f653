package ui

import (
	"fmt"
	"testing"
	"time"

	"kiosk/internal/portal"
)

// slowSearcher takes as long as a slow search on a big catalogue.
type slowSearcher struct {
	*fakes
	delay time.Duration
}

func (s slowSearcher) Search(q Query) []Result { time.Sleep(s.delay); return s.fakes.Search(q) }

// BenchmarkKeyPressDuringSearch measures what one key press costs the UI
// goroutine on the search screen while searches are slow: the search itself
// runs elsewhere, so this is what a frame can wait for.
func BenchmarkKeyPressDuringSearch(b *testing.B) {
	h := newHarness(b, func(d *Deps, o *Options) {
		d.Search = slowSearcher{fakes: newFakes(), delay: 50 * time.Millisecond}
	})
	h.tap("Tra cứu thủ tục")
	kb := h.k.cur.(*findScreen).kb
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		if i%20 == 19 {
			kb.field.set("")
		}
		kb.press("a")
		h.queued = h.queued[:0] // the work would run on another goroutine
	}
}

// BenchmarkResultsApplied measures putting 100 results on screen when a
// search finishes (UI goroutine).
func BenchmarkResultsApplied(b *testing.B) {
	h := newHarness(b)
	h.tap("Tra cứu thủ tục")
	s := h.k.cur.(*findScreen)
	p := h.f.procs[0]
	var res []Result
	for i := 0; i < resultLimit; i++ {
		res = append(res, Result{Code: fmt.Sprint(i), Name: p.Name, Spans: []Span{{Start: 12, End: 16}}, Procedure: &p})
	}
	s.query.Value = "khai"
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s.results, s.searched = res, true
		s.fill(h.k.env)
	}
}

// BenchmarkStartScreen measures building the start screen (language switch,
// idle reset).
func BenchmarkStartScreen(b *testing.B) {
	h := newHarness(b)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.k.render()
	}
}

// BenchmarkDossierResult measures building a dossier result screen.
func BenchmarkDossierResult(b *testing.B) {
	h := newHarness(b)
	d := h.addDossier()
	s := newDossierScreen()
	s.result, s.step = &d, stepResult
	h.k.show(s)
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		h.k.render()
	}
	_ = portal.StatusDone
}
