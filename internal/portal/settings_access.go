package portal

import (
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
)

// errAdminsOnly refuses organization settings to members and viewers.
var errAdminsOnly = &pageError{status: http.StatusForbidden,
	msg: "Only the organization's administrators and owners can change this."}

// requireOrgAdmin refuses callers below admin in their organization.
func requireOrgAdmin(r *http.Request) (auth.Principal, error) {
	pr := mustPrincipal(r.Context())
	if !pr.AtLeast(auth.RoleAdmin) {
		return pr, errAdminsOnly
	}
	return pr, nil
}

// parseForm reads a posted form or refuses it as unreadable.
func parseForm(r *http.Request) error {
	if err := r.ParseForm(); err != nil {
		return &pageError{status: http.StatusBadRequest, msg: "The form could not be read."}
	}
	return nil
}

// auditEvent records a portal event in the caller's organization chain (orgID
// 0: the platform chain).
func (p *Portal) auditEvent(r *http.Request, orgID int64, action, target string, details map[string]any) error {
	if p.deps.Audit == nil {
		return nil
	}
	pr := mustPrincipal(r.Context())
	return p.deps.Audit.Append(r.Context(), auth.Event{OrgID: orgID, ActorType: "user", ActorID: pr.UserID,
		Action: action, Target: target, Details: details})
}
