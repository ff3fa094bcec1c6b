package store

import (
	"context"
	"database/sql"
	"time"
)

// AWSConnection is how an organization's runs reach its AWS account: a
// role to assume with the platform-generated external ID, access keys
// (Secret holds them encrypted by internal/awsconn), or a custom endpoint
// such as an emulator.
type AWSConnection struct {
	ID            int64
	OrgID         int64
	Name          string
	Kind          string // "role", "keys" or "endpoint"
	RoleARN       string
	ExternalID    string
	EndpointURL   string
	Secret        []byte // encrypted; never leaves the server
	AccessKeyHint string // the access key ID's last four characters
	VerifiedAt    *time.Time
	CreatedBy     int64
	CreatedAt     time.Time
}

const awsConnectionColumns = `id, org_id, name, kind, role_arn, external_id, endpoint_url, secret,
	access_key_hint, verified_at, created_by, created_at`

func scanAWSConnection(s rowScanner) (*AWSConnection, error) {
	var c AWSConnection
	var verified sql.NullTime
	var by sql.NullInt64
	err := s.Scan(&c.ID, &c.OrgID, &c.Name, &c.Kind, &c.RoleARN, &c.ExternalID, &c.EndpointURL, &c.Secret,
		&c.AccessKeyHint, &verified, &by, &c.CreatedAt)
	if err != nil {
		return nil, mapError(err)
	}
	c.VerifiedAt, c.CreatedBy = timePtr(verified), by.Int64
	c.CreatedAt = c.CreatedAt.UTC()
	return &c, nil
}

// CreateAWSConnection inserts a connection into orgID and sets its ID; a
// name already used is ErrConflict.
func (q *Queries) CreateAWSConnection(ctx context.Context, orgID int64, c *AWSConnection) error {
	c.OrgID = orgID
	c.CreatedAt = nowOr(c.CreatedAt)
	err := q.w.QueryRowContext(ctx, `INSERT INTO aws_connections (org_id, name, kind, role_arn,
		external_id, endpoint_url, secret, access_key_hint, verified_at, created_by, created_at)
		VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11) RETURNING id`,
		orgID, c.Name, c.Kind, c.RoleARN, c.ExternalID, c.EndpointURL, c.Secret, c.AccessKeyHint,
		nullTime(c.VerifiedAt), nullID(c.CreatedBy), c.CreatedAt).Scan(&c.ID)
	return wrap(err, "create aws connection in org %d", orgID)
}

// AWSConnectionByID returns one of an organization's connections.
func (q *Queries) AWSConnectionByID(ctx context.Context, orgID, id int64) (*AWSConnection, error) {
	c, err := scanAWSConnection(q.r.QueryRowContext(ctx,
		`SELECT `+awsConnectionColumns+` FROM aws_connections WHERE org_id = $1 AND id = $2`, orgID, id))
	return c, wrap(err, "get aws connection %d of org %d", id, orgID)
}

// AWSConnections lists an organization's connections by name.
func (q *Queries) AWSConnections(ctx context.Context, orgID int64) ([]AWSConnection, error) {
	rows, err := q.r.QueryContext(ctx,
		`SELECT `+awsConnectionColumns+` FROM aws_connections WHERE org_id = $1 ORDER BY name`, orgID)
	if err != nil {
		return nil, wrap(err, "list aws connections of org %d", orgID)
	}
	defer rows.Close()
	var out []AWSConnection
	for rows.Next() {
		c, err := scanAWSConnection(rows)
		if err != nil {
			return nil, wrap(err, "list aws connections of org %d", orgID)
		}
		out = append(out, *c)
	}
	return out, wrap(rows.Err(), "list aws connections of org %d", orgID)
}

// VerifyAWSConnection records the role ARN that passed the external-ID
// check and when.
func (q *Queries) VerifyAWSConnection(ctx context.Context, orgID, id int64, roleARN string, at time.Time) error {
	res, err := q.w.ExecContext(ctx, `UPDATE aws_connections SET role_arn = $3, verified_at = $4
		WHERE org_id = $1 AND id = $2`, orgID, id, roleARN, at.UTC())
	return wrap(affected(res, err), "verify aws connection %d of org %d", id, orgID)
}

// DeleteAWSConnection removes a connection; workspaces using it keep
// running without one.
func (q *Queries) DeleteAWSConnection(ctx context.Context, orgID, id int64) error {
	res, err := q.w.ExecContext(ctx, `DELETE FROM aws_connections WHERE org_id = $1 AND id = $2`, orgID, id)
	return wrap(affected(res, err), "delete aws connection %d of org %d", id, orgID)
}
