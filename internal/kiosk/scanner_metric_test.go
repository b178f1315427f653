package kiosk

import "testing"

// A keyboard-wedge scanner cannot be unplugged as far as the kiosk can tell;
// the metric must not read "disconnected" or every such kiosk raises
// KioskScannerDisconnected (packaging/prometheus/alerts.yml).
func TestKeyboardWedgeScannerReportsConnectedInMetrics(t *testing.T) {
	e := startKiosk(t)
	mfs, err := e.s.Metrics.Registry.Gather()
	if err != nil {
		t.Fatal(err)
	}
	for _, mf := range mfs {
		if mf.GetName() == "kiosk_scanner_connected" {
			if v := mf.GetMetric()[0].GetGauge().GetValue(); v != 1 {
				t.Errorf("kiosk_scanner_connected = %v with a keyboard scanner, want 1", v)
			}
			return
		}
	}
	t.Error("kiosk_scanner_connected is not exported")
}
