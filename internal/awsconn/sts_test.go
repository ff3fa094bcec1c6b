package awsconn_test

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/aws/aws-sdk-go-v2/credentials"

	"github.com/syncloud/syncloud/internal/awsconn"
	"github.com/syncloud/syncloud/internal/tfstate"
)

const platformKey = "AKIAPLATFORM00000001"

func trustPolicy(account, externalID string) string {
	cond := ""
	if externalID != "" {
		cond = fmt.Sprintf(`,"Condition":{"StringEquals":{"sts:ExternalId":%q}}`, externalID)
	}
	return fmt.Sprintf(`{"Version":"2012-10-17","Statement":[{"Effect":"Allow",
		"Principal":{"AWS":"arn:aws:iam::%s:root"},"Action":"sts:AssumeRole"%s}]}`, account, cond)
}

func platformSTS(endpoint string, key string) awsconn.STS {
	return awsconn.STS{Endpoint: endpoint,
		Credentials: credentials.NewStaticCredentialsProvider(key, "platform-secret", "")}
}

// TestCheckExternalID is the confused-deputy check against a stand-in
// that evaluates each role's trust policy.
func TestCheckExternalID(t *testing.T) {
	const extID = "syncloud-0123456789abcdef"
	roles := map[string]string{
		"arn:aws:iam::222222222222:role/guarded":   trustPolicy("111111111111", extID),
		"arn:aws:iam::222222222222:role/unguarded": trustPolicy("111111111111", ""),
		"arn:aws:iam::222222222222:role/other":     trustPolicy("333333333333", extID),
	}
	_, url := newSTSStandIn(t, roles)
	tests := []struct {
		name, role, extID string
		key               string
		want              error // nil, ErrNoExternalID, or errAny
	}{
		{"guarded role with its external ID", "arn:aws:iam::222222222222:role/guarded", extID, platformKey, nil},
		{"role that trusts without the external ID", "arn:aws:iam::222222222222:role/unguarded", extID, platformKey, awsconn.ErrNoExternalID},
		{"wrong external ID", "arn:aws:iam::222222222222:role/guarded", "syncloud-wrong", platformKey, errAny},
		{"role trusting another account", "arn:aws:iam::222222222222:role/other", extID, platformKey, errAny},
		{"unknown role", "arn:aws:iam::222222222222:role/none", extID, platformKey, errAny},
		{"unknown platform key", "arn:aws:iam::222222222222:role/guarded", extID, "AKIAUNKNOWN000000000", errAny},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			err := platformSTS(url, tt.key).Check(context.Background(), tt.role, tt.extID)
			switch tt.want {
			case nil:
				if err != nil {
					t.Errorf("Check = %v, want success", err)
				}
			case errAny:
				if err == nil || errors.Is(err, awsconn.ErrNoExternalID) {
					t.Errorf("Check = %v, want a denial", err)
				}
			default:
				if !errors.Is(err, tt.want) {
					t.Errorf("Check = %v, want %v", err, tt.want)
				}
			}
		})
	}
}

var errAny = errors.New("any error")

// TestResolveRole assumes a verified role for a run: at most an hour, the
// session named after the run, the temporary credentials in the env.
func TestResolveRole(t *testing.T) {
	const role = "arn:aws:iam::222222222222:role/guarded"
	s, url := newSTSStandIn(t, nil)
	c, err := awsconn.Build(5, awsconn.Input{Name: "prod", Kind: awsconn.KindRole, RoleARN: role}, nil)
	if err != nil {
		t.Fatal(err)
	}
	s.roles = map[string]string{role: trustPolicy("111111111111", c.ExternalID)}
	now := time.Now()
	c.VerifiedAt = &now
	env, err := awsconn.Resolver{STS: platformSTS(url, platformKey)}.Resolve(context.Background(), c, awsconn.SessionName(5, 42))
	if err != nil {
		t.Fatal(err)
	}
	if env.Vars["AWS_SESSION_TOKEN"] != "session-token" || !strings.HasPrefix(env.Vars["AWS_ACCESS_KEY_ID"], "ASIASESSION") {
		t.Errorf("env = %v, want the assumed session's credentials", env.Vars)
	}
	last := s.requests[len(s.requests)-1]
	if last.DurationSeconds > 3600 || last.RoleSessionName != "syncloud-org5-run42" || last.ExternalID != c.ExternalID {
		t.Errorf("AssumeRole request = %+v", last)
	}
}

// TestKeysSealed stores access keys only sealed, bound to their org and
// name, and opens them for a run.
func TestKeysSealed(t *testing.T) {
	ci, err := tfstate.NewCipher(bytes.Repeat([]byte{1}, 32))
	if err != nil {
		t.Fatal(err)
	}
	in := awsconn.Input{Name: "keys", Kind: awsconn.KindKeys, AccessKeyID: "AKIAEXAMPLE000000042", SecretAccessKey: "wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY"}
	c, err := awsconn.Build(9, in, ci)
	if err != nil {
		t.Fatal(err)
	}
	if bytes.Contains(c.Secret, []byte(in.SecretAccessKey)) || bytes.Contains(c.Secret, []byte(in.AccessKeyID)) || c.AccessKeyHint != "0042" {
		t.Fatalf("stored connection leaks the keys: %+v", c)
	}
	c.OrgID = 9
	env, err := awsconn.Resolver{Sealer: ci}.Resolve(context.Background(), c, "run")
	if err != nil || env.Vars["AWS_SECRET_ACCESS_KEY"] != in.SecretAccessKey {
		t.Fatalf("Resolve = %v, %v", env.Vars, err)
	}
	c.OrgID = 10 // sealed under org 9: another org's row cannot be opened
	if _, err := (awsconn.Resolver{Sealer: ci}).Resolve(context.Background(), c, "run"); err == nil {
		t.Error("keys opened under another organization")
	}
}
