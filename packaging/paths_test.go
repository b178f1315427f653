package packaging

import (
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"kiosk/internal/config"
	"kiosk/internal/health"
	"kiosk/internal/process"
)

// unitFile is a systemd unit read as settings (key -> values, in order) and
// its comments joined into one text.
type unitFile struct {
	settings map[string][]string
	comments string
}

func readUnit(t *testing.T, path string) unitFile {
	t.Helper()
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	u := unitFile{settings: map[string][]string{}}
	var comments []string
	for _, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		switch {
		case strings.HasPrefix(line, "#"):
			comments = append(comments, strings.TrimSpace(strings.TrimPrefix(line, "#")))
		case strings.Contains(line, "="):
			k, v, _ := strings.Cut(line, "=")
			u.settings[k] = append(u.settings[k], v)
		}
	}
	u.comments = strings.Join(comments, " ")
	return u
}

func (u unitFile) one(t *testing.T, key string) string {
	t.Helper()
	if v := u.settings[key]; len(v) == 1 {
		return v[0]
	}
	t.Fatalf("kiosk.service: want exactly one %s=, have %q", key, u.settings[key])
	return ""
}

// TestTheUnitAndTheCodeAgreeWhereFilesLive: the unit said the status socket
// was in /run/kiosk while the kiosk and kioskctl put it next to the cache in
// /var/lib/kiosk. The unit's directories, its comments, the postinst and the
// technician's guide are checked against the code's defaults so they cannot
// drift apart again.
func TestTheUnitAndTheCodeAgreeWhereFilesLive(t *testing.T) {
	u := readUnit(t, filepath.Join("systemd", "kiosk.service"))
	socket := health.SocketPath(config.DefaultCachePath)
	stateDir := "/var/lib/" + u.one(t, "StateDirectory")
	runtimeDir := "/run/" + u.one(t, "RuntimeDirectory")

	t.Run("the cache and the status socket are in the unit's StateDirectory", func(t *testing.T) {
		if filepath.Dir(config.DefaultCachePath) != stateDir || filepath.Dir(socket) != stateDir {
			t.Errorf("cache %s and socket %s, but StateDirectory is %s", config.DefaultCachePath, socket, stateDir)
		}
	})
	t.Run("the kiosk may write there", func(t *testing.T) {
		rw := strings.Fields(strings.Join(u.settings["ReadWritePaths"], " "))
		for _, dir := range []string{stateDir, runtimeDir} {
			if !slices.Contains(rw, dir) {
				t.Errorf("ReadWritePaths %q lacks %s", rw, dir)
			}
		}
	})
	t.Run("the unit's comments put the status socket where the code does", func(t *testing.T) {
		mentioned := false
		paths := regexp.MustCompile(`/(?:run|var/lib)/[A-Za-z0-9._-]+`)
		for _, sentence := range strings.Split(u.comments, ". ") {
			if !strings.Contains(sentence, "status socket") {
				continue
			}
			for _, p := range paths.FindAllString(sentence, -1) {
				mentioned = true
				if p != filepath.Dir(socket) {
					t.Errorf("the comment %q puts the status socket in %s; the code puts it at %s", sentence, p, socket)
				}
			}
		}
		if !mentioned {
			t.Errorf("no comment says where the status socket is (%s)", socket)
		}
	})
	t.Run("postinst drops the restart flag in the unit's RuntimeDirectory", func(t *testing.T) {
		b, err := os.ReadFile(filepath.Join("scripts", "postinstall.sh"))
		if err != nil {
			t.Fatal(err)
		}
		if want := runtimeDir + "/" + process.RestartFlagName; !strings.Contains(string(b), want) {
			t.Errorf("postinstall.sh never names %s", want)
		}
	})
	t.Run("the technician's guide lists the same paths", func(t *testing.T) {
		b, err := os.ReadFile("README.md")
		if err != nil {
			t.Fatal(err)
		}
		for _, p := range []string{config.DefaultCachePath, socket} {
			if !strings.Contains(string(b), "| `"+p+"` |") {
				t.Errorf("packaging/README.md's table of paths lacks %s", p)
			}
		}
	})
}
