package awsconn

import (
	"context"
	"fmt"
	"time"

	"github.com/syncloud/syncloud/internal/store"
)

// Env is what a run's Terraform needs to reach AWS through a connection:
// environment variables (credentials, and AWS_ENDPOINT_URL for a custom
// endpoint) and whether the provider must skip the checks only real AWS
// passes.
type Env struct {
	Vars map[string]string
	// Endpoint is the custom endpoint URL; "" for real AWS.
	Endpoint string
}

// Resolver turns a stored connection into a run's environment.
type Resolver struct {
	Sealer Sealer
	STS    STS
}

// Resolve builds the environment for a run named sessionName. A nil
// connection gives no credentials: the provider then uses the worker's
// own environment.
func (r Resolver) Resolve(ctx context.Context, c *store.AWSConnection, sessionName string) (Env, error) {
	env := Env{Vars: map[string]string{}}
	if c == nil {
		return env, nil
	}
	switch Kind(c.Kind) {
	case KindRole:
		if c.VerifiedAt == nil || c.RoleARN == "" {
			return env, fmt.Errorf("connection %q: the role has not been verified", c.Name)
		}
		creds, err := r.STS.Assume(ctx, c.RoleARN, c.ExternalID, sessionName, time.Hour)
		if err != nil {
			return env, err
		}
		env.Vars["AWS_ACCESS_KEY_ID"] = creds.AccessKeyID
		env.Vars["AWS_SECRET_ACCESS_KEY"] = creds.SecretAccessKey
		env.Vars["AWS_SESSION_TOKEN"] = creds.SessionToken
	case KindKeys:
		k, err := openKeys(c, r.Sealer)
		if err != nil {
			return env, err
		}
		env.Vars["AWS_ACCESS_KEY_ID"] = k.AccessKeyID
		env.Vars["AWS_SECRET_ACCESS_KEY"] = k.SecretAccessKey
	case KindEndpoint:
		env.Endpoint = c.EndpointURL
		env.Vars["AWS_ENDPOINT_URL"] = c.EndpointURL
		env.Vars["AWS_ACCESS_KEY_ID"] = "test"
		env.Vars["AWS_SECRET_ACCESS_KEY"] = "test"
	}
	return env, nil
}

// SessionName names a run's AWS session, as CloudTrail will show it.
func SessionName(orgID, runID int64) string {
	return fmt.Sprintf("syncloud-org%d-run%d", orgID, runID)
}
