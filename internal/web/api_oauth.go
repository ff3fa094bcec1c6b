package web

import (
	"net/http"
)

// oauthBegin serves GET /api/v1/auth/oauth/{provider}: the browser is sent
// to the provider to sign in, with state and PKCE in a signed flow cookie.
func (s *Server) oauthBegin(w http.ResponseWriter, r *http.Request) error {
	url, err := s.deps.Services.OAuth.Begin(w, r.PathValue("provider"), 0)
	if err != nil {
		return err
	}
	http.Redirect(w, r, url, http.StatusSeeOther)
	return nil
}

// oauthCallback serves GET /api/v1/auth/oauth/{provider}/callback, where
// the provider sends the browser back: a sign-in (or sign-up) lands on the
// portal's home page, a link on the account page.
func (s *Server) oauthCallback(w http.ResponseWriter, r *http.Request) error {
	res, err := s.deps.Services.OAuth.Callback(w, r, r.PathValue("provider"), clientIP(r.Context()), r.UserAgent())
	if err != nil {
		return err
	}
	to := "/"
	if res.Linked != nil {
		to = "/account"
	}
	http.Redirect(w, r, to, http.StatusSeeOther)
	return nil
}

// oauthLink serves POST /api/v1/account/oauth/{provider}: the signed-in
// user starts linking a provider account; the answer names the URL to send
// the browser to.
func (s *Server) oauthLink(w http.ResponseWriter, r *http.Request) error {
	url, err := s.deps.Services.OAuth.Begin(w, r.PathValue("provider"), mustPrincipal(r.Context()).UserID)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, map[string]string{"redirect": url})
}
