// Package mailtest starts a real mailpit SMTP server for tests and reads
// the delivered messages back through its HTTP API. The binary comes from
// PATH or $HOME/go/bin (go install github.com/axllent/mailpit@v1.33.1).
// Without it a test skips, loudly, unless CI=true, where it fails: CI
// installs mailpit.
package mailtest

import (
	"context"
	"encoding/json"
	"fmt"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"testing"
	"time"
)

// Mailpit is a running mailpit.
type Mailpit struct {
	// SMTP is the host:port of its SMTP server, API the base URL of its
	// HTTP API.
	SMTP, API string
}

// Options add flags: TLS certificate files for STARTTLS, or requiring it.
type Options struct {
	CertFile, KeyFile string
	RequireSTARTTLS   bool
}

// Start runs mailpit on free local ports until the test ends.
func Start(t testing.TB, o Options) *Mailpit {
	t.Helper()
	bin := binary()
	if bin == "" {
		if os.Getenv("CI") == "true" {
			t.Fatal("mailpit is not installed; CI must install it (go install github.com/axllent/mailpit@v1.33.1)")
		}
		t.Skip("SKIPPED: needs mailpit on PATH or in ~/go/bin (go install github.com/axllent/mailpit@v1.33.1); CI runs it")
	}
	m := &Mailpit{SMTP: freeAddr(t)}
	httpAddr := freeAddr(t)
	m.API = "http://" + httpAddr
	args := []string{"--smtp", m.SMTP, "--listen", httpAddr, "--database", filepath.Join(t.TempDir(), "mailpit.db"),
		"--disable-version-check", "--quiet", "--smtp-auth-accept-any"}
	if o.CertFile != "" {
		args = append(args, "--smtp-tls-cert", o.CertFile, "--smtp-tls-key", o.KeyFile)
	} else {
		args = append(args, "--smtp-auth-allow-insecure") // AUTH over plain SMTP, to 127.0.0.1 only
	}
	if o.RequireSTARTTLS {
		args = append(args, "--smtp-require-starttls")
	}
	cmd := exec.Command(bin, args...)
	cmd.Stdout, cmd.Stderr = os.Stderr, os.Stderr
	if err := cmd.Start(); err != nil {
		t.Fatalf("start mailpit: %v", err)
	}
	t.Cleanup(func() {
		cmd.Process.Kill()
		cmd.Wait()
	})
	m.waitReady(t)
	return m
}

// binary finds the mailpit executable.
func binary() string {
	if p, err := exec.LookPath("mailpit"); err == nil {
		return p
	}
	if home, err := os.UserHomeDir(); err == nil {
		p := filepath.Join(home, "go", "bin", "mailpit")
		if _, err := os.Stat(p); err == nil {
			return p
		}
	}
	return ""
}

// freeAddr picks a free local port. Another process could take it before
// mailpit binds it; on a test machine that is rare.
func freeAddr(t testing.TB) string {
	t.Helper()
	ln, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	defer ln.Close()
	return "127.0.0.1:" + strconv.Itoa(ln.Addr().(*net.TCPAddr).Port)
}

func (m *Mailpit) waitReady(t testing.TB) {
	t.Helper()
	for range 200 {
		var list messageList
		if m.get(context.Background(), "/api/v1/messages", &list) == nil {
			if c, err := net.Dial("tcp", m.SMTP); err == nil {
				c.Close()
				return
			}
		}
		time.Sleep(25 * time.Millisecond)
	}
	t.Fatalf("mailpit did not start on %s / %s", m.SMTP, m.API)
}

func (m *Mailpit) get(ctx context.Context, path string, out any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, m.API+path, nil)
	if err != nil {
		return err
	}
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		return fmt.Errorf("mailpit %s: status %d", path, resp.StatusCode)
	}
	return json.NewDecoder(resp.Body).Decode(out)
}
