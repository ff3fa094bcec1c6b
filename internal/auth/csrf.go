package auth

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/base64"
	"errors"
	"fmt"
	"mime"
	"net/http"
)

// Where a browser sends the CSRF token: a header for fetch/XHR, a form
// field for HTML forms.
const (
	CSRFHeader = "X-CSRF-Token"
	CSRFField  = "csrf_token"
)

// CSRF protects state-changing requests made with a session cookie. Two
// independent checks must both pass:
//
//   - net/http's CrossOriginProtection: the browser's Sec-Fetch-Site or
//     Origin header must say the request comes from this site;
//   - a synchronizer token bound to the session: HMAC-SHA256 of the
//     session ID under a server key, sent back in X-CSRF-Token or the
//     csrf_token form field. A page of another origin can neither read it
//     nor compute it.
//
// Requests authenticated without a cookie (an API key in the Authorization
// header) are not exposed to CSRF and need neither check.
type CSRF struct {
	key []byte
	cop *http.CrossOriginProtection
}

// NewCSRF returns a CSRF guard keyed with key (at least 32 bytes, shared
// by all replicas).
func NewCSRF(key []byte) (*CSRF, error) {
	if len(key) < 32 {
		return nil, errors.New("csrf key must have at least 32 bytes")
	}
	return &CSRF{key: key, cop: http.NewCrossOriginProtection()}, nil
}

// AddTrustedOrigin allows cross-origin requests from origin
// ("https://portal.example.com"), e.g. a separate front-end host.
func (c *CSRF) AddTrustedOrigin(origin string) error {
	return c.cop.AddTrustedOrigin(origin)
}

// Token returns the CSRF token of a session, to be embedded in pages and
// sent back with every state-changing request.
func (c *CSRF) Token(sessionID string) string {
	m := hmac.New(sha256.New, c.key)
	m.Write([]byte("syncloud csrf\x00"))
	m.Write([]byte(sessionID))
	return base64.RawURLEncoding.EncodeToString(m.Sum(nil))
}

// Check returns nil for a safe request (GET, HEAD, OPTIONS) and for a
// state-changing one that comes from this site and carries the session's
// token; otherwise an error matching ErrCSRF.
func (c *CSRF) Check(r *http.Request, sessionID string) error {
	switch r.Method {
	case http.MethodGet, http.MethodHead, http.MethodOptions:
		return nil
	}
	if err := c.cop.Check(r); err != nil {
		return fmt.Errorf("%w: %v", ErrCSRF, err)
	}
	got := requestCSRFToken(r)
	if got == "" || !hmac.Equal([]byte(got), []byte(c.Token(sessionID))) {
		return ErrCSRF
	}
	return nil
}

// requestCSRFToken reads the token from the header or, for form posts,
// the form field.
func requestCSRFToken(r *http.Request) string {
	if t := r.Header.Get(CSRFHeader); t != "" {
		return t
	}
	ct, _, _ := mime.ParseMediaType(r.Header.Get("Content-Type"))
	if ct == "application/x-www-form-urlencoded" || ct == "multipart/form-data" {
		return r.PostFormValue(CSRFField)
	}
	return ""
}

// CheckOrigin applies only the cross-origin check. It suits unsafe
// requests that carry no session yet, such as the login and registration
// forms (login CSRF); non-browser clients send no Sec-Fetch-Site or Origin
// header and pass.
func (c *CSRF) CheckOrigin(r *http.Request) error {
	if err := c.cop.Check(r); err != nil {
		return fmt.Errorf("%w: %v", ErrCSRF, err)
	}
	return nil
}

// Protect is middleware that answers 403 to a request failing the checks.
// Every request gets CheckOrigin; when sessionID names the session the
// request's cookie authenticated, it must also pass Check. sessionID
// returns "" when no cookie was used (API keys).
func (c *CSRF) Protect(sessionID func(*http.Request) string) func(http.Handler) http.Handler {
	return func(next http.Handler) http.Handler {
		return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
			err := c.CheckOrigin(r)
			if id := sessionID(r); err == nil && id != "" {
				err = c.Check(r, id)
			}
			if err != nil {
				http.Error(w, ErrCSRF.Error(), http.StatusForbidden)
				return
			}
			next.ServeHTTP(w, r)
		})
	}
}
