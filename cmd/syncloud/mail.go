package main

import (
	"context"
	"fmt"
	"log/slog"

	"github.com/syncloud/syncloud/internal/config"
	"github.com/syncloud/syncloud/internal/mail"
	"github.com/syncloud/syncloud/internal/web"
)

// mailParts are the outbox every service queues mail into, the sender
// that delivers it and the one-click unsubscribe links.
type mailParts struct {
	outbox       *mail.Outbox
	sender       *mail.Sender
	unsubscribes *mail.Unsubscribes
	held         bool // no SMTP server
}

// newMail builds the mail parts: with SYNCLOUD_SMTP_URL the sender
// delivers over SMTP; without it mail is held in the outbox for platform
// admins to read (/admin/outbox) and the sender only purges old mail.
func newMail(cfg *config.Config, p *platform, log *slog.Logger) (*mailParts, error) {
	unsub, err := mail.NewUnsubscribes(p.db, deriveSecret(cfg, "unsubscribe"), cfg.PublicURL, web.AuditBridge{Writer: p.audit})
	if err != nil {
		return nil, err
	}
	var transport mail.Transport
	if cfg.SMTPURL != "" {
		smtp, err := mail.ParseSMTPURL(cfg.SMTPURL)
		if err != nil {
			return nil, fmt.Errorf("%s: %w", config.EnvSMTPURL, err)
		}
		transport = smtp
	}
	sender, err := mail.NewSender(p.db, transport, mail.SenderOptions{From: cfg.MailFrom, Unsubscribes: unsub, Log: log})
	if err != nil {
		return nil, err
	}
	return &mailParts{
		outbox: mail.NewOutbox(p.db, mail.OutboxOptions{Hold: transport == nil, Notify: sender.Wake}),
		sender: sender, unsubscribes: unsub, held: transport == nil,
	}, nil
}

// start runs the sender until ctx ends; the returned func waits for it to
// finish the delivery in progress.
func (m *mailParts) start(ctx context.Context, log *slog.Logger) (wait func()) {
	if m.held {
		log.Info("no SMTP server configured: mail is held in the outbox for platform admins (/admin/outbox)")
	}
	done := make(chan struct{})
	go func() {
		defer close(done)
		m.sender.Run(ctx)
	}()
	return func() { <-done }
}
