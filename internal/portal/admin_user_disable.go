package portal

import (
	"net/http"
	"net/url"
)

// adminUserDisable serves POST /admin/users/{id}/disable: the user can no
// longer sign in and every session of theirs ends at once (their next
// request is signed out). Recorded in the platform audit chain.
func (p *Portal) adminUserDisable(w http.ResponseWriter, r *http.Request) error {
	id, err := p.adminUserTarget(r)
	if err != nil {
		return err
	}
	if id == mustPrincipal(r.Context()).UserID {
		return &pageError{status: http.StatusConflict, msg: "You cannot disable your own account."}
	}
	if err := p.deps.Auth.Accounts.DisableUser(r.Context(), mustPrincipal(r.Context()), id); err != nil {
		return notFound(err)
	}
	http.Redirect(w, r, "/admin/users?q="+url.QueryEscape(r.PostFormValue("q")), http.StatusSeeOther)
	return nil
}

// adminUserTarget checks the caller runs the platform and reads the {id}
// of the user acted on.
func (p *Portal) adminUserTarget(r *http.Request) (int64, error) {
	if err := p.requirePlatformAdmin(r); err != nil {
		return 0, err
	}
	return pathID(r, "id")
}
