package web

import (
	"context"
	"log/slog"
	"net"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
	"github.com/syncloud/syncloud/internal/usage"
)

// Deps are the parts the server is built from, wired by `syncloud serve`.
// Nil optional parts turn their feature off: no Limiter means no rate
// limiting, no Meter no usage records.
type Deps struct {
	Log            *slog.Logger
	Metrics        *Metrics
	Limiter        Limiter
	TrustedProxies []*net.IPNet
	// MapError translates domain errors (store.ErrNotFound, ...) into
	// client-visible ones; nil results fall through to 500.
	MapError func(error) *Error

	Auth  Authenticator
	Meter Meter
	// Usage answers usage reports (GET /api/v1/usage).
	Usage *usage.Meter
	// Audit durably records audit events: Append returns only once the
	// event is committed, so a response sent after it implies it was kept.
	Audit     auth.Auditor
	Generator Generator
	// DB is the store, for the resources the API lists and changes.
	DB *store.DB
	// Services are internal/auth's: accounts, sessions, cookies, CSRF,
	// API keys and invitations. (Auth, the Authenticator, is usually the
	// same value.)
	Services *auth.Service
	// Ready are the checks /readyz runs: the database, Redis.
	Ready []ReadyCheck
	// Runs serves workspaces, runs, the state backend, AWS connections
	// and agents; nil answers those routes with 503.
	Runs *RunDeps
	// Portal serves the browser pages (internal/portal) on every path no
	// API route matches; nil answers those with 404.
	Portal http.Handler
}

// ReadyCheck is one dependency /readyz pings.
type ReadyCheck struct {
	Name string
	Ping func(ctx context.Context) error
}
