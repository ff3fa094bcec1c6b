package terraform

import (
	"errors"
	"fmt"
	"maps"
	"slices"

	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// DefaultProviderVersion is the hashicorp/aws version constraint written
// when Options leave it empty.
const DefaultProviderVersion = ">= 5.0"

// Options are the settings the platform, never the Stack, adds to the
// rendered configuration. The zero value renders the Stack alone.
type Options struct {
	// ProviderVersion constrains hashicorp/aws; "" means DefaultProviderVersion.
	ProviderVersion string
	// Credentials are static keys written into every provider block. Leave
	// nil to let the provider find credentials in its environment, which
	// keeps them out of the files.
	Credentials *StaticCredentials
	// AssumeRole makes every provider block assume a role in the customer's
	// account.
	AssumeRole *AssumeRole
	// Endpoint points every provider block at an AWS API emulator.
	Endpoint *Endpoint
	// ExtraTags are added to the Stack's tags in every provider's
	// default_tags; on a clash the extra tag wins.
	ExtraTags map[string]string
	// CreationTags are default tags written when a resource is created and
	// never compared again: they are also the provider's ignore_tags, so a
	// value that changes with every run (the run's ID) stays the one of the
	// run that created the resource and never shows in a later plan.
	CreationTags map[string]string
	// Backend stores state in the platform's Terraform HTTP backend.
	Backend *HTTPBackend
}

// StaticCredentials are an access key pair, with a session token for
// temporary credentials.
type StaticCredentials struct {
	AccessKey    string
	SecretKey    string
	SessionToken string
}

// AssumeRole is the role a provider assumes, with the external ID the
// customer's trust policy requires.
type AssumeRole struct {
	RoleARN     string
	ExternalID  string
	SessionName string
}

// Endpoint is an AWS API emulator: every listed service is sent to URL, and
// the provider skips the checks that only real AWS passes.
type Endpoint struct {
	URL string // e.g. "http://127.0.0.1:4566"
	// Services are the provider's endpoint names, e.g. "ec2", "s3", "sts".
	Services []string
}

// HTTPBackend is Terraform's "http" state backend. Its password belongs in
// TF_HTTP_PASSWORD, not in the files.
type HTTPBackend struct {
	Address       string
	LockAddress   string
	UnlockAddress string
	LockMethod    string // "" means Terraform's default, LOCK
	UnlockMethod  string // "" means Terraform's default, UNLOCK
	Username      string
}

// providerConfig is one `provider "aws"` block: the default one (Alias "")
// or an aliased one.
type providerConfig struct {
	Alias string
	Body  spec.Body
}

// providerConfigs builds the provider blocks for a stack: the default one
// and one per alias, each with the platform's settings.
func providerConfigs(s *spec.Stack, opts Options) ([]providerConfig, error) {
	if err := opts.validate(); err != nil {
		return nil, err
	}
	tags := maps.Clone(s.Tags)
	if tags == nil && len(opts.ExtraTags) > 0 {
		tags = map[string]string{}
	}
	maps.Copy(tags, opts.ExtraTags)
	if tags == nil && len(opts.CreationTags) > 0 {
		tags = map[string]string{}
	}
	maps.Copy(tags, opts.CreationTags)
	main := opts.providerBody(s.Region, tags)
	// The provider's own schema catches options it would refuse, such as
	// an endpoint name it does not know.
	if err := providerschema.CheckBody("provider", &main, providerschema.AWS().Config()).Err(); err != nil {
		return nil, fmt.Errorf("options: %w", err)
	}
	out := []providerConfig{{Body: main}}
	for _, a := range s.Aliases {
		b := opts.providerBody(a.Region, tags)
		b.Attrs = append([]spec.Attr{{Name: "alias", Value: spec.String(a.Name)}}, b.Attrs...)
		out = append(out, providerConfig{Alias: a.Name, Body: b})
	}
	return out, nil
}

func (o Options) validate() error {
	if o.Endpoint == nil {
		return nil
	}
	if o.Endpoint.URL == "" || len(o.Endpoint.Services) == 0 {
		return errors.New("options: an endpoint needs a URL and at least one service")
	}
	for _, svc := range o.Endpoint.Services {
		if !identRe.MatchString(svc) {
			return fmt.Errorf("options: endpoint service %q is not a provider endpoint name", svc)
		}
	}
	return nil
}

func (o Options) providerBody(region string, tags map[string]string) spec.Body {
	var b spec.Body
	b.Set("region", spec.String(region))
	if c := o.Credentials; c != nil {
		b.Set("access_key", spec.String(c.AccessKey))
		b.Set("secret_key", spec.String(c.SecretKey))
		if c.SessionToken != "" {
			b.Set("token", spec.String(c.SessionToken))
		}
	}
	if e := o.Endpoint; e != nil {
		for _, skip := range []string{"skip_credentials_validation", "skip_metadata_api_check",
			"skip_requesting_account_id", "s3_use_path_style"} {
			b.Set(skip, spec.Bool(true))
		}
		eb := b.AddBlock("endpoints")
		for _, svc := range e.Services {
			eb.Set(svc, spec.String(e.URL))
		}
	}
	if r := o.AssumeRole; r != nil {
		rb := b.AddBlock("assume_role")
		setNonEmpty(rb, "role_arn", r.RoleARN)
		setNonEmpty(rb, "external_id", r.ExternalID)
		setNonEmpty(rb, "session_name", r.SessionName)
	}
	if len(tags) > 0 {
		b.AddBlock("default_tags").Set("tags", spec.StringMap(tags))
	}
	if len(o.CreationTags) > 0 {
		keys := slices.Sorted(maps.Keys(o.CreationTags))
		vals := make([]spec.Value, len(keys))
		for i, k := range keys {
			vals[i] = spec.String(k)
		}
		b.AddBlock("ignore_tags").Set("keys", spec.List(vals...))
	}
	return b
}

// body is the content of the `backend "http"` block.
func (b *HTTPBackend) body() spec.Body {
	var body spec.Body
	setNonEmpty(&body, "address", b.Address)
	setNonEmpty(&body, "lock_address", b.LockAddress)
	setNonEmpty(&body, "unlock_address", b.UnlockAddress)
	setNonEmpty(&body, "lock_method", b.LockMethod)
	setNonEmpty(&body, "unlock_method", b.UnlockMethod)
	setNonEmpty(&body, "username", b.Username)
	return body
}

func setNonEmpty(b *spec.Body, name, v string) {
	if v != "" {
		b.Set(name, spec.String(v))
	}
}

// requiredProviders is the value of required_providers' aws attribute.
func (o Options) requiredProviders() spec.Value {
	version := o.ProviderVersion
	if version == "" {
		version = DefaultProviderVersion
	}
	return spec.Map(map[string]spec.Value{
		"source": spec.String("hashicorp/aws"), "version": spec.String(version),
	})
}
