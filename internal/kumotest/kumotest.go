// Package kumotest runs the kumo AWS emulator for end-to-end tests and
// reads back, with the AWS SDK, what Terraform built in it: the tests'
// own view of the emulator, independent of SynCloud's state.
//
// kumo does not implement every call Terraform's AWS provider makes; the
// resource types it can create but not delete are listed in Gaps, and
// Engine leaves them out of what a test asks for. The product keeps
// generating them.
package kumotest

import (
	"fmt"
	"net"
	"os"
	"os/exec"
	"testing"
	"time"

	"github.com/syncloud/syncloud/internal/tftest"
)

// EnvKumo names the kumo binary; the default is /root/go/bin/kumo, then
// kumo on $PATH. CI installs it.
const EnvKumo = "SYNCLOUD_KUMO"

// Region is the region the tests build in.
const Region = "us-east-1"

// Emulator is a kumo process serving the AWS APIs on URL.
type Emulator struct {
	URL string
}

// Start starts kumo on a free port, stops it when the test ends, and skips
// the test loudly when kumo is not installed.
func Start(t testing.TB) *Emulator {
	t.Helper()
	bin := tftest.Executable(t, EnvKumo, "/root/go/bin/kumo", "kumo")
	port := freePort(t)
	cmd := exec.Command(bin, "serve")
	cmd.Env = append(os.Environ(), "KUMO_PORT="+port, "KUMO_HOST=127.0.0.1")
	cmd.Dir = t.TempDir()
	dieWithTest(cmd)
	if err := cmd.Start(); err != nil {
		t.Fatalf("start kumo: %v", err)
	}
	t.Cleanup(func() { cmd.Process.Kill(); cmd.Wait() })
	addr := "127.0.0.1:" + port
	for i := 0; ; i++ {
		c, err := net.DialTimeout("tcp", addr, time.Second)
		if err == nil {
			c.Close()
			return &Emulator{URL: "http://" + addr}
		}
		if i > 100 {
			t.Fatalf("kumo did not listen on %s", addr)
		}
		time.Sleep(100 * time.Millisecond)
	}
}

// freePort returns a TCP port on the loopback interface that nothing
// listens on.
func freePort(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return fmt.Sprint(ln.Addr().(*net.TCPAddr).Port)
}
