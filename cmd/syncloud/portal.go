package main

import (
	"crypto/ed25519"
	"log/slog"

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
		Support: &support.Service{DB: p.db}, Usage: p.usage, Generator: gen, OAuthProviders: providers, ClientIP: web.ClientIP}
	d.Unsubscribes = p.mail.unsubscribes
	if rn != nil && rn.deps != nil {
		d.Runs, d.PublicURL = rn.deps.Service, cfg.PublicURL
	}
	if cfg.AuditKey != nil {
		d.AuditKey = cfg.AuditKey.Public().(ed25519.PublicKey)
	}
	return portal.New(d)
}
