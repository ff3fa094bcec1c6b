package web

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

type passwordResetRequest struct {
	Email string `json:"email"`
}

type passwordResetConfirm struct {
	Token    string `json:"token"`
	Password string `json:"password"`
}

// passwordResetAccepted is the one answer to a reset request, whether or
// not the address has an account.
type passwordResetAccepted struct {
	Status string `json:"status"`
}

// passwordResetRequestCreate serves POST /api/v1/auth/password-reset: a
// reset link is mailed if the address belongs to an active account. The
// answer is 202 either way.
func (s *Server) passwordResetRequestCreate(w http.ResponseWriter, r *http.Request) error {
	var req passwordResetRequest
	if err := readJSON(w, r, 4<<10, &req); err != nil {
		return err
	}
	if err := s.deps.Services.CSRF.CheckOrigin(r); err != nil {
		return err
	}
	if err := s.deps.Services.PasswordResets.Request(r.Context(), req.Email, clientIP(r.Context())); err != nil {
		return accountError(err)
	}
	return writeJSON(w, http.StatusAccepted, passwordResetAccepted{Status: "if the address has an account, a reset link was sent"})
}

// passwordResetConfirmCreate serves POST
// /api/v1/auth/password-reset/confirm: the token of the mailed link and
// a new password. Every session of the account ends; the caller signs in
// again.
func (s *Server) passwordResetConfirmCreate(w http.ResponseWriter, r *http.Request) error {
	var req passwordResetConfirm
	if err := readJSON(w, r, 4<<10, &req); err != nil {
		return err
	}
	if err := s.deps.Services.CSRF.CheckOrigin(r); err != nil {
		return err
	}
	_, err := s.deps.Services.PasswordResets.Confirm(r.Context(), req.Token, req.Password, clientIP(r.Context()))
	if errors.Is(err, auth.ErrResetInvalid) {
		return &Error{Status: http.StatusBadRequest, Msg: auth.ErrResetInvalid.Error(), Err: err}
	}
	if err != nil {
		return accountError(err)
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
