package store

import (
	"context"
	"database/sql"
	"fmt"
	"time"
)

// Invitation asks someone, by email, to join an organization with a role.
// Only the SHA-256 hash of the emailed token is stored.
type Invitation struct {
	ID         int64
	OrgID      int64
	Email      string
	Role       string
	TokenHash  []byte
	InvitedBy  int64 // 0 when the inviting user no longer exists
	CreatedAt  time.Time
	ExpiresAt  time.Time
	AcceptedAt *time.Time
}

const invitationColumns = `id, org_id, email, role, token_hash, invited_by, created_at, expires_at, accepted_at`

func scanInvitation(s rowScanner) (*Invitation, error) {
	var inv Invitation
	var by sql.NullInt64
	var accepted sql.NullTime
	err := s.Scan(&inv.ID, &inv.OrgID, &inv.Email, &inv.Role, &inv.TokenHash, &by,
		&inv.CreatedAt, &inv.ExpiresAt, &accepted)
	if err != nil {
		return nil, mapError(err)
	}
	inv.InvitedBy = by.Int64
	inv.AcceptedAt = timePtr(accepted)
	inv.CreatedAt, inv.ExpiresAt = inv.CreatedAt.UTC(), inv.ExpiresAt.UTC()
	return &inv, nil
}

// CreateInvitation inserts an invitation into orgID and sets its ID.
func (q *Queries) CreateInvitation(ctx context.Context, orgID int64, inv *Invitation) error {
	inv.OrgID = orgID
	inv.CreatedAt = nowOr(inv.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO invitations
		(org_id, email, role, token_hash, invited_by, created_at, expires_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id`,
		orgID, inv.Email, inv.Role, inv.TokenHash, nullID(inv.InvitedBy), inv.CreatedAt,
		inv.ExpiresAt.UTC()).Scan(&inv.ID)
	return wrap(err, "create invitation in org %d", orgID)
}

// InvitationByTokenHash finds an invitation by its token's hash; the token
// is the credential, so no organization is given.
func (q *Queries) InvitationByTokenHash(ctx context.Context, hash []byte) (*Invitation, error) {
	inv, err := scanInvitation(q.r.QueryRowContext(ctx,
		`SELECT `+invitationColumns+` FROM invitations WHERE token_hash = $1`, hash))
	return inv, wrap(err, "get invitation by token")
}

// Invitations lists an organization's invitations, newest first.
func (q *Queries) Invitations(ctx context.Context, orgID int64) ([]Invitation, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT `+invitationColumns+` FROM invitations
		WHERE org_id = $1 ORDER BY id DESC`, orgID)
	if err != nil {
		return nil, wrap(err, "list invitations of org %d", orgID)
	}
	defer rows.Close()
	var out []Invitation
	for rows.Next() {
		inv, err := scanInvitation(rows)
		if err != nil {
			return nil, wrap(err, "list invitations of org %d", orgID)
		}
		out = append(out, *inv)
	}
	return out, wrap(rows.Err(), "list invitations of org %d", orgID)
}

// DeleteInvitation withdraws an invitation.
func (q *Queries) DeleteInvitation(ctx context.Context, orgID, id int64) error {
	err := affected(q.w.ExecContext(ctx, `DELETE FROM invitations WHERE org_id = $1 AND id = $2`, orgID, id))
	return wrap(err, "delete invitation %d of org %d", id, orgID)
}

// AcceptInvitation marks the pending, unexpired invitation with that token
// hash accepted by userID and adds the membership, in one transaction.
// An unknown, expired or already accepted invitation is ErrNotFound; a user
// who is already a member gets ErrConflict.
func (db *DB) AcceptInvitation(ctx context.Context, hash []byte, userID int64, now time.Time) (*Invitation, error) {
	var inv *Invitation
	err := db.Transact(ctx, func(tx *Tx) error {
		var err error
		inv, err = tx.InvitationByTokenHash(ctx, hash)
		if err != nil {
			return err
		}
		if inv.AcceptedAt != nil || !now.Before(inv.ExpiresAt) {
			return fmt.Errorf("invitation %d is no longer valid: %w", inv.ID, ErrNotFound)
		}
		err = affected(tx.w.ExecContext(ctx, `UPDATE invitations SET accepted_at = $3
			WHERE org_id = $1 AND id = $2 AND accepted_at IS NULL`, inv.OrgID, inv.ID, now.UTC()))
		if err != nil {
			return wrap(err, "accept invitation %d", inv.ID)
		}
		t := now.UTC()
		inv.AcceptedAt = &t
		return tx.AddMembership(ctx, inv.OrgID, userID, inv.Role)
	})
	if err != nil {
		return nil, err
	}
	return inv, nil
}
