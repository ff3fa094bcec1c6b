package mail

import (
	"context"
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"encoding/binary"
	"errors"
	"fmt"
	"net/url"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

// ErrBadUnsubscribeToken: the unsubscribe link was altered or made up.
var ErrBadUnsubscribeToken = errors.New("this unsubscribe link is not valid")

// UnsubscribePath is the portal route of one-click unsubscribe links.
const UnsubscribePath = "/unsubscribe"

// Unsubscribes makes and honours one-click unsubscribe links. A token is
// the user ID and an HMAC-SHA256 of it (128 bits kept) under a server key:
// it cannot be forged for another user, and it needs no table.
type Unsubscribes struct {
	db      *store.DB
	key     []byte
	baseURL string
	audit   auth.Auditor
}

// NewUnsubscribes returns the service; key must have at least 32 bytes
// and be the same on every replica; baseURL is the portal's public URL.
func NewUnsubscribes(db *store.DB, key []byte, baseURL string, audit auth.Auditor) (*Unsubscribes, error) {
	if len(key) < 32 {
		return nil, errors.New("unsubscribe key must have at least 32 bytes")
	}
	return &Unsubscribes{db: db, key: key, baseURL: strings.TrimRight(baseURL, "/"), audit: audit}, nil
}

// URL is userID's one-click unsubscribe link, for List-Unsubscribe.
func (u *Unsubscribes) URL(userID int64) string {
	return u.baseURL + UnsubscribePath + "?token=" + url.QueryEscape(u.Token(userID))
}

// Token is userID's unsubscribe token.
func (u *Unsubscribes) Token(userID int64) string {
	b := binary.BigEndian.AppendUint64(nil, uint64(userID))
	return base64.RawURLEncoding.EncodeToString(append(b, u.mac(b)...))
}

func (u *Unsubscribes) mac(id []byte) []byte {
	m := hmac.New(sha256.New, u.key)
	m.Write([]byte("syncloud unsubscribe\x00"))
	m.Write(id)
	return m.Sum(nil)[:16]
}

// UserID checks a token and returns the user it was made for.
func (u *Unsubscribes) UserID(token string) (int64, error) {
	b, err := base64.RawURLEncoding.DecodeString(token)
	if err != nil || len(b) != 24 || !hmac.Equal(b[8:], u.mac(b[:8])) {
		return 0, ErrBadUnsubscribeToken
	}
	return int64(binary.BigEndian.Uint64(b[:8])), nil
}

// Recipient returns the user a valid token names, for the confirmation
// page.
func (u *Unsubscribes) Recipient(ctx context.Context, token string) (*store.User, error) {
	id, err := u.UserID(token)
	if err != nil {
		return nil, err
	}
	usr, err := u.db.User(ctx, id)
	if errors.Is(err, store.ErrNotFound) {
		return nil, ErrBadUnsubscribeToken
	}
	return usr, err
}

// Unsubscribe turns off marketing mail for the token's user and records
// it in the audit log. Unsubscribing twice is fine.
func (u *Unsubscribes) Unsubscribe(ctx context.Context, token string) error {
	usr, err := u.Recipient(ctx, token)
	if err != nil {
		return err
	}
	if err := u.db.SetMarketingOptIn(ctx, usr.ID, false); err != nil {
		return fmt.Errorf("unsubscribe: %w", err)
	}
	if !usr.MarketingOptIn {
		return nil
	}
	ev := auth.Event{ActorType: "user", ActorID: usr.ID, ActorLabel: usr.Email, Action: "account.marketing_unsubscribe",
		Target: fmt.Sprintf("user:%d", usr.ID), Details: map[string]any{"via": "one-click link"}}
	if err := u.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit unsubscribe: %w", err)
	}
	return nil
}
