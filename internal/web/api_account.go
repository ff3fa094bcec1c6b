package web

import (
	"cmp"
	"net/http"
	"strconv"
	"time"

	"github.com/syncloud/syncloud/internal/auth"
)

type accountView struct {
	UserID    int64         `json:"user_id"`
	Email     string        `json:"email"`
	Name      string        `json:"name"`
	OrgID     int64         `json:"org_id"`
	Role      string        `json:"role"`
	CSRFToken string        `json:"csrf_token"`
	Orgs      []accountOrgs `json:"orgs"`
	// MarketingOptIn is the user's consent to marketing e-mail (off
	// unless given).
	MarketingOptIn bool `json:"marketing_opt_in"`
}

type accountOrgs struct {
	ID   int64  `json:"id"`
	Name string `json:"name"`
	Role string `json:"role"`
}

// accountShow serves GET /api/v1/account: who is signed in, in which
// organization, and the session's CSRF token.
func (s *Server) accountShow(w http.ResponseWriter, r *http.Request) error {
	p := mustPrincipal(r.Context())
	u, err := s.deps.DB.User(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	ms, err := s.deps.DB.UserMemberships(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	v := accountView{UserID: u.ID, Email: u.Email, Name: u.Name, OrgID: p.OrgID, Role: p.Role.String(),
		CSRFToken: s.deps.Services.CSRF.Token(p.SessionID), Orgs: []accountOrgs{}, MarketingOptIn: u.MarketingOptIn}
	for _, m := range ms {
		v.Orgs = append(v.Orgs, accountOrgs{ID: m.OrgID, Name: m.OrgName, Role: m.Role})
	}
	return writeJSON(w, http.StatusOK, v)
}

type passwordRequest struct {
	Current string `json:"current_password"`
	New     string `json:"new_password"`
}

// passwordChange serves POST /api/v1/account/password. Every session of
// the user ends; this browser gets a fresh one.
func (s *Server) passwordChange(w http.ResponseWriter, r *http.Request) error {
	var req passwordRequest
	if err := readJSON(w, r, 16<<10, &req); err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	token, err := s.deps.Services.Accounts.ChangePassword(r.Context(), auth.PasswordChange{
		UserID: p.UserID, Current: req.Current, New: req.New,
		IP: clientIP(r.Context()), UserAgent: r.UserAgent(), CurrentSessionTok: s.deps.Services.Cookies.SessionToken(r),
	})
	if err != nil {
		return accountError(err)
	}
	s.deps.Services.Cookies.SetSession(w, token)
	return writeJSON(w, http.StatusOK, map[string]string{"csrf_token": s.deps.Services.CSRF.Token(auth.HashToken(token))})
}

type sessionView struct {
	ID         string    `json:"id"`
	CreatedAt  time.Time `json:"created_at"`
	LastSeenAt time.Time `json:"last_seen_at"`
	IP         string    `json:"ip"`
	UserAgent  string    `json:"user_agent"`
	Browser    string    `json:"browser"`
	OS         string    `json:"os"`
	Current    bool      `json:"current"`
}

// sessionList serves GET /api/v1/account/sessions: the user's live
// sessions, newest first.
func (s *Server) sessionList(w http.ResponseWriter, r *http.Request) error {
	p := mustPrincipal(r.Context())
	ss, err := s.deps.Services.Sessions.List(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	out := make([]sessionView, 0, len(ss))
	for _, x := range ss {
		ua := ParseUserAgent(x.UserAgent)
		out = append(out, sessionView{ID: x.ID, CreatedAt: x.CreatedAt, LastSeenAt: x.LastSeenAt, IP: x.IP,
			UserAgent: x.UserAgent, Browser: ua.Browser, OS: ua.OS, Current: x.ID == p.SessionID})
	}
	return writeJSON(w, http.StatusOK, map[string]any{"sessions": out})
}

// sessionRevoke serves DELETE /api/v1/account/sessions/{id}; another user's
// session ID is not found.
func (s *Server) sessionRevoke(w http.ResponseWriter, r *http.Request) error {
	p := mustPrincipal(r.Context())
	if err := s.deps.Services.Sessions.EndByID(r.Context(), p.UserID, r.PathValue("id")); err != nil {
		return err
	}
	if err := s.deps.Audit.Append(r.Context(), actorEvent(p, "auth.session_revoke", "user:"+strconv.FormatInt(p.UserID, 10), nil)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}

type accountUpdate struct {
	// Name and Email keep their values when absent.
	Name  string `json:"name"`
	Email string `json:"email"`
	// Password confirms an email change.
	Password string `json:"password,omitempty"`
	// MarketingOptIn, when present, records the marketing e-mail choice.
	MarketingOptIn *bool `json:"marketing_opt_in,omitempty"`
}

// accountUpdate serves PATCH /api/v1/account: a new name, email (which
// needs the current password) or marketing e-mail choice.
func (s *Server) accountUpdate(w http.ResponseWriter, r *http.Request) error {
	var req accountUpdate
	if err := readJSON(w, r, 16<<10, &req); err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	u, err := s.deps.DB.User(r.Context(), p.UserID)
	if err != nil {
		return err
	}
	if req.Name != "" || req.Email != "" {
		up := auth.AccountUpdate{UserID: p.UserID, Name: cmp.Or(req.Name, u.Name), Email: cmp.Or(req.Email, u.Email),
			Password: req.Password, IP: clientIP(r.Context())}
		if u, err = s.deps.Services.Accounts.UpdateAccount(r.Context(), up); err != nil {
			return accountError(err)
		}
	}
	if req.MarketingOptIn != nil {
		if err := s.deps.Services.Accounts.SetMarketingConsent(r.Context(), p.UserID, *req.MarketingOptIn); err != nil {
			return err
		}
		u.MarketingOptIn = *req.MarketingOptIn
	}
	return writeJSON(w, http.StatusOK, map[string]any{"user_id": u.ID, "name": u.Name, "email": u.Email,
		"marketing_opt_in": u.MarketingOptIn})
}
