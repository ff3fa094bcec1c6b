package main

import (
	"context"
	"crypto/ed25519"
	"log/slog"
	"os"
	"runtime/debug"

	"github.com/syncloud/syncloud/internal/config"
	"github.com/syncloud/syncloud/internal/lml/llm"
	"github.com/syncloud/syncloud/internal/portal"
	"github.com/syncloud/syncloud/internal/support"
	"github.com/syncloud/syncloud/internal/web"
)

// newPortal builds the browser portal on the platform's auth services and
// audit writer, with the same LML pipeline as the API and the runs
// service of the workspaces and runs pages (nil without one).
func newPortal(cfg *config.Config, p *platform, log *slog.Logger, rn *runPool) (*portal.Portal, error) {
	gen, err := newGenerator(llm.Config{URL: cfg.LLMURL, Model: cfg.LLMModel, APIKey: cfg.LLMKey})
	if err != nil {
		return nil, err
	}
	var providers []string
	if cfg.GoogleClientID != "" {
		providers = append(providers, "google")
	}
	if cfg.GitHubClientID != "" {
		providers = append(providers, "github")
	}
	d := portal.Deps{Log: log, Auth: p.auth, Audit: web.AuditBridge{Writer: p.audit}, DB: p.db,
		Support: &support.Service{DB: p.db}, Usage: p.usage, Generator: gen, OAuthProviders: providers, ClientIP: web.ClientIP,
		NotePrincipal: web.NotePrincipal, NotePrompt: web.NotePrompt}
	d.Unsubscribes = p.mail.unsubscribes
	if rn != nil && rn.deps != nil {
		d.Runs, d.PublicURL = rn.deps.Service, cfg.PublicURL
	}
	if cfg.AuditKey != nil {
		d.AuditKey = cfg.AuditKey.Public().(ed25519.PublicKey)
	}
	adminConsole(&d, p, rn)
	return portal.New(d)
}

// envAWSAccount is the platform's AWS account ID, named in the trust
// policy the connections page asks customers to give their role.
const envAWSAccount = "SYNCLOUD_AWS_ACCOUNT_ID"

// adminConsole adds the AWS connection parts and the Admin Console's
// health checks and version to the portal's deps.
func adminConsole(d *portal.Deps, p *platform, rn *runPool) {
	if rn != nil && rn.deps != nil {
		d.Connections = &portal.Connections{Sealer: rn.deps.Sealer, Roles: rn.deps.STS, Account: os.Getenv(envAWSAccount)}
	}
	if p.redis != nil {
		d.Health = append(d.Health, portal.HealthCheck{Name: "redis", Ping: func(ctx context.Context) error { return p.redis.Ping(ctx).Err() }})
	}
	d.Version = buildVersion()
}

// buildVersion is the module version and VCS revision of this binary.
func buildVersion() string {
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return ""
	}
	v := info.Main.Version
	for _, s := range info.Settings {
		if s.Key == "vcs.revision" && len(s.Value) >= 12 {
			v += " (" + s.Value[:12] + ")"
		}
	}
	return v
}
