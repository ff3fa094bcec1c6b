package awsconn

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"time"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/service/sts"
	"github.com/aws/smithy-go"
)

// MaxSession is the longest session a run gets from AssumeRole.
const MaxSession = time.Hour

// STS assumes customers' roles with the platform's own AWS identity.
type STS struct {
	// Credentials are the platform's own; the customer's trust policy
	// names the account they belong to.
	Credentials aws.CredentialsProvider
	// Region of the STS endpoint; "" means us-east-1.
	Region string
	// Endpoint overrides the STS URL (tests, private endpoints).
	Endpoint   string
	HTTPClient *http.Client
}

func (s STS) client() *sts.Client {
	region := s.Region
	if region == "" {
		region = "us-east-1"
	}
	opts := sts.Options{Region: region, Credentials: s.Credentials}
	if s.Endpoint != "" {
		opts.BaseEndpoint = aws.String(s.Endpoint)
	}
	if s.HTTPClient != nil {
		opts.HTTPClient = s.HTTPClient
	}
	return sts.New(opts)
}

// Assume assumes roleARN with externalID ("" sends none) for a session
// named sessionName of at most MaxSession.
func (s STS) Assume(ctx context.Context, roleARN, externalID, sessionName string, d time.Duration) (aws.Credentials, error) {
	if d <= 0 || d > MaxSession {
		d = MaxSession
	}
	in := &sts.AssumeRoleInput{RoleArn: aws.String(roleARN), RoleSessionName: aws.String(sessionName),
		DurationSeconds: aws.Int32(int32(d / time.Second))}
	if externalID != "" {
		in.ExternalId = aws.String(externalID)
	}
	out, err := s.client().AssumeRole(ctx, in)
	if err != nil {
		return aws.Credentials{}, fmt.Errorf("assume role %s: %w", roleARN, err)
	}
	c := out.Credentials
	return aws.Credentials{AccessKeyID: aws.ToString(c.AccessKeyId), SecretAccessKey: aws.ToString(c.SecretAccessKey),
		SessionToken: aws.ToString(c.SessionToken), CanExpire: true, Expires: aws.ToTime(c.Expiration)}, nil
}

// ErrNoExternalID means the role can be assumed without the external ID:
// its trust policy does not protect the customer from a confused deputy.
var ErrNoExternalID = errors.New("the role can be assumed without the external ID; add the sts:ExternalId condition to its trust policy")

// Check is the confused-deputy test AWS recommends: assuming the role with
// the external ID must work, and without it must be denied.
func (s STS) Check(ctx context.Context, roleARN, externalID string) error {
	if _, err := s.Assume(ctx, roleARN, externalID, "syncloud-check", 15*time.Minute); err != nil {
		return fmt.Errorf("with the external ID: %w", err)
	}
	_, err := s.Assume(ctx, roleARN, "", "syncloud-check", 15*time.Minute)
	var apiErr smithy.APIError
	switch {
	case err == nil:
		return ErrNoExternalID
	case errors.As(err, &apiErr) && apiErr.ErrorCode() == "AccessDenied":
		return nil
	}
	return fmt.Errorf("without the external ID: %w", err)
}
