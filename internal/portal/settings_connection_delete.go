package portal

import (
	"net/http"
	"strconv"
)

// settingsConnectionDelete serves POST /settings/connections/{id}/delete;
// workspaces that used it are left without a connection. Another
// organization's connection is 404.
func (p *Portal) settingsConnectionDelete(w http.ResponseWriter, r *http.Request) error {
	pr, err := requireOrgAdmin(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	if err := p.deps.DB.DeleteAWSConnection(r.Context(), pr.OrgID, id); err != nil {
		return notFound(err)
	}
	if err := p.auditEvent(r, pr.OrgID, "aws_connection.delete", "aws_connection:"+strconv.FormatInt(id, 10), nil); err != nil {
		return err
	}
	http.Redirect(w, r, "/settings/connections?saved=deleted", http.StatusSeeOther)
	return nil
}
