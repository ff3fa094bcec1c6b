package main

import (
	"context"
	"fmt"
	"log/slog"
	"net"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"sync"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/config"
	"github.com/syncloud/syncloud/internal/lml/llm"
	runs "github.com/syncloud/syncloud/internal/run"
	"github.com/syncloud/syncloud/internal/tfrun"
	"github.com/syncloud/syncloud/internal/tfstate"
	"github.com/syncloud/syncloud/internal/web"
)

// Settings of the run workers, read from the environment.
const (
	envTerraform  = "SYNCLOUD_TERRAFORM"   // terraform binary; default: terraform on $PATH
	envRunWorkers = "SYNCLOUD_RUN_WORKERS" // platform-mode workers in this process; default 2, 0 = none
)

// runPool is the runs API's parts plus the worker pool that executes
// platform-mode runs inside `syncloud serve`.
type runPool struct {
	deps      *web.RunDeps
	terraform *tfrun.Terraform
	workers   int
	// settings are the lease, timeout and reap interval from
	// SYNCLOUD_RUN_LEASE, SYNCLOUD_RUN_TIMEOUT, SYNCLOUD_RUN_REAP_INTERVAL.
	settings runs.Settings
}

// newRuns wires the runs service: the state key (SYNCLOUD_STATE_KEY, or
// generated into the data dir for the embedded default), the state
// backend, AWS connections and the Terraform runner. The provider mirror
// is configuration (SYNCLOUD_TF_PLUGIN_MIRROR); without it providers come
// from the registry.
func newRuns(cfg *config.Config, p *platform) (*runPool, error) {
	key, err := tfstate.LoadKey(tfstate.KeyConfig{Getenv: os.Getenv, DataDir: cfg.DataDir, Shared: cfg.Postgres()})
	if err != nil {
		return nil, err
	}
	stateCipher, err := tfstate.NewCipher(key)
	if err != nil {
		return nil, err
	}
	connCipher, err := tfstate.NewCipher(tfstate.DeriveKey(key, "aws connections"))
	if err != nil {
		return nil, err
	}
	gen, err := newGenerator(llm.Config{URL: cfg.LLMURL, Model: cfg.LLMModel, APIKey: cfg.LLMKey})
	if err != nil {
		return nil, err
	}
	st, err := runs.SettingsFromEnv(os.Getenv)
	if err != nil {
		return nil, err
	}
	svc := &runs.Service{DB: p.db, Generator: gen, Audit: p.audit, State: &tfstate.Backend{DB: p.db, Cipher: stateCipher},
		AgentLease: st.Lease}
	workers := 2
	if v := os.Getenv(envRunWorkers); v != "" {
		if workers, err = strconv.Atoi(v); err != nil || workers < 0 {
			return nil, fmt.Errorf("%s: want a number of workers, got %q", envRunWorkers, v)
		}
	}
	bin := os.Getenv(envTerraform)
	if bin == "" {
		bin, _ = exec.LookPath("terraform") // without it, runs fail with a clear error
	}
	return &runPool{
		deps: &web.RunDeps{Service: svc, Sealer: connCipher, STS: platformSTS(), PublicURL: cfg.PublicURL},
		terraform: &tfrun.Terraform{Binary: bin, PluginMirror: cfg.TFPluginMirror,
			WorkDir: filepath.Join(cfg.DataDir, "runs")},
		workers:  workers,
		settings: st,
	}, nil
}

// platformSTS is the platform's own AWS identity for assuming customers'
// roles: the access key in the process environment, if any.
func platformSTS() awsconn.STS {
	s := awsconn.STS{Region: os.Getenv("AWS_REGION"), Endpoint: os.Getenv("SYNCLOUD_STS_ENDPOINT")}
	if id := os.Getenv("AWS_ACCESS_KEY_ID"); id != "" {
		s.Credentials = credentials.NewStaticCredentialsProvider(id, os.Getenv("AWS_SECRET_ACCESS_KEY"), os.Getenv("AWS_SESSION_TOKEN"))
	}
	return s
}

// start runs the worker pool and the reaper of runs whose worker died
// until ctx ends; the returned wait blocks until every worker has
// stopped (Terraform interrupted gracefully, its state saved).
func (r *runPool) start(ctx context.Context, addr net.Addr, log *slog.Logger) (wait func()) {
	var wg sync.WaitGroup
	if r.workers == 0 {
		return wg.Wait
	}
	if err := os.MkdirAll(r.terraform.WorkDir, 0o700); err != nil {
		log.Error("run workers not started", "error", err)
		return wg.Wait
	}
	host, _ := os.Hostname()
	serverURL := "http://" + loopback(addr)
	for i := range r.workers {
		w := &runs.Worker{Service: r.deps.Service, Terraform: r.terraform, ServerURL: serverURL,
			Resolver: awsconn.Resolver{Sealer: r.deps.Sealer, STS: r.deps.STS},
			Name:     fmt.Sprintf("worker:%s:%d:%d", host, os.Getpid(), i), Poll: time.Second, Log: log,
			Lease: r.settings.Lease, Timeout: r.settings.Timeout}
		wg.Go(func() { w.Serve(ctx) })
	}
	wg.Go(func() { r.reap(ctx, log) })
	log.Info("run workers started", "workers", r.workers, "terraform", r.terraform.Binary, "mirror", r.terraform.PluginMirror,
		"lease", r.settings.Lease.String(), "timeout", r.settings.Timeout.String())
	return func() {
		wg.Wait()
		r.terraform.Close() // the provider kept for `terraform show`
	}
}

// reap marks errored, every reap interval (30 s by default), the runs whose
// worker or agent stopped renewing its lease.
func (r *runPool) reap(ctx context.Context, log *slog.Logger) {
	t := time.NewTicker(r.settings.ReapInterval)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		if n, err := r.deps.Service.Reap(ctx); err != nil {
			log.Error("reap runs", "error", err)
		} else if n > 0 {
			log.Warn("reaped runs whose worker stopped", "runs", n)
		}
	}
}

// loopback is the listen address as this process's Terraform reaches it:
// a wildcard host becomes 127.0.0.1.
func loopback(addr net.Addr) string {
	host, port, err := net.SplitHostPort(addr.String())
	if err != nil {
		return addr.String()
	}
	if ip := net.ParseIP(host); ip == nil || ip.IsUnspecified() {
		host = "127.0.0.1"
	}
	return net.JoinHostPort(host, port)
}
