package terraform

import (
	"fmt"
	"strconv"

	"github.com/hashicorp/hcl/v2/hclwrite"

	"github.com/syncloud/syncloud/internal/spec"
)

// renderHCL writes the native-syntax main.tf.
func renderHCL(s *spec.Stack, provs []providerConfig, opts Options) ([]byte, error) {
	f := hclwrite.NewEmptyFile()
	root := f.Body()
	if err := writeTerraformHCL(root, opts); err != nil {
		return nil, err
	}
	for _, p := range provs {
		root.AppendNewline()
		if err := writeBodyHCL(root.AppendNewBlock("provider", []string{"aws"}).Body(), &p.Body); err != nil {
			return nil, fmt.Errorf("provider %q: %w", p.Alias, err)
		}
	}
	for i := range s.Resources {
		root.AppendNewline()
		if err := writeResourceHCL(root, &s.Resources[i]); err != nil {
			return nil, fmt.Errorf("%s: %w", s.Resources[i].Addr(), err)
		}
	}
	return hclwrite.Format(f.Bytes()), nil
}

func writeTerraformHCL(root *hclwrite.Body, opts Options) error {
	tf := root.AppendNewBlock("terraform", nil).Body()
	rp := tf.AppendNewBlock("required_providers", nil).Body()
	aws, err := valueTokens(opts.requiredProviders())
	if err != nil {
		return err
	}
	rp.SetAttributeRaw("aws", aws)
	if opts.Backend != nil {
		body := opts.Backend.body()
		if err := writeBodyHCL(tf.AppendNewBlock("backend", []string{"http"}).Body(), &body); err != nil {
			return fmt.Errorf("backend: %w", err)
		}
	}
	return nil
}

func writeResourceHCL(root *hclwrite.Body, r *spec.Resource) error {
	kind := "resource"
	if r.Mode == spec.Data {
		kind = "data"
	}
	body := root.AppendNewBlock(kind, []string{r.Type, r.Name}).Body()
	if r.Counted() {
		body.SetAttributeRaw("count", hclwrite.Tokens{numberToken(r.Count)})
	}
	if r.Provider != "" {
		if !identRe.MatchString(r.Provider) {
			return fmt.Errorf("provider alias %s is not an identifier", strconv.Quote(r.Provider))
		}
		var t tokens
		body.SetAttributeRaw("provider", t.ident("aws").dot().ident(r.Provider).toks)
	}
	if err := writeBodyHCL(body, &r.Body); err != nil {
		return err
	}
	if len(r.DependsOn) == 0 {
		return nil
	}
	deps, err := dependsOnTokens(r.DependsOn)
	if err != nil {
		return err
	}
	body.SetAttributeRaw("depends_on", deps)
	return nil
}

func dependsOnTokens(addrs []spec.Address) (hclwrite.Tokens, error) {
	deps := make([]hclwrite.Tokens, len(addrs))
	for i, d := range addrs {
		t, err := addrTokens(d)
		if err != nil {
			return nil, fmt.Errorf("depends_on: %w", err)
		}
		deps[i] = t
	}
	return hclwrite.TokensForTuple(deps), nil
}

// writeBodyHCL writes attributes, then nested blocks, in spec order. Blocks
// for attributes of type list-of-object stay blocks: native syntax allows it
// and unset attributes may be left out.
func writeBodyHCL(out *hclwrite.Body, b *spec.Body) error {
	for _, a := range b.Attrs {
		if !identRe.MatchString(a.Name) {
			return fmt.Errorf("%s is not an attribute name", strconv.Quote(a.Name))
		}
		t, err := valueTokens(a.Value)
		if err != nil {
			return fmt.Errorf("%s: %w", a.Name, err)
		}
		out.SetAttributeRaw(a.Name, t)
	}
	for i := range b.Blocks {
		blk := &b.Blocks[i]
		if !identRe.MatchString(blk.Type) {
			return fmt.Errorf("%s is not a block type", strconv.Quote(blk.Type))
		}
		if err := writeBodyHCL(out.AppendNewBlock(blk.Type, nil).Body(), &blk.Body); err != nil {
			return fmt.Errorf("%s: %w", blk.Type, err)
		}
	}
	return nil
}
