package auth

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"net/url"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// Mail is one message to send.
type Mail struct {
	To, Subject, Body string
}

// Mailer queues mail for delivery. Enqueue must not block on the network:
// the mail package's outbox (SMTP) delivers later.
type Mailer interface {
	Enqueue(ctx context.Context, m Mail) error
}

// InvitationTTL is how long an emailed invitation stays valid.
const InvitationTTL = 7 * 24 * time.Hour

// ErrInvitationEmail: the signed-in user's email is not the one invited
// (HTTP 403).
var ErrInvitationEmail = errors.New("this invitation was sent to another email address")

// Invitations invites people to organizations by email.
type Invitations struct {
	db      *store.DB
	audit   Auditor
	mailer  Mailer
	baseURL string
	now     func() time.Time
}

// NewInvitations returns the invitation service; baseURL is the portal's
// public URL, used in the mailed link.
func NewInvitations(db *store.DB, audit Auditor, mailer Mailer, baseURL string, now func() time.Time) *Invitations {
	return &Invitations{db: db, audit: audit, mailer: mailer, baseURL: strings.TrimRight(baseURL, "/"), now: now}
}

// Invite asks email to join the caller's organization with role. Admins
// and owners invite; nobody invites to a role above their own. The token
// is only in the mail; its hash is stored.
func (s *Invitations) Invite(ctx context.Context, by Principal, email string, role Role) (*store.Invitation, error) {
	if by.Kind != KindUser || !by.AtLeast(RoleAdmin) {
		return nil, fmt.Errorf("%w: only admins invite", ErrForbidden)
	}
	if role < RoleViewer || role > by.Role {
		return nil, fmt.Errorf("%w: cannot invite as %s", ErrForbidden, role)
	}
	if err := checkEmail(email); err != nil {
		return nil, err
	}
	token := newToken()
	sum := sha256.Sum256([]byte(token))
	now := s.now().UTC()
	inv := &store.Invitation{Email: strings.TrimSpace(email), Role: role.String(), TokenHash: sum[:],
		InvitedBy: by.UserID, CreatedAt: now, ExpiresAt: now.Add(InvitationTTL)}
	if err := s.db.CreateInvitation(ctx, by.OrgID, inv); err != nil {
		return nil, fmt.Errorf("invite: %w", err)
	}
	if err := s.mailer.Enqueue(ctx, s.mail(inv, token)); err != nil {
		return nil, fmt.Errorf("invite: queue mail: %w", err)
	}
	ev := principalEvent(by, "membership.invite", fmt.Sprintf("invitation:%d", inv.ID),
		map[string]any{"email": inv.Email, "role": inv.Role})
	if err := s.audit.Append(ctx, ev); err != nil {
		return nil, fmt.Errorf("audit invitation: %w", err)
	}
	return inv, nil
}

func (s *Invitations) mail(inv *store.Invitation, token string) Mail {
	link := s.baseURL + "/invitations/accept?token=" + url.QueryEscape(token)
	return Mail{
		To:      inv.Email,
		Subject: "You are invited to an organization on SynCloud",
		Body: fmt.Sprintf("You have been invited to join an organization on SynCloud as %s.\n\n"+
			"Accept within 7 days: %s\n", inv.Role, link),
	}
}

// Accept makes the signed-in user a member with the invited role. The
// invitation must be pending, unexpired and addressed to the user's email;
// otherwise store.ErrNotFound or ErrInvitationEmail.
func (s *Invitations) Accept(ctx context.Context, userID int64, token string) (*store.Invitation, error) {
	sum := sha256.Sum256([]byte(token))
	inv, err := s.db.InvitationByTokenHash(ctx, sum[:])
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	u, err := s.db.User(ctx, userID)
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	if NormalizeEmail(u.Email) != NormalizeEmail(inv.Email) {
		return nil, ErrInvitationEmail
	}
	inv, err = s.db.AcceptInvitation(ctx, sum[:], userID, s.now())
	if err != nil {
		return nil, fmt.Errorf("accept invitation: %w", err)
	}
	ev := userActor(Event{OrgID: inv.OrgID, Action: "membership.join", Target: fmt.Sprintf("user:%d", userID),
		Details: map[string]any{"invitation_id": inv.ID, "role": inv.Role}}, userID, u.Email)
	if err := s.audit.Append(ctx, ev); err != nil {
		return nil, fmt.Errorf("audit invitation acceptance: %w", err)
	}
	return inv, nil
}
