package portal

import (
	"net/http"
	"strconv"

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
	// From is the offset of the first organization shown; Next, when
	// positive, the offset of the page after this one.
	From, Next int
	// Prev is the offset of the page before, or -1 on the first.
	Prev int
}

// adminOrgsList serves GET /admin/organizations?from=N: the organizations,
// oldest first, a page of adminOrgsLimit from offset N, each with a form
// to change its plan.
func (p *Portal) adminOrgsList(w http.ResponseWriter, r *http.Request) error {
	if err := p.requirePlatformAdmin(r); err != nil {
		return err
	}
	from, err := strconv.Atoi(r.URL.Query().Get("from"))
	if err != nil || from < 0 {
		from = 0
	}
	orgs, err := p.deps.DB.Organizations(r.Context(), adminOrgsLimit+1, from)
	if err != nil {
		return err
	}
	v := adminOrgsView{Page: p.page(r, "Organizations"), Orgs: orgs, Plans: plans, From: from, Prev: -1}
	if len(orgs) > adminOrgsLimit {
		v.Orgs, v.Next = orgs[:adminOrgsLimit], from+adminOrgsLimit
	}
	if from > 0 {
		v.Prev = max(from-adminOrgsLimit, 0)
	}
	p.render(w, http.StatusOK, "admin_orgs", v)
	return nil
}
