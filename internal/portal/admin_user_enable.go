package portal

import (
	"net/http"
	"net/url"
	"strconv"
)

// adminUserEnable serves POST /admin/users/{id}/enable: a disabled user
// may sign in again. Recorded in the platform audit chain.
func (p *Portal) adminUserEnable(w http.ResponseWriter, r *http.Request) error {
	id, err := p.adminUserTarget(r)
	if err != nil {
		return err
	}
	if err := p.deps.DB.SetUserDisabled(r.Context(), id, nil); err != nil {
		return notFound(err)
	}
	if err := p.auditEvent(r, 0, "admin.user_enable", "user:"+strconv.FormatInt(id, 10), nil); err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/users?q="+url.QueryEscape(r.PostFormValue("q")), http.StatusSeeOther)
	return nil
}
