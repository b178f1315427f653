package search

import (
	"slices"
	"testing"
)

func TestLengthOrderListsEveryDocumentShortestNameFirstThenByDocument(t *testing.T) {
	ds := benchCorpus(t, 2000)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(t))
	order := ix.lengthOrder()
	if len(order) != ix.Len() {
		t.Fatalf("%d documents in the order, %d in the index", len(order), ix.Len())
	}
	want := make([]uint32, ix.Len())
	for d := range want {
		want[d] = uint32(d)
	}
	slices.SortStableFunc(want, func(a, b uint32) int { return int(ix.nameLen(a)) - int(ix.nameLen(b)) })
	if !slices.Equal(order, want) {
		t.Error("the length order is not by name length, then by document")
	}
}

func TestNameCountsCountTheNamesEachWordIsIn(t *testing.T) {
	ds := benchCorpus(t, 2000)
	ix := Build(ds.Procedures, ds.Agencies, ds.Fields, mustDictionary(t))
	want := make([]uint32, len(ix.vocab))
	for d := range ix.Len() {
		lo, hi := ix.nameWords(uint32(d))
		seen := map[uint32]bool{}
		for p := lo; p < hi; p++ {
			if t := ix.termAt(p); !seen[t] {
				seen[t] = true
				want[t]++
			}
		}
	}
	got := ix.nameCounts()
	for id := range want {
		if got[id] != want[id] {
			t.Errorf("%q: in %d names, counted %d", ix.vocab[id], want[id], got[id])
		}
	}
}
