package store

import (
	"context"
	"time"
)

// The roles of a membership, highest first. The auth package ranks them.
const (
	RoleOwner  = "owner"
	RoleAdmin  = "admin"
	RoleMember = "member"
	RoleViewer = "viewer"
)

// Membership says a user belongs to an organization with a role.
type Membership struct {
	OrgID     int64
	UserID    int64
	Role      string
	CreatedAt time.Time
}

// Member is a membership with the user's name and email, for member lists.
type Member struct {
	Membership
	Email string
	Name  string
}

// UserMembership is a membership with the organization's name and slug,
// for a user's organization switcher.
type UserMembership struct {
	Membership
	OrgName string
	OrgSlug string
}

// AddMembership makes userID a member of orgID with role. An existing
// membership is ErrConflict; a missing org or user is ErrReference.
func (q *Queries) AddMembership(ctx context.Context, orgID, userID int64, role string) error {
	_, err := q.w.ExecContext(ctx, `INSERT INTO memberships (org_id, user_id, role, created_at)
		VALUES ($1, $2, $3, $4)`, orgID, userID, role, time.Now().UTC())
	return wrap(err, "add user %d to org %d", userID, orgID)
}

// Membership returns userID's membership of orgID; ErrNotFound means the
// user is not a member.
func (q *Queries) Membership(ctx context.Context, orgID, userID int64) (*Membership, error) {
	m := Membership{OrgID: orgID, UserID: userID}
	err := q.r.QueryRowContext(ctx, `SELECT role, created_at FROM memberships
		WHERE org_id = $1 AND user_id = $2`, orgID, userID).Scan(&m.Role, &m.CreatedAt)
	if err != nil {
		return nil, wrap(err, "get membership of user %d in org %d", userID, orgID)
	}
	m.CreatedAt = m.CreatedAt.UTC()
	return &m, nil
}

// SetMemberRole changes a member's role.
func (q *Queries) SetMemberRole(ctx context.Context, orgID, userID int64, role string) error {
	err := affected(q.w.ExecContext(ctx, `UPDATE memberships SET role = $3
		WHERE org_id = $1 AND user_id = $2`, orgID, userID, role))
	return wrap(err, "set role of user %d in org %d", userID, orgID)
}

// RemoveMembership removes a user from an organization.
func (q *Queries) RemoveMembership(ctx context.Context, orgID, userID int64) error {
	err := affected(q.w.ExecContext(ctx, `DELETE FROM memberships
		WHERE org_id = $1 AND user_id = $2`, orgID, userID))
	return wrap(err, "remove user %d from org %d", userID, orgID)
}

// CountOwners returns how many owners an organization has, so that the
// last one cannot be removed or demoted.
func (q *Queries) CountOwners(ctx context.Context, orgID int64) (int, error) {
	var n int
	err := q.r.QueryRowContext(ctx, `SELECT count(*) FROM memberships
		WHERE org_id = $1 AND role = 'owner'`, orgID).Scan(&n)
	return n, wrap(err, "count owners of org %d", orgID)
}

// Members lists an organization's members, oldest first.
func (q *Queries) Members(ctx context.Context, orgID int64) ([]Member, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT m.user_id, m.role, m.created_at, u.email, u.name
		FROM memberships m JOIN users u ON u.id = m.user_id
		WHERE m.org_id = $1 ORDER BY m.created_at, m.user_id`, orgID)
	if err != nil {
		return nil, wrap(err, "list members of org %d", orgID)
	}
	defer rows.Close()
	var out []Member
	for rows.Next() {
		m := Member{Membership: Membership{OrgID: orgID}}
		if err := rows.Scan(&m.UserID, &m.Role, &m.CreatedAt, &m.Email, &m.Name); err != nil {
			return nil, wrap(err, "list members of org %d", orgID)
		}
		m.CreatedAt = m.CreatedAt.UTC()
		out = append(out, m)
	}
	return out, wrap(rows.Err(), "list members of org %d", orgID)
}

// UserMemberships lists the organizations a user belongs to, in the order
// joined.
func (q *Queries) UserMemberships(ctx context.Context, userID int64) ([]UserMembership, error) {
	rows, err := q.r.QueryContext(ctx, `SELECT m.org_id, m.role, m.created_at, o.name, o.slug
		FROM memberships m JOIN organizations o ON o.id = m.org_id
		WHERE m.user_id = $1 ORDER BY m.created_at, m.org_id`, userID)
	if err != nil {
		return nil, wrap(err, "list memberships of user %d", userID)
	}
	defer rows.Close()
	var out []UserMembership
	for rows.Next() {
		m := UserMembership{Membership: Membership{UserID: userID}}
		if err := rows.Scan(&m.OrgID, &m.Role, &m.CreatedAt, &m.OrgName, &m.OrgSlug); err != nil {
			return nil, wrap(err, "list memberships of user %d", userID)
		}
		m.CreatedAt = m.CreatedAt.UTC()
		out = append(out, m)
	}
	return out, wrap(rows.Err(), "list memberships of user %d", userID)
}
