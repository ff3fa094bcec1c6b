package mail

import (
	"context"
	"fmt"
	"log/slog"
	"net/mail"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// DefaultFrom is the From address when none is configured.
const DefaultFrom = "SynCloud <no-reply@localhost>"

// SenderOptions tune a Sender; zero values take the defaults noted.
type SenderOptions struct {
	// From is the sender address, "Name <addr>" or "addr"; DefaultFrom.
	From string
	// Unsubscribes signs the one-click links of marketing mail; without
	// it marketing mail is not sent (it fails).
	Unsubscribes *Unsubscribes
	// Interval between passes over the outbox; 5 s.
	Interval time.Duration
	// Batch is the most messages claimed per pass; 20.
	Batch int
	// MaxAttempts before a message is given up as failed; 8.
	MaxAttempts int
	// Backoff is the wait after the first failed attempt, doubling after
	// each further one up to MaxBackoff; 1 min and 1 h.
	Backoff, MaxBackoff time.Duration
	// Lease is how long a claimed message is left alone by other senders
	// while this one delivers it; 5 min.
	Lease time.Duration
	// Retention is how long sent, failed and held mail is kept; 30 days.
	Retention time.Duration
	Log       *slog.Logger
	// Now is the clock; nil means time.Now.
	Now func() time.Time
}

func (o SenderOptions) withDefaults() SenderOptions {
	def := func(d *time.Duration, v time.Duration) {
		if *d <= 0 {
			*d = v
		}
	}
	def(&o.Interval, 5*time.Second)
	def(&o.Backoff, time.Minute)
	def(&o.MaxBackoff, time.Hour)
	def(&o.Lease, 5*time.Minute)
	def(&o.Retention, 30*24*time.Hour)
	if o.From == "" {
		o.From = DefaultFrom
	}
	if o.Batch <= 0 {
		o.Batch = 20
	}
	if o.MaxAttempts <= 0 {
		o.MaxAttempts = 8
	}
	if o.Log == nil {
		o.Log = slog.New(slog.DiscardHandler)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return o
}

// Sender delivers the outbox: it claims due messages, sends them over its
// Transport, retries with backoff and purges old mail. With a nil
// Transport (no SMTP server) it only purges.
type Sender struct {
	db        *store.DB
	transport Transport
	from      *mail.Address
	opts      SenderOptions
	lastPurge time.Time
	wake      chan struct{}
}

// NewSender returns a sender; it fails on a malformed From address.
func NewSender(db *store.DB, t Transport, o SenderOptions) (*Sender, error) {
	o = o.withDefaults()
	from, err := mail.ParseAddress(o.From)
	if err != nil {
		return nil, fmt.Errorf("mail From %q: %w", o.From, err)
	}
	return &Sender{db: db, transport: t, from: from, opts: o, wake: make(chan struct{}, 1)}, nil
}

// Wake asks Run for a pass now rather than at the next interval; it never
// blocks.
func (s *Sender) Wake() {
	select {
	case s.wake <- struct{}{}:
	default:
	}
}

// Run passes over the outbox every Interval, and when woken, until ctx
// ends. A delivery in progress when ctx ends is finished (each is bounded
// by the transport's timeout), so a message is not sent twice because of
// a shutdown.
func (s *Sender) Run(ctx context.Context) {
	t := time.NewTicker(s.opts.Interval)
	defer t.Stop()
	for {
		if err := s.Tick(ctx); err != nil && ctx.Err() == nil {
			s.opts.Log.Error("mail sender", "error", err)
		}
		select {
		case <-ctx.Done():
			return
		case <-t.C:
		case <-s.wake:
		}
	}
}

// Tick is one pass: purge old mail and expired password reset records (at
// most hourly), then deliver what is due, batch after batch, until nothing
// is due or ctx ends.
func (s *Sender) Tick(ctx context.Context) error {
	if err := s.purge(ctx); err != nil {
		return err
	}
	for s.transport != nil && ctx.Err() == nil {
		now := s.opts.Now()
		batch, err := s.db.ClaimMail(ctx, now, now.Add(s.opts.Lease), s.opts.Batch)
		if err != nil {
			return err
		}
		for _, m := range batch {
			if err := s.deliver(context.WithoutCancel(ctx), m); err != nil {
				return err
			}
		}
		if len(batch) < s.opts.Batch {
			return nil
		}
	}
	return nil
}

func (s *Sender) purge(ctx context.Context) error {
	now := s.opts.Now()
	if now.Sub(s.lastPurge) < time.Hour {
		return nil
	}
	n, err := s.db.PurgeMail(ctx, now.Add(-s.opts.Retention))
	if err != nil {
		return err
	}
	// Reset links are mail too: their records go a day after they expire.
	if _, err := s.db.PurgePasswordResets(ctx, now.Add(-24*time.Hour)); err != nil {
		return err
	}
	s.lastPurge = now
	if n > 0 {
		s.opts.Log.Info("mail purged", "messages", n, "older_than", s.opts.Retention.String())
	}
	return nil
}
