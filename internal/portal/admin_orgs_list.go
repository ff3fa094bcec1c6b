package portal

import (
	"net/http"

	"github.com/syncloud/syncloud/internal/store"
)

// adminOrgsLimit bounds the organizations listed on one page.
const adminOrgsLimit = 500

// plans are the billing plans an organization may be on.
var plans = []string{"free", "team", "enterprise"}

// adminOrgsView lists the organizations with their plans.
type adminOrgsView struct {
	Page  Page
	Orgs  []store.Organization
	Plans []string
	// Limited says that there are more organizations than shown.
	Limited bool
}

// adminOrgsList serves GET /admin/organizations: every organization,
// oldest first, with a form to change its plan.
func (p *Portal) adminOrgsList(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	orgs, err := p.deps.DB.Organizations(r.Context(), adminOrgsLimit+1, 0)
	if err != nil {
		return err
	}
	v := adminOrgsView{Page: p.page(r, "Organizations"), Orgs: orgs, Plans: plans}
	if len(orgs) > adminOrgsLimit {
		v.Orgs, v.Limited = orgs[:adminOrgsLimit], true
	}
	p.render(w, http.StatusOK, "admin_orgs", v)
	return nil
}
