package web

import (
	"errors"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

type registerRequest struct {
	Email    string `json:"email"`
	Name     string `json:"name"`
	Org      string `json:"org"`
	Password string `json:"password"`
}

type loginRequest struct {
	Email    string `json:"email"`
	Password string `json:"password"`
}

// signedIn is the answer to a sign-in: the session cookie is set on the
// response; the CSRF token must accompany every state-changing request.
type signedIn struct {
	UserID    int64  `json:"user_id"`
	OrgID     int64  `json:"org_id,omitempty"`
	CSRFToken string `json:"csrf_token"`
}

// register serves POST /api/v1/auth/register: a new user owning a new
// organization, signed in at once.
func (s *Server) register(w http.ResponseWriter, r *http.Request) error {
	var req registerRequest
	if err := readJSON(w, r, 16<<10, &req); err != nil {
		return err
	}
	if err := s.deps.Services.CSRF.CheckOrigin(r); err != nil {
		return err
	}
	u, org, err := s.deps.Services.Accounts.Register(r.Context(), auth.Registration{
		Email: req.Email, Name: req.Name, OrgName: req.Org, Password: req.Password,
	})
	if err != nil {
		return accountError(err)
	}
	return s.signIn(w, r, loginRequest{Email: u.Email, Password: req.Password}, org.ID, http.StatusCreated)
}

// login serves POST /api/v1/auth/login.
func (s *Server) login(w http.ResponseWriter, r *http.Request) error {
	var req loginRequest
	if err := readJSON(w, r, 16<<10, &req); err != nil {
		return err
	}
	if err := s.deps.Services.CSRF.CheckOrigin(r); err != nil {
		return err
	}
	return s.signIn(w, r, req, 0, http.StatusOK)
}

func (s *Server) signIn(w http.ResponseWriter, r *http.Request, req loginRequest, orgID int64, status int) error {
	res, err := s.deps.Services.Accounts.Login(r.Context(), auth.LoginRequest{
		Email: req.Email, Password: req.Password,
		IP: clientIP(r.Context()), UserAgent: r.UserAgent(),
		OldSessionToken: s.deps.Services.Cookies.SessionToken(r),
	})
	if err != nil {
		return err
	}
	s.deps.Services.Cookies.SetSession(w, res.Token)
	return writeJSON(w, status, signedIn{UserID: res.User.ID, OrgID: orgID, CSRFToken: s.deps.Services.CSRF.Token(res.Session.ID)})
}

// logout serves POST /api/v1/auth/logout: the session ends and the cookie
// is cleared.
func (s *Server) logout(w http.ResponseWriter, r *http.Request) error {
	if err := s.deps.Services.Accounts.Logout(r.Context(), s.deps.Services.Cookies.SessionToken(r)); err != nil {
		return err
	}
	s.deps.Services.Cookies.ClearSession(w)
	w.WriteHeader(http.StatusNoContent)
	return nil
}

// accountError maps the account service's form errors to client errors.
func accountError(err error) error {
	switch {
	case errors.Is(err, auth.ErrInvalidInput):
		return &Error{Status: http.StatusBadRequest, Msg: err.Error(), Err: err}
	case errors.Is(err, auth.ErrEmailTaken):
		return &Error{Status: http.StatusConflict, Msg: auth.ErrEmailTaken.Error(), Err: err}
	case errors.Is(err, auth.ErrWrongPassword):
		return &Error{Status: http.StatusForbidden, Msg: auth.ErrWrongPassword.Error(), Err: err}
	}
	return err
}
