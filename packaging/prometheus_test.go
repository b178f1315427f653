package packaging

import (
	"os/exec"
	"testing"
)

// The alert rules' own tests (prometheus/alerts_test.yml) and the scrape
// config as shipped, checked by Prometheus's promtool (Debian package
// prometheus; .ci/deps.sh installs it).
func TestPrometheusAlertRulesAndScrapeConfig(t *testing.T) {
	if _, err := exec.LookPath("promtool"); err != nil {
		t.Skip("promtool not installed (apt-get install prometheus)")
	}
	for _, args := range [][]string{
		{"test", "rules", "alerts_test.yml"},
		{"check", "config", "scrape.yml"},
	} {
		cmd := exec.Command("promtool", args...)
		cmd.Dir = "prometheus"
		out, err := cmd.CombinedOutput()
		if err != nil {
			t.Errorf("promtool %v: %v\n%s", args, err, out)
		}
	}
}
