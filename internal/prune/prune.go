// Package prune bounds the folders the virtual devices write into (the
// virtual printer's receipts, the virtual speaker's utterances), so a demo
// kiosk left running for months does not fill its disk.
package prune

import (
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"time"
)

// Limits say what stays: Keep, when positive, is how many groups (the
// newest, the current one included) stay; MaxAge, when positive, also
// removes groups older than that. Both zero keep everything.
type Limits struct {
	Keep   int
	MaxAge time.Duration
}

// Folder removes the groups of files in dir beyond the limits. A group is
// the files whose names match name with the same first submatch (a stem
// such as "receipt-20261203-101500-7", with its .bin and .png); files that
// do not match are never touched, nor is the group current (the one just
// written). Groups are ordered by their newest file's time, newest first; a
// clock set back only changes which old group goes first. Errors are
// ignored: what cannot be removed now is tried again next time.
func Folder(dir string, name *regexp.Regexp, current string, l Limits, now time.Time) {
	if l.Keep <= 0 && l.MaxAge <= 0 {
		return
	}
	ents, err := os.ReadDir(dir)
	if err != nil {
		return
	}
	type group struct {
		stem  string
		files []string
		at    time.Time
	}
	byStem := map[string]*group{}
	for _, e := range ents {
		m := name.FindStringSubmatch(e.Name())
		if len(m) < 2 || !e.Type().IsRegular() {
			continue
		}
		info, err := e.Info()
		if err != nil {
			continue
		}
		g := byStem[m[1]]
		if g == nil {
			g = &group{stem: m[1]}
			byStem[m[1]] = g
		}
		g.files = append(g.files, e.Name())
		if info.ModTime().After(g.at) {
			g.at = info.ModTime()
		}
	}
	gs := make([]*group, 0, len(byStem))
	for _, g := range byStem {
		if g.stem != current {
			gs = append(gs, g)
		}
	}
	sort.Slice(gs, func(i, j int) bool {
		if !gs[i].at.Equal(gs[j].at) {
			return gs[i].at.After(gs[j].at)
		}
		return gs[i].stem > gs[j].stem
	})
	for i, g := range gs {
		tooMany := l.Keep > 0 && i+1 >= l.Keep // the current group is one of Keep
		tooOld := l.MaxAge > 0 && now.Sub(g.at) > l.MaxAge
		if !tooMany && !tooOld {
			continue
		}
		for _, f := range g.files {
			_ = os.Remove(filepath.Join(dir, f))
		}
	}
}
