package speech

import (
	"os"
	"path/filepath"
	"strings"
)

// HasOutput reports whether the machine has an audio playback device: a
// playback stream in /proc/asound/pcm, or a playback node /dev/snd/pcmC*D*p.
// root is where /proc and /dev are mounted ("" = "/"); tests point it at a
// folder. A PC without a sound card, or a container, has neither.
func HasOutput(root string) bool {
	if root == "" {
		root = "/"
	}
	if b, err := os.ReadFile(filepath.Join(root, "proc", "asound", "pcm")); err == nil {
		for _, line := range strings.Split(string(b), "\n") {
			if strings.Contains(line, "playback") {
				return true
			}
		}
	}
	nodes, _ := filepath.Glob(filepath.Join(root, "dev", "snd", "pcmC*D*p"))
	return len(nodes) > 0
}
