// Package adopt finds resources that an interrupted apply created in AWS
// but never recorded in the workspace's state, so that the next plan
// imports them instead of creating duplicates.
//
// Terraform writes state during an apply only every 20 seconds, and a
// process killed with SIGKILL writes nothing more: what it created since
// the last write exists in the account but not in the state. Every
// resource a run creates carries the platform's tags (the organization,
// the workspace, managed-by = syncloud) and its own address in the
// configuration (syncloud:address). Before a plan that would create a
// resource, Find looks for one of that type already carrying all of those
// tags with the values the plan gives it, and Config turns what it finds
// into Terraform import blocks.
//
// Only types with a lookup here are adopted (VPC, subnet, security group,
// S3 bucket, DynamoDB table, IAM role). The settings resources that hang
// off them (bucket versioning, encryption, public access block) are
// idempotent puts that the next apply simply writes again, and creating an
// SNS topic that exists returns the existing one. Other types a killed run
// created are left for the operator: the run log names the run, and the
// resources carry its tags.
package adopt

import (
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"slices"
	"strings"

	tfjson "github.com/hashicorp/terraform-json"
)

// The tags that identify a resource as one a workspace's run created at
// an address. The run's own tag (RunTag) is not among the identifying ones:
// it names whichever run created the resource.
const (
	OrgTag       = "syncloud:org"
	WorkspaceTag = "syncloud:workspace"
	AddressTag   = "syncloud:address"
	ManagedByTag = "managed-by"
	// RunTag names the run that created a resource.
	RunTag = "syncloud:run"
)

// matchTags must all be planned for a resource, and carried with the same
// values by a resource found in AWS, for the one to be adopted as the
// other.
var matchTags = []string{ManagedByTag, OrgTag, WorkspaceTag, AddressTag}

// Want is a resource a plan would create.
type Want struct {
	Address string
	Type    string
	// Region is the region of the resource's provider configuration.
	Region string
	// After is the planned object, with the tags_all the resource will
	// carry and its name where the configuration sets one.
	After map[string]any
}

// Import is a resource found in AWS that a plan should import at Address.
type Import struct {
	Address string
	Type    string
	ID      string // the ID terraform import takes for the type
	// Run is the syncloud:run tag it carries: the run that created it.
	Run string
	// Others are further resources tagged for the same address (a second
	// crash before the first orphan was adopted); they are reported, not
	// imported.
	Others []string
}

// Creates returns the managed resources a plan would create, not counting
// those it already imports.
func Creates(p *tfjson.Plan) []Want {
	var out []Want
	for _, rc := range p.ResourceChanges {
		if rc.Mode != tfjson.ManagedResourceMode || rc.Change == nil || rc.Change.Importing != nil {
			continue
		}
		if !rc.Change.Actions.Create() {
			continue
		}
		after, _ := rc.Change.After.(map[string]any)
		out = append(out, Want{Address: rc.Address, Type: rc.Type, Region: region(p, rc.Address), After: after})
	}
	return out
}

// region is the constant region of the provider configuration a
// resource of the plan's root module uses, or "".
func region(p *tfjson.Plan, address string) string {
	if p.Config == nil || p.Config.RootModule == nil {
		return ""
	}
	key := ""
	for _, r := range p.Config.RootModule.Resources {
		if r.Address == address {
			key = r.ProviderConfigKey
		}
	}
	pc, ok := p.Config.ProviderConfigs[key]
	if !ok {
		return ""
	}
	e, ok := pc.Expressions["region"]
	if !ok || e == nil || e.ExpressionData == nil {
		return ""
	}
	s, _ := e.ConstantValue.(string)
	return s
}

// tags returns the tags a want will carry when every tag that identifies
// it is known at plan time, and false otherwise.
func (w Want) tags() (map[string]string, bool) {
	all, _ := w.After["tags_all"].(map[string]any)
	out := make(map[string]string, len(matchTags))
	for _, k := range matchTags {
		v, ok := all[k].(string)
		if !ok || v == "" {
			return nil, false
		}
		out[k] = v
	}
	return out, true
}

// str is a known string attribute of the planned object, or "".
func (w Want) str(name string) string {
	s, _ := w.After[name].(string)
	return s
}

// matches reports whether a found resource's tags carry every identifying
// tag with the wanted value.
func matches(want, got map[string]string) bool {
	for _, k := range matchTags {
		if got[k] != want[k] {
			return false
		}
	}
	return true
}

// found is one resource a lookup returned, with its tags.
type found struct {
	id   string
	tags map[string]string
}

// lookup finds the resources of one type that carry the wanted tags. The
// tags are passed for server-side filtering where the API has it; matches
// is checked again on every result.
type lookup func(ctx context.Context, c *Clients, w Want, tags map[string]string) ([]found, error)

// Adoptable reports whether Find looks for resources of the type.
func Adoptable(typ string) bool {
	_, ok := lookups[typ]
	return ok
}

// Find looks in AWS for a resource behind each want whose type has a
// lookup and whose identifying tags and region are known. The lookups are
// read-only. A lookup that fails does not stop the others: the error
// names each that failed, next to what the others found.
func (f *Finder) Find(ctx context.Context, wants []Want) ([]Import, error) {
	var out []Import
	var errs []error
	for _, w := range wants {
		look, ok := lookups[w.Type]
		if !ok || w.Region == "" {
			continue
		}
		tags, ok := w.tags()
		if !ok {
			continue
		}
		fs, err := look(ctx, f.clients(w.Region), w, tags)
		if err != nil {
			errs = append(errs, fmt.Errorf("look for %s in AWS: %w", w.Address, err))
			continue
		}
		var hits []found
		for _, f := range fs {
			if matches(tags, f.tags) {
				hits = append(hits, f)
			}
		}
		if len(hits) == 0 {
			continue
		}
		slices.SortFunc(hits, func(a, b found) int { return strings.Compare(a.id, b.id) })
		imp := Import{Address: w.Address, Type: w.Type, ID: hits[0].id, Run: hits[0].tags[RunTag]}
		for _, h := range hits[1:] {
			imp.Others = append(imp.Others, h.id)
		}
		out = append(out, imp)
	}
	return out, errors.Join(errs...)
}

// FileName is the configuration file of import blocks in a run's
// directory.
const FileName = "syncloud_adopt.tf.json"

// File renders imports as a Terraform JSON configuration file of import
// blocks.
func File(imports []Import) ([]byte, error) {
	type block struct {
		To string `json:"to"`
		ID string `json:"id"`
	}
	blocks := make([]block, len(imports))
	for i, imp := range imports {
		blocks[i] = block{To: imp.Address, ID: imp.ID}
	}
	return json.MarshalIndent(map[string]any{"import": blocks}, "", "  ")
}

// Describe is a line for the run log about one import.
func (imp Import) Describe() string {
	s := fmt.Sprintf("SynCloud: %s %s exists in AWS with this workspace's tags but not in its state", imp.Address, imp.ID)
	if imp.Run != "" {
		s += fmt.Sprintf(" (created by run %s, which was interrupted)", imp.Run)
	}
	s += "; importing it instead of creating another"
	if len(imp.Others) > 0 {
		s += fmt.Sprintf("; also tagged for it and left alone: %s", strings.Join(imp.Others, ", "))
	}
	return s
}
