package kiosk

import (
	"context"
	"time"

	"kiosk/internal/health"
	"kiosk/internal/printer"
)

// Online reports whether the last portal check succeeded (true before the
// first check, so the start screen does not flash an offline banner).
func (s *Services) Online() bool { return !s.portalSeen.Load() || s.portalUp.Load() }

// LastSync is when the catalogue was last synced (zero if never).
func (s *Services) LastSync() time.Time {
	st, err := s.Cache.SyncState()
	if err != nil {
		return time.Time{}
	}
	return st.LastSuccess
}

// TestPrint prints the printer test page (staff panel, kioskctl).
func (s *Services) TestPrint(ctx context.Context) error { return s.Receipts.TestPage(ctx) }

// PrinterStatus is the printer's last known state.
func (s *Services) PrinterStatus() health.DeviceHealth { return s.printerHealth() }

// SyncNow asks the sync loop for an incremental run now.
func (s *Services) SyncNow() { s.Syncer.Trigger() }

// FullResync asks the sync loop for a full listing now.
func (s *Services) FullResync() { s.Syncer.TriggerFull() }

// Report is the health snapshot the staff panel shows.
func (s *Services) Report() health.Report { return s.Monitor.Report() }

// ResetDevice clears local state — catalogue, outbox, recent lookups — while
// keeping the config, then schedules a full sync. The screens reset language
// and what the last citizen did themselves.
func (s *Services) ResetDevice() error {
	s.Lookups.recent.forget()
	if err := s.Cache.Reset(); err != nil {
		return err
	}
	s.mu.Lock()
	s.cacheHealthAt = time.Time{}
	s.mu.Unlock()
	s.Catalogue.RebuildIndex()
	s.Syncer.TriggerFull()
	s.Log.Warn("device reset by staff: cache and outbox cleared, full sync scheduled")
	return nil
}

// FlagDevice records what the screens learned about a device (a print that
// failed for lack of paper) so staff see it in health and Prometheus at once,
// before the next status poll.
func (s *Services) FlagDevice(device, state string) {
	s.Log.Warn("device needs staff", "device", device, "state", state)
	if device != "printer" {
		return
	}
	s.mu.Lock()
	switch state {
	case "paper_out":
		s.printerState.Paper = printer.PaperOut
	case "paper_low":
		s.printerState.Paper = printer.PaperLow
	}
	st := s.printerState
	s.mu.Unlock()
	s.Metrics.SetPaper(paperState(st))
}
