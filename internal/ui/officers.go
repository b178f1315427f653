package ui

import (
	"context"
	"time"

	"fyne.io/fyne/v2"

	"kiosk/internal/portal"
)

// OfficerLister lists the officers of an agency a citizen can rate for
// "which officer served you" (OpenCPS: /employees/publish/{agency}). A
// portal without such a list answers portal.ErrUnsupported, and the rating
// screen keeps its free-text field.
type OfficerLister interface {
	Officers(ctx context.Context, agency string) ([]portal.Officer, error)
}

// maxOfficerTiles bounds the choice: a long list on a touch screen is not a
// choice any more, and the free-text field is the better tool then.
const maxOfficerTiles = 12

// loadOfficers asks once per rating for the centre's officers, in the
// background; the screen shows them as tiles when they arrive, and the
// free-text field until then or when there are none.
func (s *ratingScreen) loadOfficers(k *env) {
	if s.officersAsked || k.deps.Officers == nil || k.opt.OfficerAgency == "" {
		return
	}
	s.officersAsked = true
	agency := k.opt.OfficerAgency
	k.asyncQuiet(k.session(), func(ctx context.Context) func() {
		ctx, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		os, err := k.deps.Officers.Officers(ctx, agency)
		return func() {
			if err != nil {
				k.log.Debug("no officer list for the rating screen", "err", err)
				return
			}
			if len(os) > 0 && len(os) <= maxOfficerTiles {
				s.officers = os
				if k.current() == screen(s) {
					k.render()
				}
			}
		}
	})
}

// officerChoice is the grid of officers to tap, one selected at most.
func (s *ratingScreen) officerChoice(k *env) fyne.CanvasObject {
	grid := k.textGrid(300, 3)
	for _, o := range s.officers {
		o := o
		st := tileQuiet
		if s.officerID == o.ID {
			st = tileSelected
		}
		t := k.tile(o.Name, st, func() {
			if s.officerID == o.ID {
				s.officerID = ""
			} else {
				s.officerID = o.ID
			}
			k.render()
		})
		t.Subtitle = o.Title
		t.Wrap = true
		t.MinHeight = 88
		grid.Add(t)
	}
	return grid
}
