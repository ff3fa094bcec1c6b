package auth

import (
	"context"
	"errors"
	"fmt"

	"github.com/syncloud/syncloud/internal/store"
)

// ErrLastOwner: the change would leave the organization without an owner
// (HTTP 409).
var ErrLastOwner = errors.New("the organization's last owner cannot be removed or given another role")

// Members changes the roles of an organization's members and removes them,
// under one set of rules for the API and the portal: admins and owners
// act, nobody grants a role above their own or touches a member ranked
// above them, and the last owner stays an owner.
type Members struct {
	db    *store.DB
	audit Auditor
}

// NewMembers returns the membership service.
func NewMembers(db *store.DB, audit Auditor) *Members {
	return &Members{db: db, audit: audit}
}

// SetRole gives userID the role in by's organization. A user who is not a
// member of it is store.ErrNotFound.
func (m *Members) SetRole(ctx context.Context, by Principal, userID int64, role Role) error {
	if role < RoleViewer || role > by.Role {
		return fmt.Errorf("%w: a %s cannot grant the %s role", ErrForbidden, by.Role, role)
	}
	err := m.db.Transact(ctx, func(tx *store.Tx) error {
		old, err := changeable(ctx, tx, by, userID)
		if err != nil {
			return err
		}
		if old == RoleOwner && role != RoleOwner {
			if err := keepAnOwner(ctx, tx, by.OrgID); err != nil {
				return err
			}
		}
		return tx.SetMemberRole(ctx, by.OrgID, userID, role.String())
	})
	if err != nil {
		return fmt.Errorf("change role: %w", err)
	}
	ev := principalEvent(by, "membership.role_change", fmt.Sprintf("user:%d", userID), map[string]any{"role": role.String()})
	if err := m.audit.Append(ctx, ev); err != nil {
		return fmt.Errorf("audit role change: %w", err)
	}
	return nil
}

// Remove takes userID out of by's organization, under the same rules.
func (m *Members) Remove(ctx context.Context, by Principal, userID int64) error {
	err := m.db.Transact(ctx, func(tx *store.Tx) error {
		old, err := changeable(ctx, tx, by, userID)
		if err != nil {
			return err
		}
		if old == RoleOwner {
			if err := keepAnOwner(ctx, tx, by.OrgID); err != nil {
				return err
			}
		}
		return tx.RemoveMembership(ctx, by.OrgID, userID)
	})
	if err != nil {
		return fmt.Errorf("remove member: %w", err)
	}
	if err := m.audit.Append(ctx, principalEvent(by, "membership.remove", fmt.Sprintf("user:%d", userID), nil)); err != nil {
		return fmt.Errorf("audit member removal: %w", err)
	}
	return nil
}

// changeable returns the member's current role: store.ErrNotFound outside
// the caller's organization, ErrForbidden for a caller below admin or
// below the member.
func changeable(ctx context.Context, tx *store.Tx, by Principal, userID int64) (Role, error) {
	if !by.AtLeast(RoleAdmin) {
		return RoleNone, fmt.Errorf("%w: only admins and owners change members", ErrForbidden)
	}
	ms, err := tx.Membership(ctx, by.OrgID, userID)
	if err != nil {
		return RoleNone, err
	}
	old, err := ParseRole(ms.Role)
	if err != nil {
		return RoleNone, err
	}
	if old > by.Role {
		return RoleNone, fmt.Errorf("%w: a %s cannot change an %s", ErrForbidden, by.Role, old)
	}
	return old, nil
}

// keepAnOwner refuses to take away the organization's only owner.
func keepAnOwner(ctx context.Context, tx *store.Tx, orgID int64) error {
	n, err := tx.CountOwners(ctx, orgID)
	if err != nil {
		return err
	}
	if n <= 1 {
		return ErrLastOwner
	}
	return nil
}
