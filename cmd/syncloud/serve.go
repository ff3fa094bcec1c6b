package main

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"errors"
	"flag"
	"fmt"
	"io"
	"log/slog"
	"net"
	"net/http"
	"os"
	"time"

	"github.com/redis/go-redis/v9"

	"github.com/syncloud/syncloud/internal/audit"
	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/config"
	"github.com/syncloud/syncloud/internal/lml/llm"
	"github.com/syncloud/syncloud/internal/store"
	metering "github.com/syncloud/syncloud/internal/usage"
	"github.com/syncloud/syncloud/internal/web"
)

// runServe runs the platform until ctx ends (SIGTERM, SIGINT), then drains
// in-flight requests and flushes usage and the audit log. Exit codes: 0
// after a clean shutdown, 1 on a failure, 2 on bad configuration.
func runServe(ctx context.Context, args []string, _ io.Reader, stdout, stderr io.Writer) int {
	cfg, _, err := config.Load("serve", args, os.Getenv, stderr)
	if errors.Is(err, flag.ErrHelp) {
		return 0
	}
	if err != nil {
		fmt.Fprintf(stderr, "syncloud serve: %v\n", err)
		return 2
	}
	log := newLogger(stderr, cfg.LogLevel)
	p, err := startPlatform(ctx, cfg, log)
	if err != nil {
		log.Error("start", "error", err)
		return 1
	}
	defer p.close(log)
	return serve(ctx, cfg, p, log, stdout)
}

// platform is everything the server and the admin commands run on, wired
// by hand in dependency order.
type platform struct {
	db      *store.DB
	redis   *redis.Client
	audit   *audit.Writer
	usage   *metering.Meter
	auth    *auth.Service
	mail    *mailParts
	newKey  bool
	closers []func(context.Context) error
}

func startPlatform(ctx context.Context, cfg *config.Config, log *slog.Logger) (*platform, error) {
	p := &platform{}
	var err error
	if p.newKey, err = cfg.EnsureAuditKey(); err != nil {
		return nil, err
	}
	if p.db, err = openDB(ctx, cfg); err != nil {
		return nil, err
	}
	p.closers = append(p.closers, func(context.Context) error { return p.db.Close() })
	if err := p.connectRedis(ctx, cfg); err != nil {
		p.close(log)
		return nil, err
	}
	if p.audit, err = audit.NewWriter(p.db, audit.Options{SigningKey: cfg.AuditKey, Logger: log}); err != nil {
		p.close(log)
		return nil, err
	}
	p.closers = append(p.closers, p.audit.Close)
	p.usage = metering.New(p.db, metering.Options{Logger: log})
	p.closers = append(p.closers, p.usage.Close)
	providers, err := oauthProviders(ctx, cfg)
	if err != nil {
		p.close(log)
		return nil, err
	}
	if p.mail, err = newMail(cfg, p, log); err != nil {
		p.close(log)
		return nil, err
	}
	p.auth, err = auth.New(auth.Config{
		DB: p.db, Redis: p.redisClient(), Audit: web.AuditBridge{Writer: p.audit},
		Secret: deriveSecret(cfg, "auth"), Insecure: cfg.Dev, Mailer: p.mail.outbox,
		BaseURL: cfg.PublicURL, OAuth: providers,
	})
	if err != nil {
		p.close(log)
		return nil, fmt.Errorf("auth: %w", err)
	}
	return p, nil
}

func (p *platform) connectRedis(ctx context.Context, cfg *config.Config) error {
	if cfg.RedisURL == "" {
		return nil
	}
	opts, err := redis.ParseURL(cfg.RedisURL)
	if err != nil {
		return fmt.Errorf("redis URL: %w", err)
	}
	p.redis = redis.NewClient(opts)
	p.closers = append(p.closers, func(context.Context) error { return p.redis.Close() })
	if err := p.redis.Ping(ctx).Err(); err != nil {
		return fmt.Errorf("redis: %w", err)
	}
	return nil
}

// redisClient is the client as the interface auth takes: nil, not a typed
// nil, without Redis.
func (p *platform) redisClient() redis.UniversalClient {
	if p.redis == nil {
		return nil
	}
	return p.redis
}

// close shuts the parts down in reverse order of starting: usage and the
// audit writer flush before the database closes.
func (p *platform) close(log *slog.Logger) {
	ctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	for i := len(p.closers) - 1; i >= 0; i-- {
		if err := p.closers[i](ctx); err != nil {
			log.Error("shutdown", "error", err)
		}
	}
	p.closers = nil
}

// oauthProviders are the sign-in providers whose clients are configured.
// Google's discovery document is fetched at start.
func oauthProviders(ctx context.Context, cfg *config.Config) ([]auth.OAuthProvider, error) {
	callback := func(name string) string { return cfg.PublicURL + "/api/v1/auth/oauth/" + name + "/callback" }
	var out []auth.OAuthProvider
	if cfg.GitHubClientID != "" {
		out = append(out, auth.NewGitHubProvider(auth.GitHubConfig{
			ClientID: cfg.GitHubClientID, ClientSecret: cfg.GitHubClientSecret, RedirectURL: callback("github")}))
	}
	if cfg.GoogleClientID != "" {
		g, err := auth.NewOIDCProvider(ctx, auth.OIDCConfig{Name: "google", Issuer: auth.GoogleIssuer,
			ClientID: cfg.GoogleClientID, ClientSecret: cfg.GoogleClientSecret, RedirectURL: callback("google")})
		if err != nil {
			return nil, fmt.Errorf("google sign-in: %w", err)
		}
		out = append(out, g)
	}
	return out, nil
}

// deriveSecret is a key for one purpose, derived from the audit signing
// key so that one configured secret serves every replica.
func deriveSecret(cfg *config.Config, purpose string) []byte {
	m := hmac.New(sha256.New, cfg.AuditKey.Seed())
	m.Write([]byte("syncloud secret\x00" + purpose))
	return m.Sum(nil)
}

// newServer builds the HTTP handler from the platform.
func newServer(cfg *config.Config, p *platform, log *slog.Logger, rn *runPool) (*web.Server, error) {
	gen, err := newWebGenerator(cfg)
	if err != nil {
		return nil, err
	}
	deps := web.Deps{
		Log: log, TrustedProxies: cfg.TrustedProxies, MapError: web.MapDomainError,
		Auth: p.auth, Services: p.auth, DB: p.db, Audit: web.AuditBridge{Writer: p.audit},
		Meter: web.UsageMeter{Meter: p.usage}, Usage: p.usage,
		Generator: gen,
		Metrics: web.NewMetrics(func() []web.PoolStats {
			st := p.db.Stats()
			return []web.PoolStats{{Pool: "read", Stats: st.Read}, {Pool: "write", Stats: st.Write}}
		}),
		Ready: []web.ReadyCheck{{Name: "database", Ping: p.db.Ping}},
		Runs:  rn.deps,
	}
	if deps.Portal, err = newPortal(cfg, p, log, rn); err != nil {
		return nil, err
	}
	if p.redis != nil {
		deps.Ready = append(deps.Ready, web.ReadyCheck{Name: "redis", Ping: func(ctx context.Context) error { return p.redis.Ping(ctx).Err() }})
	}
	switch {
	case cfg.RateLimit > 0 && p.redis != nil:
		deps.Limiter = web.NewRedisLimiter(p.redis, cfg.RateLimit, cfg.RateBurst)
	case cfg.RateLimit > 0:
		deps.Limiter = web.NewMemoryLimiter(cfg.RateLimit, cfg.RateBurst, nil)
	}
	return web.New(deps), nil
}

// newWebGenerator is the LML pipeline (rules, or the configured LLM with
// rules as fallback) rendering the requested format. The rules engine is
// deterministic, so its answers are cached unless the cache is off; an
// LLM's are not.
func newWebGenerator(cfg *config.Config) (web.Generator, error) {
	pipeline, err := newGenerator(llm.Config{URL: cfg.LLMURL, Model: cfg.LLMModel, APIKey: cfg.LLMKey})
	if err != nil {
		return nil, err
	}
	var g web.Generator = web.LMLGenerator{Pipeline: pipeline}
	if cfg.GenerateCache > 0 && cfg.LLMURL == "" {
		g = web.NewCachedGenerator(g, cfg.GenerateCache)
	}
	return g, nil
}

// serve listens until ctx ends, then shuts down gracefully: no new
// connections, in-flight requests finish (their audit events commit) up to
// the shutdown timeout.
func serve(ctx context.Context, cfg *config.Config, p *platform, log *slog.Logger, stdout io.Writer) int {
	rn, err := newRuns(cfg, p)
	if err != nil {
		log.Error("configure runs", "error", err)
		return 1
	}
	handler, err := newServer(cfg, p, log, rn)
	if err != nil {
		log.Error("configure", "error", err)
		return 1
	}
	srv := &http.Server{
		Handler:           handler,
		ReadHeaderTimeout: 10 * time.Second,
		ReadTimeout:       30 * time.Second,
		WriteTimeout:      2 * time.Minute,
		IdleTimeout:       2 * time.Minute,
		ErrorLog:          slog.NewLogLogger(log.Handler(), slog.LevelWarn),
	}
	purges, err := newMaintenance(p, log, os.Getenv)
	if err != nil {
		log.Error("configure retention", "error", err)
		return 1
	}
	ln, err := net.Listen("tcp", cfg.Addr)
	if err != nil {
		log.Error("listen", "addr", cfg.Addr, "error", err)
		return 1
	}
	log.Info("serving", "addr", ln.Addr().String(), "database", p.db.Dialect().String(), "redis", p.redis != nil)
	firstRunHint(ctx, p, stdout, ln.Addr().String())
	errc := make(chan error, 1)
	go func() { errc <- srv.Serve(ln) }()
	waitWorkers := rn.start(ctx, ln.Addr(), log)
	waitMail := p.mail.start(ctx, log) // stops with ctx after the delivery in progress
	waitPurges := purges.start(ctx)    // retention purges; stop with ctx
	select {
	case err := <-errc:
		log.Error("serve", "error", err)
		return 1
	case <-ctx.Done():
	}
	log.Info("shutting down: interrupting Terraform runs, then draining in-flight requests", "timeout", cfg.ShutdownTimeout.String())
	waitWorkers() // the server stays up meanwhile: interrupted runs save their state through it
	waitPurges()
	sctx, cancel := context.WithTimeout(context.Background(), cfg.ShutdownTimeout)
	defer cancel()
	err = srv.Shutdown(sctx)
	waitMail()
	if err != nil {
		log.Error("shutdown", "error", err)
		return 1
	}
	return 0
}

// firstRunHint tells the operator of an empty installation how to create
// the first admin.
func firstRunHint(ctx context.Context, p *platform, stdout io.Writer, addr string) {
	users, err := p.db.Users(ctx, 1, 0)
	if err != nil || len(users) > 0 {
		return
	}
	fmt.Fprintf(stdout, `SynCloud is listening on http://%s and has no users yet.
Create the first admin (the password is read from standard input):

    syncloud admin create-user --email you@example.com --name "Your Name" --org "Your Org" --password-stdin

then an API key:

    syncloud admin create-api-key --email you@example.com --org "Your Org" --name first --scopes generate,admin
`, addr)
}
