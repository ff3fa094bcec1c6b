package main

import (
	"context"
	"fmt"
	"log/slog"
	"sync"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
	metering "github.com/syncloud/syncloud/internal/usage"
)

// envRetentionInterval is how often `syncloud serve` runs the retention
// purges (a Go duration, default 1h).
const envRetentionInterval = "SYNCLOUD_RETENTION_INTERVAL"

// Defaults of the maintenance loop.
const (
	defaultRetentionInterval = time.Hour
	// firstPurgeDelay lets the server finish starting before the first
	// purge.
	firstPurgeDelay = 10 * time.Second
)

// maintenance runs the retention purges: prompt text past each
// organization's retention_days, expired sessions, and login failures
// older than the window in which they count. With Redis, sessions and
// login failures live there and Redis expires them itself, so only the
// prompts are purged.
type maintenance struct {
	db *store.DB
	// redis is set when sessions and login failures are in Redis.
	redis bool
	// failureWindow is how long a failed sign-in counts.
	failureWindow time.Duration
	interval      time.Duration
	first         time.Duration
	now           func() time.Time
	log           *slog.Logger
}

// purged counts what one pass removed.
type purged struct {
	Prompts, Sessions, LoginFailures int64
}

// newMaintenance reads the interval from the environment.
func newMaintenance(p *platform, log *slog.Logger, getenv func(string) string) (*maintenance, error) {
	interval := defaultRetentionInterval
	if v := getenv(envRetentionInterval); v != "" {
		d, err := time.ParseDuration(v)
		if err != nil || d < time.Second {
			return nil, fmt.Errorf("%s: want a duration of at least 1s such as 1h or 15m, got %q", envRetentionInterval, v)
		}
		interval = d
	}
	return &maintenance{db: p.db, redis: p.redis != nil, failureWindow: auth.DefaultLimits.Window,
		interval: interval, first: min(firstPurgeDelay, interval), now: time.Now, log: log}, nil
}

// purge runs every purge once.
func (m *maintenance) purge(ctx context.Context) (purged, error) {
	var n purged
	now := m.now().UTC()
	var err error
	if n.Prompts, err = metering.PurgePrompts(ctx, m.db, now); err != nil {
		return n, fmt.Errorf("purge prompts: %w", err)
	}
	if m.redis {
		return n, nil
	}
	if n.Sessions, err = m.db.PurgeExpiredSessions(ctx, now); err != nil {
		return n, fmt.Errorf("purge sessions: %w", err)
	}
	if n.LoginFailures, err = m.db.PurgeLoginFailures(ctx, now.Add(-m.failureWindow)); err != nil {
		return n, fmt.Errorf("purge login failures: %w", err)
	}
	return n, nil
}

// start runs the purges soon after start and then at every interval until
// ctx ends; wait blocks until the loop has stopped.
func (m *maintenance) start(ctx context.Context) (wait func()) {
	var wg sync.WaitGroup
	wg.Go(func() { m.loop(ctx) })
	m.log.Info("retention purges scheduled", "interval", m.interval.String(), "redis_expires_sessions", m.redis)
	return wg.Wait
}

func (m *maintenance) loop(ctx context.Context) {
	t := time.NewTimer(m.first)
	defer t.Stop()
	for {
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		}
		n, err := m.purge(ctx)
		if err != nil && ctx.Err() == nil {
			m.log.Error("retention purge", "error", err)
		} else if err == nil {
			m.log.Info("retention purge", "prompts", n.Prompts, "sessions", n.Sessions, "login_failures", n.LoginFailures)
		}
		t.Reset(m.interval)
	}
}
