package web

import (
	"net/http"
	"time"

	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/store"
)

// connectionView is an AWS connection as the API shows it: never its keys.
type connectionView struct {
	ID            int64      `json:"id"`
	Name          string     `json:"name"`
	Kind          string     `json:"kind"`
	RoleARN       string     `json:"role_arn,omitempty"`
	ExternalID    string     `json:"external_id,omitempty"`
	EndpointURL   string     `json:"endpoint_url,omitempty"`
	AccessKeyHint string     `json:"access_key_hint,omitempty"`
	VerifiedAt    *time.Time `json:"verified_at"`
	CreatedAt     time.Time  `json:"created_at"`
}

func newConnectionView(c *store.AWSConnection) connectionView {
	return connectionView{ID: c.ID, Name: c.Name, Kind: c.Kind, RoleARN: c.RoleARN, ExternalID: c.ExternalID,
		EndpointURL: c.EndpointURL, AccessKeyHint: c.AccessKeyHint, VerifiedAt: c.VerifiedAt, CreatedAt: c.CreatedAt}
}

type connectionCreateRequest struct {
	Name            string `json:"name"`
	Kind            string `json:"kind"`
	RoleARN         string `json:"role_arn,omitempty"`
	AccessKeyID     string `json:"access_key_id,omitempty"`
	SecretAccessKey string `json:"secret_access_key,omitempty"`
	EndpointURL     string `json:"endpoint_url,omitempty"`
}

// connectionCreate serves POST /api/v1/connections. A role connection
// gets its external ID here; the role is checked by verify.
func (s *Server) connectionCreate(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.runs()
	if err != nil {
		return err
	}
	var req connectionCreateRequest
	if err := readJSON(w, r, 16<<10, &req); err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	c, err := awsconn.Build(p.OrgID, awsconn.Input{Name: req.Name, Kind: awsconn.Kind(req.Kind), RoleARN: req.RoleARN,
		AccessKeyID: req.AccessKeyID, SecretAccessKey: req.SecretAccessKey, EndpointURL: req.EndpointURL}, rd.Sealer)
	if err != nil {
		return runError(err)
	}
	c.CreatedBy = p.UserID
	if err := s.deps.DB.CreateAWSConnection(r.Context(), p.OrgID, c); err != nil {
		return err
	}
	ev := actorEvent(p, "aws_connection.create", "aws_connection:"+itoa(c.ID), map[string]any{"name": c.Name, "kind": c.Kind})
	if err := s.deps.Audit.Append(r.Context(), ev); err != nil {
		return err
	}
	return writeJSON(w, http.StatusCreated, newConnectionView(c))
}

// connectionList serves GET /api/v1/connections.
func (s *Server) connectionList(w http.ResponseWriter, r *http.Request) error {
	list, err := s.deps.DB.AWSConnections(r.Context(), mustPrincipal(r.Context()).OrgID)
	if err != nil {
		return err
	}
	out := viewsOf(list, newConnectionView)
	return writeJSON(w, http.StatusOK, map[string]any{"connections": out})
}

// connectionVerify serves POST /api/v1/connections/{id}/verify: assuming
// the role with the external ID must work and without it must fail.
func (s *Server) connectionVerify(w http.ResponseWriter, r *http.Request) error {
	rd, err := s.runs()
	if err != nil {
		return err
	}
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	c, err := s.deps.DB.AWSConnectionByID(r.Context(), p.OrgID, id)
	if err != nil {
		return err
	}
	var req struct {
		RoleARN string `json:"role_arn"`
	}
	if err := readJSON(w, r, 4096, &req); err != nil {
		return err
	}
	if c.Kind != string(awsconn.KindRole) || !awsconn.ValidRoleARN(req.RoleARN) {
		return errorf(http.StatusBadRequest, "verify needs a role connection and an IAM role ARN")
	}
	if err := rd.STS.Check(r.Context(), req.RoleARN, c.ExternalID); err != nil {
		return &Error{Status: http.StatusUnprocessableEntity, Msg: "role check failed: " + err.Error(), Err: err}
	}
	if err := s.deps.DB.VerifyAWSConnection(r.Context(), p.OrgID, id, req.RoleARN, s.now()); err != nil {
		return err
	}
	ev := actorEvent(p, "aws_connection.verify", "aws_connection:"+itoa(id), map[string]any{"role_arn": req.RoleARN})
	if err := s.deps.Audit.Append(r.Context(), ev); err != nil {
		return err
	}
	c, err = s.deps.DB.AWSConnectionByID(r.Context(), p.OrgID, id)
	if err != nil {
		return err
	}
	return writeJSON(w, http.StatusOK, newConnectionView(c))
}

// connectionDelete serves DELETE /api/v1/connections/{id}.
func (s *Server) connectionDelete(w http.ResponseWriter, r *http.Request) error {
	id, err := pathID(r)
	if err != nil {
		return err
	}
	p := mustPrincipal(r.Context())
	if err := s.deps.DB.DeleteAWSConnection(r.Context(), p.OrgID, id); err != nil {
		return err
	}
	if err := s.deps.Audit.Append(r.Context(), actorEvent(p, "aws_connection.delete", "aws_connection:"+itoa(id), nil)); err != nil {
		return err
	}
	w.WriteHeader(http.StatusNoContent)
	return nil
}
