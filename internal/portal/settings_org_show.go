package portal

import (
	"net/http"
	"strconv"

	"github.com/syncloud/syncloud/internal/auth"
)

// maxRetentionDays bounds the prompt retention an organization may set.
const maxRetentionDays = 3650

// settingsOrgView is the organization page: its name and how long prompt
// text is kept, editable by administrators; plan and slug for everyone.
type settingsOrgView struct {
	Page          Page
	Name          string
	Slug, Plan    string
	RetentionDays string
	// CanEdit shows the form: administrators and owners only.
	CanEdit bool
	Errors  map[string]string
	Saved   string
}

// settingsOrgShow serves GET /settings/organization.
func (p *Portal) settingsOrgShow(w http.ResponseWriter, r *http.Request) error {
	v, err := p.settingsOrgView(r)
	if err != nil {
		return err
	}
	v.Saved = savedMessages[r.URL.Query().Get("saved")]
	p.render(w, http.StatusOK, "settings_organization", v)
	return nil
}

func (p *Portal) settingsOrgView(r *http.Request) (settingsOrgView, error) {
	pr := mustPrincipal(r.Context())
	o, err := p.deps.DB.Organization(r.Context(), pr.OrgID)
	if err != nil {
		return settingsOrgView{}, err
	}
	v := settingsOrgView{Page: p.page(r, "Organization settings"), Name: o.Name, Slug: o.Slug, Plan: o.Plan,
		RetentionDays: strconv.Itoa(o.RetentionDays), CanEdit: pr.AtLeast(auth.RoleAdmin)}
	v.Page.Path = "/settings/organization"
	return v, nil
}
