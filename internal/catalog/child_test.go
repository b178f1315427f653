package catalog

import (
	"bytes"
	"os"
	"os/exec"
	"testing"
)

// childEnv names the test a re-executed test binary should run as the
// child (in another mount namespace, or as another user).
const childEnv = "KIOSK_CATALOG_TEST_CHILD"

// inChild reports whether this process is the child started by runChild for
// test name.
func inChild(name string) bool { return os.Getenv(childEnv) == name }

// runChild runs test name again in a new process of this test binary, set up
// by attr, and fails t with the child's output when it fails.
func runChild(t *testing.T, bin, name string, configure func(*exec.Cmd)) {
	t.Helper()
	cmd := exec.Command(bin, "-test.run=^"+name+"$", "-test.v")
	cmd.Env = append(os.Environ(), childEnv+"="+name)
	var out bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &out
	configure(cmd)
	if err := cmd.Run(); err != nil {
		t.Fatalf("child %s: %v\n%s", name, err, out.String())
	}
	if !bytes.Contains(out.Bytes(), []byte("--- PASS: "+name)) {
		t.Fatalf("child %s did not run the test:\n%s", name, out.String())
	}
	t.Logf("child:\n%s", out.String())
}
