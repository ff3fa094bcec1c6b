package portal

import (
	"fmt"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// outboxListLimit bounds the messages the outbox page shows.
const outboxListLimit = 200

// adminOutboxView lists recent mail. Bodies are shown only for held mail:
// without an SMTP server this page is how an operator passes on an
// invitation or a reset link.
type adminOutboxView struct {
	Page Page
	Mail []outboxRow
	Held int
}

// outboxRow is one message as the page shows it.
type outboxRow struct {
	store.OutboxMail
	// ShowBody is true for held mail.
	ShowBody bool
}

// adminOutbox serves GET /admin/outbox for platform administrators (404
// for everyone else). Because held mail can hold reset links, each
// viewing that shows held bodies is recorded in the audit log.
func (p *Portal) adminOutbox(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	msgs, err := p.deps.DB.OutboxMails(r.Context(), outboxListLimit)
	if err != nil {
		return err
	}
	v := adminOutboxView{Page: p.page(r, "Mail outbox")}
	for _, m := range msgs {
		held := m.Status == "held"
		if held {
			v.Held++
		}
		v.Mail = append(v.Mail, outboxRow{OutboxMail: m, ShowBody: held})
	}
	if v.Held > 0 {
		pr := mustPrincipal(r.Context())
		ev := auth.Event{ActorType: "user", ActorID: pr.UserID, Action: "admin.outbox_read",
			Target: "mail_outbox", Details: map[string]any{"held_shown": v.Held}}
		if err := p.deps.Audit.Append(r.Context(), ev); err != nil {
			return fmt.Errorf("audit outbox read: %w", err)
		}
	}
	p.render(w, http.StatusOK, "admin_outbox", v)
	return nil
}
