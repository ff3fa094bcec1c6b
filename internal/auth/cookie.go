package auth

import (
	"net/http"
	"time"
)

// Cookie names. The __Host- prefix makes browsers insist on Secure, Path=/
// and no Domain, so a sibling subdomain cannot plant or read the cookie.
// Plain-HTTP development (Cookies.Insecure) cannot use the prefix, because
// browsers drop such cookies without Secure; it uses the bare name.
const (
	SessionCookie    = "__Host-syncloud_session"
	devSessionCookie = "syncloud_session"
)

// Cookies writes and reads the session cookie.
type Cookies struct {
	// Insecure allows the cookie over plain HTTP: only for localhost
	// development (config Dev).
	Insecure bool
}

// Name is the session cookie's name in this mode.
func (c Cookies) Name() string {
	if c.Insecure {
		return devSessionCookie
	}
	return SessionCookie
}

// SetSession sets the session cookie to token. The cookie has no
// Max-Age: the server's idle and absolute timeouts end the session, and the
// browser forgets it when closed.
func (c Cookies) SetSession(w http.ResponseWriter, token string) {
	http.SetCookie(w, c.cookie(token, 0))
}

// ClearSession removes the session cookie from the browser (logout).
func (c Cookies) ClearSession(w http.ResponseWriter) {
	ck := c.cookie("", -1)
	ck.Expires = time.Unix(0, 0)
	http.SetCookie(w, ck)
}

// SessionToken returns the session token a request carries, or "".
func (c Cookies) SessionToken(r *http.Request) string {
	ck, err := r.Cookie(c.Name())
	if err != nil {
		return ""
	}
	return ck.Value
}

func (c Cookies) cookie(value string, maxAge int) *http.Cookie {
	return &http.Cookie{
		Name:     c.Name(),
		Value:    value,
		Path:     "/",
		MaxAge:   maxAge,
		Secure:   !c.Insecure,
		HttpOnly: true,
		SameSite: http.SameSiteLaxMode,
	}
}
