package web

import (
	"context"
	"fmt"
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

type memberView struct {
	UserID    int64     `json:"user_id"`
	Email     string    `json:"email"`
	Name      string    `json:"name"`
	Role      string    `json:"role"`
	CreatedAt time.Time `json:"created_at"`
}

// memberList serves GET /api/v1/org/members.
func (s *Server) memberList(w http.ResponseWriter, r *http.Request) error {
	ms, err := s.deps.DB.Members(r.Context(), mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return err
	}
	out := make([]memberView, 0, len(ms))
	for _, m := range ms {
		out = append(out, memberView{UserID: m.UserID, Email: m.Email, Name: m.Name, Role: m.Role, CreatedAt: m.CreatedAt})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"members": out})
}

type memberUpdate struct {
	Role string `json:"role"`
}

// memberUpdate serves PATCH /api/v1/org/members/{id}: a role change. Nobody
// grants a role above their own or changes someone ranked above them, and
// the last owner stays an owner.
func (s *Server) memberUpdate(w http.ResponseWriter, r *http.Request) error {
	userID, err := pathID(r)
	if err != nil {
		return err
	}
	var req memberUpdate
	if err := readJSON(w, r, 4<<10, &req); err != nil {
		return err
	}
	role, err := auth.ParseRole(req.Role)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	p := mustPrincipal(r.Context())
	if role > p.Role {
		return errorf(http.StatusForbidden, "a %s cannot grant the %s role", p.Role, role)
	}
	err = s.deps.DB.Transact(r.Context(), func(tx *store.Tx) error {
		old, err := s.changeable(r.Context(), tx, p, userID)
		if err != nil {
			return err
		}
		if old == auth.RoleOwner && role != auth.RoleOwner {
			if err := lastOwner(r.Context(), tx, p.OrgID); err != nil {
				return err
			}
		}
		return tx.SetMemberRole(r.Context(), p.OrgID, userID, role.String())
	})
	if err != nil {
		return err
	}
	ev := actorEvent(p, "membership.role_change", fmt.Sprintf("user:%d", userID), map[string]any{"role": role.String()})
	if err := s.deps.Audit.Append(r.Context(), ev); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// memberRemove serves DELETE /api/v1/org/members/{id}, under the same
// rules as a role change.
func (s *Server) memberRemove(w http.ResponseWriter, r *http.Request) error {
	userID, err := pathID(r)
	if err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	err = s.deps.DB.Transact(r.Context(), func(tx *store.Tx) error {
		old, err := s.changeable(r.Context(), tx, p, userID)
		if err != nil {
			return err
		}
		if old == auth.RoleOwner {
			if err := lastOwner(r.Context(), tx, p.OrgID); err != nil {
				return err
			}
		}
		return tx.RemoveMembership(r.Context(), p.OrgID, userID)
	})
	if err != nil {
		return err
	}
	if err := s.deps.Audit.Append(r.Context(), actorEvent(p, "membership.remove", fmt.Sprintf("user:%d", userID), nil)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// changeable returns the member's current role, or an error when the
// member is not in the caller's organization (404) or ranks above the
// caller (403).
func (s *Server) changeable(ctx context.Context, tx *store.Tx, p auth.Principal, userID int64) (auth.Role, error) {
	m, err := tx.Membership(ctx, p.OrgID, userID)
	if err != nil {
		return auth.RoleNone, err
	}
	old, err := auth.ParseRole(m.Role)
	if err != nil {
		return auth.RoleNone, err
	}
	if old > p.Role {
		return auth.RoleNone, errorf(http.StatusForbidden, "a %s cannot change an %s", p.Role, old)
	}
	return old, nil
}

// lastOwner refuses to take away the organization's only owner.
func lastOwner(ctx context.Context, tx *store.Tx, orgID int64) error {
	n, err := tx.CountOwners(ctx, orgID)
	if err != nil {
		return err
	}
	if n <= 1 {
		return errorf(http.StatusConflict, "the organization's last owner cannot be removed or demoted")
	}
	return nil
}
