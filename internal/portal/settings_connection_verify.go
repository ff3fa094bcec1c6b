package portal

import (
	"errors"
	"net/http"
	"strconv"
	"strings"
	"time"

	"github.com/syncloud/syncloud/internal/awsconn"
)

// settingsConnectionVerify serves POST /settings/connections/{id}/verify
// with the ARN of the role the customer created: assuming it with the
// external ID must work and without it must fail. Another organization's
// connection is 404.
func (p *Portal) settingsConnectionVerify(w http.ResponseWriter, r *http.Request) error {
	pr, err := p.connectionManager(r)
	if err != nil {
		return err
	}
	id, err := pathID(r, "id")
	if err != nil {
		return err
	}
	c, err := p.deps.DB.AWSConnectionByID(r.Context(), pr.OrgID, id)
	if err != nil {
		return notFound(err)
	}
	f := connectionForm{Kind: "role", VerifyID: id, RoleARN: strings.TrimSpace(r.PostFormValue("role_arn"))}
	if c.Kind != string(awsconn.KindRole) {
		return &pageError{status: http.StatusBadRequest, msg: "Only role connections are verified."}
	}
	if !awsconn.ValidRoleARN(f.RoleARN) {
		return p.connectionsRejected(w, r, f, map[string]string{"verify": "Enter the role's ARN, like arn:aws:iam::123456789012:role/syncloud."})
	}
	if err := p.deps.Connections.Roles.Check(r.Context(), f.RoleARN, c.ExternalID); err != nil {
		msg := "AWS refused the role: " + err.Error()
		if errors.Is(err, awsconn.ErrNoExternalID) {
			msg = awsconn.ErrNoExternalID.Error()
		}
		return p.connectionsRejected(w, r, f, map[string]string{"verify": msg})
	}
	if err := p.deps.DB.VerifyAWSConnection(r.Context(), pr.OrgID, id, f.RoleARN, time.Now()); err != nil {
		return notFound(err)
	}
	err = p.auditEvent(r, pr.OrgID, "aws_connection.verify", "aws_connection:"+strconv.FormatInt(id, 10), map[string]any{"role_arn": f.RoleARN})
	if err != nil {
		return err
	}
	http.Redirect(w, r, "/settings/connections?saved=verified#connection-"+strconv.FormatInt(id, 10), http.StatusSeeOther)
	return nil
}
