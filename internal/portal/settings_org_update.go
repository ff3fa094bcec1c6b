package portal

import (
	"net/http"
	"strconv"
	"strings"
	"unicode/utf8"
)

// settingsOrgUpdate serves POST /settings/organization: the name and the
// prompt retention in days (0 keeps no prompt text), for administrators.
// The retention purge (syncloud serve's maintenance loop) applies it.
func (p *Portal) settingsOrgUpdate(w http.ResponseWriter, r *http.Request) error {
	pr, err := requireOrgAdmin(r)
	if err != nil {
		return err
	}
	if err := parseForm(r); err != nil {
		return err
	}
	v, err := p.settingsOrgView(r)
	if err != nil {
		return err
	}
	v.Name, v.RetentionDays = r.PostFormValue("name"), strings.TrimSpace(r.PostFormValue("retention_days"))
	name, days, errs := orgForm(v.Name, v.RetentionDays)
	if errs != nil {
		v.Errors = errs
		p.render(w, http.StatusUnprocessableEntity, "settings_organization", v)
		return nil
	}
	if err := p.deps.DB.UpdateOrganization(r.Context(), pr.OrgID, name, v.Plan, days); err != nil {
		return err
	}
	err = p.auditEvent(r, pr.OrgID, "organization.update", "org:"+strconv.FormatInt(pr.OrgID, 10),
		map[string]any{"name": name, "retention_days": days})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/settings/organization?saved=org", http.StatusSeeOther)
	return nil
}

// orgForm checks the organization form; errs is nil when it is valid.
func orgForm(name, days string) (string, int, map[string]string) {
	errs := map[string]string{}
	name = strings.TrimSpace(name)
	if n := utf8.RuneCountInString(name); n == 0 || n > 200 {
		errs["name"] = "Enter a name of 1 to 200 characters."
	}
	d, err := strconv.Atoi(days)
	if err != nil || d < 0 || d > maxRetentionDays {
		errs["retention_days"] = "Enter a whole number of days from 0 to 3650."
	}
	if len(errs) > 0 {
		return name, d, errs
	}
	return name, d, nil
}
