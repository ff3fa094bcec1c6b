package store

import (
	"context"
	"database/sql"
	"strings"
	"time"
)

// APIKey is an organization's key for the API. Only the SHA-256 hash of
// the key and a display prefix are stored.
type APIKey struct {
	ID         int64
	OrgID      int64
	CreatedBy  int64 // user; 0 when that user no longer exists
	Name       string
	Prefix     string
	Hash       []byte
	Scopes     []string
	CreatedAt  time.Time
	ExpiresAt  *time.Time
	LastUsedAt *time.Time
	RevokedAt  *time.Time
}

// Active reports whether the key may be used at now: not revoked, not
// expired.
func (k *APIKey) Active(now time.Time) bool {
	return k.RevokedAt == nil && (k.ExpiresAt == nil || now.Before(*k.ExpiresAt))
}

// APIKeyTouchInterval is the granularity of last_used_at: TouchAPIKey
// writes only when the stored time is older than this, so that a busy key
// does not cost a write per request.
const APIKeyTouchInterval = time.Minute

const apiKeyColumns = `id, org_id, created_by, name, prefix, hash, scopes, created_at,
	expires_at, last_used_at, revoked_at`

func scanAPIKey(s rowScanner) (*APIKey, error) {
	var k APIKey
	var by sql.NullInt64
	var scopes string
	var expires, used, revoked sql.NullTime
	err := s.Scan(&k.ID, &k.OrgID, &by, &k.Name, &k.Prefix, &k.Hash, &scopes, &k.CreatedAt,
		&expires, &used, &revoked)
	if err != nil {
		return nil, mapError(err)
	}
	k.CreatedBy = by.Int64
	k.Scopes = strings.Fields(scopes)
	k.CreatedAt = k.CreatedAt.UTC()
	k.ExpiresAt, k.LastUsedAt, k.RevokedAt = timePtr(expires), timePtr(used), timePtr(revoked)
	return &k, nil
}

// CreateAPIKey inserts a key into orgID and sets its ID. A hash already
// stored is ErrConflict.
func (q *Queries) CreateAPIKey(ctx context.Context, orgID int64, k *APIKey) error {
	k.OrgID = orgID
	k.CreatedAt = nowOr(k.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO api_keys
		(org_id, created_by, name, prefix, hash, scopes, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8) RETURNING id`,
		orgID, nullID(k.CreatedBy), k.Name, k.Prefix, k.Hash, strings.Join(k.Scopes, " "),
		k.CreatedAt, nullTime(k.ExpiresAt)).Scan(&k.ID)
	return wrap(err, "create api key in org %d", orgID)
}

// APIKeyByHash finds a key by its hash, revoked and expired ones included
// (check Active). The key is the credential, so no organization is given.
func (q *Queries) APIKeyByHash(ctx context.Context, hash []byte) (*APIKey, error) {
	k, err := scanAPIKey(q.r.QueryRowContext(ctx,
		`SELECT `+apiKeyColumns+` FROM api_keys WHERE hash = $1`, hash))
	return k, wrap(err, "get api key by hash")
}

// APIKey returns one of an organization's keys.
func (q *Queries) APIKey(ctx context.Context, orgID, keyID int64) (*APIKey, error) {
	k, err := scanAPIKey(q.r.QueryRowContext(ctx,
		`SELECT `+apiKeyColumns+` FROM api_keys WHERE org_id = $1 AND id = $2`, orgID, keyID))
	return k, wrap(err, "get api key %d of org %d", keyID, orgID)
}

// APIKeys lists an organization's keys, newest first.
func (q *Queries) APIKeys(ctx context.Context, orgID int64) ([]APIKey, error) {
	rows, err := q.r.QueryContext(ctx,
		`SELECT `+apiKeyColumns+` FROM api_keys WHERE org_id = $1 ORDER BY id DESC`, orgID)
	if err != nil {
		return nil, wrap(err, "list api keys of org %d", orgID)
	}
	defer rows.Close()
	var out []APIKey
	for rows.Next() {
		k, err := scanAPIKey(rows)
		if err != nil {
			return nil, wrap(err, "list api keys of org %d", orgID)
		}
		out = append(out, *k)
	}
	return out, wrap(rows.Err(), "list api keys of org %d", orgID)
}

// RevokeAPIKey revokes a key at the given time. Revoking a revoked key
// keeps the first time and is not an error; a key of another org is
// ErrNotFound.
func (q *Queries) RevokeAPIKey(ctx context.Context, orgID, keyID int64, at time.Time) error {
	res, err := q.w.ExecContext(ctx, `UPDATE api_keys SET revoked_at = $3
		WHERE org_id = $1 AND id = $2 AND revoked_at IS NULL`, orgID, keyID, at.UTC())
	if err := affected(res, err); err == nil || err != ErrNotFound {
		return wrap(err, "revoke api key %d of org %d", keyID, orgID)
	}
	_, err = q.APIKey(ctx, orgID, keyID)
	return err
}

// TouchAPIKey sets last_used_at to at, unless the stored time is within
// APIKeyTouchInterval of it (then nothing is written).
func (q *Queries) TouchAPIKey(ctx context.Context, orgID, keyID int64, at time.Time) error {
	_, err := q.w.ExecContext(ctx, `UPDATE api_keys SET last_used_at = $3
		WHERE org_id = $1 AND id = $2 AND (last_used_at IS NULL OR last_used_at < $4)`,
		orgID, keyID, at.UTC(), at.Add(-APIKeyTouchInterval).UTC())
	return wrap(err, "touch api key %d of org %d", keyID, orgID)
}
