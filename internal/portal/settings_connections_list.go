package portal

import (
	"context"
	"encoding/json"
	"net/http"

	"github.com/syncloud/syncloud/internal/auth"
	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/store"
)

// Connections are the parts behind the AWS connections settings.
type Connections struct {
	// Sealer encrypts access keys before they are stored.
	Sealer awsconn.Sealer
	// Roles checks role connections (awsconn.STS in production).
	Roles RoleChecker
	// Account is the platform's AWS account ID, the principal of the
	// trust policy a role connection asks for; "" shows a placeholder.
	Account string
}

// RoleChecker is the confused-deputy check of a role: assuming it with
// the external ID works and without it fails.
type RoleChecker interface {
	Check(ctx context.Context, roleARN, externalID string) error
}

// connectionRow is a connection as the page shows it: never its keys.
type connectionRow struct {
	store.AWSConnection
	// TrustPolicy is the role's trust policy to create, for role
	// connections.
	TrustPolicy string
}

// connectionForm is the create or verify form as typed (never the secret
// access key).
type connectionForm struct {
	Kind, Name, AccessKeyID, EndpointURL string
	// VerifyID is the connection a verification was tried on, RoleARN
	// the ARN typed.
	VerifyID int64
	RoleARN  string
}

// settingsConnectionsView is the AWS connections page.
type settingsConnectionsView struct {
	Page        Page
	Connections []connectionRow
	// CanManage shows the forms: administrators and owners, on a server
	// that has the connection parts.
	CanManage bool
	Form      connectionForm
	Errors    map[string]string
	Saved     string
}

// settingsConnectionsList serves GET /settings/connections.
func (p *Portal) settingsConnectionsList(w http.ResponseWriter, r *http.Request) error {
	v, err := p.settingsConnectionsView(r)
	if err != nil {
		return err
	}
	v.Saved = connectionSaved[r.URL.Query().Get("saved")]
	p.render(w, http.StatusOK, "settings_connections", v)
	return nil
}

// connectionSaved are the confirmations of the connections page.
var connectionSaved = map[string]string{
	"created":  "The connection was created.",
	"verified": "The role was verified: it can be assumed with the external ID and not without it.",
	"deleted":  "The connection was deleted.",
}

func (p *Portal) settingsConnectionsView(r *http.Request) (settingsConnectionsView, error) {
	pr := mustPrincipal(r.Context())
	v := settingsConnectionsView{Page: p.page(r, "AWS connections"),
		CanManage: pr.AtLeast(auth.RoleAdmin) && p.deps.Connections != nil, Form: connectionForm{Kind: "role"}}
	v.Page.Path = "/settings/connections"
	list, err := p.deps.DB.AWSConnections(r.Context(), pr.OrgID)
	if err != nil {
		return v, err
	}
	for _, c := range list {
		row := connectionRow{AWSConnection: c}
		if c.Kind == string(awsconn.KindRole) {
			row.TrustPolicy = trustPolicy(p.awsAccount(), c.ExternalID)
		}
		v.Connections = append(v.Connections, row)
	}
	return v, nil
}

// awsAccount is the platform's AWS account for trust policies.
func (p *Portal) awsAccount() string {
	if p.deps.Connections == nil || p.deps.Connections.Account == "" {
		return "PLATFORM_ACCOUNT_ID"
	}
	return p.deps.Connections.Account
}

// trustPolicy is the IAM trust policy that lets the platform's account
// assume a role only with the connection's external ID.
func trustPolicy(account, externalID string) string {
	type statement struct {
		Effect    string
		Principal map[string]string
		Action    string
		Condition map[string]map[string]string
	}
	doc := struct {
		Version   string
		Statement []statement
	}{"2012-10-17", []statement{{Effect: "Allow", Principal: map[string]string{"AWS": "arn:aws:iam::" + account + ":root"},
		Action: "sts:AssumeRole", Condition: map[string]map[string]string{"StringEquals": {"sts:ExternalId": externalID}}}}}
	b, _ := json.MarshalIndent(doc, "", "  ") // plain structs and maps of strings: cannot fail
	return string(b)
}

// nameField is the name input of one of the create forms.
type nameField struct {
	Kind, Value, Error string
}

// NameField is the name input of the create form of kind, with the
// typed value and error when that form was the one sent.
func (v settingsConnectionsView) NameField(kind string) nameField {
	f := nameField{Kind: kind, Error: v.Errors[kind+"-name"]}
	if v.Form.Kind == kind && v.Form.VerifyID == 0 {
		f.Value = v.Form.Name
	}
	return f
}
