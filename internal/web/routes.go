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
	// stateBackend routes are Terraform's HTTP state backend: basic auth
	// with a run's credential or an API key, or the member credentials.
	stateBackend
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
	Record bool
	// Unlimited routes (health, metrics) skip rate limiting.
	Unlimited bool
	Handler   handlerFunc
}

func (s *Server) routes() []route {
	const (
		viewer, mem, admin = auth.RoleViewer, auth.RoleMember, auth.RoleAdmin
		gen, adm           = auth.ScopeGenerate, auth.ScopeAdmin
	)
	return append([]route{
		{Pattern: "GET /healthz", Access: public, Unlimited: true, Handler: s.healthz},
		{Pattern: "GET /readyz", Access: public, Unlimited: true, Handler: s.readyz},
		{Pattern: "GET /metrics", Access: public, Unlimited: true, Handler: s.serveMetrics},
		{Pattern: "GET /api/v1/openapi.json", Access: public, Unlimited: true, Handler: serveOpenAPI},

		{Pattern: "POST /api/v1/auth/register", Access: public, Handler: s.register},
		{Pattern: "POST /api/v1/auth/login", Access: public, Handler: s.login},
		{Pattern: "POST /api/v1/auth/logout", Access: sessionOnly, MinRole: viewer, Handler: s.logout},
		{Pattern: "POST /api/v1/auth/password-reset", Access: public, Handler: s.passwordResetRequestCreate},
		{Pattern: "POST /api/v1/auth/password-reset/confirm", Access: public, Handler: s.passwordResetConfirmCreate},
		{Pattern: "GET /api/v1/auth/oauth/{provider}", Access: public, Handler: s.oauthBegin},
		{Pattern: "GET /api/v1/auth/oauth/{provider}/callback", Access: public, Handler: s.oauthCallback},
		{Pattern: "POST /api/v1/account/oauth/{provider}", Access: sessionOnly, MinRole: viewer, Record: true, Handler: s.oauthLink},

		{Pattern: "POST /api/v1/generate", Access: member, Scope: gen, MinRole: mem, Record: true, Handler: s.generate},
		{Pattern: "GET /api/v1/usage", Access: member, Scope: adm, MinRole: admin, Record: true, Handler: s.usageReport},
		{Pattern: "GET /api/v1/audit", Access: member, Scope: adm, MinRole: admin, Record: true, Handler: s.auditList},

		{Pattern: "GET /api/v1/account", Access: sessionOnly, MinRole: viewer, Handler: s.accountShow},
		{Pattern: "PATCH /api/v1/account", Access: sessionOnly, MinRole: viewer, Record: true, Handler: s.accountUpdate},
		{Pattern: "POST /api/v1/account/password", Access: sessionOnly, MinRole: viewer, Record: true, Handler: s.passwordChange},
		{Pattern: "GET /api/v1/account/sessions", Access: sessionOnly, MinRole: viewer, Handler: s.sessionList},
		{Pattern: "DELETE /api/v1/account/sessions/{id}", Access: sessionOnly, MinRole: viewer, Record: true, Handler: s.sessionRevoke},
		{Pattern: "POST /api/v1/invitations/accept", Access: sessionOnly, MinRole: auth.RoleNone, Record: true, Handler: s.invitationAccept},

		{Pattern: "GET /api/v1/keys", Access: member, Scope: adm, MinRole: mem, Record: true, Handler: s.keyList},
		{Pattern: "POST /api/v1/keys", Access: sessionOnly, MinRole: viewer, Record: true, Handler: s.keyCreate},
		{Pattern: "DELETE /api/v1/keys/{id}", Access: member, Scope: adm, MinRole: mem, Record: true, Handler: s.keyRevoke},

		{Pattern: "GET /api/v1/org/members", Access: member, Scope: adm, MinRole: viewer, Handler: s.memberList},
		{Pattern: "PATCH /api/v1/org/members/{id}", Access: member, Scope: adm, MinRole: admin, Record: true, Handler: s.memberUpdate},
		{Pattern: "DELETE /api/v1/org/members/{id}", Access: member, Scope: adm, MinRole: admin, Record: true, Handler: s.memberRemove},
		{Pattern: "GET /api/v1/org/invitations", Access: member, Scope: adm, MinRole: admin, Handler: s.invitationList},
		{Pattern: "POST /api/v1/org/invitations", Access: sessionOnly, MinRole: admin, Record: true, Handler: s.invitationCreate},
		{Pattern: "DELETE /api/v1/org/invitations/{id}", Access: member, Scope: adm, MinRole: admin, Record: true, Handler: s.invitationRevoke},
	}, s.runRoutes()...)
}

// runRoutes are the routes of workspaces, runs, the state backend, AWS
// connections and Local Agents.
func (s *Server) runRoutes() []route {
	const (
		viewer, mem, admin = auth.RoleViewer, auth.RoleMember, auth.RoleAdmin
		read, write        = auth.ScopeRunsRead, auth.ScopeRunsWrite
	)
	return []route{
		{Pattern: "GET /api/v1/workspaces", Access: member, Scope: read, MinRole: viewer, Handler: s.workspaceList},
		{Pattern: "POST /api/v1/workspaces", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.workspaceCreate},
		{Pattern: "GET /api/v1/workspaces/{id}", Access: member, Scope: read, MinRole: viewer, Handler: s.workspaceShow},
		{Pattern: "POST /api/v1/workspaces/{id}/ask", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.workspaceAsk},
		{Pattern: "GET /api/v1/workspaces/{id}/runs", Access: member, Scope: read, MinRole: viewer, Handler: s.workspaceRuns},
		{Pattern: "POST /api/v1/workspaces/{id}/runs", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.workspaceQueue},
		{Pattern: "GET /api/v1/workspaces/{id}/state", Access: stateBackend, Scope: write, MinRole: mem, Unlimited: true, Handler: s.stateGet},
		{Pattern: "POST /api/v1/workspaces/{id}/state", Access: stateBackend, Scope: write, MinRole: mem, Unlimited: true, Handler: s.statePost},
		{Pattern: "LOCK /api/v1/workspaces/{id}/state", Access: stateBackend, Scope: write, MinRole: mem, Unlimited: true, Handler: s.stateLock},
		{Pattern: "UNLOCK /api/v1/workspaces/{id}/state", Access: stateBackend, Scope: write, MinRole: mem, Unlimited: true, Handler: s.stateUnlock},
		{Pattern: "GET /api/v1/workspaces/{id}/state/versions", Access: member, Scope: read, MinRole: viewer, Handler: s.stateVersions},
		{Pattern: "GET /api/v1/workspaces/{id}/state/versions/{n}", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.stateVersion},

		{Pattern: "GET /api/v1/runs/{id}", Access: member, Scope: read, MinRole: viewer, Handler: s.runShow},
		{Pattern: "GET /api/v1/runs/{id}/plan", Access: member, Scope: read, MinRole: viewer, Handler: s.runPlan},
		{Pattern: "POST /api/v1/runs/{id}/approve", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.runApprove},
		{Pattern: "POST /api/v1/runs/{id}/discard", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.runDiscard},
		{Pattern: "GET /api/v1/runs/{id}/logs", Access: member, Scope: read, MinRole: viewer, Unlimited: true, Handler: s.runLogs},
		{Pattern: "POST /api/v1/runs/{id}/logs", Access: member, Scope: write, MinRole: mem, Unlimited: true, Handler: s.runLogAppend},
		{Pattern: "PUT /api/v1/runs/{id}/plan", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.runPlanUpload},
		{Pattern: "PUT /api/v1/runs/{id}/status", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.runStatusReport},

		{Pattern: "GET /api/v1/connections", Access: member, Scope: read, MinRole: viewer, Handler: s.connectionList},
		{Pattern: "POST /api/v1/connections", Access: member, Scope: write, MinRole: admin, Record: true, Handler: s.connectionCreate},
		{Pattern: "POST /api/v1/connections/{id}/verify", Access: member, Scope: write, MinRole: admin, Record: true, Handler: s.connectionVerify},
		{Pattern: "DELETE /api/v1/connections/{id}", Access: member, Scope: write, MinRole: admin, Record: true, Handler: s.connectionDelete},

		{Pattern: "GET /api/v1/agents", Access: member, Scope: read, MinRole: viewer, Handler: s.agentList},
		{Pattern: "POST /api/v1/agents/register", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.agentRegister},
		{Pattern: "POST /api/v1/agents/{id}/heartbeat", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.agentHeartbeat},
		{Pattern: "POST /api/v1/agents/{id}/claim", Access: member, Scope: write, MinRole: mem, Record: true, Handler: s.agentClaim},
	}
}

// wrap puts a route's handler behind the per-route middleware, outermost
// first: metrics and the usage record see the final status of everything
// inside; authentication runs before rate limiting so that limits are per
// caller (public routes are limited per client IP), and authorization
// before the handler. Health, metrics and the OpenAPI document are not
// rate limited.
func (s *Server) wrap(rt route) http.Handler {
	h := rt.Handler
	if rt.Access != public {
		h = s.authorize(rt, h)
	}
	if !rt.Unlimited {
		h = s.rateLimit(h)
	}
	switch rt.Access {
	case public:
	case stateBackend:
		h = s.authenticateState(rt, h)
	default:
		h = s.authenticate(rt, h)
	}
	return s.observe(rt, s.errorHandler(h))
}
