package awsconn

import (
	"crypto/rand"
	"encoding/hex"
	"encoding/json"
	"errors"
	"fmt"
	"net/url"
	"regexp"
	"strconv"

	"github.com/syncloud/syncloud/internal/store"
)

// Kind is how a connection reaches AWS.
type Kind string

// The kinds of connection.
const (
	KindRole     Kind = "role"
	KindKeys     Kind = "keys"
	KindEndpoint Kind = "endpoint"
)

// Sealer encrypts secrets at rest; *tfstate.Cipher is one.
type Sealer interface {
	Seal(plain, aad []byte) []byte
	Open(sealed, aad []byte) ([]byte, error)
}

// Input is a connection as a user asks for it.
type Input struct {
	Name            string
	Kind            Kind
	RoleARN         string
	AccessKeyID     string
	SecretAccessKey string
	EndpointURL     string
}

var (
	roleARNRe   = regexp.MustCompile(`^arn:aws[a-z-]*:iam::\d{12}:role/[\w+=,.@/-]{1,512}$`)
	accessKeyRe = regexp.MustCompile(`^[A-Z0-9]{16,128}$`)
)

// ErrInvalid wraps every problem with a connection's input.
var ErrInvalid = errors.New("invalid connection")

// NewExternalID returns a fresh external ID: 24 random bytes in hex.
func NewExternalID() string {
	var b [24]byte
	rand.Read(b[:])
	return "syncloud-" + hex.EncodeToString(b[:])
}

// keys is the sealed form of an access key pair.
type keys struct {
	AccessKeyID     string `json:"access_key_id"`
	SecretAccessKey string `json:"secret_access_key"`
}

// secretAAD binds sealed keys to the organization and connection name.
func secretAAD(orgID int64, name string) []byte {
	return []byte("syncloud aws keys\x00" + strconv.FormatInt(orgID, 10) + "\x00" + name)
}

// Build checks in and turns it into the row to store: a role connection
// gets a new external ID (the role is checked later, by Verify), access
// keys are sealed.
func Build(orgID int64, in Input, s Sealer) (*store.AWSConnection, error) {
	if in.Name == "" || len(in.Name) > 100 {
		return nil, fmt.Errorf("%w: a name of 1 to 100 characters is required", ErrInvalid)
	}
	c := &store.AWSConnection{Name: in.Name, Kind: string(in.Kind)}
	switch in.Kind {
	case KindRole:
		c.ExternalID = NewExternalID()
		if in.RoleARN != "" && !roleARNRe.MatchString(in.RoleARN) {
			return nil, fmt.Errorf("%w: role_arn is not an IAM role ARN", ErrInvalid)
		}
		c.RoleARN = in.RoleARN
	case KindKeys:
		if !accessKeyRe.MatchString(in.AccessKeyID) || len(in.SecretAccessKey) < 16 {
			return nil, fmt.Errorf("%w: access_key_id and secret_access_key are required", ErrInvalid)
		}
		plain, _ := json.Marshal(keys{in.AccessKeyID, in.SecretAccessKey})
		c.Secret = s.Seal(plain, secretAAD(orgID, in.Name))
		c.AccessKeyHint = in.AccessKeyID[len(in.AccessKeyID)-4:]
	case KindEndpoint:
		u, err := url.Parse(in.EndpointURL)
		if err != nil || (u.Scheme != "http" && u.Scheme != "https") || u.Host == "" || u.User != nil {
			return nil, fmt.Errorf("%w: endpoint_url must be an http(s) URL", ErrInvalid)
		}
		c.EndpointURL = u.String()
	default:
		return nil, fmt.Errorf("%w: kind must be role, keys or endpoint", ErrInvalid)
	}
	return c, nil
}

// openKeys decrypts a keys connection's secret.
func openKeys(c *store.AWSConnection, s Sealer) (keys, error) {
	var k keys
	plain, err := s.Open(c.Secret, secretAAD(c.OrgID, c.Name))
	if err != nil {
		return k, fmt.Errorf("open keys of connection %d: %w", c.ID, err)
	}
	if err := json.Unmarshal(plain, &k); err != nil {
		return k, fmt.Errorf("open keys of connection %d: %w", c.ID, err)
	}
	return k, nil
}

// ValidRoleARN reports whether s is an IAM role ARN.
func ValidRoleARN(s string) bool { return roleARNRe.MatchString(s) }
