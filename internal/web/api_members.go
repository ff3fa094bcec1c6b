package web

import (
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
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

// memberUpdate serves PATCH /api/v1/org/members/{id}: a role change under
// auth.Members' rules (nobody grants a role above their own or changes
// someone ranked above them; the last owner stays an owner).
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
	if err := s.deps.Services.Members.SetRole(r.Context(), mustPrincipal(r.Context()), userID, role); err != nil {
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
	if err := s.deps.Services.Members.Remove(r.Context(), mustPrincipal(r.Context()), userID); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
