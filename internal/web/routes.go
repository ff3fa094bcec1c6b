package web

import (
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

// access says who may call a route.
type access uint8

const (
	// public routes need no credentials.
	public access = iota
	// member routes need an API key or a session in the org.
	member
	// sessionOnly routes need a browser session: account actions an API key
	// must never reach.
	sessionOnly
)

// route is one entry of the router: its Go 1.22 pattern, who may call it and
// its handler. Every route the server answers is in routes(), which the
// OpenAPI and tenant-isolation tests walk.
type route struct {
	Pattern string
	Access  access
	// Scope is the API key scope the route requires ("" for none).
	Scope auth.Scope
	// MinRole is the lowest organization role allowed; a key acts with its
	// creator's role.
	MinRole auth.Role
	// Record marks routes whose requests are metered into usage.
	Record  bool
	Handler handlerFunc
}

func (s *Server) routes() []route {
	return []route{
		{Pattern: "GET /healthz", Access: public, Handler: s.healthz},
		{Pattern: "GET /readyz", Access: public, Handler: s.readyz},
		{Pattern: "GET /metrics", Access: public, Handler: s.serveMetrics},
		{Pattern: "GET /api/v1/openapi.json", Access: public, Handler: serveOpenAPI},

		{Pattern: "POST /api/v1/generate", Access: member, Scope: auth.ScopeGenerate, MinRole: auth.RoleMember, Record: true, Handler: s.generate},
	}
}

// wrap puts a route's handler behind the per-route middleware, outermost
// first: metrics and the usage record see the final status of everything
// inside; authentication runs before rate limiting so that limits are per
// caller, and authorization before the handler. Public routes (health,
// metrics, the OpenAPI document) are not rate limited.
func (s *Server) wrap(rt route) http.Handler {
	h := rt.Handler
	if rt.Access != public {
		h = s.authorize(rt, h)
		h = s.rateLimit(h)
		h = s.authenticate(rt, h)
	}
	return s.observe(rt, s.errorHandler(h))
}
