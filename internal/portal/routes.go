package portal

import "net/http"

// handlerFunc is a page handler; errors go to serve.
type handlerFunc func(w http.ResponseWriter, r *http.Request) error

// route is one portal page: its Go 1.22 pattern, whether it needs a
// signed-in user, and its handler.
type route struct {
	pattern string
	// signedIn routes redirect visitors without a session to /login.
	signedIn bool
	handler  handlerFunc
}

// routes lists every page the portal serves.
func (p *Portal) routes() []route {
	return []route{
		{pattern: "GET /{$}", handler: p.homeShow},
		{pattern: "GET /privacy", handler: p.privacyShow},
		{pattern: "GET /contact", handler: p.contactShow},
		{pattern: "POST /contact", handler: p.contactCreate},
		{pattern: "GET /signup", handler: p.signupShow},
		{pattern: "POST /signup", handler: p.signupCreate},
		{pattern: "GET /login", handler: p.loginShow},
		{pattern: "POST /login", handler: p.loginCreate},
		{pattern: "GET /login/reset", handler: p.resetShow},
		{pattern: "POST /login/reset", handler: p.resetCreate},
		{pattern: "GET /login/reset/{token}", handler: p.resetConfirmShow},
		{pattern: "POST /login/reset/{token}", handler: p.resetConfirmCreate},
		{pattern: "GET /unsubscribe", handler: p.unsubscribeShow},
		{pattern: "POST /unsubscribe", handler: p.unsubscribeCreate},
		{pattern: "GET /invitations/accept", handler: p.invitationAcceptShow},
		{pattern: "POST /invitations/accept", signedIn: true, handler: p.invitationAcceptCreate},
		{pattern: "POST /logout", signedIn: true, handler: p.logoutCreate},

		{pattern: "GET /playground", signedIn: true, handler: p.playgroundShow},
		{pattern: "POST /playground", signedIn: true, handler: p.playgroundGenerate},

		{pattern: "GET /workspaces", signedIn: true, handler: p.workspacesList},
		{pattern: "POST /workspaces", signedIn: true, handler: p.workspacesCreate},
		{pattern: "GET /workspaces/{id}", signedIn: true, handler: p.workspacesShow},
		{pattern: "POST /workspaces/{id}/ask", signedIn: true, handler: p.workspacesAsk},
		{pattern: "POST /workspaces/{id}/destroy", signedIn: true, handler: p.workspacesDestroy},
		{pattern: "GET /workspaces/{id}/state/{serial}", signedIn: true, handler: p.workspacesState},
		{pattern: "GET /runs/{id}", signedIn: true, handler: p.runsShow},
		{pattern: "GET /runs/{id}/events", signedIn: true, handler: p.runsEvents},
		{pattern: "POST /runs/{id}/approve", signedIn: true, handler: p.runsApprove},
		{pattern: "POST /runs/{id}/discard", signedIn: true, handler: p.runsDiscard},
		{pattern: "GET /agents", signedIn: true, handler: p.agentsList},

		{pattern: "GET /keys", signedIn: true, handler: p.keysList},
		{pattern: "POST /keys", signedIn: true, handler: p.keysCreate},
		{pattern: "POST /keys/{id}/revoke", signedIn: true, handler: p.keysRevoke},

		{pattern: "GET /usage", signedIn: true, handler: p.usageShow},
		{pattern: "GET /activity", signedIn: true, handler: p.activityList},
		{pattern: "GET /activity/export", signedIn: true, handler: p.activityExport},
		{pattern: "POST /activity/verify", signedIn: true, handler: p.activityVerify},

		{pattern: "GET /settings", signedIn: true, handler: p.settingsShow},
		{pattern: "POST /settings/sessions/{id}/end", signedIn: true, handler: p.settingsSessionEnd},
		{pattern: "POST /settings/profile", signedIn: true, handler: p.settingsProfileUpdate},
		{pattern: "POST /settings/password", signedIn: true, handler: p.settingsPasswordUpdate},
		{pattern: "POST /settings/marketing", signedIn: true, handler: p.settingsMarketingUpdate},
		{pattern: "POST /settings/oauth/{provider}/link", signedIn: true, handler: p.settingsOAuthLink},
		{pattern: "POST /settings/oauth/{provider}/unlink", signedIn: true, handler: p.settingsOAuthUnlink},
		{pattern: "GET /account", signedIn: true, handler: p.settingsAccountRedirect},
		{pattern: "GET /settings/organization", signedIn: true, handler: p.settingsOrgShow},
		{pattern: "POST /settings/organization", signedIn: true, handler: p.settingsOrgUpdate},
		{pattern: "GET /settings/members", signedIn: true, handler: p.settingsMembersList},
		{pattern: "POST /settings/members/{id}/role", signedIn: true, handler: p.settingsMemberRole},
		{pattern: "POST /settings/members/{id}/remove", signedIn: true, handler: p.settingsMemberRemove},
		{pattern: "POST /settings/invitations", signedIn: true, handler: p.settingsInvitationCreate},
		{pattern: "POST /settings/invitations/{id}/revoke", signedIn: true, handler: p.settingsInvitationRevoke},
		{pattern: "GET /settings/connections", signedIn: true, handler: p.settingsConnectionsList},
		{pattern: "POST /settings/connections", signedIn: true, handler: p.settingsConnectionCreate},
		{pattern: "POST /settings/connections/{id}/verify", signedIn: true, handler: p.settingsConnectionVerify},
		{pattern: "POST /settings/connections/{id}/delete", signedIn: true, handler: p.settingsConnectionDelete},

		{pattern: "GET /admin", signedIn: true, handler: p.adminShow},
		{pattern: "GET /admin/users", signedIn: true, handler: p.adminUsersList},
		{pattern: "POST /admin/users/{id}/disable", signedIn: true, handler: p.adminUserDisable},
		{pattern: "POST /admin/users/{id}/enable", signedIn: true, handler: p.adminUserEnable},
		{pattern: "GET /admin/organizations", signedIn: true, handler: p.adminOrgsList},
		{pattern: "POST /admin/organizations/{id}/plan", signedIn: true, handler: p.adminOrgPlan},
		{pattern: "GET /admin/audit", signedIn: true, handler: p.adminAuditList},
		{pattern: "GET /admin/support", signedIn: true, handler: p.adminSupport},
		{pattern: "GET /admin/outbox", signedIn: true, handler: p.adminOutbox},
	}
}
