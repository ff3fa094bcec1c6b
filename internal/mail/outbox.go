package mail

import (
	"context"
	"errors"
	"fmt"
	"net/mail"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// Category says why a message is sent: transactional mail (invitations,
// password resets) goes to whoever the action names; marketing mail only
// to users who opted in.
type Category string

// The categories of mail_outbox.category.
const (
	Transactional Category = "transactional"
	Marketing     Category = "marketing"
)

// Statuses of an outbox row.
const (
	StatusQueued = "queued"
	StatusSent   = "sent"
	StatusFailed = "failed"
	StatusHeld   = "held"
)

// ErrNoConsent: marketing mail to a user who has not opted in (or has
// unsubscribed). Nothing is queued.
var ErrNoConsent = errors.New("the user has not opted in to marketing mail")

// Outbox queues mail in the database. It implements auth.Mailer.
type Outbox struct {
	db     *store.DB
	hold   bool
	now    func() time.Time
	notify func()
}

// OutboxOptions configure an Outbox.
type OutboxOptions struct {
	// Hold stores new mail as held instead of queued: there is no SMTP
	// server, and administrators read it in the portal.
	Hold bool
	// Now is the clock; nil means time.Now.
	Now func() time.Time
	// Notify, when set, is called after each queued message: Sender.Wake,
	// so that a sender in the same process delivers at once instead of at
	// its next poll.
	Notify func()
}

// NewOutbox returns an outbox on db.
func NewOutbox(db *store.DB, o OutboxOptions) *Outbox {
	if o.Now == nil {
		o.Now = time.Now
	}
	return &Outbox{db: db, hold: o.Hold, now: o.Now, notify: o.Notify}
}

// Enqueue queues a transactional message (auth.Mailer). It writes one row
// and never waits on the network.
func (o *Outbox) Enqueue(ctx context.Context, m auth.Mail) error {
	_, err := o.insert(ctx, store.OutboxMail{Category: string(Transactional), To: m.To, Subject: m.Subject, Body: m.Body})
	return err
}

// Marketing queues a marketing message to userID at their current
// address, or returns ErrNoConsent when they have not opted in.
func (o *Outbox) Marketing(ctx context.Context, userID int64, subject, body string) (int64, error) {
	u, err := o.db.User(ctx, userID)
	if err != nil {
		return 0, fmt.Errorf("marketing mail: %w", err)
	}
	if !u.MarketingOptIn || u.DisabledAt != nil {
		return 0, ErrNoConsent
	}
	return o.insert(ctx, store.OutboxMail{Category: string(Marketing), UserID: u.ID, To: u.Email, Subject: subject, Body: body})
}

func (o *Outbox) insert(ctx context.Context, m store.OutboxMail) (int64, error) {
	to, err := mail.ParseAddress(m.To)
	if err != nil || strings.ContainsAny(m.To, "\r\n") {
		return 0, fmt.Errorf("queue mail: %w: recipient is not an address", auth.ErrInvalidInput)
	}
	m.To = to.Address
	m.Subject = oneLine(m.Subject)
	m.Status = StatusQueued
	if o.hold {
		m.Status = StatusHeld
	}
	m.CreatedAt = o.now().UTC()
	if err := o.db.EnqueueMail(ctx, &m); err != nil {
		return 0, fmt.Errorf("queue mail: %w", err)
	}
	if o.notify != nil && !o.hold {
		o.notify()
	}
	return m.ID, nil
}

// oneLine keeps a header value on one line.
func oneLine(s string) string {
	return strings.Join(strings.Fields(s), " ")
}
