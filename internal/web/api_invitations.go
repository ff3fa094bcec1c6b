package web

import (
	"fmt"
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/store"
)

type invitationView struct {
	ID         int64      `json:"id"`
	Email      string     `json:"email"`
	Role       string     `json:"role"`
	InvitedBy  int64      `json:"invited_by"`
	CreatedAt  time.Time  `json:"created_at"`
	ExpiresAt  time.Time  `json:"expires_at"`
	AcceptedAt *time.Time `json:"accepted_at"`
}

func newInvitationView(i *store.Invitation) invitationView {
	return invitationView{ID: i.ID, Email: i.Email, Role: i.Role, InvitedBy: i.InvitedBy,
		CreatedAt: i.CreatedAt, ExpiresAt: i.ExpiresAt, AcceptedAt: i.AcceptedAt}
}

// invitationList serves GET /api/v1/org/invitations.
func (s *Server) invitationList(w http.ResponseWriter, r *http.Request) error {
	invs, err := s.deps.DB.Invitations(r.Context(), mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return err
	}
	out := make([]invitationView, 0, len(invs))
	for i := range invs {
		out = append(out, newInvitationView(&invs[i]))
	}
	return writeJSON(w, http.StatusOK, map[string]any{"invitations": out})
}

type invitationCreate struct {
	Email string `json:"email"`
	Role  string `json:"role"`
}

// invitationCreate serves POST /api/v1/org/invitations: the invitation
// link goes out by mail, never in the answer.
func (s *Server) invitationCreate(w http.ResponseWriter, r *http.Request) error {
	var req invitationCreate
	if err := readJSON(w, r, 4<<10, &req); err != nil {
		return err
	}
	role, err := auth.ParseRole(req.Role)
	if err != nil {
		return errorf(http.StatusBadRequest, "%v", err)
	}
	inv, err := s.deps.Services.Invitations.Invite(r.Context(), mustPrincipal(r.Context()), req.Email, role)
	if err != nil {
		return accountError(err)
	}
	return writeJSON(w, http.StatusCreated, newInvitationView(inv))
}

// invitationRevoke serves DELETE /api/v1/org/invitations/{id}.
func (s *Server) invitationRevoke(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	if err := s.deps.DB.DeleteInvitation(r.Context(), p.OrgID, id); err != nil {
		return err
	}
	if err := s.deps.Audit.Append(r.Context(), actorEvent(p, "membership.invite_revoke", fmt.Sprintf("invitation:%d", id), nil)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type invitationAccept struct {
	Token string `json:"token"`
}

// invitationAccept serves POST /api/v1/invitations/accept: the signed-in
// user joins the inviting organization.
func (s *Server) invitationAccept(w http.ResponseWriter, r *http.Request) error {
	var req invitationAccept
	if err := readJSON(w, r, 4<<10, &req); err != nil {
		return err
	}
	inv, err := s.deps.Services.Invitations.Accept(r.Context(), mustPrincipal(r.Context()).UserID, req.Token)
	if err != nil {
		return accountError(err)
	}
	return writeJSON(w, http.StatusOK, map[string]any{"org_id": inv.OrgID, "role": inv.Role})
}
