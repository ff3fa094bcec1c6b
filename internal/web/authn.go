package web

import (
	"context"
	"net/http"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
)

// Authenticator is what the web layer asks of internal/auth: turn a
// credential into the Principal acting, or fail with an error that maps to
// 401 (or 403 for a failed CSRF check).
type Authenticator interface {
	// APIKey resolves the raw key of an "Authorization: Bearer" header.
	APIKey(ctx context.Context, raw string) (auth.Principal, error)
	// Session resolves the request's session cookie. For methods that
	// change state it also checks the request's CSRF token.
	Session(r *http.Request) (auth.Principal, error)
}

// principal returns the authenticated caller, set by authenticate.
func principal(ctx context.Context) (auth.Principal, bool) {
	p, ok := ctx.Value(ctxPrincipal).(auth.Principal)
	return p, ok
}

// mustPrincipal returns the caller of a route that is not public; the router
// guarantees there is one.
func mustPrincipal(ctx context.Context) auth.Principal {
	p, _ := principal(ctx)
	return p
}

// authenticate resolves the caller from a Bearer API key or, failing that,
// a session cookie, and stores it in the context and the request record.
// Session-only routes refuse API keys.
func (s *Server) authenticate(rt route, next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p, err := s.resolve(r, rt.Access)
		if err != nil {
			return s.failedAuth(w, r, err)
		}
		if rec := recordOf(r.Context()); rec != nil {
			rec.principal = &p
		}
		return next(w, r.WithContext(context.WithValue(r.Context(), ctxPrincipal, p)))
	}
}

// failedAuth charges a failed authentication to the client IP's bucket, so
// that one address guessing keys or replaying stolen cookies is slowed to
// the rate limit (429) instead of being answered as fast as it asks.
func (s *Server) failedAuth(w http.ResponseWriter, r *http.Request, err error) error {
	ok, wait, lerr := s.limiter.Allow(r.Context(), "authfail:"+clientIP(r.Context()))
	if lerr == nil && !ok {
		w.Header().Set("Retry-After", strconv.Itoa(max(1, int(wait.Seconds()+0.999))))
		return errRateLimited
	}
	return err
}

func (s *Server) resolve(r *http.Request, a access) (auth.Principal, error) {
	if s.deps.Auth == nil {
		return auth.Principal{}, errUnauthenticated
	}
	if h := r.Header.Get("Authorization"); h != "" {
		raw, ok := bearer(h)
		if !ok || a == sessionOnly {
			return auth.Principal{}, errUnauthenticated
		}
		return s.deps.Auth.APIKey(r.Context(), raw)
	}
	return s.deps.Auth.Session(r)
}

// bearer extracts the token of an "Authorization: Bearer <token>" header.
func bearer(h string) (string, bool) {
	scheme, token, ok := strings.Cut(h, " ")
	if !ok || !strings.EqualFold(scheme, "Bearer") {
		return "", false
	}
	token = strings.TrimSpace(token)
	return token, token != ""
}

// authorize checks the caller's role against the route's minimum and, for
// an API key, the route's scope. Everything else about a resource (does it
// belong to the caller's org?) is the store's WHERE clause, which answers
// 404 for another org's IDs.
func (s *Server) authorize(rt route, next handlerFunc) handlerFunc {
	return func(w http.ResponseWriter, r *http.Request) error {
		p := mustPrincipal(r.Context())
		if !p.AtLeast(rt.MinRole) {
			return errForbidden
		}
		if p.Kind != auth.KindUser && rt.Scope != "" && !p.Can(rt.Scope) {
			return errorf(http.StatusForbidden, "the API key lacks the %q scope", rt.Scope)
		}
		return next(w, r)
	}
}
