package run

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"net/url"
	"slices"
	"strconv"

	"github.com/zclconf/go-cty/cty"

	"github.com/syncloud/syncloud/internal/adopt"
	"github.com/syncloud/syncloud/internal/iac/terraform"
	"github.com/syncloud/syncloud/internal/providerschema"
	"github.com/syncloud/syncloud/internal/spec"
)

// Files are a run's configuration files by name.
type Files map[string][]byte

// ConfigInput is what the platform, never the prompt, adds to a run's
// configuration.
type ConfigInput struct {
	OrgID, WorkspaceID, RunID int64
	// Spec is the run's spec.Stack JSON snapshot.
	Spec string
	// ServerURL is the platform's base URL as the executing Terraform
	// reaches it, for the HTTP state backend.
	ServerURL string
	// Endpoint is a custom AWS endpoint ("" for real AWS): the provider
	// then skips the checks only real AWS passes, and AWS_ENDPOINT_URL in
	// Terraform's environment sends every service there.
	Endpoint string
}

// StatePath is the HTTP backend path of a workspace's state.
func StatePath(wsID int64) string {
	return "/api/v1/workspaces/" + strconv.FormatInt(wsID, 10) + "/state"
}

// RunTag is the tag naming the run that created a resource.
const RunTag = adopt.RunTag

// BackendUsername is the state backend username of run credentials.
const BackendUsername = "run"

// RenderConfig renders a run's spec as Terraform JSON with the platform's
// provider settings (default tags naming the org, the workspace and the
// run, and managed-by = syncloud), the HTTP state backend and, for an
// emulator, the endpoint settings.
//
// Each taggable resource also carries its address (syncloud:address), so
// that a resource a killed run created but never recorded in state can be
// found and imported by the next plan (package adopt).
//
// The run's tag (syncloud:run) is a creation tag: the provider writes it
// when it creates a resource and ignores it afterwards (ignore_tags), so it
// names the run that created the resource and a later run's plan shows
// only the real difference. Which run changed or deleted each resource is
// in the audit log.
func RenderConfig(in ConfigInput) (Files, error) {
	var st spec.Stack
	if err := json.Unmarshal([]byte(in.Spec), &st); err != nil {
		return nil, fmt.Errorf("decode spec of run %d: %w", in.RunID, err)
	}
	base, err := url.Parse(in.ServerURL)
	if err != nil || base.Host == "" {
		return nil, fmt.Errorf("server URL %q: not an absolute URL", in.ServerURL)
	}
	state := base.JoinPath(StatePath(in.WorkspaceID)).String()
	tagAddresses(&st)
	opts := terraform.Options{
		ExtraTags: map[string]string{
			adopt.OrgTag: strconv.FormatInt(in.OrgID, 10), adopt.WorkspaceTag: strconv.FormatInt(in.WorkspaceID, 10),
			adopt.ManagedByTag: "syncloud",
		},
		CreationTags: map[string]string{RunTag: strconv.FormatInt(in.RunID, 10)},
		Backend:      &terraform.HTTPBackend{Address: state, LockAddress: state, UnlockAddress: state, Username: BackendUsername},
	}
	if in.Endpoint != "" {
		// One endpoint entry turns on the emulator settings (skip_*, path
		// style S3); AWS_ENDPOINT_URL routes the other services.
		opts.Endpoint = &terraform.Endpoint{URL: in.Endpoint, Services: []string{"sts"}}
	}
	files, err := terraform.Render(&st, terraform.JSON, opts)
	if err != nil {
		return nil, err
	}
	return Files(files), nil
}

// tagAddresses adds its address as a tag to every uncounted managed
// resource whose type takes a tags map, merged into the tags the spec
// gives it. A resource whose tags are an expression is left alone.
func tagAddresses(st *spec.Stack) {
	for i := range st.Resources {
		r := &st.Resources[i]
		if r.Mode != spec.Managed || r.Counted() {
			continue
		}
		schema, ok := providerschema.AWS().Resource(r.Type)
		if !ok {
			continue
		}
		if a, ok := schema.Attributes["tags"]; !ok || !a.Type.Equals(cty.Map(cty.String)) {
			continue
		}
		addr := spec.String(r.Addr().String())
		v, ok := r.Body.Get("tags")
		switch {
		case !ok || v.Kind == spec.KindNull:
			r.Body.Set("tags", spec.Map(map[string]spec.Value{adopt.AddressTag: addr}))
		case v.Kind == spec.KindMap:
			m := make(map[string]spec.Value, len(v.Map)+1)
			for _, e := range v.Map {
				m[e.Key] = e.Value
			}
			m[adopt.AddressTag] = addr
			r.Body.Set("tags", spec.Map(m))
		}
	}
}

// Hash is the SHA-256 over the files in name order, each as name, NUL,
// content, NUL: the config hash runs and audit events record.
func (f Files) Hash() string {
	names := make([]string, 0, len(f))
	for n := range f {
		names = append(names, n)
	}
	slices.Sort(names)
	h := sha256.New()
	for _, n := range names {
		h.Write([]byte(n))
		h.Write([]byte{0})
		h.Write(f[n])
		h.Write([]byte{0})
	}
	return hex.EncodeToString(h.Sum(nil))
}

// Text is the files' contents by name, as the run.plan audit event
// records them: the audit log keeps the exact Terraform each plan ran,
// whose hash is config_sha256.
func (f Files) Text() map[string]string {
	m := make(map[string]string, len(f))
	for n, b := range f {
		m[n] = string(b)
	}
	return m
}

// Encode is the files as the JSON object stored with the run.
func (f Files) Encode() string {
	b, _ := json.Marshal(f.Text())
	return string(b)
}

// DecodeFiles reads files stored by Encode.
func DecodeFiles(s string) (Files, error) {
	var m map[string]string
	if err := json.Unmarshal([]byte(s), &m); err != nil {
		return nil, fmt.Errorf("decode run config: %w", err)
	}
	f := make(Files, len(m))
	for n, c := range m {
		f[n] = []byte(c)
	}
	return f, nil
}
