package main

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"io"
	"net"
	"net/http"
	"net/url"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"time"

	"github.com/syncloud/syncloud/internal/loadtest"
)

// benchHarness runs `syncloud serve` and the admin commands as child
// processes of this same binary, the way an operator would.
type benchHarness struct {
	a       *benchArgs
	log     io.Writer
	exe     string
	dir     string
	tempDir bool
	addr    string
	env     []string
	org     string
	key     string
	srv     *exec.Cmd
	srvLog  *os.File
}

func newBenchHarness(a *benchArgs, log io.Writer) (*benchHarness, error) {
	exe, err := os.Executable()
	if err != nil {
		return nil, fmt.Errorf("find own binary: %w", err)
	}
	h := &benchHarness{a: a, log: log, exe: exe, dir: a.DataDir}
	if h.dir == "" {
		if h.dir, err = os.MkdirTemp("", "syncloud-bench-"); err != nil {
			return nil, err
		}
		h.tempDir = true
	}
	if h.addr, err = freeAddr(); err != nil {
		return nil, err
	}
	h.org = fmt.Sprintf("bench-%d", time.Now().UnixNano())
	h.env = append(os.Environ(),
		"SYNCLOUD_ADDR="+h.addr, "SYNCLOUD_DATA_DIR="+h.dir,
		"SYNCLOUD_DATABASE_URL="+a.DatabaseURL, "SYNCLOUD_REDIS_URL="+a.RedisURL,
		"SYNCLOUD_RATE_LIMIT=0", "SYNCLOUD_LOG_LEVEL=warn")
	if a.DatabaseURL != "" { // replicas share keys: PostgreSQL needs them configured
		h.env = append(h.env, sharedKeys()...)
	}
	return h, nil
}

func freeAddr() (string, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return "", fmt.Errorf("find a free port: %w", err)
	}
	defer l.Close()
	return l.Addr().String(), nil
}

// setUp creates the benchmark's user and key and starts the server.
func (h *benchHarness) setUp(ctx context.Context) error {
	email := h.org + "@bench.example"
	password := strings.NewReader("bench-password-" + h.org + "\n")
	if _, err := h.admin(ctx, password, "create-user", "--email", email, "--name", "Bench", "--org", h.org, "--password-stdin"); err != nil {
		return err
	}
	key, err := h.admin(ctx, nil, "create-api-key", "--email", email, "--org", h.org, "--name", "bench", "--scopes", "generate,admin")
	if err != nil {
		return err
	}
	h.key = strings.TrimSpace(key)
	return h.start(ctx)
}

// admin runs `syncloud admin ARGS` and returns its standard output.
func (h *benchHarness) admin(ctx context.Context, stdin io.Reader, args ...string) (string, error) {
	cmd := exec.CommandContext(ctx, h.exe, append([]string{"admin"}, args...)...)
	cmd.Env, cmd.Stdin = h.env, stdin
	var out, errOut bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errOut
	if err := cmd.Run(); err != nil {
		return out.String(), fmt.Errorf("syncloud admin %s: %w: %s", args[0], err, strings.TrimSpace(errOut.String()))
	}
	return out.String(), nil
}

// start runs `syncloud serve` and waits until /readyz answers 200.
func (h *benchHarness) start(ctx context.Context) error {
	var err error
	if h.srvLog == nil {
		if h.srvLog, err = os.Create(filepath.Join(h.dir, "serve.log")); err != nil {
			return err
		}
	}
	h.srv = exec.Command(h.exe, "serve")
	h.srv.Env, h.srv.Stdout, h.srv.Stderr = h.env, h.srvLog, h.srvLog
	if err := h.srv.Start(); err != nil {
		return fmt.Errorf("start server: %w", err)
	}
	deadline := time.Now().Add(30 * time.Second)
	for time.Now().Before(deadline) && ctx.Err() == nil {
		resp, err := http.Get("http://" + h.addr + "/readyz")
		if err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return nil
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	return fmt.Errorf("server did not become ready; its log ends:\n%s", logTail(h.srvLog.Name()))
}

// logTail is the last 2 KB of the server's log, for errors that outlive
// the temporary data directory.
func logTail(path string) string {
	b, err := os.ReadFile(path)
	if err != nil {
		return err.Error()
	}
	return string(b[max(0, len(b)-2048):])
}

// stop ends the server with sig and waits for it to exit.
func (h *benchHarness) stop(sig syscall.Signal) error {
	if h.srv == nil {
		return nil
	}
	h.srv.Process.Signal(sig)
	err := h.srv.Wait()
	h.srv = nil
	if sig == syscall.SIGKILL {
		return nil
	}
	if err != nil {
		return fmt.Errorf("server exit after %s: %w; see %s", sig, err, h.srvLog.Name())
	}
	return nil
}

// load posts generate requests; with --kill-after it kills the server
// mid-load and restarts it when the load is over.
func (h *benchHarness) load(ctx context.Context) (*loadtest.Result, error) {
	body, _ := json.Marshal(map[string]string{"prompt": h.a.Prompt, "format": "hcl"})
	var timer *time.Timer
	if h.a.KillAfter > 0 {
		srv := h.srv
		timer = time.AfterFunc(h.a.KillAfter, func() { srv.Process.Kill() })
	}
	res, err := loadtest.Run(ctx, loadtest.Load{
		URL: "http://" + h.addr + "/api/v1/generate", Key: h.key, Body: body,
		Concurrency: h.a.Concurrency, Duration: h.a.Duration,
	})
	if timer != nil {
		timer.Stop()
		h.stop(syscall.SIGKILL)
		if err := h.start(ctx); err != nil {
			return nil, fmt.Errorf("restart after kill: %w", err)
		}
	}
	return res, err
}

func (h *benchHarness) cleanup() {
	h.stop(syscall.SIGTERM)
	if h.srvLog != nil {
		h.srvLog.Close()
	}
	if h.tempDir {
		os.RemoveAll(h.dir)
	}
}

// apiGet GETs an API path with the benchmark's key and decodes the answer.
func (h *benchHarness) apiGet(ctx context.Context, path string, q url.Values, v any) error {
	req, err := http.NewRequestWithContext(ctx, http.MethodGet, "http://"+h.addr+path+"?"+q.Encode(), nil)
	if err != nil {
		return err
	}
	req.Header.Set("Authorization", "Bearer "+h.key)
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		return err
	}
	defer resp.Body.Close()
	if resp.StatusCode != http.StatusOK {
		b, _ := io.ReadAll(resp.Body)
		return fmt.Errorf("GET %s: %s: %s", path, resp.Status, b)
	}
	return json.NewDecoder(resp.Body).Decode(v)
}
