package packaging

import (
	"compress/gzip"
	"io"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

// flagsOf runs a packaged binary with args (which end in -h or help) and
// returns the flag names its usage lists ("  -name ..." lines). Go's flag
// package prints them; a usage error exit is expected.
func flagsOf(t *testing.T, bin string, args ...string) (usage string, flags []string) {
	t.Helper()
	out, _ := exec.Command(bin, args...).CombinedOutput()
	for _, m := range regexp.MustCompile(`(?m)^  -([a-z][a-z0-9-]*)`).FindAllStringSubmatch(string(out), -1) {
		flags = append(flags, m[1])
	}
	return string(out), flags
}

// manPage reads a gzipped page from the extracted package and returns it with
// troff's "\-" turned back into "-".
func manPage(t *testing.T, root, name string) string {
	t.Helper()
	f, err := os.Open(filepath.Join(root, "usr/share/man/man1", name+".1.gz"))
	if err != nil {
		t.Fatalf("the package has no manual page for %s: %v", name, err)
	}
	defer f.Close()
	z, err := gzip.NewReader(f)
	if err != nil {
		t.Fatalf("%s.1.gz: %v", name, err)
	}
	b, err := io.ReadAll(z)
	if err != nil {
		t.Fatal(err)
	}
	return strings.ReplaceAll(string(b), `\-`, "-")
}

// TestDebManPagesDocumentEveryFlag runs the packaged binaries' own usage and
// checks that each flag (and each kioskctl command) appears in its manual
// page, so a new flag without documentation fails the build.
func TestDebManPagesDocumentEveryFlag(t *testing.T) {
	deb := kioskDeb(t)
	root := t.TempDir()
	if out, err := exec.Command("dpkg-deb", "-x", deb, root).CombinedOutput(); err != nil {
		t.Fatalf("dpkg-deb -x: %v\n%s", err, out)
	}
	bin := func(name string) string { return filepath.Join(root, "usr/bin", name) }
	documented := func(t *testing.T, page, what string) {
		t.Helper()
		if !strings.Contains(page, what) {
			t.Errorf("the manual page does not mention %q", what)
		}
	}

	for _, name := range []string{"kiosk", "kiosk-portalsim"} {
		t.Run(name, func(t *testing.T) {
			page := manPage(t, root, name)
			_, flags := flagsOf(t, bin(name), "-h")
			if len(flags) < 3 {
				t.Fatalf("%s -h listed only %v", name, flags)
			}
			for _, f := range flags {
				documented(t, page, "-"+f)
			}
		})
	}

	t.Run("kioskctl", func(t *testing.T) {
		page := manPage(t, root, "kioskctl")
		usage, global := flagsOf(t, bin("kioskctl"), "help")
		for _, f := range global {
			documented(t, page, "-"+f)
		}
		cmds := regexp.MustCompile(`(?m)^  ([a-z]+)\b`).FindAllStringSubmatch(usage[strings.Index(usage, "commands:"):], -1)
		if len(cmds) < 10 {
			t.Fatalf("kioskctl help listed only %d commands:\n%s", len(cmds), usage)
		}
		for _, c := range cmds {
			documented(t, page, c[1])
		}
		for _, c := range [][]string{{"printer", "test"}, {"receipt"}, {"dossier"}, {"scanner", "listen"}, {"search"}, {"speak"}, {"status"}, {"sync"}, {"reset"}, {"diagnostics"}} {
			_, flags := flagsOf(t, bin("kioskctl"), append(c, "-h")...)
			if len(flags) == 0 {
				t.Errorf("kioskctl %s -h lists no flags", strings.Join(c, " "))
			}
			for _, f := range flags {
				documented(t, page, "-"+f)
			}
		}
	})
}
