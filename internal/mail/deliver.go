package mail

import (
	"context"
	"errors"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// errOptedOut: a marketing message whose user unsubscribed after it was
// queued; it is given up, never sent.
var errOptedOut = errors.New("recipient has not opted in to marketing mail")

// deliver attempts one claimed message and records the outcome: sent,
// a retry after the backoff, or failed (permanent refusal, no consent, or
// the last attempt). Only a database error is returned.
func (s *Sender) deliver(ctx context.Context, m store.OutboxMail) error {
	err := s.send(ctx, m)
	log := s.opts.Log.With("mail_id", m.ID, "category", m.Category, "attempt", m.Attempts)
	switch {
	case err == nil:
		log.Info("mail sent")
		return s.db.MarkMailSent(ctx, m.ID, s.opts.Now())
	case isPermanent(err), errors.Is(err, errOptedOut), m.Attempts >= s.opts.MaxAttempts:
		log.Warn("mail failed", "error", err)
		return s.db.FailMail(ctx, m.ID, err.Error())
	}
	next := s.opts.Now().Add(s.Backoff(m.Attempts))
	log.Warn("mail delivery will be retried", "error", err, "next_attempt", next)
	return s.db.RetryMail(ctx, m.ID, next, err.Error())
}

// send renders and transmits one message; marketing mail is checked
// against the user's current choice first.
func (s *Sender) send(ctx context.Context, m store.OutboxMail) error {
	var unsubscribe string
	if m.Category == string(Marketing) {
		if s.opts.Unsubscribes == nil {
			return errOptedOut
		}
		u, err := s.db.User(ctx, m.UserID)
		if err != nil || !u.MarketingOptIn || u.DisabledAt != nil {
			return errOptedOut
		}
		m.To = u.Email
		unsubscribe = s.opts.Unsubscribes.URL(u.ID)
	}
	msg, err := compose(s.from, m, unsubscribe, s.opts.Now())
	if err != nil {
		return &permanentError{err: err}
	}
	return s.transport.Send(ctx, s.from.Address, []string{m.To}, msg)
}

// Backoff is the wait after the given failed attempt (1-based): Backoff,
// doubled per further attempt, at most MaxBackoff.
func (s *Sender) Backoff(attempt int) time.Duration {
	d := s.opts.Backoff
	for i := 1; i < attempt && d < s.opts.MaxBackoff; i++ {
		d *= 2
	}
	return min(d, s.opts.MaxBackoff)
}
