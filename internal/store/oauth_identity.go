package store

import (
	"context"
	"time"
)

// OAuthIdentity links an account at an OAuth provider ("google",
// "github") to a user.
type OAuthIdentity struct {
	ID        int64
	Provider  string
	Subject   string // the provider's stable user ID
	UserID    int64
	Email     string // as the provider reported it when linked
	CreatedAt time.Time
}

const oauthColumns = `id, provider, subject, user_id, email, created_at`

func scanOAuthIdentity(s rowScanner) (*OAuthIdentity, error) {
	var o OAuthIdentity
	if err := s.Scan(&o.ID, &o.Provider, &o.Subject, &o.UserID, &o.Email, &o.CreatedAt); err != nil {
		return nil, mapError(err)
	}
	o.CreatedAt = o.CreatedAt.UTC()
	return &o, nil
}

// LinkOAuthIdentity records that the provider account belongs to
// o.UserID. A provider account already linked (to anyone) is ErrConflict.
func (q *Queries) LinkOAuthIdentity(ctx context.Context, o *OAuthIdentity) error {
	o.CreatedAt = nowOr(o.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO oauth_identities
		(provider, subject, user_id, email, created_at) VALUES ($1, $2, $3, $4, $5) RETURNING id`,
		o.Provider, o.Subject, o.UserID, o.Email, o.CreatedAt).Scan(&o.ID)
	return wrap(err, "link %s identity to user %d", o.Provider, o.UserID)
}

// OAuthIdentity finds the link of a provider account.
func (q *Queries) OAuthIdentity(ctx context.Context, provider, subject string) (*OAuthIdentity, error) {
	o, err := scanOAuthIdentity(q.r.QueryRowContext(ctx, `SELECT `+oauthColumns+`
		FROM oauth_identities WHERE provider = $1 AND subject = $2`, provider, subject))
	return o, wrap(err, "get %s identity", provider)
}

// UserOAuthIdentities lists the provider accounts linked to a user.
func (q *Queries) UserOAuthIdentities(ctx context.Context, userID int64) ([]OAuthIdentity, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT `+oauthColumns+`
		FROM oauth_identities WHERE user_id = $1 ORDER BY id`, userID)
	if err != nil {
		return nil, wrap(err, "list identities of user %d", userID)
	}
	defer rows.Close()
	var out []OAuthIdentity
	for rows.Next() {
		o, err := scanOAuthIdentity(rows)
		if err != nil {
			return nil, wrap(err, "list identities of user %d", userID)
		}
		out = append(out, *o)
	}
	return out, wrap(rows.Err(), "list identities of user %d", userID)
}

// UnlinkOAuthIdentity removes a user's link to a provider.
func (q *Queries) UnlinkOAuthIdentity(ctx context.Context, userID int64, provider string) error {
	err := affected(q.w.ExecContext(ctx, `DELETE FROM oauth_identities
		WHERE user_id = $1 AND provider = $2`, userID, provider))
	return wrap(err, "unlink %s identity of user %d", provider, userID)
}
