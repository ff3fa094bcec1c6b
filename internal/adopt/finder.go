package adopt

import (
	"context"
	"fmt"
	"io"

	"github.com/aws/aws-sdk-go-v2/aws"
	"github.com/aws/aws-sdk-go-v2/config"
	"github.com/aws/aws-sdk-go-v2/credentials"
	tfjson "github.com/hashicorp/terraform-json"
)

// Finder looks for orphans in one AWS account with a run's credentials.
type Finder struct {
	cfg      aws.Config
	endpoint string
	byRegion map[string]*Clients
}

// NewFinder reads the account's credentials the way the run's Terraform
// does: vars are the run's environment (the connection's keys, and
// AWS_ENDPOINT_URL for an emulator); without keys in it the SDK's default
// chain (the process's environment, shared config and SSO, an instance
// role) is used.
func NewFinder(ctx context.Context, vars map[string]string) (*Finder, error) {
	var opts []func(*config.LoadOptions) error
	if id := vars["AWS_ACCESS_KEY_ID"]; id != "" {
		opts = append(opts, config.WithCredentialsProvider(
			credentials.NewStaticCredentialsProvider(id, vars["AWS_SECRET_ACCESS_KEY"], vars["AWS_SESSION_TOKEN"])))
	}
	if p := vars["AWS_PROFILE"]; p != "" {
		opts = append(opts, config.WithSharedConfigProfile(p))
	}
	cfg, err := config.LoadDefaultConfig(ctx, opts...)
	if err != nil {
		return nil, fmt.Errorf("AWS configuration: %w", err)
	}
	return &Finder{cfg: cfg, endpoint: vars["AWS_ENDPOINT_URL"], byRegion: map[string]*Clients{}}, nil
}

// clients are the API clients for a region, made once.
func (f *Finder) clients(region string) *Clients {
	c, ok := f.byRegion[region]
	if !ok {
		cfg := f.cfg.Copy()
		cfg.Region = region
		c = NewClients(cfg, f.endpoint)
		f.byRegion[region] = c
	}
	return c
}

// Orphans is the step between a plan and its approval: when the plan
// would create resources of a type Find knows, it looks for them in AWS
// with the run's environment vars and returns the import file for what it
// found (nil when nothing was found), saying so in log. A lookup that
// fails is a warning in log: what it looked for is not adopted, and the
// plan stands as it is for it.
func Orphans(ctx context.Context, p *tfjson.Plan, vars map[string]string, log io.Writer) []byte {
	var wants []Want
	for _, w := range Creates(p) {
		if Adoptable(w.Type) {
			wants = append(wants, w)
		}
	}
	if len(wants) == 0 {
		return nil
	}
	f, err := NewFinder(ctx, vars)
	var imports []Import
	if err == nil {
		imports, err = f.Find(ctx, wants)
	}
	if err != nil {
		fmt.Fprintf(log, "SynCloud: warning: could not look for all resources an interrupted run may have left behind: %v\n", err)
	}
	if len(imports) == 0 {
		return nil
	}
	for _, imp := range imports {
		fmt.Fprintln(log, imp.Describe())
	}
	file, err := File(imports)
	if err != nil {
		fmt.Fprintf(log, "SynCloud: warning: import file: %v\n", err)
		return nil
	}
	return file
}
