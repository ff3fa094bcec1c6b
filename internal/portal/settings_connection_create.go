package portal

import (
	"errors"
	"net/http"
	"strconv"
	"strings"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/store"
)

// settingsConnectionCreate serves POST /settings/connections: a role
// connection (its external ID is generated here and shown with the trust
// policy to create), access keys (sealed, never shown again) or a custom
// endpoint. Administrators only.
func (p *Portal) settingsConnectionCreate(w http.ResponseWriter, r *http.Request) error {
	pr, err := p.connectionManager(r)
	if err != nil {
		return err
	}
	f := connectionForm{Kind: r.PostFormValue("kind"), Name: strings.TrimSpace(r.PostFormValue("name")),
		AccessKeyID: strings.TrimSpace(r.PostFormValue("access_key_id")), EndpointURL: strings.TrimSpace(r.PostFormValue("endpoint_url"))}
	c, err := awsconn.Build(pr.OrgID, awsconn.Input{Name: f.Name, Kind: awsconn.Kind(f.Kind), AccessKeyID: f.AccessKeyID,
		SecretAccessKey: r.PostFormValue("secret_access_key"), EndpointURL: f.EndpointURL}, p.deps.Connections.Sealer)
	if err == nil {
		c.CreatedBy = pr.UserID
		err = p.deps.DB.CreateAWSConnection(r.Context(), pr.OrgID, c)
	}
	if err != nil {
		field, msg, ok := connectionFieldError(f.Kind, err)
		if !ok {
			return err
		}
		return p.connectionsRejected(w, r, f, map[string]string{field: msg})
	}
	err = p.auditEvent(r, pr.OrgID, "aws_connection.create", "aws_connection:"+strconv.FormatInt(c.ID, 10),
		map[string]any{"name": c.Name, "kind": c.Kind})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/settings/connections?saved=created#connection-"+strconv.FormatInt(c.ID, 10), http.StatusSeeOther)
	return nil
}

// connectionManager is the caller when they may change connections.
func (p *Portal) connectionManager(r *http.Request) (pr auth.Principal, err error) {
	pr, err = requireOrgAdmin(r)
	if err == nil && p.deps.Connections == nil {
		err = &pageError{status: http.StatusServiceUnavailable, msg: "AWS connections are not configured on this server."}
	}
	if err == nil {
		err = parseForm(r)
	}
	return pr, err
}

// connectionFieldError names the form field an error belongs to: the
// "<kind>-<field>" of the form that was sent.
func connectionFieldError(kind string, err error) (field, msg string, ok bool) {
	switch {
	case errors.Is(err, store.ErrConflict):
		return kind + "-name", "Another connection has this name.", true
	case !errors.Is(err, awsconn.ErrInvalid):
		return "", "", false
	case strings.Contains(err.Error(), "name"):
		return kind + "-name", "Enter a name of 1 to 100 characters.", true
	case kind == string(awsconn.KindKeys):
		return "keys-access_key_id", "Enter an access key ID (capital letters and digits) and its secret.", true
	case kind == string(awsconn.KindEndpoint):
		return "endpoint-endpoint_url", "Enter an http:// or https:// URL without a user name.", true
	}
	return "role-name", "Choose a kind of connection.", true
}

// connectionsRejected shows the page again with the form as typed.
func (p *Portal) connectionsRejected(w http.ResponseWriter, r *http.Request, f connectionForm, errs map[string]string) error {
	v, err := p.settingsConnectionsView(r)
	if err != nil {
		return err
	}
	v.Form, v.Errors = f, errs
	p.render(w, http.StatusUnprocessableEntity, "settings_connections", v)
	return nil
}
