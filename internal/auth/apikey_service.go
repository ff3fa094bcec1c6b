package auth

import (
	"context"
	"crypto/sha256"
	"errors"
	"fmt"
	"strings"
	"sync"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// Keys creates, revokes and authenticates API keys.
type Keys struct {
	db    *store.DB
	audit Auditor
	now   func() time.Time
	// touched remembers when this process last wrote a key's
	// last_used_at, so that a busy key costs at most one write (and one
	// "api_key.used" audit event) a minute per replica.
	mu      sync.Mutex
	touched map[int64]time.Time
}

// NewKeys returns the API key service; now is the clock.
func NewKeys(db *store.DB, audit Auditor, now func() time.Time) *Keys {
	return &Keys{db: db, audit: audit, now: now, touched: map[int64]time.Time{}}
}

// NewAPIKey is the form for a key.
type NewAPIKey struct {
	Name   string
	Scopes []Scope
	// ExpiresAt, when set, ends the key's validity.
	ExpiresAt *time.Time
}

// Create makes a key in the caller's organization and returns it in full,
// the only time it is shown. Only users create keys, and only with scopes
// their role grants.
func (k *Keys) Create(ctx context.Context, by Principal, in NewAPIKey) (string, *store.APIKey, error) {
	if by.Kind != KindUser {
		return "", nil, fmt.Errorf("%w: only a signed-in user can create API keys", ErrForbidden)
	}
	if err := checkName("key name", in.Name); err != nil {
		return "", nil, err
	}
	if len(in.Scopes) == 0 {
		return "", nil, fmt.Errorf("%w: a key needs at least one scope", ErrInvalidInput)
	}
	if !ScopesWithin(in.Scopes, by.Role) {
		return "", nil, fmt.Errorf("%w: a %s cannot grant scopes %v", ErrForbidden, by.Role, in.Scopes)
	}
	if in.ExpiresAt != nil && !in.ExpiresAt.After(k.now()) {
		return "", nil, fmt.Errorf("%w: expiry is in the past", ErrInvalidInput)
	}
	raw := NewKey()
	sum := sha256.Sum256([]byte(raw))
	row := &store.APIKey{CreatedBy: by.UserID, Name: strings.TrimSpace(in.Name), Prefix: KeyDisplayPrefix(raw),
		Hash: sum[:], Scopes: scopeStrings(in.Scopes), CreatedAt: k.now().UTC(), ExpiresAt: in.ExpiresAt}
	if err := k.db.CreateAPIKey(ctx, by.OrgID, row); err != nil {
		return "", nil, fmt.Errorf("create api key: %w", err)
	}
	ev := principalEvent(by, "api_key.create", fmt.Sprintf("api_key:%d", row.ID),
		map[string]any{"name": row.Name, "prefix": row.Prefix, "scopes": row.Scopes})
	if err := k.audit.Append(ctx, ev); err != nil {
		return "", nil, fmt.Errorf("audit api key creation: %w", err)
	}
	return raw, row, nil
}

func scopeStrings(ss []Scope) []string {
	out := make([]string, len(ss))
	for i, s := range ss {
		out[i] = string(s)
	}
	return out
}

// Revoke ends a key of the caller's organization at once. Admins revoke
// any key; other members only keys they created. A key of another
// organization is store.ErrNotFound.
func (k *Keys) Revoke(ctx context.Context, by Principal, keyID int64) error {
	row, err := k.db.APIKey(ctx, by.OrgID, keyID)
	if err != nil {
		return fmt.Errorf("revoke api key: %w", err)
	}
	if !by.AtLeast(RoleAdmin) && (by.Kind != KindUser || row.CreatedBy != by.UserID) {
		return fmt.Errorf("%w: only admins revoke other people's keys", ErrForbidden)
	}
	if err := k.db.RevokeAPIKey(ctx, by.OrgID, keyID, k.now()); err != nil {
		return fmt.Errorf("revoke api key: %w", err)
	}
	ev := principalEvent(by, "api_key.revoke", fmt.Sprintf("api_key:%d", keyID),
		map[string]any{"prefix": row.Prefix})
	if err := k.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit api key revocation: %w", err)
	}
	return nil
}

// Authenticate resolves a raw key to its Principal. A malformed key fails
// before any database lookup; an unknown, revoked or expired key, or one
// whose creator has left the organization or been disabled, is
// ErrUnauthorized. The key's scopes are cut to what its creator's current
// role grants.
func (k *Keys) Authenticate(ctx context.Context, raw string) (Principal, error) {
	if _, err := ParseKey(raw); err != nil {
		return Principal{}, ErrUnauthorized
	}
	sum := sha256.Sum256([]byte(raw))
	row, err := k.db.APIKeyByHash(ctx, sum[:])
	if errors.Is(err, store.ErrNotFound) {
		return Principal{}, ErrUnauthorized
	}
	if err != nil {
		return Principal{}, fmt.Errorf("authenticate api key: %w", err)
	}
	now := k.now()
	if !row.Active(now) || row.CreatedBy == 0 {
		return Principal{}, ErrUnauthorized
	}
	role, err := k.creatorRole(ctx, row)
	if err != nil {
		return Principal{}, err
	}
	p := Principal{Kind: KindAPIKey, UserID: row.CreatedBy, KeyID: row.ID, OrgID: row.OrgID,
		Role: role, Scopes: effectiveScopes(row.Scopes, role)}
	return p, k.touch(ctx, p, row, now)
}

// creatorRole is the key creator's current role, or ErrUnauthorized when
// they are no longer an active member.
func (k *Keys) creatorRole(ctx context.Context, row *store.APIKey) (Role, error) {
	m, err := k.db.Membership(ctx, row.OrgID, row.CreatedBy)
	if errors.Is(err, store.ErrNotFound) {
		return RoleNone, ErrUnauthorized
	}
	if err != nil {
		return RoleNone, fmt.Errorf("authenticate api key: %w", err)
	}
	u, err := k.db.User(ctx, row.CreatedBy)
	if err != nil || u.DisabledAt != nil {
		return RoleNone, ErrUnauthorized
	}
	return ParseRole(m.Role)
}

func effectiveScopes(stored []string, role Role) []Scope {
	var out []Scope
	for _, s := range stored {
		if ScopesWithin([]Scope{Scope(s)}, role) {
			out = append(out, Scope(s))
		}
	}
	return out
}

// touch writes last_used_at and audits the use, at most once a minute per
// key.
func (k *Keys) touch(ctx context.Context, p Principal, row *store.APIKey, now time.Time) error {
	if row.LastUsedAt != nil && now.Sub(*row.LastUsedAt) < store.APIKeyTouchInterval {
		return nil
	}
	k.mu.Lock()
	last, seen := k.touched[row.ID]
	fresh := !seen || now.Sub(last) >= store.APIKeyTouchInterval
	if fresh {
		k.touched[row.ID] = now
	}
	k.mu.Unlock()
	if !fresh {
		return nil
	}
	if err := k.db.TouchAPIKey(ctx, row.OrgID, row.ID, now); err != nil {
		return fmt.Errorf("touch api key: %w", err)
	}
	ev := principalEvent(p, "api_key.use", fmt.Sprintf("api_key:%d", row.ID), map[string]any{"prefix": row.Prefix})
	if err := k.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit api key use: %w", err)
	}
	return nil
}

// List returns the caller organization's keys, newest first.
func (k *Keys) List(ctx context.Context, by Principal) ([]store.APIKey, error) {
	return k.db.APIKeys(ctx, by.OrgID)
}

// principalEvent is an event in p's organization chain with p as actor.
func principalEvent(p Principal, action, target string, details map[string]any) Event {
	e := Event{OrgID: p.OrgID, ActorType: string(p.Kind), Action: action, Target: target, Details: details}
	switch p.Kind {
	case KindAPIKey:
		e.ActorID = p.KeyID
	case KindAgent:
		e.ActorID = p.AgentID
	default:
		e.ActorID = p.UserID
	}
	return e
}
