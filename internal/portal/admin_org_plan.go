package portal

import (
	"net/http"
	"slices"
	"strconv"
)

// adminOrgPlan serves POST /admin/organizations/{id}/plan: the
// organization moves to another plan, recorded in the platform audit
// chain.
func (p *Portal) adminOrgPlan(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	plan := r.PostFormValue("plan")
	if !slices.Contains(plans, plan) {
		return &pageError{status: http.StatusBadRequest, msg: "Choose one of the plans: free, team or enterprise."}
	}
	o, err := p.deps.DB.Organization(r.Context(), id)
	if err != nil {
		return notFound(err)
	}
	if err := p.deps.DB.UpdateOrganization(r.Context(), id, o.Name, plan, o.RetentionDays); err != nil {
		return notFound(err)
	}
	err = p.auditEvent(r, 0, "admin.org_plan_change", "org:"+strconv.FormatInt(id, 10),
		map[string]any{"from": o.Plan, "to": plan})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/admin/organizations#org-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
