package web

import (
	"context"
	"log/slog"
	"net"
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

	Auth      Authenticator
	Meter     Meter
	Audit     Auditor
	Generator Generator
	// Ready are the checks /readyz runs: the database, Redis.
	Ready []ReadyCheck
}

// ReadyCheck is one dependency /readyz pings.
type ReadyCheck struct {
	Name string
	Ping func(ctx context.Context) error
}

// AuditEvent is one entry for an organization's audit chain.
type AuditEvent struct {
	OrgID   int64
	Actor   string // "user:12", "api_key:7"
	Action  string // "generate", "api_key.create"
	Target  string
	Details map[string]any
}

// Auditor appends events to the tamper-evident audit log. Log returns only
// once the event is durable, so a response sent after it implies the event
// was kept.
type Auditor interface {
	Log(ctx context.Context, e AuditEvent) error
}
